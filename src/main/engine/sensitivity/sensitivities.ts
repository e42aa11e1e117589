/**
 * Sensitivities of a trained multi-head network (METHODS.md §4; Rodriguez Dominguez, MLWA 2022):
 * S_ij = (1/T) Σ_t ∂ŷ_i(x_t)/∂x_j, the Jacobian averaged over the window's rows, by reverse-mode
 * automatic differentiation. Signed, so an asset that rises with a driver and one that falls with it
 * end up far apart in the sensitivity distance (./sensitivity-distance).
 *
 * The heads are linear in the last hidden layer h, ŷ = h·W_out + b_out, so
 *   S = W_outᵀ · (1/T) Σ_t ∂h(x_t)/∂x_t,
 * and autodiff is needed only through the shared layers: one backward pass per hidden unit (H of
 * them, e.g. 16) instead of one per asset (N, e.g. 500). Rows are independent, so the gradient of
 * Σ_t h_k(x_t) with respect to the T × P input holds every row's ∂h_k/∂x_t.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import type { SensitivityNetwork } from './sensitivity-network';

/**
 * @param network - a trained network with P inputs and N outputs.
 * @param inputs - T × P row-major rows at which to differentiate (usually the training window), finite.
 * @returns N × P row-major averaged sensitivities, in target units per input unit.
 * @throws on a shape mismatch or a non-finite entry.
 */
export function sensitivities(network: SensitivityNetwork, inputs: Float64Array): Float64Array {
  const p = network.nInputs;
  if (!(inputs instanceof Float64Array) || inputs.length === 0 || inputs.length % p !== 0) {
    throw new Error(`inputs has length ${inputs?.length}, not a positive multiple of P = ${p} (the network's inputs)`);
  }
  for (let k = 0; k < inputs.length; k++) {
    if (!Number.isFinite(inputs[k])) throw new Error(`inputs[${Math.floor(k / p)}, ${k % p}] is ${inputs[k]}: input must be finite`);
  }
  const rows = inputs.length / p;
  const x = tf.tensor(Float32Array.from(inputs), [rows, p], 'float32') as Tensor2D;
  try {
    const averaged = tf.tidy(() => {
      const width = network.outputWeights.shape[0];
      const jacobian: Tensor[] = [];
      for (let k = 0; k < width; k++) {
        const gradient = tf.grad((input: Tensor) => tf.sum(tf.slice(network.features(input as Tensor2D), [0, k], [rows, 1])))(x);
        jacobian.push(tf.mean(gradient, 0));
      }
      return tf.matMul(network.outputWeights, tf.stack(jacobian), true, false);
    });
    const values = averaged.dataSync();
    averaged.dispose();
    return Float64Array.from(values);
  } finally {
    x.dispose();
  }
}
