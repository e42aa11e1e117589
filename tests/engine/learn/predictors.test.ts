/**
 * Predictors: outputs against a float64 forward written out by hand from the same weights, the
 * cross-sectional property (any n, asset order), seeded initialisation, snapshots, gradients of the
 * MLP (all heads) against float64 central differences, and bad input.
 * Tolerances: float32 forward of O(p·h) terms, relative 1e-5 of the output scale; gradients 1e-4 of
 * max|g| (float32 backward through tanh layers; measured ≈ 1e-7).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers';
import type { Tensor3D } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import { createPredictor, predictMonth, restorePredictor } from '../../../src/main/engine/learn/predictors/create-predictor';
import { linearPredictor } from '../../../src/main/engine/learn/predictors/linear-predictor';
import { IDIO_FLOOR, mlpPredictor } from '../../../src/main/engine/learn/predictors/mlp-predictor';
import type { Predictor } from '../../../src/main/engine/learn/predictors/predictor';
import { centralDifferences, expectGradientClose } from './reference';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const P = 3;
const HIDDEN = [5, 4];
const K = 2;
const SCALE = 0.05;

function features(seed: number, n: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from(Float32Array.from({ length: n * P }, () => random.normal()));
}

/** Hand-written float64 forward of the MLP from a flat parameter vector in variable order. */
function mlpReference(theta: Float64Array, x: Float64Array, n: number): { mu: Float64Array; factors: Float64Array; idio: Float64Array } {
  let offset = 0;
  const take = (count: number): Float64Array => theta.subarray(offset, (offset += count));
  const dense = (input: Float64Array, fanIn: number, fanOut: number): Float64Array => {
    const w = take(fanIn * fanOut);
    const b = take(fanOut);
    const out = new Float64Array(n * fanOut);
    for (let i = 0; i < n; i++) {
      for (let o = 0; o < fanOut; o++) {
        let sum = b[o];
        for (let j = 0; j < fanIn; j++) sum += input[i * fanIn + j] * w[j * fanOut + o];
        out[i * fanOut + o] = sum;
      }
    }
    return out;
  };
  let h = x;
  let width = P;
  for (const size of HIDDEN) {
    h = dense(h, width, size).map(Math.tanh);
    width = size;
  }
  const mu = dense(h, width, 1).map((v) => SCALE * v);
  const factors = dense(h, width, K).map((v) => (SCALE / Math.sqrt(K)) * v);
  const idio = dense(h, width, 1).map((v) => SCALE * SCALE * Math.log1p(Math.exp(v)) + IDIO_FLOOR);
  return { mu, factors, idio };
}

function flatWeights(predictor: Predictor): Float64Array {
  return Float64Array.from(predictor.getWeights().flatMap((array) => Array.from(array)));
}

function expectArrayClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rel: number, what: string): void {
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  expectGradientClose(actual, expected, rel, scale || 1, what);
}

describe('linear predictor', () => {
  it('μ̂ = s·(xᵀβ + b); coefficients() are in return units', () => {
    const predictor = linearPredictor({ nFeatures: P, returnScale: SCALE, seed: 1 });
    predictor.setWeights([Float32Array.from([0.25, -0.5, 1]), Float32Array.from([0.125])]);
    const n = 7;
    const x = features(2, n);
    const { mu } = predictMonth(predictor, x, n);
    const expected = Float64Array.from({ length: n }, (_, i) => SCALE * (0.125 + 0.25 * x[i * P] - 0.5 * x[i * P + 1] + x[i * P + 2]));
    expectArrayClose(mu, expected, 1e-6, 'μ̂');
    const coefficients = predictor.coefficients();
    expect(Array.from(coefficients.weights)).toEqual([0.25 * SCALE, -0.5 * SCALE, SCALE]);
    expect(coefficients.bias).toBe(0.125 * SCALE);
    predictor.dispose();
  });
});

