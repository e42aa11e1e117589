import { describe, expect, it } from 'vitest';
import { blockEigenvectors } from '../../../src/main/engine/linalg/tridiagonal-inverse-iteration';
import { householderTridiagonal } from '../../../src/main/engine/linalg/householder-tridiagonal';
import { tridiagonalQl } from '../../../src/main/engine/linalg/tridiagonal-ql';
import fixture from '../../fixtures/json/linalg.json';
import { expectClose, normRelativeDifference } from './assert-close';
import { sampleCovariance } from './formula-matrices';

/** Same bar as symmetric-eigen.test.ts: the 1e-10, ~1000× above backward-stable rounding. */
const EIGEN_TOL = 1e-10;

/** Wilkinson W21⁺ as tridiagonal arrays: its top eigenvalue pairs agree to ~1e-14, the hard case. */
function wilkinsonTridiagonal(): { d: Float64Array; e: Float64Array } {
  return { d: Float64Array.from({ length: 21 }, (_, i) => Math.abs(i - 10)), e: new Float64Array(20).fill(1) };
}

/** max_j ‖(T − λ_j)·z_j‖₂ with z_j = row j of zT. */
function worstResidual(d: Float64Array, e: Float64Array, values: Float64Array, zT: Float64Array): number {
  const n = d.length;
  let worst = 0;
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let k = 0; k < n; k++) {
      let r = (d[k] - values[j]) * zT[j * n + k];
      if (k > 0) r += e[k - 1] * zT[j * n + k - 1];
      if (k < n - 1) r += e[k] * zT[j * n + k + 1];
      sum += r * r;
    }
    worst = Math.max(worst, Math.sqrt(sum));
  }
  return worst;
}

function worstOrthogonality(zT: Float64Array, n: number): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let dot = 0;
      for (let k = 0; k < n; k++) dot += zT[i * n + k] * zT[j * n + k];
      worst = Math.max(worst, Math.abs(dot - (i === j ? 1 : 0)));
    }
  }
  return worst;
}

describe('tridiagonal eigen-solvers', () => {
  it('QL with accumulated rotations (the fallback path) matches numpy on W21⁺', () => {
    const { d, e } = wilkinsonTridiagonal();
    const values = Float64Array.from(d);
    const zT = new Float64Array(21 * 21);
    for (let i = 0; i < 21; i++) zT[i * 21 + i] = 1;
    tridiagonalQl(values, e, zT);
    const sorted = Float64Array.from(values).sort();
    expectClose(sorted, fixture.eigen.wilkinson21, 0, EIGEN_TOL * 11, 'QL eigenvalues');
    const residual = worstResidual(d, e, values, zT);
    expect(residual, `QL residual ${residual} > ${EIGEN_TOL}`).toBeLessThanOrEqual(EIGEN_TOL);
    const orthogonality = worstOrthogonality(zT, 21);
    expect(orthogonality, `QL orthogonality ${orthogonality} > ${EIGEN_TOL}`).toBeLessThanOrEqual(EIGEN_TOL);
  });

  it('inverse iteration gives orthonormal eigenvectors for the close W21⁺ pairs', () => {
    const { d, e } = wilkinsonTridiagonal();
    const values = Float64Array.from(fixture.eigen.wilkinson21);
    const zT = new Float64Array(21 * 21);
    const ok = blockEigenvectors(d, e, 0, values, zT, 21, Array.from({ length: 21 }, (_, i) => i));
    expect(ok).toBe(true);
    const residual = worstResidual(d, e, values, zT);
    expect(residual, `residual ${residual} > ${EIGEN_TOL}`).toBeLessThanOrEqual(EIGEN_TOL);
    const orthogonality = worstOrthogonality(zT, 21);
    expect(orthogonality, `orthogonality ${orthogonality} > ${EIGEN_TOL}`).toBeLessThanOrEqual(EIGEN_TOL);
  });

  it('inverse iteration reports failure (so the caller falls back) when given wrong eigenvalues', () => {
    const { d, e } = wilkinsonTridiagonal();
    const values = Float64Array.from(fixture.eigen.wilkinson21, (v, i) => v + 1e-3 * (i + 1));
    const zT = new Float64Array(21 * 21);
    expect(blockEigenvectors(d, e, 0, values, zT, 21, Array.from({ length: 21 }, (_, i) => i))).toBe(false);
  });

  it('QL without vectors gives the same eigenvalues as with them', () => {
    const { d, e } = wilkinsonTridiagonal();
    const valuesOnly = Float64Array.from(d);
    tridiagonalQl(valuesOnly, e);
    const rel = normRelativeDifference(Float64Array.from(valuesOnly).sort(), fixture.eigen.wilkinson21);
    expect(rel, `${rel} > ${EIGEN_TOL}`).toBeLessThanOrEqual(EIGEN_TOL);
  });

  it('QL converges on the tridiagonal form of a rank-39 covariance (41 eigenvalues zero up to rounding)', () => {
    // Regression (issue 3, item 1): the old test |e_m| ≤ ε(|d_m| + |d_{m+1}|) stalled here.
    const TOL = 1e-12;
    const { t, n, values: reference } = fixture.rankDeficient.cov80x40;
    const tri = householderTridiagonal(sampleCovariance(t, n), n);
    const valuesOnly = Float64Array.from(tri.diagonal);
    tridiagonalQl(valuesOnly, tri.offDiagonal);
    const valueError = normRelativeDifference(Float64Array.from(valuesOnly).sort(), reference);
    expect(valueError, `eigenvalue error ${valueError} > ${TOL}`).toBeLessThanOrEqual(TOL);
    const values = Float64Array.from(tri.diagonal);
    const zT = new Float64Array(n * n);
    for (let i = 0; i < n; i++) zT[i * n + i] = 1;
    tridiagonalQl(values, tri.offDiagonal, zT);
    const scale = Math.max(...reference);
    const residual = worstResidual(tri.diagonal, tri.offDiagonal, values, zT) / scale;
    expect(residual, `relative residual ${residual} > ${TOL}`).toBeLessThanOrEqual(TOL);
    const orthogonality = worstOrthogonality(zT, n);
    expect(orthogonality, `orthogonality ${orthogonality} > ${TOL}`).toBeLessThanOrEqual(TOL);
  });
});
