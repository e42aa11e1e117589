/**
 * Linear cross-sectional return head: μ̂_{t,i} = s·(x_{t,i}ᵀβ + b), with s the fixed return scale.
 * The predict-then-optimise baseline's predictor (METHODS.md §1), and the head whose MSE fit has a
 * closed form to test against.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import { createRandom } from '../../data/random';
import { glorotUniform, OUTPUT_GAIN } from './initialisers';
import { checkFeatureTensor, checkReturnScale, makeVariable, variableAccess } from './predictor';
import type { Predictor } from './predictor';

export interface LinearPredictorOptions {
  /** p ≥ 1 features per asset. */
  readonly nFeatures: number;
  /** s > 0: μ̂ is s·(xᵀβ + b); e.g. the std of the training targets. Default 1. */
  readonly returnScale?: number;
  /** Seed of the initial β (Glorot uniform × 0.1; b = 0). */
  readonly seed: number;
}

/** The linear head's coefficients in return units: μ̂ = xᵀ·weights + bias. */
export interface LinearCoefficients {
  /** s·β, length p. */
  readonly weights: Float64Array;
  /** s·b. */
  readonly bias: number;
}

export interface LinearPredictor extends Predictor {
  coefficients(): LinearCoefficients;
}

/**
 * Variables, in order: β (p × 1), b (1).
 *
 * @throws when p is not a positive integer, s is not finite and > 0, or the seed is invalid.
 */
export function linearPredictor(options: LinearPredictorOptions): LinearPredictor {
  const { nFeatures: p, seed } = options;
  if (!Number.isInteger(p) || p < 1) throw new Error(`nFeatures = ${p}: must be a positive integer`);
  const returnScale = options.returnScale ?? 1;
  checkReturnScale(returnScale);
  const random = createRandom(seed);
  const beta = makeVariable(glorotUniform(random, p, 1, OUTPUT_GAIN), [p, 1]);
  const bias = makeVariable(new Float32Array(1), [1]);
  const variables = [beta, bias];
  const config = { kind: 'linear', nFeatures: p, returnScale } as const;
  return {
    config,
    riskFactors: 0,
    variables,
    predict(features: Tensor3D) {
      checkFeatureTensor(features, p);
      const [batch, n] = features.shape;
      return tf.tidy(() => {
        const flat = tf.reshape(features, [batch * n, p]);
        const unit = tf.add(tf.matMul(flat, beta), bias);
        return { mu: tf.mul(tf.reshape(unit, [batch, n]), returnScale) as Tensor2D };
      });
    },
    coefficients() {
      const weights = Float64Array.from(beta.dataSync() as Float32Array, (value) => value * returnScale);
      return { weights, bias: (bias.dataSync() as Float32Array)[0] * returnScale };
    },
    ...variableAccess(config, variables),
  };
}
