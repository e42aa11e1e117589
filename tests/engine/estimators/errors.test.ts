/**
 * Invalid input gets an Error whose message names the estimator, the argument and the problem.
 */

import { describe, expect, it } from 'vitest';
import { ESTIMATORS, ewmaCovariance, nonlinearShrinkage, pcaFactor, rie } from '../../../src/main/engine/risk/estimators';
import type { EstimatorName } from '../../../src/main/engine/risk/estimators';
import { normals } from './fixtures';

const NAMES: EstimatorName[] = ['sample', 'ewma', 'ledoit-wolf', 'qis', 'nls', 'rie', 'clip', 'pca'];
const OPTIONS = { halfLife: 10, factors: 2 };
const T = 30;
const N = 6;

function returns(): Float64Array {
  const x = normals(T * N, 11);
  for (let k = 0; k < x.length; k++) x[k] *= 0.01;
  return x;
}

describe('every estimator rejects malformed returns', () => {
  for (const name of NAMES) {
    const estimate = ESTIMATORS[name];
    it(`${name}: NaN and ±Infinity are reported by row and column`, () => {
      for (const bad of [NaN, Infinity, -Infinity]) {
        const x = returns();
        x[4 * N + 3] = bad;
        expect(() => estimate(x, T, N, OPTIONS)).toThrow(`${name}: returns[row 4, column 3] is ${bad}`);
      }
    });
    it(`${name}: T < 2, wrong length, non-integer or empty shapes`, () => {
      expect(() => estimate(new Float64Array(N), 1, N, OPTIONS)).toThrow(/t = 1, but a covariance estimate needs an integer T ≥ 2/);
      expect(() => estimate(returns(), T, N + 1, OPTIONS)).toThrow(/returns has length 180, expected T × N = 30 × 7 = 210/);
      expect(() => estimate(returns(), T, 0, OPTIONS)).toThrow(/n = 0, but the number of assets must be a positive integer/);
      expect(() => estimate(returns(), 2.5, N, OPTIONS)).toThrow(/t = 2.5/);
      expect(() => estimate(new Float64Array(0), 0, 0, OPTIONS)).toThrow(/t = 0/);
    });
  }
});

describe('zero-variance columns', () => {
  for (const name of ['rie', 'clip'] as const) {
    it(`${name} names the constant column (it needs standard deviations)`, () => {
      const x = returns();
      for (let r = 0; r < T; r++) x[r * N + 2] = 0.013;
      expect(() => ESTIMATORS[name](x, T, N)).toThrow(`${name}: column 2 of returns has zero variance`);
    });
  }
  for (const name of ['qis', 'nls'] as const) {
    it(`${name} reports the rank deficiency a constant column causes (it inverts every eigenvalue)`, () => {
      const x = returns();
      for (let r = 0; r < T; r++) x[r * N + 2] = 0.013;
      expect(() => ESTIMATORS[name](x, T, N)).toThrow(`${name}: the returns are rank deficient`);
    });
  }
  it('pca names the asset left with no residual variance', () => {
    const x = returns();
    for (let r = 0; r < T; r++) x[r * N + 5] = 0;
    expect(() => ESTIMATORS.pca(x, T, N, OPTIONS)).toThrow('pca: asset 5 has residual variance');
  });
});

describe('estimator-specific preconditions', () => {
  it('qis rejects collinear assets (duplicated column)', () => {
    const x = returns();
    for (let r = 0; r < T; r++) x[r * N + 4] = x[r * N + 1];
    expect(() => ESTIMATORS.qis(x, T, N)).toThrow(/qis: the returns are rank deficient/);
  });
  it('nls needs T − 1 ≥ 12', () => {
    const x = returns().slice(0, 12 * N);
    expect(() => nonlinearShrinkage(x, 12, N)).toThrow('nls: T − 1 = 11, but analytical nonlinear shrinkage needs at least 12');
    expect(() => nonlinearShrinkage(returns().slice(0, 13 * N), 13, N)).not.toThrow();
  });
  it('rie rejects N = T, where q = 1 makes the finite-N correction undefined', () => {
    expect(() => rie(returns().slice(0, N * N), N, N)).toThrow(/rie: N = T = 6 gives q = 1/);
  });
  it('ewma needs a positive half-life, and one long enough for more than one effective observation', () => {
    expect(() => ESTIMATORS.ewma(returns(), T, N)).toThrow('ewma: options.halfLife is required');
    for (const bad of [0, -3, NaN]) {
      expect(() => ewmaCovariance(returns(), T, N, { halfLife: bad })).toThrow(`ewma: options.halfLife is ${bad}`);
    }
    expect(() => ewmaCovariance(returns(), T, N, { halfLife: 0.01 })).toThrow(/puts all weight on one observation/);
  });
  it('pca needs an integer number of factors with 1 ≤ k < min(N, T − 1)', () => {
    expect(() => ESTIMATORS.pca(returns(), T, N)).toThrow('pca: options.factors is required');
    for (const bad of [0, 6, 1.5]) {
      expect(() => pcaFactor(returns(), T, N, { factors: bad })).toThrow(`pca: options.factors is ${bad}, expected an integer with 1 ≤ k < min(N, T − 1) = 6`);
    }
  });
});
