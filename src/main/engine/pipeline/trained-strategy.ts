/**
 * Pipelines with a trained predictor: build the features, train on the months before the backtest
 * starts (the last `validationPeriods` of them for early stopping), trade through the mean–variance
 * QP, and refit on a rolling window (the first fit's length) whenever the schedule says retrain (`retrainEvery`),
 * warm-started from the current weights and using only what the past-only view shows.
 * Training months use only assets with a return in every one of them (a learning panel has a fixed
 * cross-section); the predictor is cross-sectional, so it serves whatever universe each rebalance has.
 * End-to-end training starts from a decoupled (MSE) fit, as the compare experiment does.
 */
import type { PipelineSpec } from '../../../shared/pipeline/spec';
import type { ProgressCallback, Strategy } from '../backtest/types';
import type { LearningPanel } from '../learn/learning-panel';
import { predictorStrategy } from '../learn/predictor-strategy';
import { createPredictor } from '../learn/predictors/create-predictor';
import type { Predictor, PredictorConfig } from '../learn/predictors/predictor';
import { ledoitWolfRisk } from '../learn/risk-factors';
import { trainDecoupled } from '../learn/train-decoupled';
import { trainEndToEnd } from '../learn/train-end-to-end';
import type { EpochProgress, TrainingHistory } from '../learn/training-loop';

/** One epoch of the first fit, reported live (refits are silent). */
export type EpochListener = (stage: 'decoupled' | 'end-to-end', epoch: EpochProgress) => void;
import { buildFeatures, type FeatureSet } from './feature-builder';
import type { PipelineInputs, PreparedData } from './prepare-data';

type TrainedSpec = PipelineSpec & { training: Exclude<PipelineSpec['training'], { kind: 'none' }>; optimiser: Extract<PipelineSpec['optimiser'], { kind: 'mean-variance' }> };

/** Fewest months of returns behind a training decision (row 0 of a price-based panel has none). */
const MIN_RISK_WINDOW = 12;
const FEATURE_BLOCK = 'predictor-features';

/** Returns and features of rows 0..rows−1: the whole history a fit may use. */
interface History {
  returns: Float64Array;
  features: Float64Array;
  rows: number;
  n: number;
  p: number;
}

interface Plan {
  first: number;
  last: number;
  lookback: number;
}

/**
 * Training decisions for a fit on rows 0..rows−1. `maxMonths` caps the window (refits roll it forward
 * at the first fit's length, so each refit costs about the same as the first).
 */
function plan(spec: TrainedSpec, rows: number, when: string, maxMonths = Number.POSITIVE_INFINITY): Plan {
  const wanted = spec.risk.kind === 'estimator' ? spec.risk.lookback : 60;
  const needed = spec.training.validationPeriods + 12;
  const last = rows - 2;
  const first = Math.max(MIN_RISK_WINDOW + 1, Math.min(wanted, last - needed + 1), last - maxMonths + 1);
  if (last - first + 1 < needed) {
    throw new Error(`backtest.start: only ${Math.max(0, last - first + 1)} training months before ${when}; training with ${spec.training.validationPeriods} validation months needs at least ${needed}`);
  }
  return { first, last, lookback: Math.min(wanted, first) };
}

function panel(history: History, rows: number[], assets: number[], risk: { lookback: number } | undefined): LearningPanel {
  const { n: all, p } = history;
  const n = assets.length;
  const features = new Float64Array(rows.length * n * p);
  const targets = new Float64Array(rows.length * n);
  rows.forEach((row, t) => {
    assets.forEach((asset, i) => {
      features.set(history.features.subarray((row * all + asset) * p, (row * all + asset + 1) * p), (t * n + i) * p);
      targets[t * n + i] = history.returns[(row + 1) * all + asset];
    });
  });
  if (!risk) return { t: rows.length, n, p, features, targets };
  const returns = new Float64Array(history.rows * n);
  for (let row = 0; row < history.rows; row++) assets.forEach((asset, i) => (returns[row * n + i] = history.returns[row * all + asset]));
  return { t: rows.length, n, p, features, targets, risk: ledoitWolfRisk(returns, history.rows, n, rows, risk.lookback) };
}

