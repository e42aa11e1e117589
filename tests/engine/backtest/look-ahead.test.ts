/**
 * Look-ahead is impossible by construction: every value after a rebalance date t is replaced by NaN
 * or by huge numbers (returns, risk-free rate, features, even the date labels), and every decision
 * up to and including t must be bit-for-bit the same as on clean data. The strategies read as much
 * as the view allows, so any leak would change (or NaN) their weights.
 */

import { describe, expect, it } from 'vitest';
import {
  PastView,
  createCostModel,
  meanVarianceStrategy,
  minimumVarianceStrategy,
  runWalkForward,
} from '../../../src/main/engine/backtest/index';
import type { BacktestData, BacktestResult, Strategy, StrategyFunction } from '../../../src/main/engine/backtest/index';
import { randomPanel, seededUniform } from './backtest-fixture';

const T = 48;
const N = 5;
const LOOKBACK = 12;
const MACRO_WIDTH = 3;

function cleanData(): BacktestData {
  const base = randomPanel(T, N, 7);
  const uniform = seededUniform(11);
  const macro = Float64Array.from({ length: T * MACRO_WIDTH }, () => uniform() - 0.5);
  const riskFree = Float64Array.from({ length: T }, () => 0.001 + 0.002 * uniform());
  return { ...base, riskFree, features: { macro: { values: macro, width: MACRO_WIDTH } } };
}

/** A copy of `data` with every row after `t` poisoned. */
function poisonAfter(data: BacktestData, t: number): BacktestData {
  const returns = data.returns.slice();
  for (let k = (t + 1) * N; k < returns.length; k++) returns[k] = k % 2 === 0 ? Number.NaN : 1e6;
  const riskFree = data.riskFree!.slice();
  riskFree.fill(1e6, t + 1);
  const macro = data.features!.macro.values.slice();
  macro.fill(Number.NaN, (t + 1) * MACRO_WIDTH);
  const dates = data.dates.map((date, s) => (s > t ? `9999-${String(s).padStart(4, '0')}` : date));
  return { ...data, returns, riskFree, dates, features: { macro: { values: macro, width: MACRO_WIDTH } } };
}

/**
 * Reads everything the view offers — all rows of returns, dates, risk-free rate and features — and
 * lets every value move the weights (softmax of a checksum per asset).
 */
const greedy: StrategyFunction = function greedy(view, context) {
  const rows = view.available;
  const returns = view.returns(rows);
  const macro = view.feature('macro', rows).values;
  const riskFree = view.riskFree(rows);
  const labels = view.dates(rows).join('').length;
  let global = labels * 1e-6;
  for (const value of macro) global += value;
  for (const value of riskFree) global += 10 * value;
  const universe = view.universe();
  const scores = new Float64Array(view.n);
  for (let i = 0; i < view.n; i++) {
    let score = 0;
    for (let s = 0; s < rows; s++) score += returns[s * view.n + i] * (1 + s / rows);
    scores[i] = universe[i] === 1 ? Math.exp(score + 0.1 * Math.tanh(global) + context.previousWeights[i]) : 0;
  }
  let total = 0;
  for (const value of scores) total += value;
  return { weights: scores.map((value) => value / total), diagnostics: { global } };
};

const OPTIONS = { frequency: 'monthly' as const, lookback: LOOKBACK, rebalanceEvery: 4, costModel: createCostModel({ proportionalBps: 10, slippageBps: 5 }) };

function expectSameDecisions(clean: BacktestResult, poisoned: BacktestResult, t: number): void {
  const count = poisoned.rebalances.length;
  expect(poisoned.rebalances[count - 1].index, 'the poisoned run rebalances last at t').toBe(t);
  for (let k = 0; k < count; k++) {
    const label = `rebalance at row ${clean.rebalances[k].index} (data poisoned after row ${t})`;
    expect(Array.from(poisoned.weights.subarray(k * N, (k + 1) * N)), label).toEqual(Array.from(clean.weights.subarray(k * N, (k + 1) * N)));
    expect(poisoned.rebalances[k].diagnostics, label).toEqual(clean.rebalances[k].diagnostics);
    expect(poisoned.rebalances[k].status, label).toBe(clean.rebalances[k].status);
  }
}

