/**
 * End-to-end training through the QP layer on the synthetic universe: it improves the training
 * Sharpe over its initialisation, is deterministic, restores the best validation weights, trains
 * the risk head, leaks no tensors, and rejects bad input with clear errors.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { targetScale } from '../../../src/main/engine/learn/learning-panel';
import type { LearningPanel } from '../../../src/main/engine/learn/learning-panel';
import { linearPredictor } from '../../../src/main/engine/learn/predictors/linear-predictor';
import { mlpPredictor } from '../../../src/main/engine/learn/predictors/mlp-predictor';
import { decisionLoss, trainEndToEnd } from '../../../src/main/engine/learn/train-end-to-end';
import type { EndToEndTrainingOptions } from '../../../src/main/engine/learn/train-end-to-end';
import { universePanels } from './panels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const panels = universePanels(31, 16, 36, 12);
const OBJECTIVE = { gamma: 8, kappa: 0.005, tc: 0.005, wMax: 0.25 } as const;

function linear(seed: number) {
  return linearPredictor({ nFeatures: 4, returnScale: targetScale(panels.train), seed });
}

describe('trainEndToEnd', () => {
  it('raises the training net Sharpe over its initialisation (Sharpe loss, Ledoit–Wolf Σ, κ = tc)', () => {
    const predictor = linear(1);
    const before = -decisionLoss(predictor, panels.train, OBJECTIVE);
    const result = trainEndToEnd(predictor, { train: panels.train, ...OBJECTIVE, maxEpochs: 15, learningRate: 0.05 });
    const after = -decisionLoss(predictor, panels.train, OBJECTIVE);
    expect(result.initial.trainLoss).toBeCloseTo(-before, 5);
    expect(after - before, `training Sharpe ${before.toFixed(3)} → ${after.toFixed(3)}; required gain ≥ 0.5`).toBeGreaterThanOrEqual(0.5);
    expect(result.solver.statuses.solved).toBe(16 * 36);
    expect(result.solver.zeroGradientItems).toBe(0);
    expect(result.history.every((record) => Number.isFinite(record.gradNorm) && record.gradNorm > 0)).toBe(true);
    predictor.dispose();
  });

  const options = (extra: Partial<EndToEndTrainingOptions> = {}): EndToEndTrainingOptions => ({
    ...panels,
    ...OBJECTIVE,
    maxEpochs: 6,
    patience: 2,
    learningRate: 0.05,
    ...extra,
  });

  it('is deterministic: same seed → identical history and weights', () => {
    const [a, b] = [linear(2), linear(2)];
    const first = trainEndToEnd(a, options());
    const second = trainEndToEnd(b, options());
    expect(second).toEqual(first);
    expect(b.getWeights()).toEqual(a.getWeights());
    [a, b].forEach((predictor) => predictor.dispose());
  });

  it('early stopping restores the weights of the best validation epoch', () => {
    const predictor = linear(3);
    const result = trainEndToEnd(predictor, options({ maxEpochs: 12 }));
    const values = [result.initial.valLoss!, ...result.history.map((record) => record.valLoss!)];
    expect(result.bestValLoss).toBe(Math.min(...values));
    expect(values.indexOf(result.bestValLoss!)).toBe(result.bestEpoch);
    const restored = decisionLoss(predictor, panels.validation, OBJECTIVE);
    expect(Math.abs(restored - result.bestValLoss!), `restored ${restored} vs best ${result.bestValLoss}`).toBeLessThanOrEqual(1e-6);
    predictor.dispose();
  });

  it('trains the MLP risk head: the layer gradient reaches F and d', () => {
    const predictor = mlpPredictor({ nFeatures: 4, hidden: [6], riskFactors: 2, returnScale: targetScale(panels.train), seed: 4 });
    const before = predictor.getWeights();
    const result = trainEndToEnd(predictor, { train: panels.train, ...OBJECTIVE, risk: 'head', maxEpochs: 1, learningRate: 0.01 });
    const after = predictor.getWeights();
    // Variable order: W₁, b₁, w_μ, b_μ, W_F, b_F, w_d, b_d.
    for (const index of [4, 5, 6, 7]) expect(after[index], `variable ${index} unchanged`).not.toEqual(before[index]);
    expect(result.solver.zeroGradientItems).toBe(0);
    predictor.dispose();
  });

  it('a training step leaves tf.memory().numTensors unchanged (κ > 0 chain and κ = 0 batch)', () => {
    for (const kappa of [0.005, 0]) {
      const predictor = mlpPredictor({ nFeatures: 4, hidden: [4], riskFactors: 2, returnScale: 0.05, seed: 5 });
      const before = tf.memory().numTensors;
      trainEndToEnd(predictor, { ...panels, ...OBJECTIVE, kappa, maxEpochs: 1, learningRate: 0.01, loss: 'utility' });
      expect(tf.memory().numTensors, `κ = ${kappa}`).toBe(before);
      predictor.dispose();
    }
  });

  it('stops when asked, keeping the best weights', () => {
    const predictor = linear(6);
    let polls = 0;
    const result = trainEndToEnd(predictor, options({ maxEpochs: 10, patience: 10, shouldStop: () => ++polls > 2 }));
    expect(result.stopReason).toBe('cancelled');
    expect(result.history.length).toBe(2);
    predictor.dispose();
  });

  it('rejects bad input with clear errors', () => {
    const predictor = linear(7);
    const base = { ...OBJECTIVE, maxEpochs: 1, learningRate: 0.01 };
    const eleven: LearningPanel = { t: 11, n: 16, p: 4, features: panels.train.features.slice(0, 11 * 64), targets: panels.train.targets.slice(0, 11 * 16) };
    expect(() => trainEndToEnd(predictor, { ...base, train: eleven, risk: 'panel' })).toThrow(/training period has 11 month\(s\), need at least 12/);
    const poisoned: LearningPanel = { ...panels.train, features: Float64Array.from(panels.train.features) };
    poisoned.features[70] = Number.NaN;
    expect(() => trainEndToEnd(predictor, { ...base, train: poisoned })).toThrow(/train\.features\[month 1, entry 6\] is NaN/);
    const { risk: _risk, ...noRisk } = panels.train;
    expect(() => trainEndToEnd(predictor, { ...base, train: noRisk })).toThrow(/risk 'panel' needs/);
    expect(() => trainEndToEnd(predictor, { ...base, train: panels.train, risk: 'head' })).toThrow(/risk 'head' needs a predictor with riskFactors ≥ 1/);
    expect(() => trainEndToEnd(predictor, { ...base, train: panels.train, wMax: 0.05 })).toThrow(/wMax = 0.05: .*n = 16/);
    expect(() => trainEndToEnd(predictor, { ...base, train: panels.train, gamma: 0 })).toThrow(/gamma = 0/);
    expect(() => trainEndToEnd(predictor, { ...base, train: panels.train, loss: 'hinge' as never })).toThrow(/loss must be/);
    const oneMonth: LearningPanel = { ...panels.validation, t: 1, features: panels.validation.features.slice(0, 64), targets: panels.validation.targets.slice(0, 16), risk: undefined };
    expect(() => trainEndToEnd(predictor, { ...base, train: panels.train, validation: { ...oneMonth, risk: panels.train.risk && { k: panels.train.risk.k, factors: panels.train.risk.factors.slice(0, 16 * panels.train.risk.k), idio: panels.train.risk.idio.slice(0, 16) } } })).toThrow(/validation period has 1 month\(s\), need at least 2/);
    predictor.dispose();
  });
});
