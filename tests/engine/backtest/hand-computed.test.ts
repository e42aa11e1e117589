/**
 * Small cases whose every number is worked out by hand in the test: drift, cost timing, cash at the
 * risk-free rate, a missing return inside a holding period, and each metric's definition.
 */

import { describe, expect, it } from 'vitest';
import { computeMetrics, createCostModel, equalWeightStrategy, runWalkForward } from '../../../src/main/engine/backtest/index';
import type { RebalanceSummary, StrategyFunction } from '../../../src/main/engine/backtest/index';
import { expectClose, expectScalarClose, panel } from './backtest-fixture';

/** A few additions and one division per figure: a few ulps of O(1) values. */
const TOL = 1e-15;

describe('drift and costs, 2 assets, 4 periods, equal weight rebalanced every 2 periods, 10 bps', () => {
  const data = panel([
    [0, 0],
    [0.1, -0.05],
    [0.2, 0.1],
    [-0.1, 0.05],
  ]);
  const result = runWalkForward(data, equalWeightStrategy(), {
    frequency: 'monthly',
    lookback: 1,
    rebalanceEvery: 2,
    costModel: createCostModel({ proportionalBps: 10 }),
  });
  // Rebalance at row 0 (from cash: ‖Δw‖₁ = 1) and row 2 (back from the drifted weights).
  const drifted2 = [0.66 / 1.1825, 0.5225 / 1.1825];
  const traded2 = Math.abs(0.5 - drifted2[0]) + Math.abs(0.5 - drifted2[1]);

  it('schedules rows 0 and 2 and earns rows 1 … 3', () => {
    expect(result.rebalances.map((record) => record.index)).toEqual([0, 2]);
    expect(result.dates).toEqual(['2000-02', '2000-03', '2000-04']);
  });

  it('drifts w_i(1 + r_i)/(1 + r_p) between rebalances', () => {
    expectClose(result.holdings, [0.5, 0.5, 0.55 / 1.025, 0.475 / 1.025, 0.5, 0.5], TOL, 'holdings');
    expectClose(result.weights, [0.5, 0.5, 0.5, 0.5], 0, 'weights after rebalancing');
  });

  it('charges κ‖Δw‖₁ to the period after the trade', () => {
    expectClose(result.costs, [0.001, 0, 0.001 * traded2], TOL, 'costs');
    expectClose(result.grossReturns, [0.025, 0.1575 / 1.025, -0.025], TOL, 'gross');
    expectClose(result.netReturns, [0.024, 0.1575 / 1.025, -0.025 - 0.001 * traded2], TOL, 'net');
    expectClose(
      result.rebalances.map((record) => record.turnover),
      [0.5, traded2 / 2],
      TOL,
      'one-way turnover',
    );
    expectScalarClose(traded2, 0.1375 / 1.1825, TOL, '‖Δw‖₁ at row 2');
  });

  it('compounds the equity curve and reads the drawdown off it', () => {
    const e1 = 1.024;
    const e2 = e1 * (1 + 0.1575 / 1.025);
    const e3 = e2 * (1 - 0.025 - 0.001 * traded2);
    expectClose(result.equity, [e1, e2, e3], TOL, 'equity');
    expectClose(result.drawdown, [0, 0, e3 / e2 - 1], TOL, 'drawdown');
    expectScalarClose(result.metrics.maxDrawdown, 1 - e3 / e2, TOL, 'max drawdown');
    expectScalarClose(result.metrics.totalCost, 0.001 + 0.001 * traded2, TOL, 'total cost');
    expect(result.metrics.hitRate).toBe(2 / 3);
  });
});

