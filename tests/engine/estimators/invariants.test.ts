/**
 * Properties every estimator must have, independent of reference values: symmetric positive
 * definite output, QIS keeps the trace, RIE → sample covariance as q = N/T → 0, permutation
 * equivariance, factor form of rank ≤ T when T < N (also at N = 20 000, where an N × N matrix would
 * take 3.2 GB), correlation cleaners and PCA keep the sample variances, EWMA with an infinite
 * half-life is the sample covariance, inputs are never mutated.
 */

import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { cholesky } from '../../../src/main/engine/linalg/cholesky';
import { ESTIMATORS, ewmaCovariance, ledoitWolf, qis, rie, sampleCovariance } from '../../../src/main/engine/risk/estimators';
import type { EstimatorName } from '../../../src/main/engine/risk/estimators';
import { riskDiagonal, riskTrace } from '../../../src/main/engine/risk/risk-ops';
import { dense, expectClose, loadCases, normals, permuteColumns } from './fixtures';

const NAMES: EstimatorName[] = ['sample', 'ewma', 'ledoit-wolf', 'qis', 'nls', 'rie', 'clip', 'pca'];
const cases = loadCases();

/** Ascending eigenvalues by ml-matrix, independent of the eigensolver the estimators use. */
function eigenvalues(sigma: Float64Array, n: number): number[] {
  const rows = Array.from({ length: n }, (_, i) => Array.from(sigma.subarray(i * n, (i + 1) * n)));
  return new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues.sort((a, b) => a - b);
}

function applicable(name: EstimatorName, t: number, n: number): boolean {
  if (name === 'nls') return t - 1 >= 12;
  if (name === 'rie') return n !== t;
  return true;
}

function sampleVariances(returns: Float64Array, t: number, n: number): Float64Array {
  return riskDiagonal(sampleCovariance(returns, t, n).model);
}

/** Factor-model returns with a common factor, scaled per column; T × N row-major. */
function simulatedReturns(t: number, n: number, seed: number): Float64Array {
  const z = normals(t * (n + 1), seed);
  const x = new Float64Array(t * n);
  for (let r = 0; r < t; r++) {
    for (let j = 0; j < n; j++) x[r * n + j] = 0.01 * (1 + (j % 7)) * (z[r * (n + 1) + j] + 0.7 * z[r * (n + 1) + n]);
  }
  return x;
}

describe('positive definiteness and symmetry', () => {
  for (const c of cases) {
    for (const name of NAMES) {
      if (!applicable(name, c.t, c.n)) continue;
      const singular = (name === 'sample' || name === 'ewma') && c.t <= c.n;
      it(`${name} on ${c.name} is ${singular ? 'positive semi-definite (T ≤ N)' : 'symmetric positive definite'}`, () => {
        const sigma = dense(ESTIMATORS[name](c.returns, c.t, c.n, { halfLife: c.halfLife, factors: c.factors }).model);
        for (let i = 0; i < c.n; i++) {
          for (let j = 0; j < i; j++) expect(sigma[i * c.n + j]).toBe(sigma[j * c.n + i]);
        }
        const values = eigenvalues(sigma, c.n);
        const largest = values[c.n - 1];
        if (singular) {
          // Rank ≤ T − 1, so the smallest eigenvalue is zero up to rounding (tolerance N·ε·λmax).
          expect(Math.abs(values[0]), `λmin ${values[0]} vs tolerance ${c.n * Number.EPSILON * largest}`).toBeLessThanOrEqual(c.n * Number.EPSILON * largest);
        } else {
          expect(values[0], `λmin ${values[0]} must exceed 1e-8·λmax = ${1e-8 * largest}`).toBeGreaterThan(1e-8 * largest);
          expect(cholesky(sigma, c.n).status).toBe('ok');
        }
      });
    }
  }
});

describe('QIS keeps the trace of the sample covariance', () => {
  for (const c of cases) {
    it(`on ${c.name}`, () => {
      const expected = riskTrace(sampleCovariance(c.returns, c.t, c.n).model);
      const actual = riskTrace(qis(c.returns, c.t, c.n).model);
      const difference = Math.abs(actual - expected) / expected;
      expect(difference, `relative trace difference ${difference} > 1e-13`).toBeLessThanOrEqual(1e-13);
    });
  }
});

describe('RIE with q = N/T → 0 returns the sample covariance', () => {
  it('differs from the sample covariance by at most √q relative (the finite-N correction is O(√q)), and less as q falls', () => {
    const n = 6;
    const differences: number[] = [];
    for (const t of [600, 6000, 60000]) {
      const x = simulatedReturns(t, n, 7);
      const q = n / t;
      const a = dense(rie(x, t, n).model);
      const b = dense(sampleCovariance(x, t, n).model);
      expectClose(a, b, Math.sqrt(q), `RIE vs sample at q = ${q}`);
      let diff = 0;
      let scale = 0;
      for (let k = 0; k < a.length; k++) {
        diff = Math.max(diff, Math.abs(a[k] - b[k]));
        scale = Math.max(scale, Math.abs(b[k]));
      }
      differences.push(diff / scale);
    }
    expect(differences[1]).toBeLessThan(differences[0]);
    expect(differences[2]).toBeLessThan(differences[1]);
  });
});

