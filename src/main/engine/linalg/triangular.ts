/**
 * Triangular solves on row-major n × n Float64Arrays.
 *
 * Only the named triangle (diagonal included) is read; the other strict triangle is ignored, so a
 * Cholesky factor or a full matrix can be passed as is. Every loop reads rows of the triangular
 * matrix contiguously: Lᵀx = b is solved column-oriented from L's rows instead of forming Lᵀ.
 *
 * `out` may be the same array as `b` (in-place solve); it must not alias the triangular matrix.
 * Right-hand sides are checked for finiteness up front (O(n·m), cheap beside the O(n²·m) solve);
 * the triangle is checked only when the result turns out non-finite (see validate.ts).
 */

import { assertDimension, assertFinite, assertLength, firstNonFinite, outputArray } from './validate';

type Triangle = 'lower' | 'upper';

function checkArguments(t: Float64Array, n: number, b: Float64Array, columns: number, name: string): void {
  assertDimension(n, 'n');
  assertDimension(columns, 'm');
  assertLength(t, n * n, name, 'n × n');
  assertLength(b, n * columns, 'b', columns === 1 ? 'n' : 'n × m');
  assertFinite(b, 'b');
  for (let i = 0; i < n; i++) {
    const diagonal = t[i * n + i];
    if (diagonal === 0) throw new Error(`${name}[${i}, ${i}] is 0: the triangular matrix is singular`);
  }
}

/** After a solve produced a non-finite value: names the triangle entry responsible, or reports overflow. */
function assertFiniteSolution(x: Float64Array, t: Float64Array, n: number, triangle: Triangle, name: string): void {
  if (firstNonFinite(x) < 0) return;
  for (let i = 0; i < n; i++) {
    const from = triangle === 'lower' ? 0 : i;
    const to = triangle === 'lower' ? i : n - 1;
    for (let j = from; j <= to; j++) {
      const value = t[i * n + j];
      if (!Number.isFinite(value)) throw new Error(`${name}[${i}, ${j}] is ${value}: input must be finite`);
    }
  }
  throw new Error(`triangular solve with ${name} overflowed: the matrix is too ill-conditioned`);
}

function copyInto(b: Float64Array, out: Float64Array | undefined, length: number, shape: string): Float64Array {
  const x = outputArray(out, length, shape);
  if (x !== b) x.set(b);
  return x;
}

/**
 * Solves L·x = b by forward substitution.
 *
 * @param l - L, n × n row-major; lower triangle read.
 * @param b - length n.
 * @param out - optional x, length n; may be `b`.
 * @returns x, length n.
 */
export function solveLowerTriangular(l: Float64Array, n: number, b: Float64Array, out?: Float64Array): Float64Array {
  return solveLowerTriangularMany(l, n, b, 1, out);
}

/**
 * Solves L·X = B for m right-hand sides at once.
 *
 * @param l - L, n × n row-major; lower triangle read.
 * @param b - B, n × m row-major.
 * @param m - number of right-hand sides (columns of B).
 * @param out - optional X, n × m; may be `b`.
 * @returns X, n × m row-major.
 */
export function solveLowerTriangularMany(l: Float64Array, n: number, b: Float64Array, m: number, out?: Float64Array): Float64Array {
  checkArguments(l, n, b, m, 'l');
  const x = copyInto(b, out, n * m, m === 1 ? 'n' : 'n × m');
  for (let i = 0; i < n; i++) {
    const rowL = i * n;
    const rowX = i * m;
    for (let j = 0; j < i; j++) {
      const lij = l[rowL + j];
      const rowJ = j * m;
      for (let c = 0; c < m; c++) x[rowX + c] -= lij * x[rowJ + c];
    }
    const inverse = 1 / l[rowL + i];
    for (let c = 0; c < m; c++) x[rowX + c] *= inverse;
  }
  assertFiniteSolution(x, l, n, 'lower', 'l');
  return x;
}

/**
 * Solves Lᵀ·x = b using the lower-triangular L (no transpose is formed).
 *
 * @param l - L, n × n row-major; lower triangle read.
 * @param b - length n.
 * @param out - optional x, length n; may be `b`.
 * @returns x, length n.
 */
export function solveLowerTransposed(l: Float64Array, n: number, b: Float64Array, out?: Float64Array): Float64Array {
  return solveLowerTransposedMany(l, n, b, 1, out);
}

/**
 * Solves Lᵀ·X = B for m right-hand sides at once, using the lower-triangular L.
 *
 * @param l - L, n × n row-major; lower triangle read.
 * @param b - B, n × m row-major.
 * @param m - number of right-hand sides.
 * @param out - optional X, n × m; may be `b`.
 * @returns X, n × m row-major.
 */
export function solveLowerTransposedMany(l: Float64Array, n: number, b: Float64Array, m: number, out?: Float64Array): Float64Array {
  checkArguments(l, n, b, m, 'l');
  const x = copyInto(b, out, n * m, m === 1 ? 'n' : 'n × m');
  for (let i = n - 1; i >= 0; i--) {
    const rowL = i * n;
    const rowX = i * m;
    const inverse = 1 / l[rowL + i];
    for (let c = 0; c < m; c++) x[rowX + c] *= inverse;
    for (let j = 0; j < i; j++) {
      const lij = l[rowL + j];
      const rowJ = j * m;
      for (let c = 0; c < m; c++) x[rowJ + c] -= lij * x[rowX + c];
    }
  }
  assertFiniteSolution(x, l, n, 'lower', 'l');
  return x;
}

/**
 * Solves U·x = b by back substitution.
 *
 * @param u - U, n × n row-major; upper triangle read.
 * @param b - length n.
 * @param out - optional x, length n; may be `b`.
 * @returns x, length n.
 */
export function solveUpperTriangular(u: Float64Array, n: number, b: Float64Array, out?: Float64Array): Float64Array {
  checkArguments(u, n, b, 1, 'u');
  const x = copyInto(b, out, n, 'n');
  for (let i = n - 1; i >= 0; i--) {
    const row = i * n;
    let sum = x[i];
    for (let j = i + 1; j < n; j++) sum -= u[row + j] * x[j];
    x[i] = sum / u[row + i];
  }
  assertFiniteSolution(x, u, n, 'upper', 'u');
  return x;
}
