/**
 * Self-consistency (as cvxportfolio asserts): the realised risk and return recomputed from the
 * stored weights and the input returns equal what the backtest reports. The holdings are rebuilt
 * here from the rebalance weights by drift, independently of the simulator's loop.
 */

import { describe, expect, it } from 'vitest';
import {
  createCostModel,
  inverseVolatilityStrategy,
  meanVarianceStrategy,
  minimumVarianceStrategy,
  runWalkForward,
} from '../../../src/main/engine/backtest/index';
import type { BacktestData, BacktestResult, Strategy } from '../../../src/main/engine/backtest/index';
import { dataOf, expectClose, expectScalarClose, fixture } from './backtest-fixture';

/** Sums of ≤ 252 products of O(0.1) numbers, then a square root: a few ulps. */
const TOL = 1e-14;

const ff10 = fixture.cases.find((c) => c.name === 'ff10-inverse-volatility-monthly-rf')!;
const costModel = createCostModel({ proportionalBps: 10, slippageBps: 5 });

function recompute(data: BacktestData, result: BacktestResult) {
  const { n } = data;
  const first = result.rebalances[0].index;
  const p = result.netReturns.length;
  const rebalanceAt = new Map(result.rebalances.map((record, k) => [record.index, k]));
  let held = new Float64Array(n);
  const holdings = new Float64Array(p * n);
  const net = new Float64Array(p);
  const costs = new Float64Array(p);
  let pending = 0;
  for (let row = first; row < first + p + 1; row++) {
    if (row > first) {
      const s = row - first - 1;
      holdings.set(held, s * n);
      const rf = data.riskFree ? data.riskFree[row] : 0;
      let gross = rf;
      for (let i = 0; i < n; i++) gross += held[i] * (data.returns[row * n + i] - rf);
      net[s] = gross - pending;
      costs[s] = pending;
      pending = 0;
      held = held.map((w, i) => (w * (1 + data.returns[row * n + i])) / (1 + gross));
    }
    const k = rebalanceAt.get(row);
    if (k !== undefined) {
      const target = result.weights.slice(k * n, (k + 1) * n);
      pending = costModel.cost(target, held);
      held = target;
    }
  }
  const mean = net.reduce((a, b) => a + b, 0) / p;
  const variance = net.reduce((a, b) => a + (b - mean) ** 2, 0) / (p - 1);
  return { holdings, net, costs, volatility: Math.sqrt(12 * variance), annualisedReturn: 12 * mean };
}

describe('realised figures recomputed from the stored weights equal the reported ones', () => {
  const data = dataOf(ff10);
  const strategies: Strategy[] = [
    inverseVolatilityStrategy(),
    minimumVarianceStrategy({ estimator: 'ledoit-wolf' }),
    meanVarianceStrategy({ estimator: 'sample', gamma: 10, upper: 0.4 }),
  ];
  for (const strategy of strategies) {
    it(strategy.name, () => {
      const result = runWalkForward(data, strategy, { frequency: 'monthly', lookback: 60, rebalanceEvery: 3, costModel, start: '2000-01' });
      expect(result.metrics.failedRebalances).toBe(0);
      const again = recompute(data, result);
      expectClose(again.holdings, result.holdings, TOL, 'holdings rebuilt by drift');
      expectClose(again.costs, result.costs, TOL, 'costs from costModel.cost(weights, drifted)');
      expectClose(again.net, result.netReturns, TOL, 'net returns from holdings');
      expectScalarClose(again.volatility, result.metrics.volatility!, TOL, 'realised volatility');
      expectScalarClose(again.annualisedReturn, result.metrics.annualisedReturn, TOL, 'annualised return');
      const product = result.netReturns.reduce((a, r) => a * (1 + r), 1);
      expectScalarClose(product, result.metrics.finalEquity, TOL, 'final equity = Π(1 + r)');
      const turnover = result.rebalances.reduce((a, record) => a + record.turnover, 0);
      expectScalarClose(result.metrics.totalCost, (2 * turnover * costModel.kappa()), TOL, 'total cost = κ · 2 · Σ one-way turnover');
    });
  }
});
