/**
 * Float64 inference: a model whose spectral head is switched off must return the diagonal of the
 * lag-transformed variances (an independent hand computation), a trained-looking model's covariance
 * must reproduce its own GMV weights and its sample spectrum must be the correlation's, and bad
 * windows get clear errors or the documented drop.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanCovariance, cleanerLagWeights } from '../../../src/main/engine/cleaner/clean-covariance';
import { INITIAL_LAG_COEFFICIENTS } from '../../../src/main/engine/cleaner/cleaner-config';
import { assignCleanerWeights, cleanerWeightValues, createCleanerModel } from '../../../src/main/engine/cleaner/cleaner-model';
import type { CleanerModel } from '../../../src/main/engine/cleaner/cleaner-model';
import { createRandom } from '../../../src/main/engine/data/random';
import { symmetricEigenValues } from '../../../src/main/engine/linalg/symmetric-eigen';
import { riskSolver } from '../../../src/main/engine/risk/risk-ops';
import { factorReturns, worstRelative } from './cleaner-helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const L = 20;

function withModel(run: (model: CleanerModel) => void, perturb: boolean, seed = 3): void {
  const model = createCleanerModel({ lookback: L, units: 4, volHidden: 3 }, seed);
  try {
    if (perturb) {
      const weights = cleanerWeightValues(model);
      const random = createRandom(seed + 100);
      for (const [name, values] of weights) if (!name.startsWith('lag.')) for (let q = 0; q < values.length; q++) values[q] += 0.3 * (2 * random.uniform() - 1);
      assignCleanerWeights(model, weights);
    }
    run(model);
  } finally {
    model.dispose();
  }
}

/**
 * The lag transform by hand: lag t = T − row, α_t = c₀t^(−c₁), β_t = c₂ − c₃e^(−c₄t), x ↦ α·tanh(β·252·x)/β,
 * with c rounded to float32 as the model's variable stores it.
 */
function transformedVariances(window: Float64Array, t: number, n: number): Float64Array {
  const [c0, c1, c2, c3, c4] = Float32Array.from(INITIAL_LAG_COEFFICIENTS);
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const x: number[] = [];
    for (let row = 0; row < t; row++) {
      const lag = t - row;
      const alpha = c0 * lag ** -c1;
      const beta = c2 - c3 * Math.exp(-c4 * lag);
      x.push((alpha * Math.tanh(beta * 252 * window[row * n + j])) / beta);
    }
    const mean = x.reduce((a, b) => a + b, 0) / t;
    out[j] = x.reduce((a, b) => a + (b - mean) ** 2, 0) / t;
  }
  return out;
}

