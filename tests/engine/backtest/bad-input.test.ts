/**
 * Every bad input gets a clear error naming the argument and the problem, and a solver failure in
 * the middle of a backtest becomes a recorded status with finite metrics, never NaN.
 */

import { describe, expect, it } from 'vitest';
import { createCostModel, equalWeightStrategy, runWalkForward } from '../../../src/main/engine/backtest/index';
import type { BacktestData, StrategyFunction, WalkForwardOptions } from '../../../src/main/engine/backtest/index';
import { minimumVariance } from '../../../src/main/engine/portfolio/minimum-variance';
import { ledoitWolf } from '../../../src/main/engine/risk/estimators/ledoit-wolf';
import { expectClose, randomPanel } from './backtest-fixture';

const costModel = createCostModel({ proportionalBps: 10 });
const OPTIONS: WalkForwardOptions = { frequency: 'monthly', lookback: 12, costModel };
const data = randomPanel(30, 3, 3);
const fixed = (weights: number[], status?: string): StrategyFunction => () => ({ weights: Float64Array.from(weights), ...(status ? { status } : {}) });

describe('data too short for the lookback', () => {
  it('says how many periods are needed and how many there are', () => {
    expect(() => runWalkForward(randomPanel(10, 3, 1), equalWeightStrategy(), OPTIONS)).toThrow(
      /data too short for the lookback: the first rebalance needs 12 periods of history and 1 more to earn a return \(T ≥ 13\), but the data has 10 periods \(2000-01 … 2000-10\)/,
    );
    expect(() => runWalkForward(randomPanel(12, 3, 1), equalWeightStrategy(), OPTIONS)).toThrow(/T ≥ 13\), but the data has 12 periods/);
    expect(() => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, warmup: 30 })).toThrow(/needs 30 periods of history .*\(T ≥ 31\)/);
  });

  it('names the earliest possible start when the requested start is too early', () => {
    expect(() => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, start: '2000-06' })).toThrow(
      /the first rebalance at 2000-05 \(row 4\) has 5 periods of history, but 12 are needed; start out of sample on or after 2001-01/,
    );
    expect(() => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, start: 0 })).toThrow(/before the first row/);
  });

  it('rejects an out-of-sample span with no period', () => {
    expect(() => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, start: '2001-06', end: '2001-04' })).toThrow(/no out-of-sample period/);
  });
});

describe('universe', () => {
  it('fails clearly when every asset has a missing return in the window', () => {
    const returns = data.returns.slice();
    for (let j = 0; j < 3; j++) returns[(14 + j) * 3 + j] = Number.NaN;
    expect(() => runWalkForward({ ...data, returns }, equalWeightStrategy(), OPTIONS)).toThrow(
      /empty universe at 2001-05: every asset has a missing return in the 12 periods 2000-06 … 2001-05/,
    );
  });

  it('rejects a weight on an asset outside the universe', () => {
    const returns = data.returns.slice();
    returns[5 * 3 + 1] = Number.NaN;
    expect(() => runWalkForward({ ...data, returns, assets: ['A', 'B', 'C'] }, fixed([0.4, 0.3, 0.3]), OPTIONS)).toThrow(
      /at 2000-12 \(rebalance 1 of 18\): weight 0.3 on 'B' \(index 1\), which has a missing return in the lookback window; weights outside the universe must be 0/,
    );
  });
});

