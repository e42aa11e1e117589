/**
 * Eigendecomposition of a real symmetric matrix: A = V·diag(λ)·Vᵀ.
 *
 * Method (LAPACK dsyevx-style): Householder tridiagonalisation (householder-tridiagonal.ts); T
 * split into unreduced blocks at off-diagonals below ε‖T‖∞ (the norm-wise deflation of
 * tridiagonal-ql.ts, which rank-deficient input needs); each block's eigenvalues by implicit QL
 * without vectors (tridiagonal-ql.ts, O(m²)); its eigenvectors by inverse iteration with
 * re-orthogonalisation of close eigenvalues (tridiagonal-inverse-iteration.ts, ≈ O(m²)), falling
 * back to QL with accumulated rotations (O(m³)) for a block where inverse iteration misses its
 * residual bound; finally back-transformation by the Householder reflectors, four at a time
 * (tridiagonal-back-transform.ts; 2n³ flops, the dominant cost with the reduction's 4n³/3: at
 * n = 500 about 45% and 40% of the time).
 *
 * Sign convention: each eigenvector is scaled by ±1 so that its component of largest absolute
 * value is positive (the first such component on an exact tie). Downstream results therefore do
 * not depend on the algorithm's arbitrary sign choices. For a repeated eigenvalue the eigenvectors
 * are one orthonormal basis of the eigenspace, which no convention can make unique.
 */

import { householderTridiagonal } from './householder-tridiagonal';
import { applyTridiagonalQ } from './tridiagonal-back-transform';
import { blockEigenvectors } from './tridiagonal-inverse-iteration';
import { negligibleOffDiagonal, tridiagonalQl } from './tridiagonal-ql';
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

/** Eigenpairs of the unreduced block T[start..start+m) into slots start..start+m−1. */
function blockEigen(d: Float64Array, e: Float64Array, start: number, m: number, values: Float64Array, vectorsT: Float64Array, n: number): void {
  const blockValues = d.slice(start, start + m);
  const blockOff = e.slice(start, start + m - 1);
  tridiagonalQl(blockValues, blockOff);
  blockValues.sort();
  const rows = Array.from({ length: m }, (_, j) => start + j);
  if (blockEigenvectors(d, e, start, blockValues, vectorsT, n, rows)) {
    values.set(blockValues, start);
    return;
  }
  const local = new Float64Array(m * m);
  for (let i = 0; i < m; i++) local[i * m + i] = 1;
  const localValues = d.slice(start, start + m);
  tridiagonalQl(localValues, blockOff, local);
  values.set(localValues, start);
  for (let r = 0; r < m; r++) {
    const row = (start + r) * n;
    vectorsT.fill(0, row, row + n);
    vectorsT.set(local.subarray(r * m, r * m + m), row + start);
  }
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
  const rawValues = new Float64Array(n);
  const vectorsT = new Float64Array(n * n);
  const { diagonal: d, offDiagonal: e } = tri;
  const negligible = negligibleOffDiagonal(d, e);
  let start = 0;
  for (let k = 0; k < n; k++) {
    const boundary = k === n - 1 || Math.abs(e[k]) <= negligible;
    if (!boundary) continue;
    blockEigen(d, e, start, k + 1 - start, rawValues, vectorsT, n);
    start = k + 1;
  }
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
