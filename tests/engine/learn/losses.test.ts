/**
 * The tfjs losses against the same formulas written as float64 loops (reference.ts) on fixed
 * inputs, their gradients w.r.t. the weights against central differences, and their bad input.
 * Tolerances: values are float32 computations of O(T·n) terms, relative 1e-6 (≈ 16 ulp of float32);
 * gradients relative 1e-5 of max|g| (see decision-gradient.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers';
import type { Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import { mseLoss, negativeSharpeLoss, netReturns, realisedVarianceLoss } from '../../../src/main/engine/learn/losses';
import { centralDifferences, expectGradientClose, meanStd, referenceNetReturns } from './reference';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const T = 9;
const N = 4;
const random = createRandom(3);
const weights = Float64Array.from(Float32Array.from({ length: T * N }, () => random.uniform() * 0.5));
const targets = Float64Array.from(Float32Array.from({ length: T * N }, () => 0.01 + 0.04 * random.normal()));

function expectRelative(actual: number, expected: number, rel: number, what: string): void {
  const tolerance = rel * Math.max(Math.abs(expected), 1e-12);
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}, tolerance ${tolerance.toExponential(2)}`).toBeLessThanOrEqual(tolerance);
}

function scalarOf(f: () => tf.Scalar | Tensor1D): Float64Array {
  const value = tf.tidy(f);
  const out = Float64Array.from(value.dataSync() as Float32Array);
  value.dispose();
  return out;
}

describe('netReturns', () => {
  it('is w_tᵀr_{t+1} − tc·‖w_t − w_{t−1}‖₁ with w_{−1} = 0', () => {
    const series = scalarOf(() => netReturns(tf.tensor2d(Float32Array.from(weights), [T, N]), tf.tensor2d(Float32Array.from(targets), [T, N]), 0.003));
    const expected = referenceNetReturns(weights, targets, T, N, 0.003);
    for (let t = 0; t < T; t++) expectRelative(series[t], expected[t], 1e-5, `r_${t}`);
  });

  it('a hand example: two months, two assets', () => {
    const w = tf.tensor2d([0.5, 0.5, 1, 0], [2, 2]);
    const r = tf.tensor2d([0.02, -0.01, 0.03, 0.1], [2, 2]);
    const series = scalarOf(() => netReturns(w, r, 0.01));
    // Month 0: 0.5·0.02 − 0.5·0.01 − 0.01·1 = −0.005; month 1: 0.03 − 0.01·(0.5 + 0.5) = 0.02.
    expectRelative(series[0], -0.005, 1e-6, 'r_0');
    expectRelative(series[1], 0.02, 1e-6, 'r_1');
    tf.dispose([w, r]);
  });

  it('starts from given initial weights', () => {
    const w = tf.tensor2d([0.5, 0.5], [1, 2]);
    const r = tf.tensor2d([0.02, 0], [1, 2]);
    const start = tf.tensor2d([0.5, 0.5], [1, 2]);
    expectRelative(scalarOf(() => netReturns(w, r, 0.01, start))[0], 0.01, 1e-6, 'no trade, no cost');
    tf.dispose([w, r, start]);
  });

  it('rejects a negative or non-finite tc', () => {
    const w = tf.tensor2d([1], [1, 1]);
    expect(() => netReturns(w, w, -0.001)).toThrow(/tc = -0.001/);
    expect(() => netReturns(w, w, Number.NaN)).toThrow(/tc = NaN/);
    w.dispose();
  });
});

describe('Sharpe, variance and MSE losses', () => {
  const series = referenceNetReturns(weights, targets, T, N, 0.002);
  const { mean, std } = meanStd(series);

  it('values equal −√A·mean/std, A·var (divisor T − 1) and the mean squared error', () => {
    const s = tf.tensor1d(Float32Array.from(series));
    expectRelative(scalarOf(() => negativeSharpeLoss(s, 12))[0], (-Math.sqrt(12) * mean) / std, 1e-5, 'Sharpe loss');
    expectRelative(scalarOf(() => realisedVarianceLoss(s, 52))[0], 52 * std * std, 1e-5, 'variance loss');
    const a = tf.tensor2d([0.01, 0.02, 0.03, 0.04], [2, 2]);
    const b = tf.tensor2d([0, 0.02, 0.01, 0.1], [2, 2]);
    expectRelative(scalarOf(() => mseLoss(a, b))[0], (0.01 ** 2 + 0 + 0.02 ** 2 + 0.06 ** 2) / 4, 1e-5, 'MSE');
    tf.dispose([s, a, b]);
  });

  it('Sharpe loss gradient w.r.t. the weights (through netReturns with costs) matches central differences', () => {
    const tc = 0.002;
    const target = tf.tensor2d(Float32Array.from(targets), [T, N]);
    const w = tf.tensor2d(Float32Array.from(weights), [T, N]);
    const gradient = tf.grad((x: tf.Tensor) => negativeSharpeLoss(netReturns(x as Tensor2D, target, tc), 12))(w);
    const analytic = Float64Array.from(gradient.dataSync() as Float32Array);
    tf.dispose([target, w, gradient]);
    const reference = (x: Float64Array): number => {
      const stats = meanStd(referenceNetReturns(x, targets, T, N, tc));
      return (-Math.sqrt(12) * stats.mean) / stats.std;
    };
    expectGradientClose(analytic, centralDifferences(reference, weights, 1e-6, 1e-3), 1e-5, 1e-6, 'dL/dw');
  });

  it('a series of one period has no Sharpe ratio or variance: clear error', () => {
    const s = tf.tensor1d([0.01]);
    expect(() => negativeSharpeLoss(s, 12)).toThrow(/1 period\(s\).*at least 2/);
    expect(() => realisedVarianceLoss(s, 12)).toThrow(/at least 2/);
    s.dispose();
  });

  it('leaves no tensor behind', () => {
    const s = tf.tensor1d(Float32Array.from(series));
    const before = tf.memory().numTensors;
    negativeSharpeLoss(s, 12).dispose();
    realisedVarianceLoss(s, 12).dispose();
    expect(tf.memory().numTensors).toBe(before);
    s.dispose();
  });
});
