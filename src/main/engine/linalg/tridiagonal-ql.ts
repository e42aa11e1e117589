/**
 * Eigenvalues (and optionally eigenvectors) of a symmetric tridiagonal matrix by the implicit QL
 * algorithm with Wilkinson-type shifts (EISPACK tql1/tql2; Numerical Recipes §11.4 "tqli";
 * Golub & Van Loan, 4th ed., §8.3.5 for the convergence theory: cubic in practice).
 *
 * Deflation is norm-wise: e_m is set to zero once |e_m| ≤ ε·‖T‖∞ ({@link negligibleOffDiagonal}).
 * A test relative to the neighbouring diagonal entries alone (|e_m| ≤ ε(|d_m| + |d_{m+1}|), or
 * LAPACK dsteqr's ε·√|d_m|·√|d_{m+1}|) can stall when both d's are zero up to rounding, as in a
 * rank-deficient covariance matrix: each QL sweep chases the bulge through the large entries, and
 * e_l stops shrinking long before it reaches ε·|d_l| (measured: stuck near 1e-7·ε‖T‖ with
 * |d_l| ≈ 2e-15·‖T‖, for 40+ iterations). LAPACK escapes by choosing the QL or QR direction per
 * block and by a global budget of 30n iterations; we keep one direction and test against the
 * norm, which any entry passing the relative tests also passes (up to a factor 2). Zeroing an
 * entry below ε‖T‖ is a backward error of the same order as the Householder reduction's, so the
 * eigenvalues stay norm-wise accurate, which is all a dense symmetric eigensolver promises; tiny
 * eigenvalues of graded matrices lose the relative accuracy a relative test could give them.
 */

/** Iteration cap per eigenvalue; QL typically needs 1–2, and 30 is EISPACK's bound. */
const MAX_ITERATIONS_PER_EIGENVALUE = 30;
/** Range of x² + y² in which √(x² + y²) neither overflows nor loses digits to underflow. */
const SQUARES_MIN = 1e-290;
const SQUARES_MAX = 1e290;

/**
 * √(x² + y²) without spurious overflow or underflow. Math.hypot does the same but costs several
 * times more in V8, and it sits in QL's innermost loop; squares are safe for all but extreme inputs.
 */
function pythag(x: number, y: number): number {
  const squares = x * x + y * y;
  if (squares > SQUARES_MIN && squares < SQUARES_MAX) return Math.sqrt(squares);
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const big = Math.max(ax, ay);
  if (big === 0) return 0;
  const ratio = Math.min(ax, ay) / big;
  return big * Math.sqrt(1 + ratio * ratio);
}

/**
 * ε·‖T‖∞ for the tridiagonal T = (d, e): off-diagonal entries at or below it are negligible.
 *
 * @param diagonal - T_kk, length n.
 * @param offDiagonal - T_{k,k+1}, length ≥ n − 1 (entries past n − 2 are ignored).
 */
export function negligibleOffDiagonal(diagonal: Float64Array, offDiagonal: Float64Array): number {
  const n = diagonal.length;
  let norm = 0;
  for (let k = 0; k < n; k++) {
    const left = k > 0 ? Math.abs(offDiagonal[k - 1]) : 0;
    const right = k < n - 1 ? Math.abs(offDiagonal[k]) : 0;
    norm = Math.max(norm, Math.abs(diagonal[k]) + left + right);
  }
  return Number.EPSILON * norm;
}

/**
 * Diagonalises T in place.
 *
 * @param diagonal - T_kk, length n; overwritten by the (unsorted) eigenvalues.
 * @param offDiagonal - T_{k,k+1}, length n − 1; not mutated.
 * @param vectorsT - optional n × n row-major matrix whose ROWS are rotated along with T: pass
 *   the identity to receive Zᵀ (row i = unit eigenvector of eigenvalue i). Rotations mix two
 *   contiguous rows, which is why the transpose is accumulated.
 * @throws when an eigenvalue fails to converge (never observed for finite input).
 */
export function tridiagonalQl(diagonal: Float64Array, offDiagonal: Float64Array, vectorsT?: Float64Array): void {
  const n = diagonal.length;
  const d = diagonal;
  const e = new Float64Array(n);
  e.set(offDiagonal.subarray(0, Math.max(n - 1, 0)));
  const negligible = negligibleOffDiagonal(d, e);
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        if (Math.abs(e[m]) <= negligible) break;
      }
      if (m === l) break;
      if (++iterations > MAX_ITERATIONS_PER_EIGENVALUE) {
        throw new Error(`tridiagonal QL did not converge for eigenvalue ${l} after ${MAX_ITERATIONS_PER_EIGENVALUE} iterations`);
      }
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = pythag(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i: number;
      let underflow = false;
      for (i = m - 1; i >= l; i--) {
        const f = s * e[i];
        const b = c * e[i];
        r = pythag(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] -= p;
          e[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        if (vectorsT !== undefined) rotateRows(vectorsT, n, i, c, s);
      }
      if (underflow) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    } while (m !== l);
  }
}

/** rows (i, i+1) ← (c·row_i − s·row_{i+1}, s·row_i + c·row_{i+1}). */
function rotateRows(z: Float64Array, n: number, i: number, c: number, s: number): void {
  const rowI = i * n;
  const rowNext = rowI + n;
  for (let k = 0; k < n; k++) {
    const zi = z[rowI + k];
    const zn = z[rowNext + k];
    z[rowNext + k] = s * zi + c * zn;
    z[rowI + k] = c * zi - s * zn;
  }
}
