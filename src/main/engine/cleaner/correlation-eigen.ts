/**
 * Non-null eigenpairs of a correlation C = ZᵀZ from its standardised returns Z (L × N), forward and
 * reverse mode in float64, and as one differentiable tfjs op: the cleaner's spectral step
 * (Bongiorno, Manolakis & Mantegna, arXiv 2507.01918, METHODS.md §3).
 *
 * Primal (N ≤ L − 1): C = ZᵀZ, all N eigenpairs. Dual (N > L − 1): G = ZZᵀ = UΛUᵀ (L × L); since Z's
 * columns are centred, 1ᵀZ = 0 and G has one null eigenvalue, dropped, leaving r = L − 1 pairs with
 * v_k = Zᵀu_k/√λ_k. Output in descending order.
 *
 * Why one fused op instead of tf.matMul + symmetricEigenOp: the Gram matrix must be formed in
 * float64. A float32 Gram carries absolute errors ≈ 1e-7·λ_max, far above the smallest genuine
 * eigenvalues of real panels (near-duplicate share classes give λ ≈ 1e-7 with N < L), so small
 * eigenvalues came out negative (√λ → NaN) and the eigenvector gradients 1/(λ_j − λ_i) exploded.
 *
 * Reverse mode, with Ḡ = symmetricEigenBackward(…) (eigen-backward.ts, its degenerate rule):
 * primal Z̄ = 2·Z·Ḡ_C; dual, from V = ZᵀUΛ^(−1/2):
 *   Z̄ = U·Λ^(−1/2)·V̄ᵀ + 2·Ḡ_G·Z,  with Ū = Z·V̄·Λ^(−1/2) and λ̄_k ← λ̄_k − v_kᵀv̄_k/(2λ_k)
 * passed to the eigen backward of G.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import { gemm, gemmTransA, gemmTransB } from '../linalg/gemm';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import type { SymmetricEigen } from '../linalg/symmetric-eigen';
import { symmetricEigenBackward } from './eigen-backward';
import type { EigenBackwardOptions } from './eigen-backward';

/** Descending non-null eigenpairs of ZᵀZ and what the reverse pass needs. */
export interface CorrelationEigen {
  /** r = min(N, L − 1). */
  readonly rank: number;
  /** λ, length r, descending, each > 0. */
  readonly values: Float64Array;
  /** V, N × r row-major, column k the unit eigenvector of values[k]. */
  readonly vectors: Float64Array;
  /** The eigendecomposition of ZᵀZ (primal) or ZZᵀ (dual), ascending. */
  readonly eigen: SymmetricEigen;
  readonly dual: boolean;
}

/**
 * Forward pass.
 *
 * @param z - L × N row-major with centred columns (not checked; the dual drops one null eigenvalue).
 * @throws when a kept eigenvalue is not positive (the window has fewer independent rows than r).
 */
export function correlationEigen(z: Float64Array, t: number, n: number): CorrelationEigen {
  const dual = n > t - 1;
  const size = dual ? t : n;
  const rank = dual ? t - 1 : n;
  const eigen = symmetricEigen(dual ? gemmTransB(z, z, t, n, t) : gemmTransA(z, z, t, n, n), size);
  const values = new Float64Array(rank);
  const basis = new Float64Array(size * rank);
  for (let k = 0; k < rank; k++) {
    const source = size - 1 - k;
    values[k] = eigen.values[source];
    for (let i = 0; i < size; i++) basis[i * rank + k] = eigen.vectors[i * size + source];
  }
  if (!dual) return { rank, values, vectors: basis, eigen, dual };
  const vectors = gemmTransA(z, basis, t, n, rank);
  for (let k = 0; k < rank; k++) {
    if (!(values[k] > 0)) throw new Error(`correlation eigenvalue ${k + 1} of ${rank} is ${values[k]}: the window has fewer independent observations than assets allow`);
    const scale = 1 / Math.sqrt(values[k]);
    for (let i = 0; i < n; i++) vectors[i * rank + k] *= scale;
  }
  return { rank, values, vectors, eigen, dual };
}

/**
 * Reverse pass: ∂L/∂Z (L × N) from ∂L/∂λ (length r) and ∂L/∂V (N × r).
 */
