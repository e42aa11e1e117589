/**
 * VAR(1) on a macro state, the prior of the counterfactual explanations (METHODS §5; Lütkepohl,
 * "New Introduction to Multiple Time Series Analysis", 2005, §2.1 and §3.2):
 *   m_{t+1} = c + Φ·m_t + ε_{t+1},  ε ~ (0, Σ_ε).
 * - Fit: equation-by-equation OLS with an intercept (QR, least-squares.ts) on the T − 1 pairs
 *   (m_t, m_{t+1}); Σ_ε = EᵀE/(T − 1 − 1), the residuals' covariance with ddof = 1 (numpy's
 *   `np.cov(E.T)`; the residuals have mean zero because of the intercept).
 * - Stationarity: spectral radius ρ(Φ) < 1 (spectral-radius.ts).
 * - Stationary law: μ* = (I − Φ)⁻¹c and Σ* solving the discrete Lyapunov equation
 *   Σ* = ΦΣ*Φᵀ + Σ_ε, by the doubling algorithm (Smith 1968): S₀ = Σ_ε, A₀ = Φ,
 *   S_{j+1} = S_j + A_j S_j A_jᵀ, A_{j+1} = A_j², so S_j = Σ_{i<2^j} Φ^i Σ_ε Φ^{iᵀ} → Σ*.
 * - One-step Mahalanobis distances d_t = √(ε̂_tᵀ Σ_ε⁻¹ ε̂_t) of the fitted residuals.
 */

import { cholesky } from '../linalg/cholesky';
import { solveLowerTriangular } from '../linalg/triangular';
import { leastSquares } from './least-squares';
import { luSolve } from './lu-solve';
import { spectralRadius } from './spectral-radius';

/** A fitted VAR(1). */
export interface Var1Fit {
  /** Number of variables k. */
  readonly k: number;
  /** Number of observations T used (T − 1 transitions). */
  readonly t: number;
  /** Φ, k × k row-major: row i is the equation of variable i, so m_{t+1} = c + Φ·m_t. */
  readonly phi: Float64Array;
  /** c, length k. */
  readonly intercept: Float64Array;
  /** ε̂_{t+1} = m_{t+1} − c − Φm_t, (T − 1) × k row-major; row r belongs to observation r + 1. */
  readonly residuals: Float64Array;
  /** Σ_ε, k × k, ddof = 1 (divisor T − 2). */
  readonly innovationCovariance: Float64Array;
  /** ρ(Φ). */
  readonly spectralRadius: number;
  /** ρ(Φ) < 1. */
  readonly stationary: boolean;
}

/** Stationary law N(μ*, Σ*) of a stationary VAR(1). */
export interface Var1Stationary {
  /** μ* = (I − Φ)⁻¹c, length k. */
  readonly mean: Float64Array;
  /** Σ* with Σ* = ΦΣ*Φᵀ + Σ_ε, k × k. */
  readonly covariance: Float64Array;
  /** Doubling steps taken. */
  readonly iterations: number;
}

/**
 * Fits m_{t+1} = c + Φm_t + ε by OLS.
 *
 * @param data - the state m_t, T × k row-major (oldest first), finite; not mutated.
 * @throws when T < k + 3 (Σ_ε needs T − 1 > k + 1 transitions), data is not finite, or the
 *   regressors are collinear.
 */
export function fitVar1(data: Float64Array, t: number, k: number): Var1Fit {
  if (!Number.isInteger(k) || k < 1) throw new Error(`fitVar1: k must be a positive integer, got ${k}`);
  if (!Number.isInteger(t) || t < k + 3) throw new Error(`fitVar1: t = ${t} observations, need at least k + 3 = ${k + 3}`);
  if (data.length !== t * k) throw new Error(`fitVar1: data has length ${data.length}, expected T × k = ${t} × ${k}`);
  for (let q = 0; q < data.length; q++) {
    if (!Number.isFinite(data[q])) throw new Error(`fitVar1: data[${Math.floor(q / k)}, ${q % k}] is ${data[q]}: must be finite`);
  }
  const m = t - 1;
  const p = k + 1;
  const x = new Float64Array(m * p);
  for (let r = 0; r < m; r++) {
    x[r * p] = 1;
    for (let j = 0; j < k; j++) x[r * p + 1 + j] = data[r * k + j];
  }
  const y = data.slice(k);
  const { coefficients, residuals } = leastSquares(x, y, m, p, k);
  const intercept = coefficients.slice(0, k);
  const phi = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) phi[i * k + j] = coefficients[(1 + j) * k + i];
  const innovationCovariance = new Float64Array(k * k);
  for (let r = 0; r < m; r++) {
    for (let i = 0; i < k; i++) {
      const ei = residuals[r * k + i];
      for (let j = 0; j <= i; j++) innovationCovariance[i * k + j] += ei * residuals[r * k + j];
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      const value = innovationCovariance[i * k + j] / (m - 1);
      innovationCovariance[i * k + j] = value;
      innovationCovariance[j * k + i] = value;
    }
  }
  const rho = spectralRadius(phi, k);
  return { k, t, phi, intercept, residuals, innovationCovariance, spectralRadius: rho, stationary: rho < 1 };
}

