/**
 * The engine against an independent numpy walk-forward (tests/fixtures/backtest.py) on Ken French
 * industry returns: 10 industries 1990–2021 (equal weight quarterly; inverse volatility monthly with
 * the T-bill as risk-free rate and an explicit out-of-sample span), and 49 industries 1926–1955 whose
 * missing codes make the universe change and leave a held industry (Rubbr, 1943-07 … 1943-12)
 * without returns for six months.
 */

import { describe, expect, it } from 'vitest';
import { createCostModel, equalWeightStrategy, inverseVolatilityStrategy, runWalkForward } from '../../../src/main/engine/backtest/index';
import type { BacktestMetrics } from '../../../src/main/engine/backtest/index';
import { dataOf, expectClose, expectScalarClose, fixture } from './backtest-fixture';

/**
 * Both sides sum ≤ 364 terms of O(0.1) and compound ≤ 364 factors; measured worst difference
 * ≈ 7e-15 (effective N, equity), so 1e-12 leaves room for summation order without hiding a real error.
 */
const TOL = 1e-12;

describe('runWalkForward matches the numpy reference', () => {
  for (const testCase of fixture.cases) {
    it(testCase.name, () => {
      const { options, expected } = testCase;
      const strategy = testCase.strategy === 'equal-weight' ? equalWeightStrategy() : inverseVolatilityStrategy();
      const result = runWalkForward(dataOf(testCase), strategy, {
        frequency: 'monthly',
        lookback: options.lookback,
        rebalanceEvery: options.rebalanceEvery,
        costModel: createCostModel({ proportionalBps: options.proportionalBps, slippageBps: options.slippageBps }),
        ...(options.start ? { start: options.start } : {}),
        ...(options.end ? { end: options.end } : {}),
      });
      expect(result.rebalances.map((record) => record.index)).toEqual(expected.rebalanceRows);
      expect(result.dates).toEqual(testCase.dates.slice(expected.rebalanceRows[0] + 1, expected.end + 1));
      expectClose(result.weights, expected.weights, TOL, 'weights after each rebalance');
      expectClose(result.holdings, expected.holdings, TOL, 'holdings (drifted weights) per period');
      expectClose(
        result.rebalances.map((record) => record.turnover),
        expected.turnover,
        TOL,
        'one-way turnover per rebalance',
      );
      expectClose(result.grossReturns, expected.grossReturns, TOL, 'gross returns');
      expectClose(result.costs, expected.costs, TOL, 'costs');
      expectClose(result.netReturns, expected.netReturns, TOL, 'net returns');
      expectClose(result.equity, expected.equity, TOL, 'equity');
      expectClose(result.drawdown, expected.drawdown, TOL, 'drawdown');
      expect(result.missingHeldByAsset).toEqual(expected.missingHeldByAsset);
      const keys = Object.keys(expected.metrics) as (keyof BacktestMetrics & keyof typeof expected.metrics)[];
      for (const key of keys) {
        expectScalarClose(result.metrics[key] as number | null, expected.metrics[key], TOL, `metrics.${key}`);
      }
      expect(result.metrics.failedRebalances).toBe(0);
      expect(result.metrics.statusCounts).toEqual({ ok: expected.rebalanceRows.length });
    });
  }

  it('exercises the missing-return policy on real data: Rubbr held through its 1943-07 … 1943-12 gap', () => {
    const testCase = fixture.cases.find((c) => c.name === 'ff49-inverse-volatility-missing');
    expect(testCase).toBeDefined();
    const result = runWalkForward(dataOf(testCase!), inverseVolatilityStrategy(), {
      frequency: 'monthly',
      lookback: 36,
      rebalanceEvery: 6,
      costModel: createCostModel({ proportionalBps: 10, slippageBps: 5 }),
    });
    const rubber = testCase!.assets.indexOf('Rubbr');
    expect(result.missingHeldByAsset[rubber]).toBe(6);
    expect(result.missingHeldReturns).toBe(6);
    const universeSizes = result.rebalances.map((record) => record.universeSize);
    expect(Math.min(...universeSizes)).toBeLessThan(Math.max(...universeSizes));
  });
});