export function correlationEigenBackward(forward: CorrelationEigen, z: Float64Array, t: number, n: number, dValues: Float64Array, dVectors: Float64Array, options: EigenBackwardOptions = {}): Float64Array {
  const { rank, values, vectors, eigen, dual } = forward;
  const size = dual ? t : n;
  const ascendingValues = new Float64Array(size);
  const ascendingVectors = new Float64Array(size * size);
  let direct: Float64Array | undefined;
  if (dual) {
    // Ū = Z·V̄·Λ^(−1/2); λ̄_k − v_kᵀv̄_k/(2λ_k); the direct term U·Λ^(−1/2)·V̄ᵀ.
    const projected = gemm(z, dVectors, t, n, rank);
    const scaledBasis = new Float64Array(t * rank);
    for (let k = 0; k < rank; k++) {
      const source = size - 1 - k;
      const inverseRoot = 1 / Math.sqrt(values[k]);
      let dot = 0;
      for (let i = 0; i < n; i++) dot += vectors[i * rank + k] * dVectors[i * rank + k];
      ascendingValues[source] = dValues[k] - dot / (2 * values[k]);
      for (let row = 0; row < t; row++) {
        ascendingVectors[row * size + source] = projected[row * rank + k] * inverseRoot;
        scaledBasis[row * rank + k] = eigen.vectors[row * size + source] * inverseRoot;
      }
    }
    direct = gemmTransB(scaledBasis, dVectors, t, rank, n);
  } else {
    for (let k = 0; k < rank; k++) {
      const source = size - 1 - k;
      ascendingValues[source] = dValues[k];
      for (let i = 0; i < n; i++) ascendingVectors[i * size + source] = dVectors[i * rank + k];
    }
  }
  const gramGradient = symmetricEigenBackward(eigen, size, ascendingValues, ascendingVectors, options);
  const out = dual ? gemm(gramGradient, z, t, t, n) : gemm(z, gramGradient, t, n, n);
  for (let q = 0; q < out.length; q++) out[q] = 2 * out[q] + (direct ? direct[q] : 0);
  return out;
}

/**
 * The batched tfjs op: z [B, L, N] float32 → values [B, r] and vectors [B, N, r], differentiable.
 * Packed as one [B, N + 1, r] output (tfjs customGrad has one output) and sliced apart.
 */
export function correlationEigenOp(z: Tensor3D, options: EigenBackwardOptions = {}): { values: Tensor2D; vectors: Tensor3D; rank: number } {
  const [batch, t, n] = z.shape;
  const rank = Math.min(n, t - 1);
  if (rank < 1) throw new Error(`z must have L ≥ 2 rows and N ≥ 1 columns, got [${z.shape.join(', ')}]`);
  const op = tf.customGrad((...args: unknown[]) => {
    const data = (args[0] as Tensor).dataSync();
    const inputs: Float64Array[] = [];
    const results: CorrelationEigen[] = [];
    const packed = new Float32Array(batch * (n + 1) * rank);
    for (let b = 0; b < batch; b++) {
      const input = Float64Array.from(data.subarray(b * t * n, (b + 1) * t * n));
      const result = correlationEigen(input, t, n);
      inputs.push(input);
      results.push(result);
      packed.set(result.values, b * (n + 1) * rank);
      packed.set(result.vectors, b * (n + 1) * rank + rank);
    }
    const gradFunc = (dy: Tensor): Tensor => {
      const upstream = dy.dataSync();
      const out = new Float32Array(batch * t * n);
      for (let b = 0; b < batch; b++) {
        const offset = b * (n + 1) * rank;
        const dValues = Float64Array.from(upstream.subarray(offset, offset + rank));
        const dVectors = Float64Array.from(upstream.subarray(offset + rank, offset + (n + 1) * rank));
        out.set(correlationEigenBackward(results[b], inputs[b], t, n, dValues, dVectors, options), b * t * n);
      }
      return tf.tensor3d(out, [batch, t, n]);
    };
    return { value: tf.tensor3d(packed, [batch, n + 1, rank]), gradFunc };
  });
  return tf.tidy(() => {
    const packed = op(z) as Tensor3D;
    return {
      values: tf.reshape(tf.slice(packed, [0, 0, 0], [batch, 1, rank]), [batch, rank]) as Tensor2D,
      vectors: tf.slice(packed, [0, 1, 0], [batch, n, rank]) as Tensor3D,
      rank,
    };
  });
}
