/**
 * Shared by the correlation-matrix cleaners (RIE, eigenvalue clipping): the spectrum of the sample
 * correlation matrix E = D^(−1/2)·S·D^(−1/2), and the way back from cleaned correlation
 * eigenvalues to a covariance.
 *
 * The way back (Bun, Bouchaud & Potters 2017, §"cleaning correlation matrices"): rebuild
 * C = U·diag(ξ)·Uᵀ (+ ν on the remaining directions), renormalise to unit diagonal
 * C̃ = diag(C)^(−1/2)·C·diag(C)^(−1/2), then Σ̂ = D^(1/2)·C̃·D^(1/2) with the sample standard
 * deviations (divisor T − 1). The diagonal of C is computed from U in O(N·r), so the whole path
 * stays in factor form when T < N.
 */

import { assertPositiveVariances } from './validate-returns';
import { columnVariances, demeanColumns } from './demean';
import { gramSpectrum } from './spectrum';
import type { GramSpectrum } from './spectrum';
import { spectralRiskModel } from './spectral-model';
import type { RiskModel } from '../risk-model';

/** The correlation spectrum and the sample standard deviations it was scaled by. */
export interface CorrelationSpectrum {
  readonly spectrum: GramSpectrum;
  /** Sample standard deviations (divisor T − 1), length N. */
  readonly std: Float64Array;
}

/**
 * Non-null eigenpairs of the sample correlation matrix (dual when T < N).
 *
 * @param returns - T × N row-major, validated by the caller.
 * @throws naming the column when a column has zero variance.
 */
export function correlationSpectrum(returns: Float64Array, t: number, n: number, estimator: string): CorrelationSpectrum {
  const y = demeanColumns(returns, t, n);
  const variances = columnVariances(y, t, n, t - 1);
  assertPositiveVariances(variances, returns, t, n, estimator);
  const std = new Float64Array(n);
  const inverse = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    std[j] = Math.sqrt(variances[j]);
    inverse[j] = 1 / (std[j] * Math.sqrt(t - 1));
  }
  for (let r = 0; r < t; r++) {
    for (let j = 0; j < n; j++) y[r * n + j] *= inverse[j];
  }
  return { spectrum: gramSpectrum(y, t, n, 1), std };
}

/**
 * Σ̂ from cleaned correlation eigenvalues: C = ν·I + U·diag(ξ − ν)·Uᵀ, renormalised to unit
 * diagonal and rescaled by `std`.
 *
 * @param vectors - U, N × r row-major, orthonormal columns.
 * @param cleaned - ξ, length r.
 * @param nullValue - ν, the value of every direction orthogonal to U.
 * @param asFactor - factor form (requires ξ ≥ ν) or dense.
 */
export function correlationRiskModel(
  vectors: Float64Array,
  n: number,
  cleaned: Float64Array,
  nullValue: number,
  asFactor: boolean,
  std: Float64Array,
): RiskModel {
  const r = cleaned.length;
  const scale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let diagonal = nullValue;
    for (let k = 0; k < r; k++) diagonal += vectors[i * r + k] * vectors[i * r + k] * (cleaned[k] - nullValue);
    if (!(diagonal > 0)) {
      throw new Error(`cleaned correlation has diagonal ${diagonal} ≤ 0 at asset ${i}: cannot renormalise`);
    }
    scale[i] = std[i] / Math.sqrt(diagonal);
  }
  return spectralRiskModel(vectors, n, cleaned, nullValue, asFactor, scale);
}
