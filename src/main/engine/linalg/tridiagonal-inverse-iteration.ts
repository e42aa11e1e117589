/**
 * Eigenvectors of an unreduced symmetric tridiagonal block from its (accurate) eigenvalues by
 * inverse iteration, O(m) per vector and sweep instead of the O(m²) rotations per eigenvalue of
 * QL with vector accumulation (LAPACK dstein; Golub & Van Loan, 4th ed., §8.2.2 and §8.4.4).
 *
 * Close eigenvalues give nearly parallel inverse-iteration vectors, so each vector is
 * re-orthogonalised (modified Gram–Schmidt, every sweep) against the already computed vectors whose
 * eigenvalue lies within {@link ORTHOGONALISATION_WINDOW}·‖T‖₁. Outside that window the
 * non-orthogonality is bounded by ≈ ε‖T‖/gap ≤ ε/window ≈ 2e-12. The caller checks nothing else:
 * this function reports failure (residual too large) and the caller falls back to QL.
 */

/** Relative eigenvalue gap below which vectors are explicitly re-orthogonalised (see module comment). */
const ORTHOGONALISATION_WINDOW = 1e-4;
/** Inverse-iteration sweeps; with an eigenvalue accurate to ε‖T‖ one sweep usually suffices. */
const SWEEPS = 3;
/** A vector is accepted when ‖(T − λ)x‖₂ ≤ this multiple of m·ε·‖T‖₁ (backward-stable level). */
const RESIDUAL_FACTOR = 16;

/**
 * Writes the unit eigenvectors of block T[start..start+m) into rows `rows[j]` of `vectorsT`
 * (columns start..start+m−1; other columns are left zero).
 *
 * @param d - diagonal of the whole tridiagonal matrix.
 * @param e - off-diagonal of the whole matrix (e[k] = T_{k,k+1}); e[start−1] and e[start+m−1] are
 *   negligible (block boundaries).
 * @param values - eigenvalues of the block, ascending, length m.
 * @returns false when a vector failed the residual test (caller falls back to QL).
 */
export function blockEigenvectors(
  d: Float64Array,
  e: Float64Array,
  start: number,
  values: Float64Array,
  vectorsT: Float64Array,
  n: number,
  rows: ArrayLike<number>,
): boolean {
  const m = values.length;
  if (m === 1) {
    vectorsT[rows[0] * n + start] = 1;
    return true;
  }
  let norm = 0;
  for (let k = 0; k < m; k++) {
    const left = k > 0 ? Math.abs(e[start + k - 1]) : 0;
    const right = k < m - 1 ? Math.abs(e[start + k]) : 0;
    norm = Math.max(norm, Math.abs(d[start + k]) + left + right);
  }
  const tiny = Number.EPSILON * norm;
  const separation = 10 * Number.EPSILON * norm;
  const window = ORTHOGONALISATION_WINDOW * norm;
  const residualLimit = RESIDUAL_FACTOR * m * Number.EPSILON * norm;

  const u0 = new Float64Array(m);
  const u1 = new Float64Array(m);
  const u2 = new Float64Array(m);
  const multiplier = new Float64Array(m);
  const swapped = new Uint8Array(m);
  const x = new Float64Array(m);
  let seed = 0x9e3779b9 ^ (start * 2654435761);
  const shifts = new Float64Array(m);
  let windowStart = 0;

  for (let j = 0; j < m; j++) {
    let shift = values[j];
    if (j > 0 && shift - shifts[j - 1] < separation) shift = shifts[j - 1] + separation;
    shifts[j] = shift;
    while (values[j] - values[windowStart] > window) windowStart++;

    // LU with partial pivoting of T − shift·I: U has two super-diagonals (u1, u2).
    let pivotDiagonal = d[start] - shift;
    let pivotSuper = e[start];
    for (let k = 0; k < m - 1; k++) {
      const sub = e[start + k];
      const nextDiagonal = d[start + k + 1] - shift;
      const nextSuper = k + 1 < m - 1 ? e[start + k + 1] : 0;
      if (Math.abs(pivotDiagonal) >= Math.abs(sub)) {
        const l = pivotDiagonal === 0 ? 0 : sub / pivotDiagonal;
        u0[k] = pivotDiagonal;
        u1[k] = pivotSuper;
        u2[k] = 0;
        multiplier[k] = l;
        swapped[k] = 0;
        pivotDiagonal = nextDiagonal - l * pivotSuper;
        pivotSuper = nextSuper;
      } else {
        const l = pivotDiagonal / sub;
        u0[k] = sub;
        u1[k] = nextDiagonal;
        u2[k] = nextSuper;
        multiplier[k] = l;
        swapped[k] = 1;
        pivotDiagonal = pivotSuper - l * nextDiagonal;
        pivotSuper = -l * nextSuper;
      }
    }
    u0[m - 1] = pivotDiagonal;
    // From here u0 holds 1/u0: back substitution multiplies (a division per step would sit on its
    // dependency chain).
    for (let k = 0; k < m; k++) {
      const pivot = Math.abs(u0[k]) < tiny ? (u0[k] < 0 ? -tiny : tiny) : u0[k];
      u0[k] = 1 / pivot;
    }

    for (let k = 0; k < m; k++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      x[k] = seed / 2147483648 - 1;
    }
    for (let sweep = 0; sweep < SWEEPS; sweep++) {
      for (let k = 0; k < m - 1; k++) {
        if (swapped[k]) {
          const top = x[k];
          x[k] = x[k + 1];
          x[k + 1] = top - multiplier[k] * x[k + 1];
        } else {
          x[k + 1] -= multiplier[k] * x[k];
        }
      }
      x[m - 1] *= u0[m - 1];
      if (m >= 2) x[m - 2] = (x[m - 2] - u1[m - 2] * x[m - 1]) * u0[m - 2];
      for (let k = m - 3; k >= 0; k--) x[k] = (x[k] - u1[k] * x[k + 1] - u2[k] * x[k + 2]) * u0[k];
      for (let i = windowStart; i < j; i++) {
        const row = rows[i] * n + start;
        let dot = 0;
        for (let k = 0; k < m; k++) dot += vectorsT[row + k] * x[k];
        for (let k = 0; k < m; k++) x[k] -= dot * vectorsT[row + k];
      }
      let scale = 0;
      for (let k = 0; k < m; k++) scale = Math.max(scale, Math.abs(x[k]));
      if (!(scale > 0) || !Number.isFinite(scale)) return false;
      const inverseScale = 1 / scale;
      let sum = 0;
      for (let k = 0; k < m; k++) {
        const scaled = x[k] * inverseScale;
        sum += scaled * scaled;
      }
      const factor = inverseScale / Math.sqrt(sum);
      for (let k = 0; k < m; k++) x[k] *= factor;
    }

    let residual = 0;
    for (let k = 0; k < m; k++) {
      let r = (d[start + k] - values[j]) * x[k];
      if (k > 0) r += e[start + k - 1] * x[k - 1];
      if (k < m - 1) r += e[start + k] * x[k + 1];
      residual += r * r;
    }
    if (!(Math.sqrt(residual) <= residualLimit)) return false;
    const row = rows[j] * n + start;
    for (let k = 0; k < m; k++) vectorsT[row + k] = x[k];
  }
  return true;
}