describe('poisoning the future leaves every past decision unchanged', () => {
  const data = cleanData();
  const strategies: (Strategy | StrategyFunction)[] = [
    greedy,
    minimumVarianceStrategy({ estimator: 'ledoit-wolf', upper: 0.5 }),
    meanVarianceStrategy({ estimator: 'qis', gamma: 5 }),
  ];
  for (const strategy of strategies) {
    const name = typeof strategy === 'function' ? strategy.name : strategy.name;
    it(name, () => {
      const clean = runWalkForward(data, strategy, OPTIONS);
      const rows = clean.rebalances.map((record) => record.index);
      expect(rows.length).toBeGreaterThanOrEqual(8);
      for (const t of rows) {
        const poisoned = runWalkForward(poisonAfter(data, t), strategy, { ...OPTIONS, end: t + 1 });
        expectSameDecisions(clean, poisoned, t);
      }
    });
  }

  it('the greedy strategy does see a change at t itself (the test can fail)', () => {
    const clean = runWalkForward(data, greedy, OPTIONS);
    const t = clean.rebalances[3].index;
    const returns = data.returns.slice();
    returns[t * N + 2] += 0.01;
    const nudged = runWalkForward({ ...data, returns }, greedy, { ...OPTIONS, end: t + 1 });
    expect(Array.from(nudged.weights.subarray(0, 3 * N))).toEqual(Array.from(clean.weights.subarray(0, 3 * N)));
    const same = Array.from(nudged.weights.subarray(3 * N, 4 * N)).every((value, i) => value === clean.weights[3 * N + i]);
    expect(same).toBe(false);
  });
});

describe('PastView bounds', () => {
  const data = cleanData();
  const view = new PastView(data.returns, N, data.dates, ['a', 'b', 'c', 'd', 'e'], 20, LOOKBACK, data.riskFree, data.features);

  it('refuses windows reaching before row 0 and hands out copies of rows ≤ t only', () => {
    expect(view.available).toBe(21);
    expect(() => view.returns(22)).toThrow(/lookback 22 exceeds the 21 periods available up to 2001-09/);
    expect(() => view.feature('macro', 22)).toThrow(/exceeds the 21 periods/);
    expect(() => view.returns(0)).toThrow(/lookback must be a positive integer/);
    expect(() => view.feature('prices')).toThrow(/no feature block 'prices' \(have: macro\)/);
    const all = view.returns(21);
    expect(all.length).toBe(21 * N);
    expect(all.buffer.byteLength).toBe(21 * N * 8);
    expect(Array.from(all)).toEqual(Array.from(data.returns.subarray(0, 21 * N)));
    all[0] = 99;
    expect(view.returns(21)[0]).toBe(data.returns[0]);
    expect(view.dates(3)).toEqual(data.dates.slice(18, 21));
  });

  it('exposes no property holding data beyond t, and cannot be modified', () => {
    for (const key of Reflect.ownKeys(view)) {
      const value = (view as unknown as Record<string | symbol, unknown>)[key];
      if (ArrayBuffer.isView(value)) throw new Error(`view.${String(key)} is a typed array`);
      if (Array.isArray(value)) expect(value.length, `view.${String(key)}`).toBeLessThanOrEqual(N);
    }
    expect(JSON.stringify(view).length).toBeLessThan(400);
    expect(Object.isFrozen(view)).toBe(true);
    expect(() => {
      (view as unknown as { index: number }).index = 40;
    }).toThrow();
  });

  it('universeReturns compacts the complete assets and maps columns back', () => {
    const returns = data.returns.slice();
    returns[15 * N + 1] = Number.NaN;
    const gappy = new PastView(returns, N, data.dates, ['a', 'b', 'c', 'd', 'e'], 20, LOOKBACK);
    expect(Array.from(gappy.universe())).toEqual([1, 0, 1, 1, 1]);
    expect(Array.from(gappy.universe(5))).toEqual([1, 1, 1, 1, 1]);
    const window = gappy.universeReturns();
    expect(window.indices).toEqual([0, 2, 3, 4]);
    expect(window.returns[0]).toBe(returns[9 * N]);
    expect(window.returns[window.returns.length - 1]).toBe(returns[20 * N + 4]);
  });
});
