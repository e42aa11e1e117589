/**
 * The epoch loop both trainers share: Adam steps on the predictor's variables, gradient norms and
 * losses recorded per epoch, early stopping on a validation loss with the best weights restored,
 * progress reports and cooperative cancel. Best weights are kept as float32 copies, not tensors,
 * so a run leaves the tensor count where it found it (the optimiser's slots are disposed at the end).
 */

import * as tf from '@tensorflow/tfjs-core';
// tfjs-core registers no gradients of its own ops; tfjs-layers does on import, both as ESM (bundlers,
// vitest) and as its Node bundle (tsx, workers), where tfjs-core's deep ESM path cannot be imported.
import '@tensorflow/tfjs-layers';
import type { NamedTensorMap, Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import type { Predictor } from './predictors/predictor';

/** One epoch's figures. */
export interface EpochRecord {
  /** 1-based. */
  readonly epoch: number;
  /** Mean over the epoch's steps of the loss at the weights each step differentiated. */
  readonly trainLoss: number;
  /** Validation loss after the epoch's updates; null without a validation period. */
  readonly valLoss: number | null;
  /** Mean over the epoch's steps of the global L2 norm of the gradient (before clipping). */
  readonly gradNorm: number;
}

/** What onProgress receives besides the fraction and stage. */
export type EpochProgress = Pick<EpochRecord, 'epoch' | 'trainLoss' | 'valLoss' | 'gradNorm'>;

/** Called after each epoch with (epochs done / maxEpochs, a readable stage, the epoch's figures). */
export type TrainingProgress = (fraction: number, stage: string, epoch: EpochProgress) => void;

/** Hyper-parameters common to both trainers. */
export interface TrainingLoopOptions {
  /** Upper bound on epochs, ≥ 1. */
  readonly maxEpochs: number;
  /** Stop after this many epochs without a validation improvement (≥ 1); default 10. */
  readonly patience?: number;
  /** An improvement must lower the validation loss by more than this; default 0. */
  readonly minDelta?: number;
  /** Adam step size > 0. */
  readonly learningRate: number;
  /** Rescale each gradient to this global L2 norm when larger (> 0); default none. */
  readonly clipNorm?: number;
  readonly onProgress?: TrainingProgress;
  /** Polled before every epoch; true stops training (best weights restored, stopReason `cancelled`). */
  readonly shouldStop?: () => boolean;
}

export type StopReason = 'max-epochs' | 'early-stopping' | 'cancelled';

export interface TrainingHistory {
  readonly history: EpochRecord[];
  /** Losses of the initial weights (validation null without a validation period). */
  readonly initial: { readonly trainLoss: number; readonly valLoss: number | null };
  /** Epoch whose weights were kept (0 = the initial weights); the last epoch without validation. */
  readonly bestEpoch: number;
  readonly bestValLoss: number | null;
  readonly stopReason: StopReason;
}

/** What a trainer supplies to the loop. */
export interface TrainingProblem {
  /** The loss closures of one epoch's steps, in order (the epoch's shuffle is the trainer's). */
  steps(epoch: number): (() => Scalar)[];
  /** The full training loss at the current weights (forward only). */
  trainLoss(): number;
  /** The validation loss at the current weights, or undefined without a validation period. */
  valLoss?: () => number;
  /** Stage label prefix for progress, e.g. `end-to-end`. */
  readonly label: string;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} = ${value}: must be a positive integer`);
  return value;
}

/** Validates the loop's hyper-parameters (also called by the trainers before any work). */
export function checkLoopOptions(options: TrainingLoopOptions): void {
  positiveInteger(options.maxEpochs, 'maxEpochs');
  positiveInteger(options.patience ?? 10, 'patience');
  const minDelta = options.minDelta ?? 0;
  if (!(Number.isFinite(minDelta) && minDelta >= 0)) throw new Error(`minDelta = ${minDelta}: must be finite and ≥ 0`);
  if (!(Number.isFinite(options.learningRate) && options.learningRate > 0)) throw new Error(`learningRate = ${options.learningRate}: must be finite and > 0`);
  if (options.clipNorm !== undefined && !(Number.isFinite(options.clipNorm) && options.clipNorm > 0)) {
    throw new Error(`clipNorm = ${options.clipNorm}: must be finite and > 0`);
  }
}

function finiteLoss(value: number, label: string, where: string): number {
  if (!Number.isFinite(value)) {
    throw new Error(`${label}: the ${where} loss is ${value} (e.g. a constant return series has no Sharpe ratio, or the weights diverged)`);
  }
  return value;
}

/**
 * One optimiser step: gradients of `loss` w.r.t. the variables, their global norm, optional
 * clipping, Adam update. Returns (loss, norm before clipping); every intermediate tensor is freed.
 */
function step(optimizer: tf.Optimizer, variables: Variable[], loss: () => Scalar, clipNorm: number | undefined): [number, number] {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(loss, variables);
    const norm = tf.sqrt(tf.addN(Object.values(grads).map((grad) => tf.sum(tf.square(grad))))).dataSync()[0];
    let applied: NamedTensorMap = grads;
    if (clipNorm !== undefined && norm > clipNorm) {
      applied = {};
      for (const [name, grad] of Object.entries(grads)) applied[name] = tf.mul(grad, clipNorm / norm) as Tensor;
    }
    // A non-finite norm is reported by the caller; applying it would poison the weights first.
    if (Number.isFinite(norm)) optimizer.applyGradients(applied);
    return [value.dataSync()[0], norm] as [number, number];
  });
}

/** Runs the loop on `predictor`'s variables in place; on return they hold the kept (best) weights. */
export function runTrainingLoop(predictor: Predictor, problem: TrainingProblem, options: TrainingLoopOptions): TrainingHistory {
  checkLoopOptions(options);
  const { maxEpochs, learningRate, clipNorm, onProgress, shouldStop } = options;
  const patience = options.patience ?? 10;
  const minDelta = options.minDelta ?? 0;
  const { label } = problem;
  const variables = [...predictor.variables];
  const validate = problem.valLoss;
  const initial = {
    trainLoss: finiteLoss(problem.trainLoss(), label, 'initial training'),
    valLoss: validate ? finiteLoss(validate(), label, 'initial validation') : null,
  };
  let best = { epoch: 0, valLoss: initial.valLoss, weights: predictor.getWeights() };
  const history: EpochRecord[] = [];
  let stopReason: StopReason = 'max-epochs';
  const optimizer = tf.train.adam(learningRate);
  try {
    for (let epoch = 1; epoch <= maxEpochs; epoch++) {
      if (shouldStop?.()) {
        stopReason = 'cancelled';
        break;
      }
      let lossSum = 0;
      let normSum = 0;
      const closures = problem.steps(epoch);
      for (const closure of closures) {
        const [loss, norm] = step(optimizer, variables, closure, clipNorm);
        finiteLoss(loss, label, `epoch ${epoch} training`);
        if (!Number.isFinite(norm)) throw new Error(`${label}: the gradient norm is ${norm} at epoch ${epoch}`);
        lossSum += loss;
        normSum += norm;
      }
      const valLoss = validate ? finiteLoss(validate(), label, `epoch ${epoch} validation`) : null;
      const record: EpochRecord = { epoch, trainLoss: lossSum / closures.length, valLoss, gradNorm: normSum / closures.length };
      history.push(record);
      onProgress?.(epoch / maxEpochs, `${label}: epoch ${epoch}/${maxEpochs}`, record);
      if (valLoss === null) {
        best = { epoch, valLoss: null, weights: best.weights };
      } else if (best.valLoss === null || valLoss < best.valLoss - minDelta) {
        best = { epoch, valLoss, weights: predictor.getWeights() };
      } else if (epoch - best.epoch >= patience) {
        stopReason = 'early-stopping';
        break;
      }
    }
  } finally {
    optimizer.dispose();
  }
  if (validate) predictor.setWeights(best.weights);
  return { history, initial, bestEpoch: best.epoch, bestValLoss: best.valLoss, stopReason };
}
