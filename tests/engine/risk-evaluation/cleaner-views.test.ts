import { describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import { createRandom } from '../../../src/main/engine/data/random';
import { createCleanerModel } from '../../../src/main/engine/cleaner/cleaner-model';
import { cleanerEigenvalueSeries, cleanerViews, lagWeightsView, shrinkageEigenvalueMaps, volatilityMapView } from '../../../src/main/engine/risk-evaluation/cleaner-views';

function expectNear(got: number, want: number, tol: number, what: string): void {
  const difference = Math.abs(got - want);
  expect(difference, `${what}: got ${got}, want ${want}, |Δ| = ${difference} > ${tol}`).toBeLessThanOrEqual(tol);
}

function gaussianPanel(t: number, n: number, seed: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length: t * n }, () => 0.01 * random.normal());
}

describe('lagWeightsView', () => {
  it('a flat profile spreads the weight evenly and reaches half of it at L/2', () => {
    const view = lagWeightsView(new Float64Array(8).fill(3));
    for (const w of view.learned) expectNear(w, 1 / 8, 1e-16, 'flat weight');
    expectNear(view.halfLife, 4, 1e-14, 'half-life');
    expect(view.lags).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('an EWMA profile (α_t = λ^((t−1)/2), h = 10, L = 2,000) gives back h and the EWMA itself', () => {
    const h = 10;
    const lambda = Math.pow(2, -1 / h);
    const alpha = Float64Array.from({ length: 2000 }, (_, k) => Math.pow(lambda, k / 2));
    const view = lagWeightsView(alpha);
    expectNear(view.halfLife, h, 1e-9, 'half-life');
    for (let k = 0; k < 2000; k += 97) expectNear(view.learned[k], view.ewma[k], 1e-12, `weight at lag ${k + 1}`);
    expectNear(view.ewma.reduce((a, b) => a + b, 0), 1, 1e-12, 'EWMA weights sum');
  });

  it('rejects empty, non-finite or all-zero profiles', () => {
    expect(() => lagWeightsView(new Float64Array(0))).toThrow(/alpha is empty/);
    expect(() => lagWeightsView(Float64Array.from([1, Number.NaN]))).toThrow(/alpha\[1\] is NaN/);
    expect(() => lagWeightsView(new Float64Array(3))).toThrow(/all zeros/);
  });
});

describe('shrinkageEigenvalueMaps', () => {
  it('sample correlation eigenvalues sum to N, and so do the QIS (trace kept) and RIE (unit diagonal) maps (N < T)', () => {
    const t = 120;
    const n = 30;
    const maps = shrinkageEigenvalueMaps(gaussianPanel(t, n, 1), t, n);
    expect(maps.sample).toHaveLength(n);
    expectNear(maps.sample.reduce((a, b) => a + b, 0), n, 1e-10, 'Σ sample eigenvalues');
    const qisSeries = maps.series.find((s) => s.name === 'QIS');
    expect(qisSeries?.points).toHaveLength(n);
    expectNear(qisSeries?.points.reduce((a, [, y]) => a + y, 0) ?? Number.NaN, n, 1e-9, 'Σ QIS eigenvalues');
    // RIE renormalises to unit diagonal: over a complete eigenbasis its Rayleigh quotients sum to tr Ĉ = N.
    const rieSeries = maps.series.find((s) => s.name === 'RIE');
    expectNear(rieSeries?.points.reduce((a, [, y]) => a + y, 0) ?? Number.NaN, n, 1e-9, 'Σ RIE eigenvalues');
    // Shrinkage pulls the spectrum in: the largest goes down, the smallest up.
    const points = qisSeries?.points ?? [];
    expect(points[n - 1][1]).toBeLessThan(points[n - 1][0]);
    expect(points[0][1]).toBeGreaterThan(points[0][0]);
  });

  it('QIS returns the sample eigenvalues when c = N/T → 0 on a well-spread spectrum (N = 10, T = 40,000)', () => {
    // Columns mix independent factors with weights 1, 2, …, so the correlation eigenvalues are far
    // apart and the kernel of width h ∝ c^0.7 cannot blur them.
    const t = 40000;
    const n = 10;
    const g = gaussianPanel(t, n, 2);
    const returns = new Float64Array(t * n);
    for (let r = 0; r < t; r++) {
      for (let j = 0; j < n; j++) {
        let value = 0;
        for (let f = 0; f <= j; f++) value += (f + 1) * g[r * n + f];
        returns[r * n + j] = value;
      }
    }
    const maps = shrinkageEigenvalueMaps(returns, t, n);
    const qisSeries = maps.series.find((s) => s.name === 'QIS');
    expect(qisSeries?.points).toHaveLength(n);
    for (const [x, y] of qisSeries?.points ?? []) expectNear(y, x, 0.01 * x, `QIS at λ = ${x}`);
  });

  it('works in the dual when T < N (m = T − 1 points) and does not mutate the window', () => {
    const t = 40;
    const n = 90;
    const returns = gaussianPanel(t, n, 3);
    const copy = returns.slice();
    const maps = shrinkageEigenvalueMaps(returns, t, n);
    expect(maps.sample).toHaveLength(t - 1);
    for (const series of maps.series) for (const [, y] of series.points) expect(y).toBeGreaterThan(0);
    expect(returns).toEqual(copy);
  });

  it('names a constant column and a NaN', () => {
    const returns = gaussianPanel(30, 3, 4);
    for (let r = 0; r < 30; r++) returns[r * 3 + 1] = 0;
    expect(() => shrinkageEigenvalueMaps(returns, 30, 3)).toThrow(/column 1 has zero variance/);
    const withNan = gaussianPanel(30, 3, 4);
    withNan[7] = Number.NaN;
    expect(() => shrinkageEigenvalueMaps(withNan, 30, 3)).toThrow(/NaN/);
  });
});

describe('cleanerEigenvalueSeries and volatilityMapView', () => {
  it('pairs the cleaner eigenvalues, sorted by the sample value', () => {
    const series = cleanerEigenvalueSeries({ sampleEigenvalues: Float64Array.from([3, 1, 2]), cleanedEigenvalues: Float64Array.from([2.5, 1.2, 1.9])});
    expect(series.points).toEqual([[1, 1.2], [2, 1.9], [3, 2.5]]);
    expect(() => cleanerEigenvalueSeries({ sampleEigenvalues: new Float64Array(2), cleanedEigenvalues: new Float64Array(3)})).toThrow(/same length/);
  });

  it('annualises the marginal volatility and each column’s sample standard deviation (±a alternating: std = a·√(T/(T−1)))', () => {
    const t = 10;
    const returns = Float64Array.from({ length: t * 2 }, (_, k) => (k % 2 === 0 ? 1 : 2) * 0.01 * (Math.floor(k / 2) % 2 === 0 ? 1 : -1));
    const view = volatilityMapView(returns, t, 2, ['A', 'B'], Float64Array.from([0.1, 0.2]));
    expectNear(view.sample[0], Math.sqrt(252) * 0.01 * Math.sqrt(t / (t - 1)), 1e-15, 'vol A');
    expectNear(view.sample[1], Math.sqrt(252) * 0.02 * Math.sqrt(t / (t - 1)), 1e-15, 'vol B');
    expectNear(view.marginal[0], Math.sqrt(252) * 0.1, 1e-15, 'marginal A');
    expectNear(view.marginal[1], Math.sqrt(252) * 0.2, 1e-15, 'marginal B');
    expect(() => volatilityMapView(returns, t, 2, ['A'], Float64Array.from([0.1, 0.2]))).toThrow(/must have length N = 2/);
  });
});

describe('cleanerViews with an untrained cleaner (L = 30)', () => {
  const t = 45;
  const n = 12;
  const returns = gaussianPanel(t, n, 5);
  const assets = Array.from({ length: n }, (_, j) => `A${j}`);
  const model = createCleanerModel({ lookback: 30 }, 7);
  const views = cleanerViews(model, returns, t, n, assets);

  it('reads the last L rows: N assets, L lags, one map per method', () => {
    expect(views.n).toBe(n);
    expect(views.lookback).toBe(30);
    expect(views.lagWeights.lags).toHaveLength(30);
    expectNear(views.lagWeights.learned.reduce((a, b) => a + b, 0), 1, 1e-12, 'Σ lag weights');
    expect(views.eigenvalues.map((s) => s.name)).toEqual(['Learned cleaner', 'QIS', 'RIE']);
    for (const series of views.eigenvalues) expect(series.points.length).toBeGreaterThan(0);
    expect(views.volatility.assets).toEqual(assets);
  });

  it('computes the sample volatility on those L rows only', () => {
    const window = returns.slice(15 * n);
    const direct = volatilityMapView(window, 30, n, assets, new Float64Array(n));
    for (let j = 0; j < n; j++) expectNear(views.volatility.sample[j], direct.sample[j], 0, `sample vol ${j}`);
  });

  it('the compact lag profile at its initial c₁ = 0.2 weighs lag t as t^(−0.4)', () => {
    const total = Array.from({ length: 30 }, (_, k) => Math.pow(k + 1, -0.4)).reduce((a, b) => a + b, 0);
    // c is held in float32 tfjs variables: 1e-7 relative covers its rounding.
    for (let k = 0; k < 30; k += 7) expectNear(views.lagWeights.learned[k], Math.pow(k + 1, -0.4) / total, 1e-7 * views.lagWeights.learned[k], `lag ${k + 1}`);
  });

  it('rejects a window shorter than the lookback and mismatched names', () => {
    expect(() => cleanerViews(model, returns.slice(0, 20 * n), 20, n, assets)).toThrow(/fewer than the model's lookback of 30/);
    expect(() => cleanerViews(model, returns, t, n, assets.slice(1))).toThrow(/assets has length 11/);
  });
});
