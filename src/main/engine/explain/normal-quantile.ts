/**
 * Standard normal quantile Φ⁻¹(p), used by the rank normalisation of the R̂/ESS diagnostics.
 *
 * Acklam's rational approximation (relative error < 1.15e-9; P. J. Acklam, "An algorithm for
 * computing the inverse normal cumulative distribution function", 2003) followed by one Halley step
 * on Φ(x) − p with the accurate Φ of stats/normal-cdf, which brings the error to the accuracy of Φ
 * (a few 1e-16 relative). The lower half is solved directly and the upper half by symmetry, since
 * 1 − p is exact for p ≥ ½.
 */

import { normalCdf } from '../stats/normal-cdf';

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const LOW_REGION = 0.02425;
const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

/** Acklam's approximation for 0 < p ≤ ½. */
function acklamLowerHalf(p: number): number {
  if (p < LOW_REGION) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/**
 * Φ⁻¹(p): the x with P(Z ≤ x) = p, Z ~ N(0, 1).
 *
 * @param p - probability in [0, 1]; 0 gives −∞, 1 gives +∞.
 * @throws when p is NaN or outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`normalQuantile: p = ${p}, must lie in [0, 1]`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p > 0.5) return -normalQuantile(1 - p);
  let x = acklamLowerHalf(p);
  const u = (normalCdf(x) - p) * SQRT_TWO_PI * Math.exp(0.5 * x * x);
  x -= u / (1 + 0.5 * x * u);
  return x;
}
