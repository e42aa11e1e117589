/**
 * The cleaner's lag transform (Bongiorno, Manolakis & Mantegna, arXiv 2507.01918, METHODS.md §3):
 * the return at lag t (t = 1 the most recent) becomes x̃ = α_t·tanh(β_t·x)/β_t, a learned soft
 * clip whose slope at zero, α_t, is the lag's weight and whose β_t sets where clipping starts.
 * Compact form: α_t = c₀·t^(−c₁) (a power law), β_t = c₂ − c₃·e^(−c₄·t). The transform is even in
 * β_t and tends to α_t·x as β_t → 0; β_t must not be exactly 0.
 *
 * Float64 versions for inference and tfjs versions for training compute the same numbers.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Tensor1D, Tensor3D } from '@tensorflow/tfjs-core';
import type { CleanerConfig } from './cleaner-config';

/** α_t and β_t for lags 1..L (index 0 = lag 1, the most recent return). */
export interface LagCoefficients {
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
}

/**
 * The compact form's α_t, β_t for t = 1..lookback.
 *
 * @param c - (c₀, c₁, c₂, c₃, c₄), finite.
 * @throws when c is not 5 finite numbers or lookback is not a positive integer.
 */
export function compactLagCoefficients(c: Float64Array, lookback: number): LagCoefficients {
  if (c.length !== 5) throw new Error(`c must hold 5 coefficients (c₀..c₄), got ${c.length}`);
  for (let k = 0; k < 5; k++) if (!Number.isFinite(c[k])) throw new Error(`c[${k}] is ${c[k]}: coefficients must be finite`);
  if (!Number.isInteger(lookback) || lookback < 1) throw new Error(`lookback must be a positive integer, got ${lookback}`);
  const alpha = new Float64Array(lookback);
  const beta = new Float64Array(lookback);
  for (let k = 0; k < lookback; k++) {
    const t = k + 1;
    alpha[k] = c[0] * Math.pow(t, -c[1]);
    beta[k] = c[2] - c[3] * Math.exp(-c[4] * t);
  }
  return { alpha, beta };
}

/**
 * The model's α_t, β_t from its float64 weights (`lag.c`, or `lag.alpha` and `lag.beta`).
 *
 * @throws when a lag weight is missing.
 */
export function lagCoefficientsFromWeights(config: CleanerConfig, weights: ReadonlyMap<string, Float64Array>): LagCoefficients {
  if (config.lagForm === 'compact') {
    const c = weights.get('lag.c');
    if (c === undefined) throw new Error('weights.lag.c is missing (compact lag form)');
    return compactLagCoefficients(c, config.lookback);
  }
  const alpha = weights.get('lag.alpha');
  const beta = weights.get('lag.beta');
  if (alpha === undefined || beta === undefined) throw new Error('weights.lag.alpha and weights.lag.beta are required (per-lag form)');
  return { alpha: Float64Array.from(alpha), beta: Float64Array.from(beta) };
}

/**
 * Applies the transform to a T × N window (float64).
 *
 * @param returns - T × N row-major, row T − 1 the most recent day (lag 1); T must equal the number
 *   of coefficients. Values are multiplied by `scale` first.
 * @returns a new T × N array.
 * @throws when a β_t is 0 or not finite.
 */
export function applyLagTransform(returns: Float64Array, t: number, n: number, coefficients: LagCoefficients, scale: number): Float64Array {
  if (coefficients.alpha.length !== t) throw new Error(`coefficients cover ${coefficients.alpha.length} lags, expected T = ${t}`);
  const out = new Float64Array(t * n);
  for (let row = 0; row < t; row++) {
    const lag = t - 1 - row;
    const alpha = coefficients.alpha[lag];
    const beta = coefficients.beta[lag];
    if (!Number.isFinite(beta) || beta === 0) throw new Error(`lag transform β at lag ${lag + 1} is ${beta}: must be finite and non-zero`);
    for (let j = 0; j < n; j++) out[row * n + j] = (alpha * Math.tanh(beta * scale * returns[row * n + j])) / beta;
  }
  return out;
}

/** tfjs α_t, β_t (each [L], index 0 = lag 1) from the model's lag variables, differentiable. */
export function lagCoefficientTensors(config: CleanerConfig, variables: ReadonlyMap<string, tf.Variable>): { alpha: Tensor1D; beta: Tensor1D } {
  if (config.lagForm === 'per-lag') {
    return { alpha: variables.get('lag.alpha') as Tensor1D, beta: variables.get('lag.beta') as Tensor1D };
  }
  const c = variables.get('lag.c') as Tensor1D;
  const t = tf.range(1, config.lookback + 1, 1, 'float32');
  const part = (k: number): tf.Scalar => tf.reshape(tf.slice(c, [k], [1]), []);
  const alpha = tf.mul(part(0), tf.exp(tf.mul(tf.neg(part(1)), tf.log(t)))) as Tensor1D;
  const beta = tf.sub(part(2), tf.mul(part(3), tf.exp(tf.mul(tf.neg(part(4)), t)))) as Tensor1D;
  return { alpha, beta };
}

/**
 * tfjs lag transform of a batch [B, T, N] (row T − 1 = lag 1), after multiplying by `scale`.
 * Differentiable in the coefficients.
 */
export function lagTransformTensor(returns: Tensor3D, alpha: Tensor1D, beta: Tensor1D, scale: number): Tensor3D {
  const t = returns.shape[1];
  const alphaRows = tf.reshape(tf.reverse(alpha), [1, t, 1]);
  const betaRows = tf.reshape(tf.reverse(beta), [1, t, 1]);
  return tf.div(tf.mul(alphaRows, tf.tanh(tf.mul(betaRows, tf.mul(returns, scale)))), betaRows) as Tensor3D;
}
