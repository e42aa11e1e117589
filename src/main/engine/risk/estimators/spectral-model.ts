/**
 * Risk models rebuilt from shrunk eigenvalues: Σ̂ = U·diag(δ)·Uᵀ + ν·(I − U·Uᵀ) for orthonormal
 * U (N × r) = ν·I + U·diag(δ − ν)·Uᵀ, where ν is the value given to every direction outside U
 * (the null space of the sample covariance, or clipped eigenvalues).
 *
 * The factor form is exact, has rank r, and is what T < N needs (never an N × N matrix); but
 * `factorRiskModel` requires factor variances δ − ν ≥ 0. {@link floorAtNull} enforces that.
 */

import { gemmTransB } from '../../linalg/gemm';
import { denseRiskModel, factorRiskModel } from '../risk-model';
import type { RiskModel } from '../risk-model';

/**
 * Raises every value below `nullValue` to it, returning the new values and how many were raised.
 *
 * Used only when the estimate must be a factor model (T < N). Published QIS/NLS/RIE formulas can
 * shrink a few small non-null eigenvalues below the null-space value; keeping them would need a
 * negative factor variance. Reported to the caller as `params.clamped`.
 */
export function floorAtNull(values: Float64Array, nullValue: number): { values: Float64Array; clamped: number } {
  let clamped = 0;
  const out = Float64Array.from(values);
  for (let k = 0; k < out.length; k++) {
    if (out[k] < nullValue) {
      out[k] = nullValue;
      clamped++;
    }
  }
  return { values: out, clamped };
}

/**
 * Σ̂ = ν·I + U·diag(δ − ν)·Uᵀ, optionally with rows scaled: Σ̂ ← diag(a)·Σ̂·diag(a).
 *
 * @param vectors - U, n × r row-major, orthonormal columns.
 * @param shrunk - δ, length r.
 * @param nullValue - ν ≥ 0, the value of every direction orthogonal to U.
 * @param asFactor - return the factor form (requires δ ≥ ν) instead of a dense n × n matrix.
 * @param rowScale - a, length n, or undefined for no scaling.
 */
export function spectralRiskModel(
  vectors: Float64Array,
  n: number,
  shrunk: Float64Array,
  nullValue: number,
  asFactor: boolean,
  rowScale?: Float64Array,
): RiskModel {
  const r = shrunk.length;
  const scaled = new Float64Array(n * r);
  for (let i = 0; i < n; i++) {
    const a = rowScale === undefined ? 1 : rowScale[i];
    for (let k = 0; k < r; k++) scaled[i * r + k] = vectors[i * r + k] * a;
  }
  const excess = new Float64Array(r);
  for (let k = 0; k < r; k++) excess[k] = shrunk[k] - nullValue;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = nullValue * (rowScale === undefined ? 1 : rowScale[i] * rowScale[i]);
  if (asFactor) return factorRiskModel(d, scaled, excess);
  const weighted = new Float64Array(n * r);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < r; k++) weighted[i * r + k] = scaled[i * r + k] * excess[k];
  }
  const sigma = r > 0 ? gemmTransB(weighted, scaled, n, r, n) : new Float64Array(n * n);
  symmetrise(sigma, n);
  for (let i = 0; i < n; i++) sigma[i * n + i] += d[i];
  return denseRiskModel(sigma, n);
}

/** Replaces a nearly symmetric matrix by (A + Aᵀ)/2 in place; rounding makes A·Bᵀ only nearly so. */
export function symmetrise(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const mean = 0.5 * (a[i * n + j] + a[j * n + i]);
      a[i * n + j] = mean;
      a[j * n + i] = mean;
    }
  }
}
