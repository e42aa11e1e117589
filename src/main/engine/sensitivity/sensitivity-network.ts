/**
 * The multi-head network of the sensitivity-based allocation (METHODS.md §4; Rodriguez Dominguez,
 * MLWA 2022): shared tanh hidden layers map a row of driver changes (and optionally their lags,
 * see ./lagged-inputs) x ∈ ℝᴾ to one linear output per asset,
 *   h = tanh(… tanh(x·W₁ + b₁) …),   ŷ = h·W_out + b_out ∈ ℝᴺ,
 * trained per window with Adam on the mean squared error over all T × N entries, full batch.
 * tanh keeps ŷ smooth in x, so ∂ŷ/∂x (./sensitivities) is defined everywhere.
 *
 * Scale: nothing is standardised inside, so sensitivities come out in the units of the inputs and
 * targets; callers should feed inputs and targets of order one (e.g. z-scored drivers, returns in %)
 * for Adam's default step to suit, and rescale the sensitivities if they standardised.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor2D, Variable } from '@tensorflow/tfjs-core';
import { createRandom } from '../data/random';
import { glorotUniform } from '../learn/predictors/initialisers';

export interface SensitivityNetworkOptions {
  /** Hidden layer widths, each a positive integer; default [16]. */
  readonly hidden?: readonly number[];
  /** Full-batch Adam steps, a positive integer; default 500. */
  readonly epochs?: number;
  /** Adam step size, > 0; default 0.01. */
  readonly learningRate?: number;
  /** Seed of the initial weights (Glorot uniform, biases 0), a non-negative safe integer. */
  readonly seed: number;
}

export interface SensitivityNetwork {
  /** P inputs per row. */
  readonly nInputs: number;
  /** N outputs (assets). */
  readonly nAssets: number;
  readonly hidden: readonly number[];
  /** Per layer W (fan-in × fan-out), b (fan-out); the output layer last. */
  readonly variables: readonly Variable[];
  /** ŷ for a batch x (B × P); the caller owns (and disposes) the result. */
  predict(inputs: Tensor2D): Tensor2D;
  /** The last hidden layer h (B × H) for a batch x; ŷ = h·W_out + b_out. The caller owns the result. */
  features(inputs: Tensor2D): Tensor2D;
  /** W_out, H × N: the linear heads, one column per asset. */
  readonly outputWeights: Variable;
  /** The variables' current values, in `variables` order, as float64 copies. */
  weights(): Float64Array[];
  /** Frees the variables; the network is unusable afterwards. */
  dispose(): void;
}

export interface TrainedSensitivityNetwork {
  readonly network: SensitivityNetwork;
  /** Training MSE before each Adam step, length `epochs`. */
  readonly losses: Float64Array;
}

function assertMatrix(values: Float64Array, columns: number, name: string): number {
  if (!(values instanceof Float64Array)) throw new Error(`${name} must be a Float64Array`);
  if (values.length === 0 || values.length % columns !== 0) {
    throw new Error(`${name} has length ${values.length}, not a positive multiple of ${columns} columns`);
  }
  for (let k = 0; k < values.length; k++) {
    if (!Number.isFinite(values[k])) throw new Error(`${name}[${Math.floor(k / columns)}, ${k % columns}] is ${values[k]}: input must be finite`);
  }
  return values.length / columns;
}

function positiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} = ${value}: must be a positive integer`);
}

function affine(h: Tensor2D, [weight, bias]: [Variable, Variable]): Tensor2D {
  return tf.add(tf.matMul(h, weight), bias);
}

function checkInputs(inputs: Tensor2D, nInputs: number): void {
  if (inputs.rank !== 2 || inputs.shape[1] !== nInputs) throw new Error(`inputs has shape [${inputs.shape.join(', ')}], expected [B, ${nInputs}]`);
}

/** A freshly initialised network (Glorot uniform weights from the seeded project PRNG, zero biases). */
export function createSensitivityNetwork(nInputs: number, nAssets: number, options: Pick<SensitivityNetworkOptions, 'hidden' | 'seed'>): SensitivityNetwork {
  positiveInteger(nInputs, 'nInputs');
  positiveInteger(nAssets, 'nAssets');
  const hidden = [...(options.hidden ?? [16])];
  hidden.forEach((width, index) => positiveInteger(width, `options.hidden[${index}]`));
  const random = createRandom(options.seed);
  const widths = [nInputs, ...hidden, nAssets];
  const layers: [Variable, Variable][] = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const weight = tf.tidy(() => tf.variable(tf.tensor(glorotUniform(random, widths[l], widths[l + 1]), [widths[l], widths[l + 1]], 'float32'), true));
    const bias = tf.tidy(() => tf.variable(tf.zeros([widths[l + 1]]), true));
    layers.push([weight, bias]);
  }
  const variables = layers.flat();
  const hiddenLayers = (inputs: Tensor2D): Tensor2D =>
    layers.slice(0, -1).reduce<Tensor2D>((h, layer) => tf.tanh(affine(h, layer)), inputs);
  return {
    nInputs,
    nAssets,
    hidden,
    variables,
    predict(inputs: Tensor2D): Tensor2D {
      checkInputs(inputs, nInputs);
      return tf.tidy(() => affine(hiddenLayers(inputs), layers[layers.length - 1]));
    },
    features(inputs: Tensor2D): Tensor2D {
      checkInputs(inputs, nInputs);
      // Without hidden layers h is x itself; a clone keeps "the caller owns the result" true.
      return tf.tidy(() => (layers.length > 1 ? hiddenLayers(inputs) : tf.clone(inputs)));
    },
    outputWeights: layers[layers.length - 1][0],
    weights: () => variables.map((variable) => Float64Array.from(variable.dataSync())),
    dispose: () => variables.forEach((variable) => variable.dispose()),
  };
}

/**
 * Fits a network to one window.
 *
 * @param inputs - T × P row-major driver changes (and lags), finite.
 * @param targets - T × N row-major asset returns aligned row for row with `inputs`, finite.
 * @param nInputs - P.
 * @returns the trained network (owned by the caller: call `dispose()`) and the loss curve.
 * @throws on shape mismatches, non-finite entries or options out of range.
 */
export function trainSensitivityNetwork(
  inputs: Float64Array,
  targets: Float64Array,
  nInputs: number,
  options: SensitivityNetworkOptions,
): TrainedSensitivityNetwork {
  positiveInteger(nInputs, 'nInputs');
  const rows = assertMatrix(inputs, nInputs, 'inputs');
  if (targets.length % rows !== 0 || targets.length === 0) {
    throw new Error(`targets has length ${targets.length}, not a positive multiple of T = ${rows} (rows of inputs)`);
  }
  const nAssets = targets.length / rows;
  assertMatrix(targets, nAssets, 'targets');
  const epochs = options.epochs ?? 500;
  const learningRate = options.learningRate ?? 0.01;
  positiveInteger(epochs, 'options.epochs');
  if (!(learningRate > 0 && Number.isFinite(learningRate))) throw new Error(`options.learningRate = ${learningRate}: must be finite and > 0`);
  const network = createSensitivityNetwork(nInputs, nAssets, options);
  const x = tf.tensor(Float32Array.from(inputs), [rows, nInputs], 'float32') as Tensor2D;
  const y = tf.tensor(Float32Array.from(targets), [rows, nAssets], 'float32') as Tensor2D;
  const optimizer = tf.train.adam(learningRate);
  const losses = new Float64Array(epochs);
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const loss = optimizer.minimize(() => tf.mean(tf.squaredDifference(network.predict(x), y)) as Scalar, true, [...network.variables]);
      losses[epoch] = (loss as Scalar).dataSync()[0];
      loss?.dispose();
    }
  } finally {
    optimizer.dispose();
    x.dispose();
    y.dispose();
  }
  return { network, losses };
}