function fit(predictor: Predictor, spec: TrainedSpec, history: History, window: Plan, epochScale: number, onProgress: ProgressCallback, onEpoch?: EpochListener): Record<string, unknown> {
  const { first, last, lookback } = window;
  const assets: number[] = [];
  for (let j = 0; j < history.n; j++) {
    let complete = true;
    for (let row = first - lookback + 1; row <= last + 1 && complete; row++) complete = Number.isFinite(history.returns[row * history.n + j]);
    if (complete) assets.push(j);
  }
  if (assets.length < 2) throw new Error(`data: only ${assets.length} asset(s) have returns in every training month; training needs at least 2`);
  const rows = Array.from({ length: last - first + 1 }, (_, k) => first + k);
  const split = rows.length - spec.training.validationPeriods;
  const risk = spec.training.kind === 'end-to-end' && spec.risk.kind !== 'learned-head' ? { lookback } : undefined;
  const train = panel(history, rows.slice(0, split), assets, risk);
  const validation = panel(history, rows.slice(split), assets, risk);
  const training = spec.training;
  const optimiser = spec.optimiser;
  const epochs = (count: number): number => Math.max(1, Math.round(count * epochScale));
  const loop = { learningRate: training.learningRate, patience: training.patience };
  const histories: Record<string, TrainingHistory> = {};
  histories.decoupled = trainDecoupled(predictor, {
    train,
    validation,
    seed: spec.seed,
    maxEpochs: epochs(training.kind === 'decoupled' ? training.epochs : 200),
    ...loop,
    onProgress: (fraction, stage, epoch) => {
      onProgress((training.kind === 'decoupled' ? 1 : 0.4) * fraction, `decoupled: ${stage}`);
      onEpoch?.('decoupled', epoch);
    },
  });
  if (training.kind === 'end-to-end') {
    const tc = (spec.backtest.costBps + spec.backtest.slippageBps) / 1e4;
    histories.endToEnd = trainEndToEnd(predictor, {
      train,
      validation,
      gamma: optimiser.gamma,
      kappa: optimiser.turnoverPenalty ? tc : 0,
      ...(optimiser.upper < 1 ? { wMax: optimiser.upper } : {}),
      tc,
      loss: training.loss,
      periodsPerYear: 12,
      risk: spec.risk.kind === 'learned-head' ? 'head' : 'panel',
      maxEpochs: epochs(training.epochs),
      ...loop,
      onProgress: (fraction, stage, epoch) => {
        onProgress(0.4 + 0.6 * fraction, `end-to-end: ${stage}`);
        onEpoch?.('end-to-end', epoch);
      },
    });
  }
  return { assets: assets.length, riskLookback: lookback, histories };
}

/**
 * The strategy, its training record, and (for the explain module, which freezes the pipeline at a
 * month) the predictor the strategy refits in place and the features it reads.
 */
export function buildTrainedStrategy(
  spec: PipelineSpec,
  prepared: PreparedData,
  inputs: PipelineInputs,
  onProgress: ProgressCallback,
  onEpoch?: EpochListener,
): { strategy: Strategy; training: () => unknown; predictor: Predictor; features: FeatureSet } {
  if (spec.training.kind === 'none' || spec.optimiser.kind !== 'mean-variance') throw new Error('training.kind: only trained mean–variance pipelines come here');
  if (spec.predictor.kind !== 'linear' && spec.predictor.kind !== 'mlp') throw new Error('predictor.kind: only linear and MLP predictors are trained');
  if (prepared.frequency !== 'monthly') throw new Error('data.frequency: trained pipelines are monthly');
  const trained = spec as TrainedSpec;
  onProgress(0, 'building features');
  const features = buildFeatures(spec, prepared, inputs);
  const { data } = prepared;
  const start = spec.backtest.start ? data.dates.findIndex((date) => date >= (spec.backtest.start as string)) : -1;
  if (start < 0) throw new Error('backtest.start: a trained pipeline needs a start date with training months before it');
  const firstPlan = plan(trained, start, spec.backtest.start as string);
  const targets = data.returns.subarray(0, (start) * data.n);
  const returnScale = Math.sqrt(targets.reduce((s, v) => (Number.isFinite(v) ? s + v * v : s), 0) / Math.max(1, targets.filter(Number.isFinite).length)) || 0.05;
  const config: PredictorConfig =
    spec.predictor.kind === 'linear'
      ? { kind: 'linear', nFeatures: features.p, returnScale }
      : { kind: 'mlp', nFeatures: features.p, hidden: spec.predictor.hidden, riskFactors: spec.predictor.riskFactors, returnScale };
  const predictor = createPredictor(config, spec.seed);
  const fits: Record<string, unknown>[] = [];
  const initial = fit(predictor, trained, { returns: data.returns, features: features.values, rows: start, n: data.n, p: features.p }, firstPlan, 1, onProgress, onEpoch);
  fits.push({ date: data.dates[start - 1], trainFrom: data.dates[firstPlan.first], ...initial });
  const optimiser = trained.optimiser;
  const tc = (spec.backtest.costBps + spec.backtest.slippageBps) / 1e4;
  const inner = predictorStrategy({
    name: `${spec.predictor.kind} ${spec.training.kind}`,
    predictor,
    featureBlock: FEATURE_BLOCK,
    gamma: optimiser.gamma,
    kappa: optimiser.turnoverPenalty ? tc : 0,
    ...(optimiser.upper < 1 ? { wMax: optimiser.upper } : {}),
    risk: spec.risk.kind === 'learned-head' ? 'head' : 'ledoit-wolf',
  });
  const strategy: Strategy = {
    name: inner.name,
    ...(inner.spec ? { spec: { ...inner.spec, retrainEvery: spec.backtest.retrainEvery } } : {}),
    rebalance(view, context) {
      if (context.retrain && context.rebalance > 0) {
        const rows = view.available;
        const history: History = { returns: view.returns(rows), features: view.feature(FEATURE_BLOCK, rows).values, rows, n: view.n, p: features.p };
        // Refits continue from the current weights, so a quarter of the epochs suffices.
        const window = plan(trained, rows, view.date, firstPlan.last - firstPlan.first + 1);
        const refit = fit(predictor, trained, history, window, 0.25, () => undefined);
        fits.push({ date: view.date, trainFrom: data.dates[window.first], ...refit });
      }
      return inner.rebalance(view, context);
    },
  };
  prepared.data = { ...data, features: { ...(data.features ?? {}), [FEATURE_BLOCK]: { values: features.values, width: data.n * features.p } } };
  return { strategy, training: () => ({ features: features.names, fits }), predictor, features };
}
