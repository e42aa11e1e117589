/**
 * The learned covariance cleaner's weights (Bongiorno, Manolakis & Mantegna, arXiv 2507.01918,
 * METHODS.md §3) as tfjs variables, with seeded creation and a JSON round trip.
 *
 * Weights by name (shapes for L = lookback, H = units, V = volHidden):
 * - `lag.c` [5] (compact: α_t = c₀t^(−c₁), β_t = c₂ − c₃e^(−c₄t)), or `lag.alpha` [L] and
 *   `lag.beta` [L] (per-lag; index 0 is lag 1, the most recent return), initialised from the compact
 *   form at {@link INITIAL_LAG_COEFFICIENTS};
 * - `rnn.forward.*`, `rnn.backward.*`: the fused bidirectional LSTM/GRU over the spectrum
 *   (bidirectional-recurrent.ts, Keras layout; 4 input features);
 * - `head.kernel` [2H, 1], `head.bias` [1]: softplus(·) is the inverse cleaned eigenvalue; the bias
 *   starts at softplus⁻¹(1) so a new model's raw output is the identity spectrum;
 * - `vol.kernel1` [1, V], `vol.bias1` [V], `vol.kernel2` [V, 1], `vol.bias2` [1]: the
 *   marginal-volatility head's correction g in log space; the second layer starts at zero, so a new
 *   model's inverse volatilities are exactly 1/σ.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Variable } from '@tensorflow/tfjs-core';
import { createRandom } from '../data/random';
import { glorotUniform, OUTPUT_GAIN } from '../learn/predictors/initialisers';
import { bidirectionalRecurrent } from './bidirectional-recurrent';
import type { BidirectionalRecurrent } from './bidirectional-recurrent';
import { INITIAL_LAG_COEFFICIENTS, resolveCleanerConfig } from './cleaner-config';
import type { CleanerConfig } from './cleaner-config';
import { compactLagCoefficients } from './lag-transform';

/** Format tag of {@link SerializedCleaner}. */
export const CLEANER_FORMAT = 'portfolio-audit/covariance-cleaner';
/** Version of {@link SerializedCleaner}; bumped when the meaning of a weight changes. */
export const CLEANER_FORMAT_VERSION = 1;

/** A model: its config, its variables by name, and the RNN layer that owns six of them. */
export interface CleanerModel {
  readonly config: CleanerConfig;
  /** Every trainable variable in a fixed order (the order of {@link CleanerModel.names}). */
  readonly variables: readonly Variable[];
  /** Weight names, parallel to `variables` (see the module comment). */
  readonly names: readonly string[];
  /** Variables by name. */
  readonly byName: ReadonlyMap<string, Variable>;
  readonly rnn: BidirectionalRecurrent;
  /** Disposes every variable. */
  dispose(): void;
}

/** One weight in JSON: its shape and row-major values. */
export interface SerializedWeight {
  readonly shape: readonly number[];
  readonly values: readonly number[];
}

/** A model as plain JSON (`JSON.stringify` safe): config plus every weight. */
export interface SerializedCleaner {
  readonly format: typeof CLEANER_FORMAT;
  readonly version: number;
  readonly config: CleanerConfig;
  readonly weights: Readonly<Record<string, SerializedWeight>>;
}

/** softplus⁻¹(1) = ln(e − 1). */
const SOFTPLUS_INVERSE_ONE = Math.log(Math.E - 1);

/**
 * A new model with seeded initial weights.
 *
 * @param config - a partial config; missing fields take {@link DEFAULT_CLEANER_CONFIG}'s values.
 * @param seed - non-negative safe integer; the same seed gives the same weights.
 * @throws on an invalid config field or seed.
 */
export function createCleanerModel(config: Partial<CleanerConfig> = {}, seed = 0): CleanerModel {
  const resolved = resolveCleanerConfig(config);
  const random = createRandom(seed);
  const { units, volHidden, lookback } = resolved;
  const rnn = bidirectionalRecurrent({ cell: resolved.cell, resetAfter: resolved.resetAfter, units, features: 4, seed });
  const entries: [string, Variable][] = tf.tidy(() => {
    const lag: [string, Variable][] = [];
    if (resolved.lagForm === 'compact') {
      lag.push(['lag.c', tf.variable(tf.tensor1d([...INITIAL_LAG_COEFFICIENTS]))]);
    } else {
      const { alpha, beta } = compactLagCoefficients(Float64Array.from(INITIAL_LAG_COEFFICIENTS), lookback);
      lag.push(['lag.alpha', tf.variable(tf.tensor1d(Float32Array.from(alpha)))]);
      lag.push(['lag.beta', tf.variable(tf.tensor1d(Float32Array.from(beta)))]);
    }
    return [
      ...lag,
      ['head.kernel', tf.variable(tf.tensor2d(glorotUniform(random, 2 * units, 1, OUTPUT_GAIN), [2 * units, 1]))],
      ['head.bias', tf.variable(tf.tensor1d([SOFTPLUS_INVERSE_ONE]))],
      ['vol.kernel1', tf.variable(tf.tensor2d(glorotUniform(random, 1, volHidden), [1, volHidden]))],
      ['vol.bias1', tf.variable(tf.zeros([volHidden]))],
      ['vol.kernel2', tf.variable(tf.zeros([volHidden, 1]))],
      ['vol.bias2', tf.variable(tf.zeros([1]))],
    ] as [string, Variable][];
  });
  const rnnNames = ['forward', 'backward'].flatMap((direction) => ['kernel', 'recurrentKernel', 'bias'].map((part) => `rnn.${direction}.${part}`));
  const all: [string, Variable][] = [...entries.slice(0, -6), ...rnnNames.map((name, k): [string, Variable] => [name, rnn.trainableWeights[k]]), ...entries.slice(-6)];
  const byName = new Map(all);
  return {
    config: resolved,
    variables: all.map(([, variable]) => variable),
    names: all.map(([name]) => name),
    byName,
    rnn,
    dispose: () => {
      for (const [, variable] of all) variable.dispose();
    },
  };
}

