/**
 * The simulated universe has the moments its specification states, within Monte-Carlo error.
 */

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FACTOR_UNIVERSE_SPEC as SPEC,
  describeFactorUniverse,
  factorCovariance,
  simulateFactorUniverse,
} from '../../../src/main/engine/data/synthetic-universe';

const T = 20_000;
const N = 6;
const K = 4;
const universe = simulateFactorUniverse({ nAssets: N, nMonths: T, seed: 5 });

function expectWithin(actual: number, expected: number, tolerance: number, label: string): void {
  const diff = Math.abs(actual - expected);
  expect(diff <= tolerance, `${label}: got ${actual}, expected ${expected}, |diff| = ${diff} > tolerance ${tolerance}`).toBe(true);
}

describe('simulateFactorUniverse: moments', () => {
  it('priced factor returns have mean λ and covariance Σ_f (5 standard errors)', () => {
    const sigma = factorCovariance(SPEC);
    const mean = new Float64Array(K);
    for (let t = 0; t < T; t++) for (let k = 0; k < K; k++) mean[k] += universe.factorReturns[t * K + k] / T;
    for (let k = 0; k < K; k++) expectWithin(mean[k], SPEC.premia[k], 5 * Math.sqrt(sigma[k * K + k] / T), `mean of factor ${k}`);
    for (let a = 0; a < K; a++) {
      for (let b = 0; b < K; b++) {
        let cov = 0;
        for (let t = 0; t < T; t++) cov += (universe.factorReturns[t * K + a] - mean[a]) * (universe.factorReturns[t * K + b] - mean[b]);
        cov /= T - 1;
        const se = Math.sqrt((sigma[a * K + a] * sigma[b * K + b] + sigma[a * K + b] ** 2) / T);
        expectWithin(cov, sigma[a * K + b], 5 * se, `cov(${a}, ${b})`);
      }
    }
  });

  it('true characteristics have unit variance and lag-1 autocorrelation ρ_k; measurement error has sd σ_c', () => {
    for (let k = 0; k < K; k++) {
      let sumSquares = 0;
      let lagged = 0;
      let noise = 0;
      for (let t = 0; t < T; t++) {
        for (let i = 0; i < N; i++) {
          const z = universe.trueCharacteristics[(t * N + i) * K + k];
          sumSquares += z * z;
          if (t > 0) lagged += z * universe.trueCharacteristics[((t - 1) * N + i) * K + k];
          noise += (universe.characteristics[(t * N + i) * K + k] - z) ** 2;
        }
      }
      const rho = SPEC.persistence[k];
      // An AR(1) sample variance has effective sample size ≈ NT(1 − ρ²)/(1 + ρ²).
      const effective = (N * T * (1 - rho * rho)) / (1 + rho * rho);
      expectWithin(sumSquares / (N * T), 1, 5 * Math.sqrt(2 / effective), `variance of z_${k}`);
      expectWithin(lagged / sumSquares, rho, 5 * Math.sqrt((1 - rho * rho) / effective) + 5 / effective, `autocorrelation of z_${k}`);
      // The measurement error is an AR(1) with the same persistence, hence the same effective size.
      expectWithin(Math.sqrt(noise / (N * T)), SPEC.characteristicNoise, 5 * SPEC.characteristicNoise / Math.sqrt(2 * effective), `noise sd of c_${k}`);
    }
  });

  it('expected returns are the conditional mean: the monthly average surprise r_{t+1} − μ_t has mean 0', () => {
    const surprise = new Float64Array(T - 1);
    for (let t = 0; t + 1 < T; t++) {
      for (let i = 0; i < N; i++) surprise[t] += (universe.returns[(t + 1) * N + i] - universe.expectedReturns[t * N + i]) / N;
    }
    let mean = 0;
    for (const value of surprise) mean += value / surprise.length;
    let variance = 0;
    for (const value of surprise) variance += (value - mean) ** 2 / (surprise.length - 1);
    expectWithin(mean, 0, 5 * Math.sqrt(variance / surprise.length), 'mean surprise');
  });

  it('expected returns equal λᵀz + λ_qv·z_q·z_v from the true characteristics', () => {
    for (const [t, i] of [[0, 0], [17, 3], [T - 1, N - 1]]) {
      const z = universe.trueCharacteristics.subarray((t * N + i) * K, (t * N + i + 1) * K);
      const expected = SPEC.premia.reduce((sum, lambda, k) => sum + lambda * z[k], SPEC.interaction * z[1] * z[0]);
      expectWithin(universe.expectedReturns[t * N + i], expected, 1e-15, `μ[${t}, ${i}]`);
    }
  });

  it('sectors add σ_g² to the covariance of same-sector pairs: mean within − across covariance ≈ σ_g²', () => {
    const n = 32;
    const months = 4000;
    const small = simulateFactorUniverse({ nAssets: n, nMonths: months, seed: 8 });
    const means = new Float64Array(n);
    for (let t = 0; t < months; t++) for (let i = 0; i < n; i++) means[i] += small.returns[t * n + i] / months;
    let within = 0;
    let withinCount = 0;
    let across = 0;
    let acrossCount = 0;
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        let cov = 0;
        for (let t = 0; t < months; t++) cov += (small.returns[t * n + a] - means[a]) * (small.returns[t * n + b] - means[b]);
        cov /= months - 1;
        if (small.sectors[a] === small.sectors[b]) {
          within += cov;
          withinCount++;
        } else {
          across += cov;
          acrossCount++;
        }
      }
    }
    // Loadings and characteristics differ by pair, so the pair average carries ≈ 1.5e−4 of noise.
    expectWithin(within / withinCount - across / acrossCount, SPEC.sectorVolatility ** 2, 3e-4, 'within − across covariance');
  });
});