describe('malformed strategy output', () => {
  it('NaN, wrong length, wrong type, off-budget', () => {
    expect(() => runWalkForward(data, fixed([0.5, Number.NaN, 0.5]), OPTIONS)).toThrow(/strategy 'strategy' at 2000-12 .*: weight of 'asset 1' \(index 1\) is NaN, with status 'ok'/);
    expect(() => runWalkForward(data, fixed([0.5, 0.5]), OPTIONS)).toThrow(/weights have length 2, expected N = 3/);
    expect(() => runWalkForward(data, () => ({ weights: [1, 0, 0] as unknown as Float64Array }), OPTIONS)).toThrow(/weights must be a Float64Array of length N = 3/);
    expect(() => runWalkForward(data, fixed([0.5, 0.25, 0.125]), OPTIONS)).toThrow(/weights sum to 0.875, expected the budget 1 \(tolerance 1e-4\)/);
    expect(() => runWalkForward(data, () => null as never, OPTIONS)).toThrow(/returned null, expected \{ weights, status\? \}/);
    expect(() => runWalkForward(data, fixed([1, 0, 0], 7 as unknown as string), OPTIONS)).toThrow(/status must be a string/);
  });

  it('accepts an off-budget portfolio when the budget is null (rest in cash)', () => {
    const result = runWalkForward(data, fixed([0.5, 0.3, 0.1]), { ...OPTIONS, budget: null });
    expect(result.metrics.failedRebalances).toBe(0);
  });

  it('wraps a throwing strategy with its name, date and the original error as cause', () => {
    const broken = { name: 'broken', rebalance: () => { throw new RangeError('boom'); } };
    let caught: unknown;
    try {
      runWalkForward(data, broken, OPTIONS);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toBe("strategy 'broken' at 2000-12 (rebalance 1 of 18) threw: boom");
    expect((caught as Error).cause).toBeInstanceOf(RangeError);
  });

  it('rejects a portfolio that loses all its value', () => {
    const returns = data.returns.slice();
    returns[14 * 3] = -0.6;
    expect(() => runWalkForward({ ...data, returns }, fixed([3, -2, 0]), OPTIONS)).toThrow(/the portfolio lost all its value in 2001-03 \(row 14\)/);
  });
});

describe('an infeasible solve mid-backtest is a recorded status, not NaN metrics', () => {
  // Long-only GMV with caps; at the third rebalance the cap 0.2 × 3 assets < 1 makes the QP infeasible.
  const capped: StrategyFunction = function capped(view, context) {
    const window = view.universeReturns();
    const result = minimumVariance(ledoitWolf(window.returns, window.t, window.k).model, { longOnly: true, upper: context.rebalance === 2 ? 0.2 : 1 });
    return { weights: result.weights, status: result.status };
  };
  const result = runWalkForward(data, capped, { ...OPTIONS, rebalanceEvery: 3 });

  it('keeps the drifted weights, trades nothing and counts the failure', () => {
    const record = result.rebalances[2];
    expect(record.status).toBe('primal-infeasible');
    expect(record.executed).toBe(false);
    expect(record.turnover).toBe(0);
    expect(record.cost).toBe(0);
    const period = record.index - result.rebalances[0].index;
    expectClose(result.weights.subarray(6, 9), result.holdings.subarray(period * 3, (period + 1) * 3), 0, 'weights kept = holdings of the next period');
    expect(result.costs[period]).toBe(0);
    expect(result.metrics.failedRebalances).toBe(1);
    expect(result.metrics.statusCounts).toEqual({ solved: result.rebalances.length - 1, 'primal-infeasible': 1 });
  });

  it('reports finite metrics and series', () => {
    for (const [key, value] of Object.entries(result.metrics)) {
      if (typeof value === 'number') expect(Number.isFinite(value), `metrics.${key} = ${value}`).toBe(true);
    }
    for (const series of [result.netReturns, result.weights, result.holdings, result.equity]) {
      expect(series.every((value) => Number.isFinite(value))).toBe(true);
    }
  });

  it('holds cash when the very first rebalance fails', () => {
    const first = runWalkForward(data, fixed([Number.NaN, Number.NaN, Number.NaN], 'max-iterations'), OPTIONS);
    expect(first.metrics.failedRebalances).toBe(first.rebalances.length);
    expect(first.netReturns.every((value) => value === 0)).toBe(true);
    expect(first.metrics.effectiveN).toBeNull();
    expect(first.metrics.sharpe).toBeNull();
  });
});

describe('malformed data and options', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['Infinity in returns', () => runWalkForward({ ...data, returns: Object.assign(data.returns.slice(), { 4: Infinity }) }, equalWeightStrategy(), OPTIONS), /data.returns\[row 1 \(2000-02\), column 1\] is Infinity/],
    ['return below −1', () => runWalkForward({ ...data, returns: Object.assign(data.returns.slice(), { 4: -1.5 }) }, equalWeightStrategy(), OPTIONS), /= -1.5 < −1: a simple return cannot lose more than 100 %/],
    ['wrong returns length', () => runWalkForward({ ...data, t: 31 }, equalWeightStrategy(), OPTIONS), /data.returns has length 90, expected T × N = 31 × 3 = 93/],
    ['returns not Float64Array', () => runWalkForward({ ...data, returns: Array.from(data.returns) as unknown as Float64Array }, equalWeightStrategy(), OPTIONS), /data.returns must be a Float64Array/],
    ['dates not increasing', () => runWalkForward({ ...data, dates: data.dates.map((d, s) => (s === 5 ? '1999-01' : d)) }, equalWeightStrategy(), OPTIONS), /data.dates must be strictly increasing: '2000-05' \(row 4\) is not before '1999-01' \(row 5\)/],
    ['dates wrong length', () => runWalkForward({ ...data, dates: data.dates.slice(1) }, equalWeightStrategy(), OPTIONS), /data.dates must be an array of T = 30 labels, got length 29/],
    ['duplicate asset', () => runWalkForward({ ...data, assets: ['A', 'B', 'A'] }, equalWeightStrategy(), OPTIONS), /data.assets has 'A' twice/],
    ['NaN risk-free', () => runWalkForward({ ...data, riskFree: new Float64Array(30).fill(Number.NaN) }, equalWeightStrategy(), OPTIONS), /data.riskFree\[0\] \(2000-01\) is NaN: must be finite/],
    ['bad feature block', () => runWalkForward({ ...data, features: { macro: { values: new Float64Array(5), width: 2 } } }, equalWeightStrategy(), OPTIONS), /data.features\['macro'\].values must be a Float64Array of length T × width = 30 × 2/],
    ['no cost model', () => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, costModel: undefined as never }), /options.costModel is required/],
    ['unknown frequency', () => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, frequency: 'hourly' as never }), /options.frequency must be one of daily, weekly, monthly, quarterly, annual/],
    ['zero periods per year', () => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, frequency: 0 }), /periods per year must be finite and > 0/],
    ['lookback 0', () => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, lookback: 0 }), /options.lookback must be a positive integer/],
    ['warm-up below lookback', () => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, warmup: 6 }), /options.warmup = 6 is shorter than options.lookback = 12/],
    ['rebalanceEvery 1.5', () => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, rebalanceEvery: 1.5 }), /options.rebalanceEvery must be a positive integer/],
    ['retrainEvery -1', () => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, retrainEvery: -1 }), /options.retrainEvery must be a positive integer/],
    ['unknown rebalance date', () => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, rebalanceAt: ['2001-01', '2001-13'] }), /options.rebalanceAt\[1\] = '2001-13' is not a date of the data/],
    ['rebalance dates out of order', () => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, rebalanceAt: ['2001-06', '2001-03'] }), /options.rebalanceAt must be strictly increasing/],
    ['rebalance row out of range', () => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, rebalanceAt: [40] }), /options.rebalanceAt\[0\] = 40 is not a row of the data \(0 … 29\)/],
    ['start after the data', () => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, start: '2009-01' }), /options.start = '2009-01' is after the last date of the data \(2002-06\)/],
    ['end before the data', () => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, end: '1999' }), /options.end = '1999' is before the first date of the data/],
    ['NaN budget', () => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, budget: Number.NaN }), /options.budget must be a finite number or null/],
    ['initial weights wrong length', () => runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, initialWeights: new Float64Array(2) }), /options.initialWeights must be a Float64Array of length N = 3/],
    ['not a strategy', () => runWalkForward(data, {} as never, OPTIONS), /strategy must be a function or an object with a rebalance\(view, context\) method/],
    ['negative bps', () => createCostModel({ proportionalBps: -1 }), /costModel.proportionalBps must be a finite number of basis points ≥ 0, got -1/],
    ['NaN slippage', () => createCostModel({ proportionalBps: 1, slippageBps: Number.NaN }), /costModel.slippageBps must be a finite number/],
    ['cost of the whole trade', () => createCostModel({ proportionalBps: 1e4 }), /is 100 % or more of the traded value/],
  ];
  it.each(cases)('%s', (_label, run, message) => {
    expect(run).toThrow(message);
  });

  it('never mutates its inputs', () => {
    const withExtras: BacktestData = { ...data, riskFree: new Float64Array(30).fill(0.001), features: { macro: { values: new Float64Array(60).fill(0.5), width: 2 } } };
    const before = JSON.stringify({ ...withExtras, returns: Array.from(withExtras.returns), riskFree: Array.from(withExtras.riskFree!), macro: Array.from(withExtras.features!.macro.values) });
    const initial = new Float64Array([0.2, 0.3, 0.5]);
    const mutating: StrategyFunction = (view, context) => {
      view.returns().fill(9);
      context.previousWeights.fill(9);
      return { weights: new Float64Array([1, 0, 0]) };
    };
    runWalkForward(withExtras, mutating, { ...OPTIONS, initialWeights: initial });
    const after = JSON.stringify({ ...withExtras, returns: Array.from(withExtras.returns), riskFree: Array.from(withExtras.riskFree!), macro: Array.from(withExtras.features!.macro.values) });
    expect(after).toBe(before);
    expect(Array.from(initial)).toEqual([0.2, 0.3, 0.5]);
  });
});