/** Total number of trainable scalars. */
export function cleanerParameterCount(model: CleanerModel): number {
  return model.variables.reduce((sum, variable) => sum + variable.size, 0);
}

/** Every weight as float64 copies by name (what the float64 inference path reads). */
export function cleanerWeightValues(model: CleanerModel): Map<string, Float64Array> {
  return new Map(model.names.map((name, k) => [name, Float64Array.from(model.variables[k].dataSync() as ArrayLike<number>)]));
}

/** The model as JSON-able data: config plus every weight (float32 values as numbers). */
export function serializeCleaner(model: CleanerModel): SerializedCleaner {
  const weights: Record<string, SerializedWeight> = {};
  model.names.forEach((name, k) => {
    const variable = model.variables[k];
    weights[name] = { shape: [...variable.shape], values: Array.from(variable.dataSync() as ArrayLike<number>) };
  });
  return { format: CLEANER_FORMAT, version: CLEANER_FORMAT_VERSION, config: model.config, weights };
}

/**
 * Sets every weight of a model from name → row-major values (e.g. a checkpoint's float64 master
 * weights). Every name of the model must be present with the variable's size and finite values.
 *
 * @throws naming the weight when it is missing, has the wrong length or a non-finite value.
 */
export function assignCleanerWeights(model: CleanerModel, values: ReadonlyMap<string, ArrayLike<number>> | Readonly<Record<string, ArrayLike<number>>>): void {
  const lookup = (name: string): ArrayLike<number> | undefined => (values instanceof Map ? values.get(name) : (values as Record<string, ArrayLike<number>>)[name]);
  const prepared = model.names.map((name, k) => {
    const data = lookup(name);
    const variable = model.variables[k];
    if (data === undefined) throw new Error(`weights.${name} is missing`);
    if (data.length !== variable.size) throw new Error(`weights.${name} has ${data.length} values, expected ${variable.size} (shape [${variable.shape.join(', ')}])`);
    for (let q = 0; q < data.length; q++) {
      if (!Number.isFinite(data[q])) throw new Error(`weights.${name}[${q}] is ${data[q]}: weights must be finite`);
    }
    return Float32Array.from(data);
  });
  prepared.forEach((data, k) => {
    const variable = model.variables[k];
    tf.tidy(() => variable.assign(tf.tensor(data, variable.shape)));
  });
}

/**
 * Rebuilds a model from {@link serializeCleaner}'s output (or its `JSON.parse`).
 *
 * @throws when the format tag or version is wrong, the config is invalid, or a weight is missing,
 *   mis-shaped or non-finite (the message names it).
 */
export function loadCleaner(json: unknown): CleanerModel {
  if (typeof json !== 'object' || json === null) throw new Error(`json must be a serialised cleaner object, got ${String(json)}`);
  const data = json as Partial<SerializedCleaner>;
  if (data.format !== CLEANER_FORMAT) throw new Error(`json.format must be '${CLEANER_FORMAT}', got ${String(data.format)}`);
  if (data.version !== CLEANER_FORMAT_VERSION) throw new Error(`json.version ${String(data.version)} is not supported (expected ${CLEANER_FORMAT_VERSION})`);
  if (typeof data.weights !== 'object' || data.weights === null) throw new Error('json.weights must be an object of { shape, values }');
  const model = createCleanerModel(data.config ?? {}, 0);
  try {
    const values: Record<string, readonly number[]> = {};
    for (const name of model.names) {
      const weight = data.weights[name];
      if (weight === undefined) throw new Error(`json.weights.${name} is missing`);
      const variable = model.byName.get(name) as Variable;
      if (!Array.isArray(weight.shape) || weight.shape.length !== variable.rank || weight.shape.some((size, axis) => size !== variable.shape[axis])) {
        throw new Error(`json.weights.${name}.shape must be [${variable.shape.join(', ')}], got ${JSON.stringify(weight.shape)}`);
      }
      if (!Array.isArray(weight.values)) throw new Error(`json.weights.${name}.values must be an array`);
      values[name] = weight.values;
    }
    assignCleanerWeights(model, values);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}
