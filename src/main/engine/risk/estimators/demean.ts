/**
 * Column demeaning and column variances, the first step of every estimator here
 * (METHODS.md §2 notation: Y = returns with column means removed, n = T − 1).
 */

/**
 * Y = X − 1·x̄ᵀ, a fresh T × N row-major array (the input is not touched).
 *
 * @param returns - X, T × N row-major.
 */
export function demeanColumns(returns: Float64Array, t: number, n: number): Float64Array {
  const means = new Float64Array(n);
  for (let r = 0; r < t; r++) {
    const row = r * n;
    for (let j = 0; j < n; j++) means[j] += returns[row + j];
  }
  for (let j = 0; j < n; j++) means[j] /= t;
  const y = new Float64Array(t * n);
  for (let r = 0; r < t; r++) {
    const row = r * n;
    for (let j = 0; j < n; j++) y[row + j] = returns[row + j] - means[j];
  }
  return y;
}

/**
 * Column sums of squares of Y divided by `divisor`: the diagonal of YᵀY/divisor, length N.
 *
 * @param y - T × N row-major.
 */
export function columnVariances(y: Float64Array, t: number, n: number, divisor: number): Float64Array {
  const v = new Float64Array(n);
  for (let r = 0; r < t; r++) {
    const row = r * n;
    for (let j = 0; j < n; j++) v[j] += y[row + j] * y[row + j];
  }
  for (let j = 0; j < n; j++) v[j] /= divisor;
  return v;
}

/**
 * Yᵀ scaled by `factor`: the N × T loadings of the exact factor form YᵀY·factor² = U·Uᵀ used when
 * T < N (a sample-type matrix whose rank is at most T).
 */
export function scaledTranspose(y: Float64Array, t: number, n: number, factor: number): Float64Array {
  const u = new Float64Array(n * t);
  for (let r = 0; r < t; r++) {
    for (let j = 0; j < n; j++) u[j * t + r] = y[r * n + j] * factor;
  }
  return u;
}
