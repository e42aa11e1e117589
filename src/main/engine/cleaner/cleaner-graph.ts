/**
 * The cleaner's forward pass as a differentiable tfjs graph on a batch of windows (float32 tensors,
 * float64 inside the eigendecomposition and recurrent ops): what training differentiates. The steps
 * and conventions are those of cleaner-float64.ts (read its module comment), batched: every window
 * of a batch has the same N. Gradients reach the lag-transform parameters through the
 * standardisation and the eigendecomposition (correlation-eigen.ts, primal or dual).
 */

import * as tf from '@tensorflow/tfjs-core';
// tfjs-core registers no gradients of its own ops; tfjs-layers does on import (see training-loop.ts).
import '@tensorflow/tfjs-layers';
import type { Scalar, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import type { CleanerModel } from './cleaner-model';
import { lagCoefficientTensors, lagTransformTensor } from './lag-transform';
import { correlationEigenOp } from './correlation-eigen';

/**
 * Relative eigenvalue gap below which the eigenvector gradient treats two eigenvalues as one
 * (eigen-backward.ts's rule). Real panels hold near-duplicate assets whose smallest eigenvalues sit
 * 1e-8·λ_max apart; their 1/(λ_j − λ_i) would dominate every step, while the loss barely depends on
 * how such a pair is rotated (the cleaner maps neighbouring eigenvalues to nearly equal values).
 */
export const CLEANER_EIGEN_GAP = 1e-8;

/**
 * GMV weights of the cleaned covariance for each window of a batch.
 *
 * @param past - [B, L, N] daily returns, L = config.lookback, row L − 1 the most recent; finite,
 *   every column varying (the window sampler guarantees it).
 * @returns [B, N], each row summing to 1.
 */
export function cleanerGmvTensor(model: CleanerModel, past: Tensor3D): Tensor2D {
  const { config, byName } = model;
  const [batch, t, n] = past.shape;
  if (t !== config.lookback) throw new Error(`past has ${t} rows per window, expected the lookback ${config.lookback}`);
  const variable = (name: string): tf.Variable => byName.get(name) as tf.Variable;
  const { alpha, beta } = lagCoefficientTensors(config, byName);
  const x = lagTransformTensor(past, alpha, beta, config.returnScale);
  const centred = tf.sub(x, tf.mean(x, 1, true));
  const sigma = tf.sqrt(tf.mean(tf.square(centred), 1, true));
  const z = tf.div(centred, tf.mul(sigma, Math.sqrt(t))) as Tensor3D;
  const { values, vectors, rank } = correlationEigenOp(z, { relativeGap: CLEANER_EIGEN_GAP });

  const [s0, s1, s2, s3] = config.featureScale;
  const lambda = rank < n ? tf.concat([values, tf.zeros([batch, n - rank])], 1) : values;
  const constant = (value: number): Tensor2D => tf.fill([batch, n], value) as Tensor2D;
  const features = tf.stack([tf.mul(lambda, s0), constant((n / t) * s1), constant(Math.sqrt(n) * s2), constant(Math.sqrt(t) * s3)], 2) as Tensor3D;
  const hidden = model.rnn(features);
  const head = tf.add(tf.matMul(tf.reshape(hidden, [batch * n, 2 * config.units]), variable('head.kernel')), variable('head.bias'));
  const raw = tf.div(1, tf.softplus(tf.reshape(head, [batch, n])));

  let cleaned: Tensor2D;
  let nullValue: tf.Tensor | undefined;
  if (rank < n) {
    const kept = tf.slice(raw, [0, 0], [batch, rank]);
    const nullMean = tf.mean(tf.slice(raw, [0, rank], [batch, n - rank]), 1, true);
    const scale = tf.div(n, tf.add(tf.sum(kept, 1, true), tf.mul(nullMean, n - rank)));
    cleaned = tf.mul(kept, scale) as Tensor2D;
    nullValue = tf.reshape(tf.mul(nullMean, scale), [batch, 1, 1]);
  } else {
    cleaned = tf.mul(raw, tf.div(n, tf.sum(raw, 1, true))) as Tensor2D;
  }

  const logSigma = tf.reshape(tf.log(sigma), [batch * n, 1]);
  const correction = tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(logSigma, variable('vol.kernel1')), variable('vol.bias1'))), variable('vol.kernel2')), variable('vol.bias2'));
  const psi = tf.reshape(tf.exp(tf.sub(correction, logSigma)), [batch, n, 1]) as Tensor3D;

  const projected = tf.matMul(vectors, psi, true, false);
  const inRange = tf.matMul(vectors, tf.div(projected, tf.reshape(cleaned, [batch, rank, 1])));
  const inverseTimesOne = nullValue === undefined ? tf.mul(psi, inRange) : tf.mul(psi, tf.add(inRange, tf.div(tf.sub(psi, tf.matMul(vectors, projected)), nullValue)));
  const u = tf.reshape(inverseTimesOne, [batch, n]);
  return tf.div(u, tf.sum(u, 1, true)) as Tensor2D;
}

/**
 * The training loss of a batch: mean over windows of N·wᵀΣ_f·w with Σ_f = returnScale × the
 * future sample covariance (divisor h), as `cleanerLossFloat64`.
 *
 * @param past - [B, L, N] (see {@link cleanerGmvTensor}).
 * @param future - [B, h, N] daily returns after each window, finite.
 */
export function cleanerBatchLoss(model: CleanerModel, past: Tensor3D, future: Tensor3D): Scalar {
  const [batch, , n] = past.shape;
  if (future.shape[0] !== batch || future.shape[2] !== n) throw new Error(`future must have shape [${batch}, h, ${n}], got [${future.shape.join(', ')}]`);
  const weights = cleanerGmvTensor(model, past);
  const portfolio = tf.matMul(future, tf.reshape(weights, [batch, n, 1]));
  const variance = tf.mean(tf.square(tf.sub(portfolio, tf.mean(portfolio, 1, true))), [1, 2]);
  return tf.mul(tf.mean(variance), n * model.config.returnScale) as Scalar;
}
