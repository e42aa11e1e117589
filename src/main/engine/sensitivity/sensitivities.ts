/**
 * Sensitivities of a trained multi-head network (METHODS.md §4; Rodriguez Dominguez, MLWA 2022):
 * S_ij = (1/T) Σ_t ∂ŷ_i(x_t)/∂x_j, the Jacobian averaged over the window's rows, by reverse-mode
 * automatic differentiation. Signed, so an asset that rises with a driver and one that falls with it
 * end up far apart in the sensitivity distance (./sensitivity-distance).
 *
 * Rows of the network are independent, so the gradient of Σ_t ŷ_i(x_t) with respect to the T × P
 * input holds every row's ∂ŷ_i/∂x_t; one backward pass per asset, N in all.
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
  const n = network.nAssets;
  if (!(inputs instanceof Float64Array) || inputs.length === 0 || inputs.length % p !== 0) {
    throw new Error(`inputs has length ${inputs?.length}, not a positive multiple of P = ${p} (the network's inputs)`);
  }
  for (let k = 0; k < inputs.length; k++) {
    if (!Number.isFinite(inputs[k])) throw new Error(`inputs[${Math.floor(k / p)}, ${k % p}] is ${inputs[k]}: input must be finite`);
  }
  const rows = inputs.length / p;
  const result = new Float64Array(n * p);
  const x = tf.tensor(Float32Array.from(inputs), [rows, p], 'float32') as Tensor2D;
  try {
    for (let i = 0; i < n; i++) {
      const column = tf.tidy(() => {
        const gradient = tf.grad((input: Tensor) => tf.sum(tf.slice(network.predict(input as Tensor2D), [0, i], [rows, 1])))(x);
        return tf.mean(gradient, 0);
      });
      const values = column.dataSync();
      column.dispose();
      for (let j = 0; j < p; j++) result[i * p + j] = values[j];
    }
  } finally {
    x.dispose();
  }
  return result;
}
