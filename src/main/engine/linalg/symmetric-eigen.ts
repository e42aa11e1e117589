/**
 * Eigendecomposition of a real symmetric matrix: A = V·diag(λ)·Vᵀ.
 *
 * Method: Householder tridiagonalisation (householder-tridiagonal.ts), implicit-shift QL on the
 * tridiagonal matrix (tridiagonal-ql.ts), back-transformation of the eigenvectors. Same algorithm
 * family as LAPACK dsyev and JAMA/ml-matrix, laid out for row-major storage.
 *
 * Sign convention: each eigenvector is scaled by ±1 so that its component of largest absolute
 * value is positive (the first such component on an exact tie). Downstream results therefore do
 * not depend on the algorithm's arbitrary sign choices. For a repeated eigenvalue the eigenvectors
 * are one orthonormal basis of the eigenspace, which no convention can make unique.
 */

import { applyTridiagonalQ, householderTridiagonal } from './householder-tridiagonal';
import { tridiagonalQl } from './tridiagonal-ql';
import { assertDimension, assertLength } from './validate';

/** Largest tolerated |a_ij − a_ji| relative to max |a_ij|: round-off of a symmetric computation. */
const SYMMETRY_TOLERANCE = 1e-10;

/** Result of {@link symmetricEigen}. */
export interface SymmetricEigen {
  /** Eigenvalues λ, length n, ascending. */
  readonly values: Float64Array;
  /** V, n × n row-major; COLUMN j is the unit eigenvector of values[j]. */
  readonly vectors: Float64Array;
}

function checkSymmetric(a: Float64Array, n: number): void {
  assertDimension(n, 'n');
  assertLength(a, n * n, 'a', 'n × n');
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    const value = a[i];
    if (!Number.isFinite(value)) throw new Error(`a[${Math.floor(i / n)}, ${i % n}] is ${value}: input must be finite`);
    scale = Math.max(scale, Math.abs(value));
  }
  const tolerance = SYMMETRY_TOLERANCE * scale;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(a[i * n + j] - a[j * n + i]) > tolerance) {
        throw new Error(`a is not symmetric at (${i}, ${j}): ${a[i * n + j]} vs ${a[j * n + i]}`);
      }
    }
  }
}

function ascendingOrder(values: Float64Array): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i);
  order.sort((x, y) => values[x] - values[y] || x - y);
  return order;
}

/**
 * Eigenvalues of symmetric A, ascending, without eigenvectors (skips the 2n³ back-transformation
 * and the rotations: about 4n³/3 flops).
 *
 * @param a - A, n × n row-major, symmetric to {@link SYMMETRY_TOLERANCE}; the upper triangle is used.
 */
export function symmetricEigenValues(a: Float64Array, n: number): Float64Array {
  checkSymmetric(a, n);
  const tri = householderTridiagonal(a, n);
  const values = Float64Array.from(tri.diagonal);
  tridiagonalQl(values, tri.offDiagonal);
  return values.sort();
}

/**
 * Full eigendecomposition of symmetric A.
 *
 * @param a - A, n × n row-major, symmetric to {@link SYMMETRY_TOLERANCE}; the upper triangle is
 *   used; not mutated.
 * @returns values ascending; vectors n × n row-major with column j the unit eigenvector of
 *   values[j], signed by the convention in the module comment.
 * @throws on bad shape, non-finite or non-symmetric input.
 */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  checkSymmetric(a, n);
  const tri = householderTridiagonal(a, n);
  const rawValues = Float64Array.from(tri.diagonal);
  const vectorsT = new Float64Array(n * n);
  for (let i = 0; i < n; i++) vectorsT[i * n + i] = 1;
  tridiagonalQl(rawValues, tri.offDiagonal, vectorsT);
  applyTridiagonalQ(tri, vectorsT);

  const order = ascendingOrder(rawValues);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const source = order[j];
    values[j] = rawValues[source];
    const row = source * n;
    let largest = 0;
    let sign = 1;
    for (let i = 0; i < n; i++) {
      const magnitude = Math.abs(vectorsT[row + i]);
      if (magnitude > largest) {
        largest = magnitude;
        sign = vectorsT[row + i] < 0 ? -1 : 1;
      }
    }
    for (let i = 0; i < n; i++) vectors[i * n + j] = sign * vectorsT[row + i];
  }
  return { values, vectors };
}