describe('MLP predictor with a risk head', () => {
  const make = (seed: number) => mlpPredictor({ nFeatures: P, hidden: HIDDEN, riskFactors: K, returnScale: SCALE, seed });

  it('outputs equal the float64 forward of its weights; d ≥ 1e-4', () => {
    const predictor = make(4);
    const n = 6;
    const x = features(5, n);
    const out = predictMonth(predictor, x, n);
    const reference = mlpReference(flatWeights(predictor), x, n);
    expectArrayClose(out.mu, reference.mu, 1e-5, 'μ̂');
    expectArrayClose(out.factors!, reference.factors, 1e-5, 'F');
    expectArrayClose(out.idio!, reference.idio, 1e-5, 'd');
    for (const value of out.idio!) expect(value).toBeGreaterThanOrEqual(IDIO_FLOOR);
    predictor.dispose();
  });

  it('is cross-sectional: any n, and permuting assets permutes the outputs', () => {
    const predictor = make(4);
    const x = features(6, 5);
    const permutation = [3, 0, 4, 1, 2];
    const permuted = new Float64Array(5 * P);
    permutation.forEach((source, target) => permuted.set(x.subarray(source * P, (source + 1) * P), target * P));
    const a = predictMonth(predictor, x, 5);
    const b = predictMonth(predictor, permuted, 5);
    permutation.forEach((source, target) => expect(b.mu[target]).toBe(a.mu[source]));
    expect(predictMonth(predictor, x.subarray(0, P), 1).mu[0]).toBe(a.mu[0]);
    expect(predictMonth(predictor, features(7, 120), 120).mu.length).toBe(120);
    predictor.dispose();
  });

  it('same seed → identical weights; another seed → different', () => {
    const [a, b, c] = [make(8), make(8), make(9)];
    expect(flatWeights(a)).toEqual(flatWeights(b));
    expect(flatWeights(a)).not.toEqual(flatWeights(c));
    [a, b, c].forEach((predictor) => predictor.dispose());
  });

  it('snapshot → JSON → restorePredictor gives the same predictions', () => {
    const predictor = make(10);
    const restored = restorePredictor(JSON.parse(JSON.stringify(predictor.snapshot())));
    const x = features(11, 4);
    expect(predictMonth(restored, x, 4)).toEqual(predictMonth(predictor, x, 4));
    const fresh = createPredictor(predictor.config, 10);
    expect(flatWeights(fresh)).toEqual(flatWeights(predictor));
    [predictor, restored, fresh].forEach((p) => p.dispose());
  });

  it('gradients of a functional of (μ̂, F, d) w.r.t. every variable match float64 central differences', () => {
    const predictor = make(12);
    const n = 5;
    const x = features(13, n);
    const random = createRandom(14);
    const cMu = Float64Array.from({ length: n }, () => random.normal());
    const cF = Float64Array.from({ length: n * K }, () => random.normal());
    const cD = Float64Array.from({ length: n }, () => random.normal());
    const input = tf.tensor3d(Float32Array.from(x), [1, n, P]) as Tensor3D;
    const { grads } = tf.variableGrads(() => {
      const out = predictor.predict(input);
      return tf.addN([
        tf.sum(tf.mul(out.mu, tf.tensor2d(Float32Array.from(cMu), [1, n]))),
        tf.sum(tf.mul(out.factors!, tf.tensor3d(Float32Array.from(cF), [1, n, K]))),
        tf.sum(tf.mul(out.idio!, tf.tensor2d(Float32Array.from(cD), [1, n]))),
      ]) as tf.Scalar;
    }, [...predictor.variables]);
    const analytic = Float64Array.from(predictor.variables.flatMap((variable) => Array.from(grads[variable.name].dataSync())));
    tf.dispose([input, ...Object.values(grads)]);
    const functional = (theta: Float64Array): number => {
      const out = mlpReference(theta, x, n);
      let total = 0;
      for (let i = 0; i < n; i++) total += cMu[i] * out.mu[i] + cD[i] * out.idio[i];
      for (let q = 0; q < n * K; q++) total += cF[q] * out.factors[q];
      return total;
    };
    const theta = flatWeights(predictor);
    expectGradientClose(analytic, centralDifferences(functional, theta, 1e-6, 1e-2), 1e-4, 1e-6, 'd(functional)/dθ');
    predictor.dispose();
  });

  it('leaves no tensor behind when predicting', () => {
    const predictor = make(15);
    const before = tf.memory().numTensors;
    predictMonth(predictor, features(16, 3), 3);
    expect(tf.memory().numTensors).toBe(before);
    predictor.dispose();
  });
});

describe('bad input', () => {
  it('rejects invalid architectures and scales', () => {
    expect(() => linearPredictor({ nFeatures: 0, seed: 1 })).toThrow(/nFeatures = 0/);
    expect(() => mlpPredictor({ nFeatures: 2, hidden: [4, 0], seed: 1 })).toThrow(/hidden\[1\] = 0/);
    expect(() => mlpPredictor({ nFeatures: 2, riskFactors: -1, seed: 1 })).toThrow(/riskFactors = -1/);
    expect(() => mlpPredictor({ nFeatures: 2, returnScale: 0, seed: 1 })).toThrow(/returnScale = 0/);
    expect(() => linearPredictor({ nFeatures: 2, seed: -1 })).toThrow(/seed/);
    expect(() => createPredictor({ kind: 'forest' } as never, 1)).toThrow(/'linear' or 'mlp'/);
  });

  it('rejects NaN features, wrong shapes and bad weights with the position', () => {
    const predictor = linearPredictor({ nFeatures: P, seed: 1 });
    const x = features(1, 2);
    x[4] = Number.NaN;
    expect(() => predictMonth(predictor, x, 2)).toThrow(/features\[asset 1, feature 1\] is NaN/);
    expect(() => predictMonth(predictor, new Float64Array(5), 2)).toThrow(/length 5, expected n × p = 2 × 3/);
    const wrong = tf.zeros([1, 2, 4]) as Tensor3D;
    expect(() => predictor.predict(wrong)).toThrow(/p = 3, got \[1, 2, 4\]/);
    wrong.dispose();
    expect(() => predictor.setWeights([new Float32Array(3)])).toThrow(/got 1 arrays, the predictor has 2/);
    expect(() => predictor.setWeights([new Float32Array(2), new Float32Array(1)])).toThrow(/array 0 has length 2/);
    expect(() => predictor.setWeights([Float32Array.from([1, Number.NaN, 0]), new Float32Array(1)])).toThrow(/array 0\[1\] is NaN/);
    predictor.dispose();
  });
});
