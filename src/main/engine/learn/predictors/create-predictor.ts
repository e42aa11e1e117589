/**
 * Rebuilding predictors from JSON: a {@link PredictorConfig} plus a seed gives a fresh predictor,
 * a {@link PredictorSnapshot} gives back the trained one (stored runs replay from these).
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Tensor3D } from '@tensorflow/tfjs-core';
import { linearPredictor } from './linear-predictor';
import { mlpPredictor } from './mlp-predictor';
import type { Predictor, PredictorConfig, PredictorSnapshot } from './predictor';

/** A freshly initialised predictor of the given architecture. @throws on an unknown kind. */
export function createPredictor(config: PredictorConfig, seed: number): Predictor {
  switch (config?.kind) {
    case 'linear':
      return linearPredictor({ nFeatures: config.nFeatures, returnScale: config.returnScale, seed });
    case 'mlp':
      return mlpPredictor({ nFeatures: config.nFeatures, hidden: config.hidden, riskFactors: config.riskFactors, returnScale: config.returnScale, seed });
    default:
      throw new Error(`predictor config kind must be 'linear' or 'mlp', got ${String((config as { kind?: unknown })?.kind)}`);
  }
}

/** The predictor a snapshot describes, with its weights. @throws when the weights do not fit the config. */
export function restorePredictor(snapshot: PredictorSnapshot): Predictor {
  const predictor = createPredictor(snapshot.config, 0);
  try {
    predictor.setWeights(snapshot.weights);
  } catch (error) {
    predictor.dispose();
    throw error;
  }
  return predictor;
}

/**
 * μ̂ (and the risk head's F, d when present) for one month's n × p feature block, as float64 arrays:
 * `mu` n, `factors` n × k, `idio` n.
 *
 * @throws when `features` is not n × p or holds a non-finite entry.
 */
export function predictMonth(
  predictor: Predictor,
  features: Float64Array,
  n: number,
): { mu: Float64Array; factors?: Float64Array; idio?: Float64Array } {
  const p = predictor.config.nFeatures;
  if (features.length !== n * p) throw new Error(`features have length ${features.length}, expected n × p = ${n} × ${p}`);
  for (let q = 0; q < features.length; q++) {
    if (!Number.isFinite(features[q])) throw new Error(`features[asset ${Math.floor(q / p)}, feature ${q % p}] is ${features[q]}: must be finite`);
  }
  const read = (tensor: tf.Tensor): Float64Array => Float64Array.from(tensor.dataSync() as Float32Array);
  const outputs = tf.tidy(() => {
    const input = tf.tensor3d(Float32Array.from(features), [1, n, p]) as Tensor3D;
    const out = predictor.predict(input);
    return [out.mu, ...(out.factors && out.idio ? [out.factors, out.idio] : [])];
  });
  const [mu, factors, idio] = outputs.map(read);
  tf.dispose(outputs);
  return factors !== undefined && idio !== undefined ? { mu, factors, idio } : { mu };
}
