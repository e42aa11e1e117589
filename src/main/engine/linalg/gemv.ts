/**
 * Dense matrix–vector products on row-major Float64Arrays.
 */

import { assertDimension, assertFiniteResult, assertLength, outputArray } from './validate';

/**
 * y = A·x.
 *
 * @param a - A, m × n row-major.
 * @param x - length n.
 * @param out - optional y, length m; overwritten; must not alias `a` or `x`.
 * @returns y, length m.
 */
export function gemv(a: Float64Array, x: Float64Array, m: number, n: number, out?: Float64Array): Float64Array {
  assertDimension(m, 'm');
  assertDimension(n, 'n');
  assertLength(a, m * n, 'a', 'm × n');
  assertLength(x, n, 'x', 'n');
  const y = outputArray(out, m, 'm');
  for (let i = 0; i < m; i++) {
    const row = i * n;
    let sum = 0;
    for (let j = 0; j < n; j++) sum += a[row + j] * x[j];
    y[i] = sum;
  }
  assertFiniteResult(y, [['a', a], ['x', x]], 'gemv');
  return y;
}

/**
 * y = Aᵀ·x, walking A by rows (row-major friendly) rather than by columns.
 *
 * @param a - A, m × n row-major.
 * @param x - length m.
 * @param out - optional y, length n; overwritten; must not alias `a` or `x`.
 * @returns y, length n.
 */
export function gemvTrans(a: Float64Array, x: Float64Array, m: number, n: number, out?: Float64Array): Float64Array {
  assertDimension(m, 'm');
  assertDimension(n, 'n');
  assertLength(a, m * n, 'a', 'm × n');
  assertLength(x, m, 'x', 'm');
  const y = outputArray(out, n, 'n');
  y.fill(0);
  for (let i = 0; i < m; i++) {
    const xi = x[i];
    const row = i * n;
    for (let j = 0; j < n; j++) y[j] += xi * a[row + j];
  }
  assertFiniteResult(y, [['a', a], ['x', x]], 'gemvTrans');
  return y;
}
