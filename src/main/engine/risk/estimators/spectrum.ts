/**
 * Non-null eigenpairs of a Gram matrix YᵀY/divisor (N × N) without forming it when T < N.
 *
 * - N ≤ T (primal): eigendecompose the N × N matrix directly.
 * - T < N (dual): eigendecompose the T × T matrix G = YYᵀ/divisor, which has the same non-zero
 *   eigenvalues, and map each eigenvector back as u = Yᵀv / √(divisor·λ) (unit length because
 *   ‖Yᵀv‖² = vᵀYYᵀv = divisor·λ). Cost O(T²N + T³) instead of O(N²T + N³), memory O(TN).
 *
 * Y has demeaned columns, so 1ᵀY = 0 and the rank is at most m = min(N, T − 1): only the top m
 * eigenpairs are kept ("non-null"); the other N − m eigenvalues are zero in exact arithmetic.
 */

import { gemmTransA, gemmTransB } from '../../linalg/gemm';
import { symmetricEigen } from '../../linalg/symmetric-eigen';

/** The non-null part of the spectrum of YᵀY/divisor. */
export interface GramSpectrum {
  /** Number of assets N. */
  readonly n: number;
  /** Number of non-null eigenpairs kept, m = min(N, T − 1). */
  readonly m: number;
  /** Eigenvalues, length m, ascending. */
  readonly values: Float64Array;
  /** Orthonormal eigenvectors, N × m row-major; column j belongs to `values[j]`. */
  readonly vectors: Float64Array;
}

function topColumns(vectors: Float64Array, rows: number, cols: number, keep: number): Float64Array {
  const out = new Float64Array(rows * keep);
  const first = cols - keep;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < keep; j++) out[i * keep + j] = vectors[i * cols + first + j];
  }
  return out;
}

/**
 * Top m = min(N, T − 1) eigenpairs of YᵀY/divisor, in the primal when N ≤ T and the dual otherwise.
 *
 * @param y - Y, T × N row-major, demeaned columns.
 * @param divisor - e.g. n = T − 1 for the sample covariance, 1 for a pre-scaled Y.
 */
export function gramSpectrum(y: Float64Array, t: number, n: number, divisor: number): GramSpectrum {
  const m = Math.min(n, t - 1);
  if (n <= t) {
    const s = gemmTransA(y, y, t, n, n);
    for (let k = 0; k < s.length; k++) s[k] /= divisor;
    const eig = symmetricEigen(s, n);
    return { n, m, values: eig.values.slice(n - m), vectors: topColumns(eig.vectors, n, n, m) };
  }
  const g = gemmTransB(y, y, t, n, t);
  for (let k = 0; k < g.length; k++) g[k] /= divisor;
  const eig = symmetricEigen(g, t);
  const values = eig.values.slice(t - m);
  const v = topColumns(eig.vectors, t, t, m);
  const vectors = gemmTransA(y, v, t, n, m);
  for (let j = 0; j < m; j++) {
    // A numerically zero eigenvalue (rank-deficient returns) has no defined direction; estimators
    // that need it reject such input before using the vectors, the others never read the column.
    const scale = values[j] > 0 ? 1 / Math.sqrt(divisor * values[j]) : 0;
    for (let i = 0; i < n; i++) vectors[i * m + j] *= scale;
  }
  return { n, m, values, vectors };
}

/**
 * Throws unless all m kept eigenvalues are clearly positive (smallest > N·ε·largest): QIS, NLS and
 * RIE invert them, so collinear assets or repeated observations must be reported, not divided by.
 */
export function assertPositiveSpectrum(spectrum: GramSpectrum, estimator: string): void {
  const { values, m } = spectrum;
  const largest = values[m - 1];
  const floor = Math.max(spectrum.n, m) * Number.EPSILON * largest;
  if (!(values[0] > floor)) {
    throw new Error(
      `${estimator}: the returns are rank deficient (smallest of the min(N, T − 1) = ${m} non-null sample eigenvalues is ${values[0]}, largest ${largest}); remove collinear assets or duplicated observations`,
    );
  }
}

/**
 * The top `keep` columns of an N × m eigenvector matrix (the eigenpairs with the largest values).
 */
export function topEigenvectors(spectrum: GramSpectrum, keep: number): Float64Array {
  return topColumns(spectrum.vectors, spectrum.n, spectrum.m, keep);
}
