/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix, and solves with it.
 *
 * Failure to be positive definite is an outcome, not an exception: callers (the QP solver, the
 * estimators' PD checks) branch on `status`. Only bad shapes and non-finite input throw.
 */

import { solveLowerTransposedMany, solveLowerTriangularMany } from './triangular';
import { assertDimension, assertLength } from './validate';

/** Outcome of {@link cholesky}. */
export type CholeskyResult =
  | {
      readonly status: 'ok';
      /** L, n × n row-major, lower triangular (strict upper triangle is zero), positive diagonal. */
      readonly factor: Float64Array;
    }
  | {
      readonly status: 'not-positive-definite';
      /** Row/column index (0-based) at which the pivot was not positive. */
      readonly pivot: number;
      /** The pivot a_kk − Σ_{p<k} l_kp², which was ≤ 0. */
      readonly value: number;
    };

/**
 * Factors A = L·Lᵀ (Cholesky–Banachiewicz, row by row, so every inner product runs over two
 * contiguous row prefixes of L).
 *
 * Only the lower triangle of `a` (diagonal included) is read, as LAPACK's `dpotrf` with uplo = 'L';
 * the strict upper triangle is ignored. A pivot ≤ 0 stops the factorisation with status
 * `not-positive-definite` (the same test as `dpotrf`, no relative threshold: a positive but tiny
 * pivot means PD yet ill-conditioned, which callers judge from the factor's diagonal).
 *
 * @param a - A, n × n row-major, symmetric; not mutated.
 * @param n - order of A, ≥ 1.
 * @throws when shapes are wrong or the lower triangle holds NaN/±Infinity.
 */
export function cholesky(a: Float64Array, n: number): CholeskyResult {
  assertDimension(n, 'n');
  assertLength(a, n * n, 'a', 'n × n');
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const value = a[i * n + j];
      if (!Number.isFinite(value)) throw new Error(`a[${i}, ${j}] is ${value}: input must be finite`);
    }
  }
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    for (let j = 0; j <= i; j++) {
      const rowJ = j * n;
      let sum = a[rowI + j];
      for (let p = 0; p < j; p++) sum -= l[rowI + p] * l[rowJ + p];
      if (i === j) {
        if (!(sum > 0)) return { status: 'not-positive-definite', pivot: i, value: sum };
        l[rowI + i] = Math.sqrt(sum);
      } else {
        l[rowI + j] = sum / l[rowJ + j];
      }
    }
  }
  return { status: 'ok', factor: l };
}

/**
 * Solves A·x = b given A's Cholesky factor L (A = L·Lᵀ).
 *
 * @param factor - L, n × n row-major, from {@link cholesky}.
 * @param b - length n.
 * @param out - optional x, length n; may be `b`.
 */
export function choleskySolve(factor: Float64Array, n: number, b: Float64Array, out?: Float64Array): Float64Array {
  return choleskySolveMany(factor, n, b, 1, out);
}

/**
 * Solves A·X = B for m right-hand sides given A's Cholesky factor L.
 *
 * @param factor - L, n × n row-major.
 * @param b - B, n × m row-major.
 * @param m - number of right-hand sides.
 * @param out - optional X, n × m; may be `b`.
 * @returns X, n × m row-major.
 */
export function choleskySolveMany(factor: Float64Array, n: number, b: Float64Array, m: number, out?: Float64Array): Float64Array {
  const y = solveLowerTriangularMany(factor, n, b, m, out);
  return solveLowerTransposedMany(factor, n, y, m, y);
}

/**
 * log det A = 2·Σ log l_ii, computed from the factor so it neither overflows nor underflows the
 * way det A itself would at n in the hundreds.
 *
 * @param factor - L, n × n row-major, from {@link cholesky}.
 */
export function choleskyLogDet(factor: Float64Array, n: number): number {
  assertDimension(n, 'n');
  assertLength(factor, n * n, 'factor', 'n × n');
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const diagonal = factor[i * n + i];
    if (!(diagonal > 0)) throw new Error(`factor[${i}, ${i}] = ${diagonal}: a Cholesky factor has a positive diagonal`);
    sum += Math.log(diagonal);
  }
  return 2 * sum;
}
