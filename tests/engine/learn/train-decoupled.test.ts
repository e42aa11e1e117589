/**
 * Decoupled training: the MSE-trained linear head recovers the true coefficients of a noiseless
 * panel; determinism; early stopping restores the best weights; progress and cancel; no tensor
 * leak; bad input.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { targetScale } from '../../../src/main/engine/learn/learning-panel';
import type { LearningPanel } from '../../../src/main/engine/learn/learning-panel';
import { linearPredictor } from '../../../src/main/engine/learn/predictors/linear-predictor';
import { mlpPredictor } from '../../../src/main/engine/learn/predictors/mlp-predictor';
import { trainDecoupled } from '../../../src/main/engine/learn/train-decoupled';
import { testMse } from '../../../src/main/engine/learn/compare/test-mse';
import { noiselessPanel, universePanels } from './panels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const BETA = [0.004, -0.002, 0.003, 0.001];
const BIAS = 0.0005;

describe('trainDecoupled', () => {
  it('recovers the true coefficients of a noiseless linear panel (|error| ≤ 1e-8; measured ≤ 7e-10, float32 resolution)', () => {
    const panel = noiselessPanel(1, 24, 20, BETA, BIAS);
    const predictor = linearPredictor({ nFeatures: 4, returnScale: targetScale(panel), seed: 2 });
    const result = trainDecoupled(predictor, { train: panel, seed: 3, maxEpochs: 600, learningRate: 0.01 });
    const { weights, bias } = predictor.coefficients();
    const errors = [...Array.from(weights, (value, j) => value - BETA[j]), bias - BIAS].map(Math.abs);
    expect(Math.max(...errors), `coefficient errors ${errors.map((e) => e.toExponential(2)).join(', ')} vs tolerance 1e-8`).toBeLessThanOrEqual(1e-8);
    expect(result.history[result.history.length - 1].trainLoss).toBeLessThan(1e-4 * result.initial.trainLoss);
    predictor.dispose();
  });

  const panels = universePanels(21, 12, 30, 12);
  const run = (seed: number, extra: Partial<Parameters<typeof trainDecoupled>[1]> = {}) => {
    const predictor = mlpPredictor({ nFeatures: 4, hidden: [6], returnScale: targetScale(panels.train), seed });
    const result = trainDecoupled(predictor, { ...panels, seed, batchMonths: 7, maxEpochs: 30, patience: 4, learningRate: 0.02, ...extra });
    return { predictor, result };
  };

  it('is deterministic: same seed → identical history and weights', () => {
    const a = run(5);
    const b = run(5);
    expect(b.result).toEqual(a.result);
    expect(b.predictor.getWeights()).toEqual(a.predictor.getWeights());
    const c = run(6);
    expect(c.result.history[0].trainLoss).not.toBe(a.result.history[0].trainLoss);
    [a, b, c].forEach(({ predictor }) => predictor.dispose());
  });

  it('early stopping keeps the best validation epoch and restores its weights', () => {
    const { predictor, result } = run(7, { maxEpochs: 200, patience: 3 });
    const values = [result.initial.valLoss!, ...result.history.map((record) => record.valLoss!)];
    const best = Math.min(...values);
    expect(result.bestValLoss).toBe(best);
    expect(values.indexOf(best)).toBe(result.bestEpoch);
    if (result.stopReason === 'early-stopping') expect(result.history.length).toBe(result.bestEpoch + 3);
    const restored = testMse(predictor, panels.validation);
    expect(Math.abs(restored - best), `validation MSE of the restored weights ${restored} vs best ${best}`).toBeLessThanOrEqual(1e-7 * best);
    predictor.dispose();
  });

  it('reports progress per epoch and stops when asked', () => {
    const seen: [number, string, number][] = [];
    let calls = 0;
    const { predictor, result } = run(8, {
      patience: 100,
      onProgress: (fraction, stage, epoch) => seen.push([fraction, stage, epoch.epoch]),
      shouldStop: () => ++calls > 3,
    });
    expect(result.stopReason).toBe('cancelled');
    expect(result.history.length).toBe(3);
    expect(seen).toEqual([
      [1 / 30, 'decoupled: epoch 1/30', 1],
      [2 / 30, 'decoupled: epoch 2/30', 2],
      [3 / 30, 'decoupled: epoch 3/30', 3],
    ]);
    for (const record of result.history) expect(record.gradNorm).toBeGreaterThan(0);
    predictor.dispose();
  });

  it('leaves tf.memory().numTensors unchanged after training', () => {
    const predictor = mlpPredictor({ nFeatures: 4, hidden: [6], returnScale: 0.05, seed: 9 });
    const before = tf.memory().numTensors;
    trainDecoupled(predictor, { ...panels, seed: 9, maxEpochs: 2, learningRate: 0.01, batchMonths: 5 });
    expect(tf.memory().numTensors).toBe(before);
    predictor.dispose();
  });

  it('rejects NaN features, empty or mismatched panels and bad hyper-parameters with clear errors', () => {
    const predictor = linearPredictor({ nFeatures: 4, seed: 1 });
    const poisoned: LearningPanel = { ...panels.train, features: Float64Array.from(panels.train.features) };
    poisoned.features[2 * 12 * 4 + 5] = Number.NaN;
    const base = { seed: 1, maxEpochs: 1, learningRate: 0.01 };
    expect(() => trainDecoupled(predictor, { ...base, train: poisoned })).toThrow(/train\.features\[month 2, entry 5\] is NaN/);
    expect(() => trainDecoupled(predictor, { ...base, train: { ...panels.train, p: 3, features: new Float64Array(30 * 12 * 3) } })).toThrow(/p = 3 features per asset, the predictor expects 4/);
    expect(() => trainDecoupled(predictor, { ...base, train: { ...panels.train, t: 0, features: new Float64Array(0), targets: new Float64Array(0) } })).toThrow(/train\.t = 0/);
    expect(() => trainDecoupled(predictor, { ...base, train: panels.train, batchMonths: 0 })).toThrow(/batchMonths = 0/);
    expect(() => trainDecoupled(predictor, { ...base, train: panels.train, learningRate: -1 })).toThrow(/learningRate = -1/);
    expect(() => trainDecoupled(predictor, { ...base, train: panels.train, maxEpochs: 0 })).toThrow(/maxEpochs = 0/);
    predictor.dispose();
  });
});
