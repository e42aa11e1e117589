/**
 * A trained predictor's return head evaluated in float64 from its snapshot, with its exact
 * vector–Jacobian product, so explanations differentiate the pipeline without tfjs and without
 * float32 round-off in the finite-difference checks. Same maps as linear-predictor.ts and
 * mlp-predictor.ts (METHODS §1): linear μ̂ = s·(x·β + b); MLP h = tanh(…tanh(x·W₁ + b₁)…),
 * μ̂ = s·(h·w_μ + b_μ). The weights are the snapshot's float32 values widened exactly.
 */
import type { PredictorSnapshot } from '../learn/predictors/predictor';

/** A cross-sectional return predictor x_i ∈ ℝᵖ ↦ μ̂_i, applied to each asset. */
export interface ReturnHead {
  readonly p: number;
  /** μ̂ for features n × p row-major; length n. */
  predict(features: Float64Array, n: number): Float64Array;
  /** dL/dx (n × p) given dL/dμ̂ (length n), at `features`. */
  backward(features: Float64Array, n: number, dmu: Float64Array): Float64Array;
}

interface Layer {
  weights: Float64Array;
  bias: Float64Array;
  fanIn: number;
  fanOut: number;
}

function layerOf(values: readonly (readonly number[])[], index: number, fanIn: number, fanOut: number): Layer {
  const weights = values[index];
  const bias = values[index + 1];
  if (!weights || !bias || weights.length !== fanIn * fanOut || bias.length !== fanOut) {
    throw new Error(`predictor snapshot: variables ${index}, ${index + 1} should be ${fanIn} × ${fanOut} and ${fanOut}`);
  }
  return { weights: Float64Array.from(weights), bias: Float64Array.from(bias), fanIn, fanOut };
}

/**
 * The return head of a snapshot (the risk head, if any, is not used).
 *
 * @throws when the snapshot's variables do not match its config.
 */
export function returnHead(snapshot: PredictorSnapshot): ReturnHead {
  const { config } = snapshot;
  const p = config.nFeatures;
  const s = config.returnScale;
  const widths = config.kind === 'linear' ? [] : [...config.hidden];
  const layers: Layer[] = [];
  let fanIn = p;
  widths.forEach((width, index) => {
    layers.push(layerOf(snapshot.weights, 2 * index, fanIn, width));
    fanIn = width;
  });
  const head = layerOf(snapshot.weights, 2 * widths.length, fanIn, 1);

  const forward = (features: Float64Array, n: number): { activations: Float64Array[]; mu: Float64Array } => {
    if (features.length !== n * p) throw new Error(`features has length ${features.length}, expected n × p = ${n} × ${p}`);
    const activations: Float64Array[] = [features];
    let input = features;
    for (const layer of layers) {
      const out = new Float64Array(n * layer.fanOut);
      for (let i = 0; i < n; i++) {
        for (let o = 0; o < layer.fanOut; o++) {
          let sum = layer.bias[o];
          for (let f = 0; f < layer.fanIn; f++) sum += input[i * layer.fanIn + f] * layer.weights[f * layer.fanOut + o];
          out[i * layer.fanOut + o] = Math.tanh(sum);
        }
      }
      activations.push(out);
      input = out;
    }
    const mu = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let sum = head.bias[0];
      for (let f = 0; f < head.fanIn; f++) sum += input[i * head.fanIn + f] * head.weights[f];
      mu[i] = s * sum;
    }
    return { activations, mu };
  };

  return {
    p,
    predict: (features, n) => forward(features, n).mu,
    backward(features, n, dmu) {
      if (dmu.length !== n) throw new Error(`dmu has length ${dmu.length}, expected n = ${n}`);
      const { activations } = forward(features, n);
      let grad = new Float64Array(n * head.fanIn);
      for (let i = 0; i < n; i++) for (let f = 0; f < head.fanIn; f++) grad[i * head.fanIn + f] = s * dmu[i] * head.weights[f];
      for (let l = layers.length - 1; l >= 0; l--) {
        const layer = layers[l];
        const out = activations[l + 1];
        const input = new Float64Array(n * layer.fanIn);
        for (let i = 0; i < n; i++) {
          for (let o = 0; o < layer.fanOut; o++) {
            const a = out[i * layer.fanOut + o];
            const pre = grad[i * layer.fanOut + o] * (1 - a * a);
            if (pre === 0) continue;
            for (let f = 0; f < layer.fanIn; f++) input[i * layer.fanIn + f] += pre * layer.weights[f * layer.fanOut + o];
          }
        }
        grad = input;
      }
      return grad;
    },
  };
}