describe('simulateFactorUniverse: determinism and input', () => {
  it('the same seed gives identical arrays; another seed does not', () => {
    const a = simulateFactorUniverse({ nAssets: 5, nMonths: 30, seed: 77 });
    const b = simulateFactorUniverse({ nAssets: 5, nMonths: 30, seed: 77 });
    const c = simulateFactorUniverse({ nAssets: 5, nMonths: 30, seed: 78 });
    expect(Array.from(a.returns)).toEqual(Array.from(b.returns));
    expect(Array.from(a.characteristics)).toEqual(Array.from(b.characteristics));
    expect(Array.from(a.returns)).not.toEqual(Array.from(c.returns));
  });

  it('rejects bad sizes, seeds and specs with named messages', () => {
    expect(() => simulateFactorUniverse({ nAssets: 0, nMonths: 10, seed: 1 })).toThrow(/nAssets must be a positive integer/);
    expect(() => simulateFactorUniverse({ nAssets: 3, nMonths: 2.5, seed: 1 })).toThrow(/nMonths must be a positive integer/);
    expect(() => simulateFactorUniverse({ nAssets: 3, nMonths: 10, seed: -2 })).toThrow(/seed must be/);
    expect(() => simulateFactorUniverse({ nAssets: 3, nMonths: 10, seed: 1, spec: { ...SPEC, premia: [0.1, 0.2] } })).toThrow(/spec.premia has length 2, expected 4/);
    expect(() => simulateFactorUniverse({ nAssets: 3, nMonths: 10, seed: 1, spec: { ...SPEC, persistence: [0.9, 1, 0.9, 0.9] } })).toThrow(/persistence 1 is outside/);
    const notPd = SPEC.factorCorrelations.map((value, q) => (q === 1 || q === 4 ? 1.5 : value));
    expect(() => simulateFactorUniverse({ nAssets: 3, nMonths: 10, seed: 1, spec: { ...SPEC, factorCorrelations: notPd } })).toThrow(/factorCorrelations is not positive definite/);
    expect(() => simulateFactorUniverse({ nAssets: 3, nMonths: 10, seed: 1, spec: { ...SPEC, interaction: NaN } })).toThrow(/spec.interaction is NaN/);
  });

  it('describes the process with its parameter values', () => {
    const text = describeFactorUniverse();
    expect(text).toContain('λ = (0.0075, 0.00625, 0.00875, 0.005)');
    expect(text).toContain('8 sectors');
  });
});
