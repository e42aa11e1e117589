/**
 * Reverse-mode derivative (vector–Jacobian product) of the symmetric eigendecomposition
 * A = V·diag(λ)·Vᵀ computed by `symmetricEigen` (../linalg/symmetric-eigen.ts): the step through
 * which the cleaner's loss reaches the lag transform (Bongiorno, Manolakis & Mantegna, arXiv
 * 2507.01918, METHODS.md §3). First-order perturbation theory (Giles, "An extended collection of
 * matrix derivative results for forward and reverse mode AD", 2008, §3.1; Ionescu, Vantzos &
 * Sminchisescu, "Matrix backpropagation for deep networks with structured layers", ICCV 2015):
 *
 *   dλ_i = v_iᵀ·dA·v_i,   dV = V·(F ∘ (Vᵀ·dA·V)),   F_ij = 1/(λ_j − λ_i) (i ≠ j), F_ii = 0,
 *
 * so for upstream gradients λ̄ (n) and V̄ (n × n)
 *
 *   Ā = V·(diag(λ̄) + F ∘ (Vᵀ·V̄))·Vᵀ,   returned symmetrised: G = (Ā + Āᵀ)/2.
 *
 * Degenerate eigenvalues (the documented rule): F_ij is set to 0 when |λ_j − λ_i| ≤ gap, with
 * gap = `relativeGap` · max(max_k |λ_k|, min normal float64) (default relativeGap 1e-10, far above the
 * ≈1e-15 relative accuracy of the computed λ). This is exact when the loss is invariant to rotations
 * inside each such cluster of eigenvalues — it depends on a degenerate eigenspace only through its
 * projector, e.g. any function of the eigenvalues, or of the eigenvectors of well separated
 * eigenvalues — since then (Vᵀ·V̄) is symmetric on the cluster's block and its F-weighted part
 * cancels. For other losses the true derivative does not exist (it grows like 1/gap) and the rule
 * returns the gradient of the cluster-invariant part. The eigenvector sign convention of
 * `symmetricEigen` is locally constant, so sign-dependent losses are differentiable away from ties
 * in |v_ik|; losses invariant to each v_i ↦ −v_i need no convention at all.
 */

import { gemm, gemmTransA, gemmTransB } from '../linalg/gemm';
import type { SymmetricEigen } from '../linalg/symmetric-eigen';

/** Default relative eigenvalue gap below which two eigenvalues count as degenerate. */
export const DEFAULT_RELATIVE_GAP = 1e-10;

/** Options of {@link symmetricEigenBackward}. */
export interface EigenBackwardOptions {
  /** Relative gap of the degenerate rule (module comment); ≥ 0, default {@link DEFAULT_RELATIVE_GAP}. */
  readonly relativeGap?: number;
}

function checkArray(values: Float64Array, length: number, name: string, shape: string): void {
  if (!(values instanceof Float64Array)) throw new Error(`${name} must be a Float64Array (${shape})`);
  if (values.length !== length) throw new Error(`${name} has length ${values.length}, expected ${length} (${shape})`);
  for (let q = 0; q < length; q++) {
    if (!Number.isFinite(values[q])) throw new Error(`${name}[${q}] is ${values[q]}: values must be finite`);
  }
}

/**
 * Gradient of a scalar loss with respect to the symmetric matrix A, given the loss's gradients with
 * respect to the eigenvalues and eigenvectors returned by `symmetricEigen(a, n)`.
 *
 * @param eigen - the forward result: values ascending (n), vectors n × n row-major, column j the
 *   eigenvector of values[j].
 * @param n - the order of A.
 * @param dValues - ∂L/∂λ, length n, or undefined when the loss ignores the eigenvalues.
 * @param dVectors - ∂L/∂V, n × n row-major like `eigen.vectors`, or undefined when the loss
 *   ignores the eigenvectors.
 * @returns G, n × n row-major and symmetric, with dL = Σ_ij G_ij·dA_ij for every symmetric dA (so
 *   ∂L/∂a_ii = G_ii and a perturbation of the pair a_ij = a_ji changes L by 2·G_ij).
 * @throws on a bad n, wrong lengths, non-finite entries, eigenvalues not ascending, or a negative
 *   or non-finite relativeGap.
 */
export function symmetricEigenBackward(
  eigen: SymmetricEigen,
  n: number,
  dValues: Float64Array | undefined,
  dVectors: Float64Array | undefined,
  options: EigenBackwardOptions = {},
): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new Error(`n must be a positive integer, got ${n}`);
  const { values, vectors } = eigen;
  checkArray(values, n, 'eigen.values', 'n');
  checkArray(vectors, n * n, 'eigen.vectors', 'n × n');
  for (let i = 1; i < n; i++) {
    if (values[i] < values[i - 1]) throw new Error(`eigen.values must be ascending: values[${i - 1}] = ${values[i - 1]} > values[${i}] = ${values[i]}`);
  }
  if (dValues !== undefined) checkArray(dValues, n, 'dValues', 'n');
  if (dVectors !== undefined) checkArray(dVectors, n * n, 'dVectors', 'n × n');
  const relativeGap = options.relativeGap ?? DEFAULT_RELATIVE_GAP;
  if (!Number.isFinite(relativeGap) || relativeGap < 0) throw new Error(`options.relativeGap must be finite and ≥ 0, got ${relativeGap}`);

  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(values[i]));
  const gap = relativeGap * Math.max(largest, Number.MIN_VALUE);

  // inner = sym(diag(λ̄) + F ∘ (Vᵀ·V̄)); symmetrising the middle factor symmetrises V·C·Vᵀ.
  const inner = new Float64Array(n * n);
  if (dVectors !== undefined) {
    const projected = gemmTransA(vectors, dVectors, n, n, n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const difference = values[j] - values[i];
        if (difference <= gap) continue;
        // C_ij = M_ij/(λ_j − λ_i), C_ji = M_ji/(λ_i − λ_j): their mean is (M_ij − M_ji)/(2(λ_j − λ_i)).
        const value = (projected[i * n + j] - projected[j * n + i]) / (2 * difference);
        inner[i * n + j] = value;
        inner[j * n + i] = value;
      }
    }
  }
  if (dValues !== undefined) {
    for (let i = 0; i < n; i++) inner[i * n + i] = dValues[i];
  }
  const left = gemm(vectors, inner, n, n, n);
  const out = gemmTransB(left, vectors, n, n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const mean = 0.5 * (out[i * n + j] + out[j * n + i]);
      out[i * n + j] = mean;
      out[j * n + i] = mean;
    }
  }
  return out;
}
