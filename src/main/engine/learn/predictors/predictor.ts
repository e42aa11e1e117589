/**
 * What every predictor is: a cross-sectional network x_{t,i} ∈ ℝᵖ ↦ (μ̂_{t,i}, F_{t,i·}, d_{t,i}),
 * the same parameters applied to each asset's feature vector, so one fitted model serves any n
 * (METHODS.md §1: "predictor → μ̂ and an optional low-rank risk head Σ̂ = FFᵀ + diag(d)").
 *
 * Units: μ̂ is in the targets' return units per period (e.g. monthly decimals); F in return units
 * (F·Fᵀ is a per-period covariance); d in return units squared. Networks compute in a unit scale
 * and multiply by `returnScale` (a fixed constant, typically the std of the training targets), so
 * their weights stay O(1) whatever the data frequency.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Tensor2D, Tensor3D, Variable } from '@tensorflow/tfjs-core';

/** Outputs for a batch of B months × n assets. */
export interface PredictorOutput {
  /** μ̂, B × n. */
  readonly mu: Tensor2D;
  /** Risk-head loadings F, B × n × k (absent without a risk head). */
  readonly factors?: Tensor3D;
  /** Risk-head idiosyncratic variances d > 0, B × n (absent without a risk head). */
  readonly idio?: Tensor2D;
}

/** JSON configuration that rebuilds a predictor's architecture (weights travel separately). */
export type PredictorConfig =
  | { readonly kind: 'linear'; readonly nFeatures: number; readonly returnScale: number }
  | {
      readonly kind: 'mlp';
      readonly nFeatures: number;
      readonly hidden: readonly number[];
      /** k ≥ 0 risk factors; 0 = no risk head. */
      readonly riskFactors: number;
      readonly returnScale: number;
    };

/** A trained or initialised predictor as plain JSON data: config + variable values in order. */
export interface PredictorSnapshot {
  readonly config: PredictorConfig;
  readonly weights: readonly (readonly number[])[];
}

export interface Predictor {
  readonly config: PredictorConfig;
  /** k of the risk head (0 when it has none). */
  readonly riskFactors: number;
  /** The trainable variables, in a fixed order (the order of {@link Predictor.getWeights}). */
  readonly variables: readonly Variable[];
  /** Forward pass on features B × n × p (float32). Call inside `tf.tidy`. */
  predict(features: Tensor3D): PredictorOutput;
  /** Copies of the variable values (no tensors kept). */
  getWeights(): Float32Array[];
  /** Assigns values produced by {@link Predictor.getWeights} (same order and lengths). */
  setWeights(values: readonly ArrayLike<number>[]): void;
  snapshot(): PredictorSnapshot;
  /** Frees the variables. */
  dispose(): void;
}

/** Makes a float32 variable of `shape` holding `values`, leaving no other tensor behind. */
export function makeVariable(values: Float32Array, shape: number[]): Variable {
  const initial = tf.tensor(values, shape, 'float32');
  const variable = tf.variable(initial, true);
  initial.dispose();
  return variable;
}

/** getWeights / setWeights / snapshot / dispose over an ordered variable list. */
export function variableAccess(config: PredictorConfig, variables: readonly Variable[]): Pick<Predictor, 'getWeights' | 'setWeights' | 'snapshot' | 'dispose'> {
  const getWeights = (): Float32Array[] => variables.map((variable) => Float32Array.from(variable.dataSync() as Float32Array));
  return {
    getWeights,
    setWeights(values) {
      if (values.length !== variables.length) throw new Error(`setWeights: got ${values.length} arrays, the predictor has ${variables.length} variables`);
      values.forEach((value, index) => {
        const variable = variables[index];
        if (value.length !== variable.size) {
          throw new Error(`setWeights: array ${index} has length ${value.length}, variable shape [${variable.shape.join(', ')}] needs ${variable.size}`);
        }
        for (let q = 0; q < value.length; q++) {
          if (!Number.isFinite(value[q])) throw new Error(`setWeights: array ${index}[${q}] is ${value[q]}: weights must be finite`);
        }
        const tensor = tf.tensor(Float32Array.from(value), variable.shape, 'float32');
        variable.assign(tensor);
        tensor.dispose();
      });
    },
    snapshot: () => ({ config, weights: getWeights().map((array) => Array.from(array)) }),
    dispose: () => variables.forEach((variable) => variable.dispose()),
  };
}

/** Throws unless the features tensor is B × n × p with the predictor's p. */
export function checkFeatureTensor(features: Tensor3D, nFeatures: number): void {
  if (!(features instanceof tf.Tensor) || features.rank !== 3 || features.shape[2] !== nFeatures) {
    const shape = features instanceof tf.Tensor ? `[${features.shape.join(', ')}]` : String(features);
    throw new Error(`features must be a B × n × p tensor with p = ${nFeatures}, got ${shape}`);
  }
}

/** Throws unless `returnScale` is finite and > 0. */
export function checkReturnScale(returnScale: number): void {
  if (!(Number.isFinite(returnScale) && returnScale > 0)) throw new Error(`returnScale = ${returnScale}: must be finite and > 0`);
}
