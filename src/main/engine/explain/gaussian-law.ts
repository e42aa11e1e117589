/**
 * A multivariate normal law N(μ, Σ) on ℝᵏ with what the samplers need: log-density, its gradient,
 * draws and a Mahalanobis distance, all through one Cholesky factor Σ = L·Lᵀ.
 */

import { cholesky, choleskyLogDet, choleskySolve } from '../linalg/cholesky';
import { solveLowerTriangular } from '../linalg/triangular';
import type { Random } from '../data/random';

/** N(μ, Σ) with its Cholesky factor. */
export interface GaussianLaw {
  /** Dimension k. */
  readonly k: number;
  /** μ, length k. */
  readonly mean: Float64Array;
  /** Σ, k × k row-major, symmetric positive definite. */
  readonly covariance: Float64Array;
  /** L with Σ = L·Lᵀ, k × k row-major lower triangular. */
  readonly factor: Float64Array;
  /** log det Σ. */
  readonly logDeterminant: number;
}

/** ln(2π). */
const LOG_TWO_PI = Math.log(2 * Math.PI);

function assertVector(x: Float64Array, k: number, name: string): void {
  if (x.length !== k) throw new Error(`${name} has length ${x.length}, expected k = ${k}`);
  for (let i = 0; i < k; i++) {
    if (!Number.isFinite(x[i])) throw new Error(`${name}[${i}] is ${x[i]}: must be finite`);
  }
}

/**
 * Builds N(μ, Σ).
 *
 * @param mean - μ, length k; copied.
 * @param covariance - Σ, k × k row-major; must be symmetric (to 1e-10 relative) and positive definite; copied.
 * @throws when shapes are wrong, entries are not finite, Σ is not symmetric or not positive definite.
 */
export function gaussianLaw(mean: Float64Array, covariance: Float64Array, k: number): GaussianLaw {
  if (!Number.isInteger(k) || k < 1) throw new Error(`gaussianLaw: k must be a positive integer, got ${k}`);
  assertVector(mean, k, 'mean');
  if (covariance.length !== k * k) throw new Error(`covariance has length ${covariance.length}, expected k × k = ${k * k}`);
  let scale = 0;
  for (let q = 0; q < k * k; q++) {
    if (!Number.isFinite(covariance[q])) throw new Error(`covariance[${Math.floor(q / k)}, ${q % k}] is ${covariance[q]}: must be finite`);
    scale = Math.max(scale, Math.abs(covariance[q]));
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const gap = Math.abs(covariance[i * k + j] - covariance[j * k + i]);
      if (gap > 1e-10 * scale) throw new Error(`covariance is not symmetric: |Σ[${i}, ${j}] − Σ[${j}, ${i}]| = ${gap}`);
    }
  }
  const result = cholesky(covariance, k);
  if (result.status !== 'ok') {
    throw new Error(`covariance is not positive definite (Cholesky pivot ${result.pivot} is ${result.value})`);
  }
  return {
    k,
    mean: Float64Array.from(mean),
    covariance: Float64Array.from(covariance),
    factor: result.factor,
    logDeterminant: choleskyLogDet(result.factor, k),
  };
}

/** Squared Mahalanobis distance (m − μ)ᵀΣ⁻¹(m − μ). */
export function gaussianMahalanobisSquared(law: GaussianLaw, m: Float64Array): number {
  assertVector(m, law.k, 'm');
  const centred = new Float64Array(law.k);
  for (let i = 0; i < law.k; i++) centred[i] = m[i] - law.mean[i];
  const z = solveLowerTriangular(law.factor, law.k, centred, centred);
  let sum = 0;
  for (let i = 0; i < law.k; i++) sum += z[i] * z[i];
  return sum;
}

/** log N(m; μ, Σ) = −½(k ln 2π + ln det Σ + (m − μ)ᵀΣ⁻¹(m − μ)). */
export function gaussianLogDensity(law: GaussianLaw, m: Float64Array): number {
  return -0.5 * (law.k * LOG_TWO_PI + law.logDeterminant + gaussianMahalanobisSquared(law, m));
}

/** ∇ₘ log N(m; μ, Σ) = −Σ⁻¹(m − μ), length k. */
export function gaussianGradLogDensity(law: GaussianLaw, m: Float64Array): Float64Array {
  assertVector(m, law.k, 'm');
  const centred = new Float64Array(law.k);
  for (let i = 0; i < law.k; i++) centred[i] = law.mean[i] - m[i];
  return choleskySolve(law.factor, law.k, centred, centred);
}

/** One draw μ + L·ξ with ξ ~ N(0, I) from `random`, length k. */
export function sampleGaussian(law: GaussianLaw, random: Random): Float64Array {
  const { k, factor, mean } = law;
  const xi = new Float64Array(k);
  for (let i = 0; i < k; i++) xi[i] = random.normal();
  const out = Float64Array.from(mean);
  for (let i = 0; i < k; i++) {
    let sum = 0;
    for (let j = 0; j <= i; j++) sum += factor[i * k + j] * xi[j];
    out[i] += sum;
  }
  return out;
}
