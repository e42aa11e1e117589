/**
 * Factored M = diag(D) + Σ_q c_q·v_q·v_qᵀ for the solver's inner loops: the symmetric Woodbury form
 * of ../linalg/woodbury (M⁻¹ = R·(I − V·K⁻¹·Vᵀ)·R, R = D^(−1/2), V = R·[v_q·√c_q], K = I + VᵀV,
 * whose every eigenvalue is ≥ 1), specialised for repeated solves: the columns are stored
 * contiguously and swept four at a time (./low-rank-kernels), the capacitance K is built from its
 * upper triangle only, and a solve neither validates nor allocates. Factor O(n·m²/2 + m³/3),
 * solve O(2·n·m) for n rows and m kept columns.
 */

import { cholesky, choleskySolve } from '../linalg/cholesky';
import { addColumnCombination, columnGram, projectOntoColumns } from './low-rank-kernels';

/** A factored diagonal-plus-low-rank matrix. */
export interface LowRankSolver {
  /** Order n. */
  readonly n: number;
  /** out = M⁻¹·b (length n); `out` may be `b`. */
  solve(b: Float64Array, out: Float64Array): Float64Array;
}

/**
 * Factors M = diag(D) + Σ_q c_q·v_q·v_qᵀ.
 *
 * @param diag - D, length n, each > 0.
 * @param cols - the vectors v_q, m × n row-major (vector q at q·n); not retained.
 * @param weights - c_q ≥ 0, length m; vectors with c_q = 0 are dropped.
 * @returns null when some D_i ≤ 0 or K fails to factor (M not positive definite).
 */
export function factorLowRank(diag: Float64Array, cols: Float64Array, weights: Float64Array): LowRankSolver | null {
  const n = diag.length;
  const rootInverse = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!(diag[i] > 0)) return null;
    rootInverse[i] = 1 / Math.sqrt(diag[i]);
  }
  let rank = 0;
  for (let q = 0; q < weights.length; q++) if (weights[q] > 0) rank++;
  const v = new Float64Array(rank * n);
  let kept = 0;
  for (let q = 0; q < weights.length; q++) {
    if (!(weights[q] > 0)) continue;
    const root = Math.sqrt(weights[q]);
    const from = q * n;
    const to = kept * n;
    for (let i = 0; i < n; i++) v[to + i] = cols[from + i] * root * rootInverse[i];
    kept++;
  }
  const projected = new Float64Array(rank);
  if (rank === 0) {
    return {
      n,
      solve(b, out) {
        for (let i = 0; i < n; i++) out[i] = b[i] * rootInverse[i] * rootInverse[i];
        return out;
      },
    };
  }
  const capacitance = new Float64Array(rank * rank);
  columnGram(v, rank, n, capacitance);
  for (let q = 0; q < rank; q++) capacitance[q * rank + q] += 1;
  const factored = cholesky(capacitance, rank);
  if (factored.status !== 'ok') return null;
  const factor = factored.factor;
  return {
    n,
    solve(b, out) {
      for (let i = 0; i < n; i++) out[i] = b[i] * rootInverse[i];
      projectOntoColumns(v, rank, n, out, projected);
      choleskySolve(factor, rank, projected, projected);
      for (let q = 0; q < rank; q++) projected[q] = -projected[q];
      addColumnCombination(v, rank, n, projected, out);
      for (let i = 0; i < n; i++) out[i] *= rootInverse[i];
      return out;
    },
  };
}
