/**
 * Cross-sectional MLP with a return head and an optional low-rank risk head (METHODS.md §1):
 *   h = tanh(… tanh(x·W₁ + b₁) …),
 *   μ̂ = s·(h·w_μ + b_μ),   F = (s/√k)·(h·W_F + b_F),   d = s²·softplus(h·w_d + b_d) + 1e-4,
 * applied to each asset's feature vector x ∈ ℝᵖ, so Σ̂ = F·Fᵀ + diag(d) is positive definite for
 * any n. s is the fixed return scale; the 1/√k keeps diag(FFᵀ) at the scale of s² for any k.
 *
 * Deviation from METHODS' "d = softplus(·) + 1e-4": the softplus is multiplied by s² so that, with
 * monthly decimals (s ≈ 0.06), the initial d is a plausible variance (≈ 0.7·s²) rather than 0.69.
 * tanh (not ReLU) keeps the network smooth, so finite-difference gradient checks are meaningful.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Tensor3D, Variable } from '@tensorflow/tfjs-core';
import { createRandom } from '../../data/random';
import { glorotUniform, OUTPUT_GAIN } from './initialisers';
import { checkFeatureTensor, checkReturnScale, makeVariable, variableAccess } from './predictor';
import type { Predictor, PredictorOutput } from './predictor';

/** Floor added to every idiosyncratic variance d (METHODS §1), in return units squared. */
export const IDIO_FLOOR = 1e-4;

export interface MlpPredictorOptions {
  /** p ≥ 1 features per asset. */
  readonly nFeatures: number;
  /** Hidden layer widths, each ≥ 1; default [16]. */
  readonly hidden?: readonly number[];
  /** k ≥ 0 risk-head factors; 0 (default) = return head only. */
  readonly riskFactors?: number;
  /** s > 0 (see the module comment); default 1. */
  readonly returnScale?: number;
  /** Seed of every initial weight (Glorot uniform; output layers × 0.1; biases 0). */
  readonly seed: number;
}

/**
 * Variables, in order: for each hidden layer W (fan-in × width), b (width); then w_μ (h × 1), b_μ (1);
 * with a risk head also W_F (h × k), b_F (k), w_d (h × 1), b_d (1). Initial draws follow the same order.
 *
 * @throws on a non-integer or non-positive p, hidden width or seed, k < 0, or s not finite and > 0.
 */
export function mlpPredictor(options: MlpPredictorOptions): Predictor {
  const { nFeatures: p, seed } = options;
  const hidden = [...(options.hidden ?? [16])];
  const k = options.riskFactors ?? 0;
  const returnScale = options.returnScale ?? 1;
  if (!Number.isInteger(p) || p < 1) throw new Error(`nFeatures = ${p}: must be a positive integer`);
  hidden.forEach((width, index) => {
    if (!Number.isInteger(width) || width < 1) throw new Error(`hidden[${index}] = ${width}: layer widths must be positive integers`);
  });
  if (!Number.isInteger(k) || k < 0) throw new Error(`riskFactors = ${k}: must be an integer ≥ 0`);
  checkReturnScale(returnScale);

  const random = createRandom(seed);
  const dense = (fanIn: number, fanOut: number, gain: number): [Variable, Variable] => [
    makeVariable(glorotUniform(random, fanIn, fanOut, gain), [fanIn, fanOut]),
    makeVariable(new Float32Array(fanOut), [fanOut]),
  ];
  const layers: [Variable, Variable][] = [];
  let width = p;
  for (const size of hidden) {
    layers.push(dense(width, size, 1));
    width = size;
  }
  const muHead = dense(width, 1, OUTPUT_GAIN);
  const factorHead = k > 0 ? dense(width, k, OUTPUT_GAIN) : undefined;
  const idioHead = k > 0 ? dense(width, 1, OUTPUT_GAIN) : undefined;
  const variables = [...layers.flat(), ...muHead, ...(factorHead ?? []), ...(idioHead ?? [])];
  const config = { kind: 'mlp', nFeatures: p, hidden, riskFactors: k, returnScale } as const;
  const affine = (input: Tensor, [weights, bias]: [Variable, Variable]): Tensor2D => tf.add(tf.matMul(input as Tensor2D, weights), bias);

  return {
    config,
    riskFactors: k,
    variables,
    predict(features: Tensor3D): PredictorOutput {
      checkFeatureTensor(features, p);
      const [batch, n] = features.shape;
      return tf.tidy(() => {
        let h: Tensor = tf.reshape(features, [batch * n, p]);
        for (const layer of layers) h = tf.tanh(affine(h, layer));
        const mu = tf.reshape(tf.mul(affine(h, muHead), returnScale), [batch, n]) as Tensor2D;
        if (factorHead === undefined || idioHead === undefined) return { mu };
        const factors = tf.reshape(tf.mul(affine(h, factorHead), returnScale / Math.sqrt(k)), [batch, n, k]) as Tensor3D;
        const variance = tf.add(tf.mul(tf.softplus(affine(h, idioHead)), returnScale * returnScale), IDIO_FLOOR);
        return { mu, factors, idio: tf.reshape(variance, [batch, n]) as Tensor2D };
      });
    },
    ...variableAccess(config, variables),
  };
}
