/**
 * Baseline strategies on Ken French 10 industries (monthly, 1990–2021): window alignment checked
 * against an independent solve, the cost model reaching the optimiser, the JSON spec round trip,
 * and the schedule's retrain hints, explicit dates and progress reports.
 */

import { describe, expect, it } from 'vitest';
import {
  baselineStrategy,
  createCostModel,
  equalWeightStrategy,
  inverseVolatilityStrategy,
  meanVarianceStrategy,
  minimumVarianceStrategy,
  runWalkForward,
} from '../../../src/main/engine/backtest/index';
import type { BaselineStrategySpec, MuProvider, Strategy, WalkForwardOptions } from '../../../src/main/engine/backtest/index';
import { dataOf, expectClose, expectScalarClose, fixture } from './backtest-fixture';

const testCase = fixture.cases.find((c) => c.name === 'ff10-inverse-volatility-monthly-rf')!;
const data = dataOf(testCase);
const N = testCase.n;
const costModel = createCostModel({ proportionalBps: 10 });
const OPTIONS: WalkForwardOptions = { frequency: 'monthly', lookback: 60, rebalanceEvery: 3, costModel, start: '2000-01', end: '2020-12' };

/** Σ⁻¹1/(1ᵀΣ⁻¹1) by Gaussian elimination with partial pivoting on the sample covariance (divisor L − 1). */
function gmvBySolve(window: number[][]): number[] {
  const t = window.length;
  const n = window[0].length;
  const mean = Array.from({ length: n }, (_, j) => window.reduce((a, row) => a + row[j], 0) / t);
  const a = Array.from({ length: n }, (_, i) =>
    [...Array.from({ length: n }, (_, j) => window.reduce((acc, row) => acc + (row[i] - mean[i]) * (row[j] - mean[j]), 0) / (t - 1)), 1],
  );
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    [a[c], a[pivot]] = [a[pivot], a[c]];
    for (let r = c + 1; r < n; r++) {
      const factor = a[r][c] / a[c][c];
      for (let k = c; k <= n; k++) a[r][k] -= factor * a[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let value = a[r][n];
    for (let k = r + 1; k < n; k++) value -= a[r][k] * x[k];
    x[r] = value / a[r][r];
  }
  const total = x.reduce((acc, value) => acc + value, 0);
  return x.map((value) => value / total);
}

describe('GMV reads exactly the lookback window ending at the rebalance date', () => {
  it('long-short sample GMV equals an independent solve on rows t − 59 … t', () => {
    const result = runWalkForward(data, minimumVarianceStrategy({ estimator: 'sample', longOnly: false }), { ...OPTIONS, end: '2004-12' });
    expect(result.rebalances.length).toBe(20);
    result.rebalances.forEach((record, k) => {
      const window = Array.from({ length: 60 }, (_, s) => Array.from(data.returns.subarray((record.index - 59 + s) * N, (record.index - 58 + s) * N)));
      // Σ̂ of 60 months of 10 industries has condition number ~1e3: the two solves agree to ~1e-13.
      expectClose(result.weights.subarray(k * N, (k + 1) * N), gmvBySolve(window), 1e-11, `GMV at ${record.date}`);
    });
  });
});

describe('equal weight vs GMV with each shrinkage estimator', () => {
  const ew = runWalkForward(data, equalWeightStrategy(), OPTIONS);
  for (const estimator of ['sample', 'ledoit-wolf', 'qis', 'nls', 'rie'] as const) {
    it(`gmv(${estimator}) solves every rebalance and realises lower volatility than 1/N`, () => {
      const gmv = runWalkForward(data, minimumVarianceStrategy({ estimator }), OPTIONS);
      expect(gmv.metrics.statusCounts).toEqual({ solved: gmv.rebalances.length });
      expect(gmv.metrics.volatility!).toBeLessThan(ew.metrics.volatility!);
      expect(gmv.metrics.effectiveN!).toBeLessThan(ew.metrics.effectiveN!);
      expect(gmv.rebalances[0].diagnostics.universe).toBe(N);
    });
  }
});

describe('one cost model for optimiser and simulator', () => {
  it('the QP objective carries exactly the cost the simulator charges', () => {
    const gamma = 10;
    const result = runWalkForward(data, meanVarianceStrategy({ estimator: 'ledoit-wolf', gamma, upper: 0.3 }), { ...OPTIONS, end: '2010-12' });
    for (const record of result.rebalances) {
      const { objective, predictedReturn, predictedVariance } = record.diagnostics as Record<string, number>;
      const turnoverTerm = objective + predictedReturn - gamma * predictedVariance;
      // Differences of O(0.01) numbers evaluated at the same w: rounding only.
      expectScalarClose(turnoverTerm, record.cost, 1e-14, `κ‖w − w_prev‖₁ at ${record.date}`);
    }
  });

  it('costs in the optimiser reduce turnover; costAversion 0 ignores them', () => {
    const expensive = createCostModel({ proportionalBps: 50, slippageBps: 50 });
    const free = runWalkForward(data, meanVarianceStrategy({ estimator: 'ledoit-wolf', gamma: 10 }), { ...OPTIONS, costModel: createCostModel({ proportionalBps: 0 }) });
    const aware = runWalkForward(data, meanVarianceStrategy({ estimator: 'ledoit-wolf', gamma: 10 }), { ...OPTIONS, costModel: expensive });
    const blind = runWalkForward(data, meanVarianceStrategy({ estimator: 'ledoit-wolf', gamma: 10, costAversion: 0 }), { ...OPTIONS, costModel: expensive });
    expect(aware.metrics.turnover).toBeLessThan(0.5 * free.metrics.turnover);
    expect(Array.from(blind.weights)).toEqual(Array.from(free.weights));
    expectScalarClose(blind.metrics.totalCost, free.metrics.turnover * 2 * free.metrics.rebalances * 0.01, 1e-12, 'blind run pays κ·‖Δw‖₁');
    expect(aware.metrics.sharpe!).toBeGreaterThan(blind.metrics.sharpe!);
  });
});

describe('strategy specs round-trip through JSON', () => {
  const specs: BaselineStrategySpec[] = [
    { kind: 'equal-weight' },
    { kind: 'inverse-volatility', estimator: 'ewma', estimatorOptions: { halfLife: 12 }, scheme: 'variance' },
    { kind: 'gmv', estimator: 'qis', upper: 0.25 },
    { kind: 'mean-variance', estimator: 'rie', gamma: 8, upper: 0.4, costAversion: 0.5 },
  ];
  for (const spec of specs) {
    it(spec.kind, () => {
      const direct = baselineStrategy(spec);
      const replayed = baselineStrategy(JSON.parse(JSON.stringify(direct.spec)) as BaselineStrategySpec);
      expect(replayed.spec).toEqual(direct.spec);
      expect(replayed.name).toBe(direct.name);
      const options = { ...OPTIONS, end: '2003-12' };
      const a = runWalkForward(data, direct, options);
      const b = runWalkForward(data, replayed, options);
      expect(Array.from(b.netReturns)).toEqual(Array.from(a.netReturns));
      expect(a.strategySpec).toEqual(direct.spec);
    });
  }

  it('rejects unknown kinds, estimators, μ providers and bad hyper-parameters at construction', () => {
    expect(() => baselineStrategy({ kind: 'hrp' } as never)).toThrow(/kind must be one of equal-weight, inverse-volatility, gmv, mean-variance, got hrp/);
    expect(() => minimumVarianceStrategy({ estimator: 'oas' as never })).toThrow(/estimator must be one of sample, ewma, ledoit-wolf, qis, nls, rie, clip, pca, got oas/);
    expect(() => meanVarianceStrategy({ estimator: 'sample', gamma: -1 })).toThrow(/gamma must be a finite number ≥ 0, got -1/);
    expect(() => meanVarianceStrategy({ estimator: 'sample', gamma: 1, mu: 'oracle' as never })).toThrow(/mu must be one of historical-mean or a function, got oracle/);
    expect(() => meanVarianceStrategy({ estimator: 'sample', gamma: 1, costAversion: Number.NaN })).toThrow(/costAversion must be finite and ≥ 0/);
    expect(() => minimumVarianceStrategy({ estimator: 'sample', upper: Number.NaN })).toThrow(/upper must be a finite number/);
    expect(() => inverseVolatilityStrategy({ estimator: 'nope' as never })).toThrow(/inverseVolatilityStrategy: estimator must be one of/);
  });
});

describe('custom μ providers', () => {
  it('a provider reading a feature block gets the past only and a wrong length is reported', () => {
    const signal = new Float64Array(testCase.t * N);
    for (let s = 0; s < testCase.t; s++) for (let j = 0; j < N; j++) signal[s * N + j] = data.returns[s * N + j];
    const withFeature = { ...data, features: { lastReturn: { values: signal, width: N } } };
    const momentum: MuProvider = (window, view) => {
      const last = view.feature('lastReturn', 1).values;
      return Float64Array.from(window.indices, (index) => last[index]);
    };
    const result = runWalkForward(withFeature, meanVarianceStrategy({ estimator: 'sample', gamma: 20, mu: momentum }), { ...OPTIONS, end: '2002-12' });
    expect(result.strategySpec?.mu).toBe('custom');
    expect(result.metrics.failedRebalances).toBe(0);
    const short: MuProvider = () => new Float64Array(3);
    expect(() => runWalkForward(data, meanVarianceStrategy({ estimator: 'sample', gamma: 1, mu: short }), OPTIONS)).toThrow(
      /threw: the μ provider returned length 3, expected a Float64Array of length k = 10/,
    );
  });
});

describe('schedule: retrain hints, explicit dates, progress', () => {
  function recorder(): Strategy & { retrains: boolean[]; dates: string[] } {
    const retrains: boolean[] = [];
    const dates: string[] = [];
    return {
      name: 'recorder',
      retrains,
      dates,
      rebalance(view, context) {
        retrains.push(context.retrain);
        dates.push(view.date);
        return { weights: new Float64Array(N).fill(1 / N) };
      },
    };
  }

  it('passes context.retrain every retrainEvery periods and records it', () => {
    const strategy = recorder();
    const result = runWalkForward(data, strategy, { ...OPTIONS, rebalanceEvery: 2, retrainEvery: 6, end: '2001-12' });
    expect(strategy.retrains).toEqual([true, false, false, true, false, false, true, false, false, true, false, false]);
    expect(result.rebalances.map((record) => record.retrained)).toEqual(strategy.retrains);
    expect(strategy.dates[0]).toBe('1999-12');
  });

  it('rebalances on the listed dates only, inside the out-of-sample span', () => {
    const strategy = recorder();
    const result = runWalkForward(data, strategy, { ...OPTIONS, rebalanceAt: ['1998-06', '1999-12', '2003-06', '2010-01', '2021-01'] });
    expect(strategy.dates).toEqual(['1999-12', '2003-06', '2010-01']);
    expect(result.dates[0]).toBe('2000-01');
    expect(result.dates[result.dates.length - 1]).toBe('2020-12');
  });

  it('reports progress once per rebalance, ending at 1', () => {
    const calls: [number, string][] = [];
    const result = runWalkForward(data, equalWeightStrategy(), { ...OPTIONS, end: '2000-12' }, (fraction, stage) => calls.push([fraction, stage]));
    expect(calls.length).toBe(result.rebalances.length);
    expect(calls.map(([fraction]) => fraction)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(calls[0][1]).toBe('rebalance 1/4 at 1999-12');
  });

  it('accepts a numeric frequency and reproduces a run exactly', () => {
    const a = runWalkForward(data, minimumVarianceStrategy({ estimator: 'nls' }), { ...OPTIONS, frequency: 12 });
    const b = runWalkForward(data, minimumVarianceStrategy({ estimator: 'nls' }), OPTIONS);
    expect(a.metrics).toEqual(b.metrics);
    expect(a.periodsPerYear).toBe(12);
  });
});
