/**
 * Exponentially weighted covariance (RiskMetrics-style, 1996) with a half-life in observations.
 *
 * Weights: w_t ∝ 2^(−(T − 1 − t)/h) for row t = 0..T−1 (the last row is the newest, weight
 * largest), normalised to Σw_t = 1. Demeaning: by the weighted mean μ = Σ w_t x_t. Divisor:
 * Σ̂ = Σ_t w_t (x_t − μ)(x_t − μ)ᵀ / (1 − Σ w_t²), the unbiased "reliability weights" correction
 * (numpy.cov with aweights); with equal weights (h → ∞) it is exactly the sample covariance with
 * divisor T − 1, the convention of every estimator here.
 *
 * Representation: N ≤ T → dense. T < N → factor form d = 0, U = Zᵀ (N × T) with
 * z_t = √(w_t/(1 − Σw²))·(x_t − μ), s = 1.
 */

import { gemmTransA } from '../../linalg/gemm';
import { denseRiskModel, factorRiskModel } from '../risk-model';
import { scaledTranspose } from './demean';
import type { EstimatorResult } from './types';
import { assertReturns } from './validate-returns';

/** Options of {@link ewmaCovariance}. */
export interface EwmaOptions {
  /** Half-life h in observations (> 0): an observation h rows older weighs half as much. */
  readonly halfLife: number;
}

/**
 * @param returns - T × N row-major, finite; not mutated.
 * @returns the model and `params.halfLife`, `params.effectiveObservations` = 1/Σw_t².
 * @throws when the half-life is not positive, or so short that 1 − Σw² underflows (one observation).
 */
export function ewmaCovariance(returns: Float64Array, t: number, n: number, options: EwmaOptions): EstimatorResult {
  assertReturns(returns, t, n, 'ewma');
  const halfLife = options.halfLife;
  if (!(Number.isFinite(halfLife) && halfLife > 0)) {
    throw new Error(`ewma: options.halfLife is ${halfLife}, expected a positive number of observations`);
  }
  const w = new Float64Array(t);
  let total = 0;
  for (let r = 0; r < t; r++) {
    w[r] = Math.pow(2, -(t - 1 - r) / halfLife);
    total += w[r];
  }
  let sumSquares = 0;
  for (let r = 0; r < t; r++) {
    w[r] /= total;
    sumSquares += w[r] * w[r];
  }
  const correction = 1 - sumSquares;
  if (!(correction > 1e-12)) {
    throw new Error(`ewma: halfLife ${halfLife} puts all weight on one observation (1 − Σw² = ${correction}); use a longer half-life`);
  }
  const mean = new Float64Array(n);
  for (let r = 0; r < t; r++) {
    for (let j = 0; j < n; j++) mean[j] += w[r] * returns[r * n + j];
  }
  const z = new Float64Array(t * n);
  for (let r = 0; r < t; r++) {
    const a = Math.sqrt(w[r] / correction);
    for (let j = 0; j < n; j++) z[r * n + j] = a * (returns[r * n + j] - mean[j]);
  }
  const params = { halfLife, effectiveObservations: 1 / sumSquares };
  if (t < n) {
    return { model: factorRiskModel(new Float64Array(n), scaledTranspose(z, t, n, 1), new Float64Array(t).fill(1)), params };
  }
  return { model: denseRiskModel(gemmTransA(z, z, t, n, n), n), params };
}
