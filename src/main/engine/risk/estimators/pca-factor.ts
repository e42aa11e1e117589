/**
 * Statistical factor model from principal components of the sample covariance
 * (Connor & Korajczyk 1986 for T < N; the "PCA risk model"): the top k eigenpairs (λ_j, u_j) of
 * S = YᵀY/(T − 1) are the factors, residual variances make the diagonal exact:
 *   Σ̂ = U_k·diag(λ_1..k)·U_kᵀ + diag(d),  d_i = S_ii − Σ_j λ_j u_ij².
 * Computed in the T × T dual when T < N. Always returned as a factor model of rank k.
 */

import { factorRiskModel } from '../risk-model';
import { columnVariances, demeanColumns } from './demean';
import { gramSpectrum, topEigenvectors } from './spectrum';
import type { EstimatorResult } from './types';
import { assertReturns } from './validate-returns';

/** Options of {@link pcaFactor}. */
export interface PcaOptions {
  /** Number of factors k, an integer with 1 ≤ k < min(N, T − 1). */
  readonly factors: number;
}

/**
 * @param returns - T × N row-major, finite; not mutated.
 * @returns the model and `params.rank` (k), `params.explainedVariance` (Σλ_1..k / tr S).
 * @throws when k is out of range, or an asset is fully explained by the factors (residual ≤ 0).
 */
export function pcaFactor(returns: Float64Array, t: number, n: number, options: PcaOptions): EstimatorResult {
  assertReturns(returns, t, n, 'pca');
  const k = options.factors;
  const m = Math.min(n, t - 1);
  if (!Number.isInteger(k) || k < 1 || k >= m) {
    throw new Error(`pca: options.factors is ${k}, expected an integer with 1 ≤ k < min(N, T − 1) = ${m}`);
  }
  const divisor = t - 1;
  const y = demeanColumns(returns, t, n);
  const variances = columnVariances(y, t, n, divisor);
  const spectrum = gramSpectrum(y, t, n, divisor);
  const s = spectrum.values.slice(m - k);
  const u = topEigenvectors(spectrum, k);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += variances[i];
  let explained = 0;
  for (let j = 0; j < k; j++) explained += s[j];
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let common = 0;
    for (let j = 0; j < k; j++) common += u[i * k + j] * u[i * k + j] * s[j];
    d[i] = variances[i] - common;
    if (!(d[i] > 1e-12 * variances[i])) {
      throw new Error(`pca: asset ${i} has residual variance ${d[i]} ≤ 0 after ${k} factors; use fewer factors`);
    }
  }
  return { model: factorRiskModel(d, u, s), params: { rank: k, explainedVariance: explained / trace } };
}