describe('permutation equivariance: permuting assets in permutes Σ̂ out', () => {
  for (const c of cases.filter((k) => k.name === 'ff49-monthly' || k.name === 'ff30-monthly')) {
    // 11 is coprime with 30 and 49, so i ↦ (11i + 3) mod N is a permutation.
    const perm = Array.from({ length: c.n }, (_, i) => (i * 11 + 3) % c.n);
    for (const name of NAMES) {
      it(`${name} on ${c.name}`, () => {
        expect(new Set(perm).size).toBe(c.n);
        const options = { halfLife: c.halfLife, factors: c.factors };
        const base = dense(ESTIMATORS[name](c.returns, c.t, c.n, options).model);
        const permuted = dense(ESTIMATORS[name](permuteColumns(c.returns, c.t, c.n, perm), c.t, c.n, options).model);
        const expected = new Float64Array(c.n * c.n);
        for (let i = 0; i < c.n; i++) {
          for (let j = 0; j < c.n; j++) expected[i * c.n + j] = base[perm[i] * c.n + perm[j]];
        }
        expectClose(permuted, expected, 1e-10, `${name}/${c.name} permuted`);
      });
    }
  }
});

describe('T < N: a factor model of rank ≤ T, never an N × N matrix', () => {
  for (const c of cases.filter((k) => k.t < k.n)) {
    for (const name of NAMES) {
      it(`${name} on ${c.name}`, () => {
        const { model } = ESTIMATORS[name](c.returns, c.t, c.n, { halfLife: c.halfLife, factors: c.factors });
        if (model.kind !== 'factor') throw new Error(`${name} returned a ${model.kind} model for T = ${c.t} < N = ${c.n}`);
        expect(model.rank).toBeLessThanOrEqual(c.t);
      });
    }
  }

  it('handles N = 20 000, T = 40 for every estimator (an N × N Float64Array would be 3.2 GB)', () => {
    const t = 40;
    const n = 20000;
    const x = simulatedReturns(t, n, 3);
    for (const name of NAMES) {
      const { model } = ESTIMATORS[name](x, t, n, { halfLife: 10, factors: 3 });
      if (model.kind !== 'factor') throw new Error(`${name} returned a ${model.kind} model`);
      expect(model.rank).toBeLessThanOrEqual(t);
      expect(model.u.length).toBe(n * model.rank);
    }
  });
});

describe('diagonal and limits', () => {
  for (const c of cases) {
    it(`RIE, clipping and PCA keep the sample variances on ${c.name}`, () => {
      const expected = sampleVariances(c.returns, c.t, c.n);
      for (const name of ['rie', 'clip', 'pca'] as const) {
        if (!applicable(name, c.t, c.n)) continue;
        const diagonal = riskDiagonal(ESTIMATORS[name](c.returns, c.t, c.n, { factors: c.factors }).model);
        expectClose(diagonal, expected, 1e-12, `${name}/${c.name} diagonal`);
      }
    });
  }

  it('EWMA with an infinite half-life is the sample covariance (divisor T − 1), in both representations', () => {
    for (const c of cases.filter((k) => k.name === 'ff30-monthly' || k.name === 'ff49-monthly')) {
      const a = dense(ewmaCovariance(c.returns, c.t, c.n, { halfLife: 1e15 }).model);
      expectClose(a, dense(sampleCovariance(c.returns, c.t, c.n).model), 1e-12, `ewma(h = 1e15)/${c.name}`);
    }
  });

  it('Ledoit–Wolf for one asset returns its sample variance with shrinkage 0 (S equals its target)', () => {
    const x = Float64Array.from([0.01, -0.02, 0.03, 0.005]);
    const { model, params } = ledoitWolf(x, 4, 1);
    expect(params.shrinkage).toBe(0);
    const mean = 0.00625;
    const variance = ((0.01 - mean) ** 2 + (-0.02 - mean) ** 2 + (0.03 - mean) ** 2 + (0.005 - mean) ** 2) / 3;
    expectClose(dense(model), [variance], 1e-14, 'LW one asset');
  });
});

describe('inputs are never mutated', () => {
  for (const c of cases.filter((k) => k.name === 'sim-n80-t40' || k.name === 'sim-n20-t100')) {
    it(`on ${c.name}`, () => {
      const copy = Float64Array.from(c.returns);
      for (const name of NAMES) {
        ESTIMATORS[name](c.returns, c.t, c.n, { halfLife: c.halfLife, factors: c.factors });
        expect(c.returns).toEqual(copy);
      }
    });
  }
});