describe('cleanCovariance', () => {
  it('with the spectral head off (ι ≡ 1) and the initial vol head, Σ ∝ diag(transformed variances), rescaled to the raw mean variance', () => {
    withModel((model) => {
      (model.byName.get('head.kernel') as tf.Variable).assign(tf.zeros([8, 1]));
      for (const n of [6, 30]) {
        const returns = factorReturns(L + 5, n, 21);
        const result = cleanCovariance(model, returns, L + 5, n);
        const window = returns.subarray(5 * n);
        const variances = transformedVariances(window, L, n);
        let rawMean = 0;
        for (let j = 0; j < n; j++) {
          let m = 0;
          for (let row = 0; row < L; row++) m += window[row * n + j] / L;
          for (let row = 0; row < L; row++) rawMean += (window[row * n + j] - m) ** 2 / L / n;
        }
        const level = rawMean / (variances.reduce((a, b) => a + b, 0) / n);
        const expected = new Float64Array(n * n);
        for (let i = 0; i < n; i++) expected[i * n + i] = variances[i] * level;
        const sigma = result.riskModel.sigma;
        let worst = 0;
        for (let q = 0; q < n * n; q++) worst = Math.max(worst, Math.abs(sigma[q] - expected[q]));
        const tolerance = 1e-12 * rawMean;
        expect(worst, `N = ${n}: max |Σ − reference| = ${worst}, tolerance ${tolerance}`).toBeLessThan(tolerance);
        const inverse = variances.map((v) => 1 / v);
        const total = inverse.reduce((a, b) => a + b, 0);
        const gmv = worstRelative(result.gmvWeights, inverse.map((v) => v / total), 1e-12);
        expect(gmv.error, `N = ${n}: GMV vs inverse-variance weights, relative error ${gmv.error} at ${gmv.index}, tolerance 1e-10`).toBeLessThan(1e-10);
        const spectrum = worstRelative(result.cleanedEigenvalues, new Float64Array(n).fill(1), 1);
        expect(spectrum.error, `cleaned spectrum must be all ones, error ${spectrum.error}`).toBeLessThan(1e-12);
      }
    }, false);
  });

  for (const n of [8, 35]) {
    it(`N = ${n} (${n <= L - 1 ? 'primal' : 'dual'}): Σ̃'s own GMV equals the model's, the sample spectrum is the correlation's, the cleaned one sums to N`, () => {
      withModel((model) => {
        const returns = factorReturns(L, n, 5);
        const result = cleanCovariance(model, returns, L, n);
        const solver = riskSolver(result.riskModel);
        expect(solver.status, 'the cleaned covariance must be positive definite').toBe('ok');
        if (solver.status !== 'ok') return;
        const x = solver.solve(new Float64Array(n).fill(1));
        const total = x.reduce((a, b) => a + b, 0);
        const gmv = worstRelative(x.map((v) => v / total), result.gmvWeights, 1e-3);
        expect(gmv.error, `GMV of Σ̃ vs the model's weights: relative error ${gmv.error} at ${gmv.index}, tolerance 1e-8`).toBeLessThan(1e-8);

        const lag = cleanerLagWeights(model);
        const z = new Float64Array(L * n);
        for (let j = 0; j < n; j++) {
          const x2: number[] = [];
          for (let row = 0; row < L; row++) {
            const k = L - 1 - row;
            x2.push((lag.alpha[k] * Math.tanh(lag.beta[k] * 252 * returns[row * n + j])) / lag.beta[k]);
          }
          const mean = x2.reduce((a, b) => a + b, 0) / L;
          const sd = Math.sqrt(x2.reduce((a, b) => a + (b - mean) ** 2, 0) / L);
          for (let row = 0; row < L; row++) z[row * n + j] = (x2[row] - mean) / sd;
        }
        const corr = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
          let s = 0;
          for (let row = 0; row < L; row++) s += z[row * n + i] * z[row * n + j];
          corr[i * n + j] = s / L;
        }
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) corr[j * n + i] = corr[i * n + j];
        const reference = Array.from(symmetricEigenValues(corr, n)).reverse();
        const rank = Math.min(n, L - 1);
        const top = worstRelative(result.sampleEigenvalues.subarray(0, rank), reference.slice(0, rank), 1);
        expect(top.error, `sample eigenvalues vs eig(correlation): error ${top.error} at ${top.index}, tolerance 1e-10`).toBeLessThan(1e-10);
        for (let k = rank; k < n; k++) expect(result.sampleEigenvalues[k]).toBe(0);
        const sum = result.cleanedEigenvalues.reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - n), `cleaned eigenvalues sum ${sum}, expected ${n}`).toBeLessThan(1e-9 * n);
        for (let i = 0; i < n; i++) expect(Math.abs(result.marginalVols[i] ** 2 - result.riskModel.sigma[i * n + i])).toBeLessThan(1e-15);
      }, true);
    });
  }

  describe('bad input', () => {
    it('fewer observations than the lookback', () => {
      withModel((model) => {
        expect(() => cleanCovariance(model, factorReturns(L - 1, 5, 1), L - 1, 5)).toThrow(`returns has ${L - 1} observations, fewer than the model's lookback of ${L}`);
      }, false);
    });
    it('NaN in the window: error naming the cell, or the asset dropped with missing: drop; NaN before the window is ignored', () => {
      withModel((model) => {
        const n = 6;
        const returns = factorReturns(L + 2, n, 2);
        returns[(L + 1) * n + 4] = Number.NaN;
        returns[0 * n + 1] = Number.NaN;
        expect(() => cleanCovariance(model, returns, L + 2, n)).toThrow(`returns[${L + 1}, 4] is NaN`);
        const dropped = cleanCovariance(model, returns, L + 2, n, { missing: 'drop' });
        expect(dropped.assets).toEqual([0, 1, 2, 3, 5]);
        expect(dropped.riskModel.n).toBe(5);
      }, false);
    });
    it('a zero-variance asset: error naming the column, or dropped', () => {
      withModel((model) => {
        const n = 5;
        const returns = factorReturns(L, n, 3);
        for (let row = 0; row < L; row++) returns[row * n + 2] = 0.001;
        expect(() => cleanCovariance(model, returns, L, n)).toThrow('returns column 2 has zero variance');
        expect(cleanCovariance(model, returns, L, n, { missing: 'drop' }).assets).toEqual([0, 1, 3, 4]);
      }, false);
    });
    it('too few usable assets, wrong lengths, bad options', () => {
      withModel((model) => {
        const returns = factorReturns(L, 2, 4);
        returns[3] = Number.POSITIVE_INFINITY;
        expect(() => cleanCovariance(model, returns, L, 2, { missing: 'drop' })).toThrow('only 1 asset(s) are usable');
        expect(() => cleanCovariance(model, new Float64Array(10), L, 2)).toThrow('returns has length 10, expected T × N');
        expect(() => cleanCovariance(model, factorReturns(L, 3, 1), L, 3, { missing: 'skip' as never })).toThrow("options.missing must be 'error' or 'drop'");
      }, false);
    });
  });
});
