/**
 * Dense matrix–matrix products on row-major Float64Arrays.
 *
 * Loops are ordered so the innermost one walks contiguous memory in both the output row and one
 * input row (the i-p-j "axpy" order), which is what makes row-major storage fast without blocking.
 */

import { assertDimension, assertFiniteResult, assertLength, outputArray } from './validate';

function checkShapes(m: number, k: number, n: number): void {
  assertDimension(m, 'm');
  assertDimension(k, 'k');
  assertDimension(n, 'n');
}

/**
 * C = A·B.
 *
 * @param a - A, m × k row-major.
 * @param b - B, k × n row-major.
 * @param out - optional C, m × n; overwritten; must not alias `a` or `b`.
 * @returns C, m × n row-major.
 */
export function gemm(a: Float64Array, b: Float64Array, m: number, k: number, n: number, out?: Float64Array): Float64Array {
  checkShapes(m, k, n);
  assertLength(a, m * k, 'a', 'm × k');
  assertLength(b, k * n, 'b', 'k × n');
  const c = outputArray(out, m * n, 'm × n');
  c.fill(0);
  for (let i = 0; i < m; i++) {
    const rowC = i * n;
    const rowA = i * k;
    for (let p = 0; p < k; p++) {
      const aip = a[rowA + p];
      const rowB = p * n;
      for (let j = 0; j < n; j++) c[rowC + j] += aip * b[rowB + j];
    }
  }
  assertFiniteResult(c, [['a', a], ['b', b]], 'gemm');
  return c;
}

/**
 * C = Aᵀ·B, e.g. XᵀX for a T × n data matrix X (pass it as both `a` and `b`; C is then exactly
 * symmetric because entry (i, j) and (j, i) sum the same products in the same order).
 *
 * @param a - A, k × m row-major (so Aᵀ is m × k).
 * @param b - B, k × n row-major.
 * @param out - optional C, m × n; overwritten; must not alias `a` or `b`.
 * @returns C, m × n row-major.
 */
export function gemmTransA(a: Float64Array, b: Float64Array, k: number, m: number, n: number, out?: Float64Array): Float64Array {
  checkShapes(m, k, n);
  assertLength(a, k * m, 'a', 'k × m');
  assertLength(b, k * n, 'b', 'k × n');
  const c = outputArray(out, m * n, 'm × n');
  c.fill(0);
  for (let p = 0; p < k; p++) {
    const rowA = p * m;
    const rowB = p * n;
    for (let i = 0; i < m; i++) {
      const api = a[rowA + i];
      const rowC = i * n;
      for (let j = 0; j < n; j++) c[rowC + j] += api * b[rowB + j];
    }
  }
  assertFiniteResult(c, [['a', a], ['b', b]], 'gemmTransA');
  return c;
}

/**
 * C = A·Bᵀ, e.g. the T × T Gram matrix XXᵀ of the dual problem when T < n.
 *
 * @param a - A, m × k row-major.
 * @param b - B, n × k row-major (so Bᵀ is k × n).
 * @param out - optional C, m × n; overwritten; must not alias `a` or `b`.
 * @returns C, m × n row-major.
 */
export function gemmTransB(a: Float64Array, b: Float64Array, m: number, k: number, n: number, out?: Float64Array): Float64Array {
  checkShapes(m, k, n);
  assertLength(a, m * k, 'a', 'm × k');
  assertLength(b, n * k, 'b', 'n × k');
  const c = outputArray(out, m * n, 'm × n');
  for (let i = 0; i < m; i++) {
    const rowA = i * k;
    for (let j = 0; j < n; j++) {
      const rowB = j * k;
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[rowA + p] * b[rowB + p];
      c[i * n + j] = sum;
    }
  }
  assertFiniteResult(c, [['a', a], ['b', b]], 'gemmTransB');
  return c;
}
