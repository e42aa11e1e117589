/**
 * Ledoit & Wolf (2004), "A well-conditioned estimator for large-dimensional covariance matrices",
 * J. Multivariate Analysis 88: shrinkage toward the scaled identity F = m̄·I, m̄ = tr(S)/N.
 *
 * Convention (METHODS.md §2, the authors' code): columns demeaned, S = YᵀY/n with n = T − 1,
 *   π̂ = Σ_ij [(1/n) Σ_t y_ti² y_tj² − s_ij²],  γ̂ = ‖S − F‖_F²,  δ = max(0, min(1, (π̂/γ̂)/n)),
 *   Σ̂ = δ·F + (1 − δ)·S.
 * scikit-learn's LedoitWolf is the same formula with n replaced by T (it divides by T).
 *
 * When T < N nothing N × N is formed: Σ_ij Σ_t y_ti² y_tj² = Σ_t (Σ_i y_ti²)², and
 * ‖S‖_F² = ‖YYᵀ‖_F²/n² (the T × T Gram matrix), γ̂ = ‖S‖_F² − N·m̄²; the result is the factor
 * model d = δm̄, U = Yᵀ/√n, s = 1 − δ. For N ≤ T it is dense.
 */

import { gemmTransA, gemmTransB } from '../../linalg/gemm';
import { denseRiskModel, factorRiskModel } from '../risk-model';
import { demeanColumns, scaledTranspose } from './demean';
import type { EstimatorResult } from './types';
import { assertReturns } from './validate-returns';

/**
 * @param returns - T × N row-major, finite; not mutated.
 * @returns the model and `params.shrinkage` (δ ∈ [0, 1]), `params.target` (m̄).
 */
export function ledoitWolf(returns: Float64Array, t: number, n: number): EstimatorResult {
  assertReturns(returns, t, n, 'ledoit-wolf');
  const y = demeanColumns(returns, t, n);
  const divisor = t - 1;
  let trace = 0;
  let fourth = 0;
  for (let r = 0; r < t; r++) {
    let rowSquares = 0;
    for (let j = 0; j < n; j++) rowSquares += y[r * n + j] * y[r * n + j];
    trace += rowSquares;
    fourth += rowSquares * rowSquares;
  }
  trace /= divisor;
  const target = trace / n;
  const dual = t < n;
  const gram = dual ? gemmTransB(y, y, t, n, t) : gemmTransA(y, y, t, n, n);
  for (let k = 0; k < gram.length; k++) gram[k] /= divisor;
  let frobenius = 0;
  for (let k = 0; k < gram.length; k++) frobenius += gram[k] * gram[k];
  let gamma: number;
  if (dual) {
    gamma = frobenius - n * target * target;
  } else {
    gamma = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const e = gram[i * n + j] - (i === j ? target : 0);
        gamma += e * e;
      }
    }
  }
  const pi = fourth / divisor - frobenius;
  // γ̂ = 0 means S already equals its target, so every δ gives the same Σ̂; report δ = 0.
  const shrinkage = gamma > 0 ? Math.max(0, Math.min(1, pi / gamma / divisor)) : 0;
  const params = { shrinkage, target };
  if (dual) {
    const u = scaledTranspose(y, t, n, 1 / Math.sqrt(divisor));
    return { model: factorRiskModel(new Float64Array(n).fill(shrinkage * target), u, new Float64Array(t).fill(1 - shrinkage)), params };
  }
  for (let k = 0; k < gram.length; k++) gram[k] *= 1 - shrinkage;
  for (let i = 0; i < n; i++) gram[i * n + i] += shrinkage * target;
  return { model: denseRiskModel(gram, n), params };
}
