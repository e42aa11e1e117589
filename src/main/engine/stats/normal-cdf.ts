/**
 * Standard normal distribution function Φ and its upper tail Q = 1 − Φ, accurate to a few units
 * of 1e-15 in relative terms over the whole normal (non-subnormal) float64 range.
 *
 * Two regions of the upper tail Q(x), x ≥ 0, so that neither loses digits to cancellation:
 * - 0 ≤ x < 1.5: Q(x) = ½ − φ(x)·Σₙ x^{2n+1}/(2n+1)!! (Marsaglia, "Evaluating the normal
 *   distribution", J. Stat. Softw. 11(4), 2004, eq. 1). Every term is positive and ½ − (…) keeps
 *   Q ≥ 0.066, so the subtraction costs at most a factor 7.5 of an ulp.
 * - x ≥ 1.5: Laplace's continued fraction for Mills' ratio, Q(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …))))
 *   (Abramowitz & Stegun 26.2.14), evaluated with the modified Lentz algorithm (Press et al.,
 *   Numerical Recipes 3rd ed., §5.2); about 180 terms at x = 1.5, 12 at x = 10.
 * The density exp(−x²/2) is formed from x = xₕ + (x − xₕ) with xₕ a multiple of 1/16, so xₕ² is
 * exact and the rounding of x² (which would cost x²·2⁻⁵³ relative, 7e-14 at x = 37) never enters.
 *
 * Measured against mpmath at 50 digits on x = 0, 0.01, …, 38 (wherever Q ≥ 1e-300): relative error
 * of Q at most 3.7e-15, of Φ at most 3e-16. Below Q ≈ 2.2e-308 the result is subnormal and loses
 * relative accuracy gracefully; Q(x) is 0 beyond x ≈ 38.5.
 */

const INV_SQRT_2PI = 0.3989422804014327;
const SERIES_LIMIT = 1.5;
const MAX_FRACTION_TERMS = 1000;
const TINY = 1e-300;

/** φ(x) = exp(−x²/2)/√(2π) with the square split so its rounding is not amplified by exp. */
function density(x: number): number {
  const head = Math.round(x * 16) / 16;
  const tail = (x - head) * (x + head);
  return INV_SQRT_2PI * Math.exp(-0.5 * head * head) * Math.exp(-0.5 * tail);
}

/** Σₙ x^{2n+1}/(2n+1)!! for 0 ≤ x < 1.5; the ratio of successive terms is x²/(2n+1) < 1. */
function oddDoubleFactorialSeries(x: number): number {
  const square = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; term > sum * 1e-17; n++) {
    term *= square / (2 * n + 1);
    sum += term;
  }
  return sum;
}

/** 1 / (x + 1/(x + 2/(x + 3/(x + …)))) for x ≥ 1.5 by the modified Lentz algorithm. */
function millsFraction(x: number): number {
  let value = x;
  let c = x;
  let d = 0;
  for (let k = 1; k <= MAX_FRACTION_TERMS; k++) {
    d = x + k * d;
    if (d === 0) d = TINY;
    c = x + k / c;
    if (c === 0) c = TINY;
    d = 1 / d;
    const delta = c * d;
    value *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / value;
}

/**
 * Upper tail Q(x) = P(Z > x) = 1 − Φ(x) of the standard normal, computed without forming 1 − Φ,
 * so it keeps its relative accuracy far into the tail (Q(30) ≈ 4.9e-198).
 *
 * @param x - any float64; NaN gives NaN, +∞ gives 0, −∞ gives 1.
 */
export function normalUpperTail(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 1 - normalUpperTail(-x);
  if (x === Infinity) return 0;
  if (x < SERIES_LIMIT) return 0.5 - density(x) * oddDoubleFactorialSeries(x);
  return density(x) * millsFraction(x);
}

/**
 * Standard normal distribution function Φ(x) = P(Z ≤ x), Z ~ N(0, 1).
 *
 * @param x - any float64; NaN gives NaN, −∞ gives 0, +∞ gives 1.
 */
export function normalCdf(x: number): number {
  return normalUpperTail(-x);
}

/**
 * Two-sided p-value 2·Q(|z|) of a statistic that is N(0, 1) under the null, computed from the
 * upper tail so small p-values keep their digits.
 *
 * @param z - the observed statistic; NaN gives NaN.
 */
export function twoSidedNormalPValue(z: number): number {
  return Math.min(1, 2 * normalUpperTail(Math.abs(z)));
}