describe('cash earns the risk-free rate when weights do not sum to 1 (budget: null)', () => {
  it('gross = wᵀr + (1 − Σw)·rf, and cash drifts at rf', () => {
    const data = { ...panel([[0, 0], [0.1, -0.1], [0.05, 0.02]]), riskFree: new Float64Array([0.01, 0.01, 0.02]) };
    const halfInvested: StrategyFunction = () => ({ weights: new Float64Array([0.3, 0.2]) });
    const result = runWalkForward(data, halfInvested, {
      frequency: 'monthly',
      lookback: 1,
      rebalanceEvery: 2,
      budget: null,
      costModel: createCostModel({ proportionalBps: 0 }),
    });
    const gross1 = 0.3 * 0.1 + 0.2 * -0.1 + 0.5 * 0.01;
    const held = [(0.3 * 1.1) / (1 + gross1), (0.2 * 0.9) / (1 + gross1)];
    const cash = (0.5 * 1.01) / (1 + gross1);
    const gross2 = held[0] * 0.05 + held[1] * 0.02 + cash * 0.02;
    expectClose(result.grossReturns, [gross1, gross2], TOL, 'gross with cash');
    expectScalarClose(1 - held[0] - held[1], cash, TOL, 'cash = 1 − Σw after drift');
    expectClose(result.riskFree, [0.01, 0.02], 0, 'out-of-sample risk-free');
    expect(result.rebalances.length).toBe(1);
  });
});

describe('a held asset with a missing return inside the holding period', () => {
  it('takes the return as 0, drifts with it, and counts it per asset', () => {
    const data = panel([
      [0.01, 0.02],
      [0.1, Number.NaN],
      [0.05, 0.02],
    ]);
    const result = runWalkForward(data, equalWeightStrategy(), {
      frequency: 'monthly',
      lookback: 1,
      rebalanceEvery: 5,
      costModel: createCostModel({ proportionalBps: 0 }),
    });
    const gross1 = 0.5 * 0.1;
    expectClose(result.grossReturns, [gross1, ((0.5 * 1.1) / 1.05) * 0.05 + (0.5 / 1.05) * 0.02], TOL, 'gross');
    expect(result.missingHeldReturns).toBe(1);
    expect(result.missingHeldByAsset).toEqual([0, 1]);
  });

  it('does not count a missing return of an asset that is not held', () => {
    const data = panel([
      [0.01, Number.NaN],
      [0.1, Number.NaN],
      [0.05, 0.02],
    ]);
    const result = runWalkForward(data, equalWeightStrategy(), {
      frequency: 'monthly',
      lookback: 1,
      costModel: createCostModel({ proportionalBps: 0 }),
    });
    expect(result.rebalances.map((record) => record.universeSize)).toEqual([1, 1]);
    expect(result.missingHeldReturns).toBe(0);
    expectClose(result.weights, [1, 0, 1, 0], 0, 'only the complete asset is held');
  });
});

