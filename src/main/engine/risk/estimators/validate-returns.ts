/**
 * Input checks shared by the estimators. Messages name the estimator, the argument and the
 * offending row/column so a user can find the bad cell in their panel.
 */

/**
 * Throws unless `returns` is a finite T × N row-major matrix with T ≥ 2 and N ≥ 1.
 *
 * @param estimator - the estimator's name, used in messages.
 */
export function assertReturns(returns: Float64Array, t: number, n: number, estimator: string): void {
  if (!Number.isInteger(t) || t < 2) {
    throw new Error(`${estimator}: t = ${t}, but a covariance estimate needs an integer T ≥ 2 observations`);
  }
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${estimator}: n = ${n}, but the number of assets must be a positive integer`);
  }
  if (returns.length !== t * n) {
    throw new Error(`${estimator}: returns has length ${returns.length}, expected T × N = ${t} × ${n} = ${t * n}`);
  }
  for (let k = 0; k < returns.length; k++) {
    if (!Number.isFinite(returns[k])) {
      const row = Math.floor(k / n);
      throw new Error(`${estimator}: returns[row ${row}, column ${k - row * n}] is ${returns[k]}: returns must be finite`);
    }
  }
}

/**
 * Throws naming the first column whose sample variance is zero, as far as rounding can tell:
 * demeaning a constant column can leave residues of order ε·|x|, hence the relative threshold.
 *
 * @param variances - column variances, length N.
 * @param returns - the original T × N returns (for each column's scale).
 */
export function assertPositiveVariances(
  variances: Float64Array,
  returns: Float64Array,
  t: number,
  n: number,
  estimator: string,
): void {
  for (let j = 0; j < n; j++) {
    let scale = 0;
    for (let r = 0; r < t; r++) scale = Math.max(scale, Math.abs(returns[r * n + j]));
    const floor = (64 * Number.EPSILON * scale) ** 2;
    if (!(variances[j] > floor)) {
      throw new Error(`${estimator}: column ${j} of returns has zero variance, but the estimator needs every asset's standard deviation`);
    }
  }
}

/** Returns `options[key]` after checking it is a finite number, or throws naming the option. */
export function requireOption(value: number | undefined, key: string, estimator: string): number {
  if (value === undefined) throw new Error(`${estimator}: options.${key} is required`);
  if (!Number.isFinite(value)) throw new Error(`${estimator}: options.${key} is ${value}, expected a finite number`);
  return value;
}
