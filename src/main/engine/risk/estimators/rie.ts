/**
 * Rotationally invariant estimator (RIE): Bun, Bouchaud & Potters (2016), "Rotational invariant
 * estimator for general noisy matrices", IEEE Trans. Inf. Theory 62(12), and (2017) "Cleaning
 * large correlation matrices: tools from random matrix theory", Physics Reports 666, with the
 * finite-N correction of the small eigenvalues; formulas as in METHODS.md §2.
 *
 * On the sample correlation matrix E (eigenvalues λ_k, N of them, q = N/T), z_k = λ_k − iη,
 * η = N^(−1/2):
 *   g(z) = (1/N) Σ_j 1/(z − λ_j) over all N eigenvalues (null ones included), exactly as written
 *     (a popular Python port computes it wrongly);
 *   ξ_k = λ_k / |1 − q + q z_k g(z_k)|²;
 *   finite-N fix: λ₋ = smallest non-null eigenvalue, σ² = λ₋/(1 − √q)², λ₊ = λ₋(1 + √q)²/(1 − √q)²,
 *     g_mp(z) = [z + σ²(q − 1) − √((z − λ₋)(z − λ₊))]/(2qσ²z), the root taken as
 *     √(z − λ₋)·√(z − λ₊) with principal square roots (the branch ~ z at infinity, hence
 *     Im g_mp > 0 for Im z < 0), Γ_k = σ²|1 − q + q z_k g_mp(z_k)|²/λ_k, ξ̂_k = ξ_k·max(1, Γ_k).
 * Then rebuild, renormalise to unit diagonal, rescale by sample standard deviations (T − 1).
 *
 * N ≥ T (not covered by METHODS): after demeaning E has N − m null eigenvalues, m = T − 1, for
 * which the formula gives ξ = 0 (a singular estimate). They get the Ledoit–Péché (2011) null-space
 * value ξ₀ = 1/((N/m − 1)·mean_k(1/λ_k)) over the non-null λ_k (the same limit QIS uses), non-null
 * ξ̂ below ξ₀ are raised to ξ₀ (`params.clamped`), and the result is a factor model of rank T − 1.
 * q = 1 exactly (N = T) makes σ² infinite and is rejected.
 */

import { correlationRiskModel, correlationSpectrum } from './correlation-spectrum';
import { floorAtNull } from './spectral-model';
import { assertPositiveSpectrum } from './spectrum';
import type { EstimatorResult } from './types';
import { assertReturns } from './validate-returns';

interface Complex {
  re: number;
  im: number;
}

function complexSqrt(re: number, im: number): Complex {
  const modulus = Math.hypot(re, im);
  const real = Math.sqrt((modulus + re) / 2);
  const imaginary = Math.sqrt(Math.max(modulus - re, 0) / 2);
  return { re: real, im: im < 0 ? -imaginary : imaginary };
}

function complexMultiply(a: Complex, b: Complex): Complex {
  return { re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re };
}

function complexDivide(a: Complex, b: Complex): Complex {
  const d = b.re * b.re + b.im * b.im;
  return { re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d };
}

/** |1 − q + q·z·g|² */
function denominator(q: number, z: Complex, g: Complex): number {
  const zg = complexMultiply(z, g);
  const re = 1 - q + q * zg.re;
  const im = q * zg.im;
  return re * re + im * im;
}

/** Marchenko–Pastur Stieltjes transform at z, on the physical branch. */
function marchenkoPasturStieltjes(z: Complex, q: number, sigma2: number, lower: number, upper: number): Complex {
  const root = complexMultiply(complexSqrt(z.re - lower, z.im), complexSqrt(z.re - upper, z.im));
  const numerator = { re: z.re + sigma2 * (q - 1) - root.re, im: z.im - root.im };
  return complexDivide(numerator, { re: 2 * q * sigma2 * z.re, im: 2 * q * sigma2 * z.im });
}

/**
 * @param returns - T × N row-major, finite, no zero-variance column, N ≠ T; not mutated.
 * @returns the model and `params.q` (N/T), `params.eta` (η), `params.clamped` (N > T only).
 * @throws naming the column when a column has zero variance; when N = T; when rank deficient.
 */
export function rie(returns: Float64Array, t: number, n: number): EstimatorResult {
  assertReturns(returns, t, n, 'rie');
  const q = n / t;
  if (q === 1) {
    throw new Error(`rie: N = T = ${n} gives q = 1, where the finite-N correction σ² = λ₋/(1 − √q)² is undefined; use more or fewer observations`);
  }
  const { spectrum, std } = correlationSpectrum(returns, t, n, 'rie');
  assertPositiveSpectrum(spectrum, 'rie');
  const { m, values: lambda } = spectrum;
  const nullCount = n - m;
  const eta = 1 / Math.sqrt(n);
  const sqrtQ = Math.sqrt(q);
  const lower = lambda[0];
  const sigma2 = lower / (1 - sqrtQ) ** 2;
  const upper = (lower * (1 + sqrtQ) ** 2) / (1 - sqrtQ) ** 2;
  let cleaned: Float64Array = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const z = { re: lambda[k], im: -eta };
    // 1/(z − λ_j) = (a + iη)/(a² + η²) with a = λ_k − λ_j; null eigenvalues have λ_j = 0.
    let gRe = (nullCount * lambda[k]) / (lambda[k] * lambda[k] + eta * eta);
    let gIm = (nullCount * eta) / (lambda[k] * lambda[k] + eta * eta);
    for (let j = 0; j < m; j++) {
      const a = lambda[k] - lambda[j];
      const d = a * a + eta * eta;
      gRe += a / d;
      gIm += eta / d;
    }
    const g = { re: gRe / n, im: gIm / n };
    const xi = lambda[k] / denominator(q, z, g);
    const gmp = marchenkoPasturStieltjes(z, q, sigma2, lower, upper);
    const gamma = (sigma2 * denominator(q, z, gmp)) / lambda[k];
    cleaned[k] = xi * Math.max(1, gamma);
  }
  let nullValue = 0;
  let clamped = 0;
  if (nullCount > 0) {
    let meanInverse = 0;
    for (let k = 0; k < m; k++) meanInverse += 1 / lambda[k];
    meanInverse /= m;
    nullValue = 1 / ((n / m - 1) * meanInverse);
    ({ values: cleaned, clamped } = floorAtNull(cleaned, nullValue));
  }
  const model = correlationRiskModel(spectrum.vectors, n, cleaned, nullValue, nullCount > 0, std);
  return { model, params: { q, eta, clamped } };
}
