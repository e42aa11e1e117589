/**
 * The quadratic probe G(m) = ½(m − a)ᵀB(m − a) on the simulated prior, whose Gibbs tilt is the
 * Gaussian with precision Λ = B/τ + Σ₀⁻¹ and mean Λ⁻¹(Ba/τ + Σ₀⁻¹μ₀) (product of two Gaussian kernels).
 */

import type { GaussianLaw } from '../../../src/main/engine/explain/gaussian-law';
import type { ProbingFunction } from '../../../src/main/engine/explain/gibbs-target';
import { inverseSpd, K, matVec } from './gaussian-fixtures';

/** B = diag(2/Σ*_ii) plus a rank-one coupling, a = μ₀ + one stationary sd per coordinate. */
export function quadratic(prior: GaussianLaw, stationary: GaussianLaw) {
  const b = new Float64Array(K * K);
  const a = new Float64Array(K);
  const sd = Float64Array.from({ length: K }, (_, i) => Math.sqrt(stationary.covariance[i * K + i]));
  for (let i = 0; i < K; i++) {
    a[i] = prior.mean[i] + (i % 2 === 0 ? 1 : -1) * sd[i];
    for (let j = 0; j < K; j++) b[i * K + j] = (i === j ? 2 : 0) / (sd[i] * sd[j]) + 0.5 / (sd[i] * sd[j]);
  }
  const probe: ProbingFunction = {
    value: (m) => {
      const d = m.map((v, i) => v - a[i]);
      const bd = matVec(b, d, K);
      let sum = 0;
      for (let i = 0; i < K; i++) sum += d[i] * bd[i];
      return 0.5 * sum;
    },
    gradient: (m) => matVec(b, m.map((v, i) => v - a[i]), K),
  };
  return { a, b, probe };
}

export function closedForm(prior: GaussianLaw, a: Float64Array, b: Float64Array, tau: number) {
  const priorPrecision = inverseSpd(prior.covariance, K);
  const precision = b.map((v, q) => v / tau + priorPrecision[q]);
  const covariance = inverseSpd(precision, K);
  const rhs = matVec(b, a, K).map((v) => v / tau);
  const priorTerm = matVec(priorPrecision, prior.mean, K);
  const mean = matVec(covariance, rhs.map((v, i) => v + priorTerm[i]), K);
  return { mean, covariance };
}
