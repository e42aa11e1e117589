/**
 * Batched symmetric eigendecomposition as a differentiable tfjs op: the cleaner's spectral step
 * (Bongiorno, Manolakis & Mantegna, arXiv 2507.01918, METHODS.md §3). Forward: `symmetricEigen`
 * (../linalg/symmetric-eigen.ts) per matrix in float64; backward: `symmetricEigenBackward`
 * (eigen-backward.ts), whose degenerate-eigenvalue rule and sign convention apply.
 *
 * tfjs's customGrad has one output tensor, so the op returns values and vectors packed as
 * [B, n + 1, n] (row 0 = λ, rows 1..n = V) and slices them apart; slice's gradient pads the two
 * upstream gradients back into the packed layout. The forward results are held by the gradient
 * closure, not saved as tensors.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import type { SymmetricEigen } from '../linalg/symmetric-eigen';
import { symmetricEigenBackward } from './eigen-backward';
import type { EigenBackwardOptions } from './eigen-backward';

/** Output of {@link symmetricEigenOp}. */
export interface EigenTensors {
  /** [B, n], ascending per matrix. */
  readonly values: Tensor2D;
  /** [B, n, n]; [b, :, j] is the unit eigenvector of values[b, j], signed as `symmetricEigen` does. */
  readonly vectors: Tensor3D;
}

/**
 * Eigendecomposition of each symmetric matrix of a batch, differentiable with respect to the matrices.
 *
 * @param a - [B, n, n] float32, each symmetric (relative asymmetry ≤ 1e-10; build it as
 *   (M + Mᵀ)/2 or XᵀX to be exact).
 * @returns values and vectors; gradients reach `a` as the symmetric G of `symmetricEigenBackward`.
 * @throws on a wrong rank, non-square matrices, non-finite or non-symmetric input (by
 *   `symmetricEigen`, naming the entry), or a bad relativeGap.
 */
export function symmetricEigenOp(a: Tensor3D, options: EigenBackwardOptions = {}): EigenTensors {
  if (!(a instanceof tf.Tensor) || a.rank !== 3 || a.shape[1] !== a.shape[2]) {
    throw new Error(`a must be a [B, n, n] tensor, got ${a instanceof tf.Tensor ? `[${a.shape.join(', ')}]` : String(a)}`);
  }
  const [batch, n] = a.shape;
  const op = tf.customGrad((...args: unknown[]) => {
    const data = (args[0] as Tensor).dataSync();
    const results: SymmetricEigen[] = [];
    const packed = new Float32Array(batch * (n + 1) * n);
    for (let b = 0; b < batch; b++) {
      const eigen = symmetricEigen(Float64Array.from(data.subarray(b * n * n, (b + 1) * n * n)), n);
      results.push(eigen);
      packed.set(eigen.values, b * (n + 1) * n);
      packed.set(eigen.vectors, b * (n + 1) * n + n);
    }
    const gradFunc = (dy: Tensor): Tensor => {
      const upstream = dy.dataSync();
      const out = new Float32Array(batch * n * n);
      for (let b = 0; b < batch; b++) {
        const offset = b * (n + 1) * n;
        const dValues = Float64Array.from(upstream.subarray(offset, offset + n));
        const dVectors = Float64Array.from(upstream.subarray(offset + n, offset + (n + 1) * n));
        out.set(symmetricEigenBackward(results[b], n, dValues, dVectors, options), b * n * n);
      }
      return tf.tensor3d(out, [batch, n, n]);
    };
    return { value: tf.tensor3d(packed, [batch, n + 1, n]), gradFunc };
  });
  return tf.tidy(() => {
    const packed = op(a) as Tensor3D;
    return {
      values: tf.reshape(tf.slice(packed, [0, 0, 0], [batch, 1, n]), [batch, n]) as Tensor2D,
      vectors: tf.slice(packed, [0, 1, 0], [batch, n, n]) as Tensor3D,
    };
  });
}