function multiply(a: Float64Array, b: Float64Array, n: number, transposeB: boolean): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let q = 0; q < n; q++) sum += a[i * n + q] * (transposeB ? b[j * n + q] : b[q * n + j]);
      out[i * n + j] = sum;
    }
  }
  return out;
}

const MAX_DOUBLING_STEPS = 64;

/**
 * Σ* solving Σ* = ΦΣ*Φᵀ + Σ_ε by doubling; converges quadratically in ρ(Φ)^{2^j}.
 *
 * @param phi - Φ, k × k, with ρ(Φ) < 1.
 * @param innovationCovariance - Σ_ε, k × k symmetric.
 * @throws when ρ(Φ) ≥ 1 (no stationary law) or the inputs are malformed.
 */
export function stationaryCovariance(phi: Float64Array, innovationCovariance: Float64Array, k: number): { covariance: Float64Array; iterations: number } {
  if (innovationCovariance.length !== k * k) throw new Error(`innovationCovariance has length ${innovationCovariance.length}, expected k × k = ${k * k}`);
  for (let q = 0; q < innovationCovariance.length; q++) {
    if (!Number.isFinite(innovationCovariance[q])) throw new Error(`innovationCovariance[${q}] is ${innovationCovariance[q]}: must be finite`);
  }
  const rho = spectralRadius(phi, k);
  if (!(rho < 1)) throw new Error(`stationaryCovariance: spectral radius of phi is ${rho} ≥ 1, so the VAR(1) has no stationary law`);
  const s = Float64Array.from(innovationCovariance);
  let a: Float64Array = Float64Array.from(phi);
  for (let step = 1; step <= MAX_DOUBLING_STEPS; step++) {
    const increment = multiply(multiply(a, s, k, false), a, k, true);
    let incrementNorm = 0;
    let norm = 0;
    for (let q = 0; q < s.length; q++) {
      incrementNorm = Math.max(incrementNorm, Math.abs(increment[q]));
      s[q] += increment[q];
      norm = Math.max(norm, Math.abs(s[q]));
    }
    if (incrementNorm <= 1e-17 * norm) {
      const symmetric = new Float64Array(k * k);
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) symmetric[i * k + j] = 0.5 * (s[i * k + j] + s[j * k + i]);
      return { covariance: symmetric, iterations: step };
    }
    a = multiply(a, a, k, false);
  }
  throw new Error(`stationaryCovariance: doubling did not converge in ${MAX_DOUBLING_STEPS} steps (spectral radius ${rho})`);
}

/**
 * Stationary mean and covariance of a fitted VAR(1).
 *
 * @throws when the fit is not stationary.
 */
export function var1Stationary(fit: Var1Fit): Var1Stationary {
  const { k, phi } = fit;
  if (!fit.stationary) throw new Error(`var1Stationary: spectral radius ${fit.spectralRadius} ≥ 1, the fitted VAR(1) is not stationary`);
  const identityMinusPhi = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) identityMinusPhi[i * k + j] = (i === j ? 1 : 0) - phi[i * k + j];
  const mean = luSolve(identityMinusPhi, k, fit.intercept);
  const { covariance, iterations } = stationaryCovariance(phi, fit.innovationCovariance, k);
  return { mean, covariance, iterations };
}

/**
 * One-step Mahalanobis distances d_t = √(ε̂_tᵀ Σ_ε⁻¹ ε̂_t) of the fitted residuals.
 *
 * @returns length T − 1; entry r belongs to observation r + 1.
 * @throws when Σ_ε is not positive definite.
 */
export function var1MahalanobisDistances(fit: Var1Fit): Float64Array {
  const { k } = fit;
  const factor = cholesky(fit.innovationCovariance, k);
  if (factor.status !== 'ok') throw new Error(`var1MahalanobisDistances: innovation covariance is not positive definite (pivot ${factor.pivot})`);
  const m = fit.t - 1;
  const distances = new Float64Array(m);
  const z = new Float64Array(k);
  for (let r = 0; r < m; r++) {
    solveLowerTriangular(factor.factor, k, fit.residuals.subarray(r * k, (r + 1) * k), z);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += z[j] * z[j];
    distances[r] = Math.sqrt(sum);
  }
  return distances;
}
