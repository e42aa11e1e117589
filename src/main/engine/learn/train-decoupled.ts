/**
 * Decoupled (predict-then-optimise) training, METHODS.md §1: fit μ̂ by mean squared error on the
 * next-period returns; the optimiser is not involved (the backtest then feeds μ̂ and a Ledoit–Wolf
 * covariance to the QP). Mini-batches are whole months, shuffled each epoch by the seeded PRNG.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import { createRandom } from '../data/random';
import { checkTrainingPanels } from './learning-panel';
import type { LearningPanel } from './learning-panel';
import { mseLoss } from './losses';
import type { Predictor } from './predictors/predictor';
import { checkLoopOptions, runTrainingLoop } from './training-loop';
import type { TrainingHistory, TrainingLoopOptions } from './training-loop';

export interface DecoupledTrainingOptions extends TrainingLoopOptions {
  readonly train: LearningPanel;
  /** Early-stopping period (validation MSE); without it the last epoch's weights are kept. */
  readonly validation?: LearningPanel;
  /** Months per mini-batch (≥ 1); default all training months (full batch). */
  readonly batchMonths?: number;
  /** Seed of the per-epoch month shuffle. */
  readonly seed: number;
}

/** Months needed to fit anything: one to learn from. */
const MIN_TRAIN_MONTHS = 1;

/** Rows `months` of a panel as float32 tensors: features B × n × p, targets B × n. */
export function monthTensors(panel: LearningPanel, months: readonly number[]): { features: Tensor3D; targets: Tensor2D } {
  const { n, p } = panel;
  const features = new Float32Array(months.length * n * p);
  const targets = new Float32Array(months.length * n);
  months.forEach((month, row) => {
    features.set(panel.features.subarray(month * n * p, (month + 1) * n * p), row * n * p);
    targets.set(panel.targets.subarray(month * n, (month + 1) * n), row * n);
  });
  return { features: tf.tensor3d(features, [months.length, n, p]), targets: tf.tensor2d(targets, [months.length, n]) };
}

function allMonths(t: number): number[] {
  return Array.from({ length: t }, (_, month) => month);
}

/**
 * Trains `predictor` in place by MSE. Losses are reported in squared return units.
 *
 * @throws on malformed panels (NaN features, wrong lengths), a training period of no months, a
 *   predictor/panel feature mismatch, invalid hyper-parameters, or a non-finite loss or gradient.
 */
export function trainDecoupled(predictor: Predictor, options: DecoupledTrainingOptions): TrainingHistory {
  const { train, validation } = options;
  checkLoopOptions(options);
  checkTrainingPanels(predictor.config.nFeatures, train, validation, MIN_TRAIN_MONTHS, 'trainDecoupled');
  const batchMonths = options.batchMonths ?? train.t;
  if (!Number.isInteger(batchMonths) || batchMonths < 1) throw new Error(`batchMonths = ${batchMonths}: must be a positive integer`);
  const random = createRandom(options.seed);
  const full = monthTensors(train, allMonths(train.t));
  const held = validation ? monthTensors(validation, allMonths(validation.t)) : undefined;
  const evaluate = (data: { features: Tensor3D; targets: Tensor2D }): number =>
    tf.tidy(() => mseLoss(predictor.predict(data.features).mu, data.targets).dataSync()[0]);
  try {
    return runTrainingLoop(
      predictor,
      {
        label: 'decoupled',
        steps: () => {
          const order = allMonths(train.t);
          for (let i = order.length - 1; i > 0; i--) {
            const j = Math.floor(random.uniform() * (i + 1));
            [order[i], order[j]] = [order[j], order[i]];
          }
          const closures: (() => Scalar)[] = [];
          for (let start = 0; start < order.length; start += batchMonths) {
            const months = order.slice(start, start + batchMonths);
            closures.push(() => {
              const batch = monthTensors(train, months);
              return mseLoss(predictor.predict(batch.features).mu, batch.targets);
            });
          }
          return closures;
        },
        trainLoss: () => evaluate(full),
        ...(held ? { valLoss: () => evaluate(held) } : {}),
      },
      options,
    );
  } finally {
    tf.dispose([full.features, full.targets]);
    if (held) tf.dispose([held.features, held.targets]);
  }
}