describe('computeMetrics by hand', () => {
  const summary = (rows: number[][], turnover: number[]): RebalanceSummary => ({
    turnover,
    weights: Float64Array.from(rows.flat()),
    n: rows[0].length,
    statuses: turnover.map(() => 'ok'),
    executed: turnover.map(() => true),
  });
  const net = new Float64Array([0.1, -0.05, 0.02, -0.01]);
  const zeros = new Float64Array(4);
  const metrics = computeMetrics(net, zeros, new Float64Array([0.002, 0, 0.001, 0]), 12, summary([[0.5, 0.5], [0.7, 0.3]], [0.5, 0.2]));
  const std = Math.sqrt((0.085 ** 2 + 0.065 ** 2 + 0.005 ** 2 + 0.025 ** 2) / 3);
  const equity = 1.1 * 0.95 * 1.02 * 0.99;

  it('annualises mean ×12, std ×√12, and compounds CAGR over 4/12 years', () => {
    expectScalarClose(metrics.annualisedReturn, 0.18, TOL, 'annualised return');
    expectScalarClose(metrics.volatility, Math.sqrt(12) * std, TOL, 'volatility');
    expectScalarClose(metrics.sharpe, (Math.sqrt(12) * 0.015) / std, 1e-14, 'Sharpe');
    expectScalarClose(metrics.sortino, (12 * 0.015) / (Math.sqrt(12) * Math.sqrt((0.05 ** 2 + 0.01 ** 2) / 4)), 1e-14, 'Sortino');
    expectScalarClose(metrics.finalEquity, equity, TOL, 'final equity');
    expectScalarClose(metrics.cagr, equity ** 3 - 1, TOL, 'CAGR');
    expectScalarClose(metrics.years, 1 / 3, TOL, 'years');
  });

  it('measures drawdown from the running peak (1.1 → 1.045) and Calmar from it', () => {
    expectScalarClose(metrics.maxDrawdown, 0.05, TOL, 'max drawdown');
    // CAGR uses E^(1/years) with 1/years = 1/(4/12), not exactly 3: a few ulps of the exponent, ×20 by /0.05.
    expectScalarClose(metrics.calmar, (equity ** 3 - 1) / 0.05, 1e-13, 'Calmar');
    expect(metrics.hitRate).toBe(0.5);
  });

  it('averages turnover and 1/HHI over rebalances and annualises turnover and cost by years', () => {
    expectScalarClose(metrics.turnover, 0.35, TOL, 'mean one-way turnover');
    expectScalarClose(metrics.annualisedTurnover, 0.7 * 3, TOL, 'annualised turnover');
    expectScalarClose(metrics.effectiveN, (2 + 1 / (0.49 + 0.09)) / 2, TOL, 'effective N');
    expectScalarClose(metrics.totalCost, 0.003, TOL, 'total cost');
    expectScalarClose(metrics.annualisedCost, 0.009, TOL, 'annualised cost');
  });

  it('measures Sharpe and Sortino on returns in excess of the risk-free rate', () => {
    const rf = new Float64Array([0.01, 0.01, 0.01, 0.01]);
    const excess = computeMetrics(net, rf, zeros, 12, summary([[1, 0]], [0]));
    expectScalarClose(excess.sharpe, (Math.sqrt(12) * 0.005) / std, 1e-14, 'excess Sharpe');
    const downside = Math.sqrt((0.06 ** 2 + 0.02 ** 2) / 4);
    expectScalarClose(excess.sortino, (12 * 0.005) / (Math.sqrt(12) * downside), 1e-14, 'excess Sortino');
    expectScalarClose(excess.annualisedReturn, 0.18, TOL, 'raw (not excess) annualised return');
  });

  it('reports null, not NaN or Infinity, where a ratio is undefined', () => {
    const single = computeMetrics(new Float64Array([0.01]), new Float64Array(1), new Float64Array(1), 12, summary([[1, 0]], [1]));
    expect(single.volatility).toBeNull();
    expect(single.sharpe).toBeNull();
    expect(single.sortino).toBeNull();
    expect(single.calmar).toBeNull();
    const allCash = computeMetrics(new Float64Array([0, 0]), new Float64Array(2), new Float64Array(2), 52, summary([[0, 0]], [0]));
    expect(allCash.effectiveN).toBeNull();
    expect(allCash.sharpe).toBeNull();
    expect(allCash.maxDrawdown).toBe(0);
    for (const value of Object.values(allCash)) if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
  });

  it('rejects empty and non-finite series and a total loss', () => {
    const s = summary([[1]], [0]);
    expect(() => computeMetrics(new Float64Array(0), new Float64Array(0), new Float64Array(0), 12, s)).toThrow(/netReturns is empty/);
    expect(() => computeMetrics(new Float64Array([Number.NaN]), new Float64Array(1), new Float64Array(1), 12, s)).toThrow(/netReturns\[0\] is NaN/);
    expect(() => computeMetrics(new Float64Array([0.1]), new Float64Array(2), new Float64Array(1), 12, s)).toThrow(/riskFree must be a Float64Array of length 1/);
    expect(() => computeMetrics(new Float64Array([-1]), new Float64Array(1), new Float64Array(1), 12, s)).toThrow(/lost all its value/);
    expect(() => computeMetrics(new Float64Array([0.1]), new Float64Array(1), new Float64Array(1), 0, s)).toThrow(/periodsPerYear/);
  });
});
