/**
 * Pipelines with a trained predictor: build the features, train once on the months before the
 * backtest starts (the last `validationPeriods` of them for early stopping), then trade the frozen
 * predictor out of sample through the mean–variance QP. Training months use only assets with a
 * return in every one of them (a learning panel has a fixed cross-section); the predictor is
 * cross-sectional, so out of sample it serves whatever universe each rebalance has.
 * End-to-end training starts from the decoupled (MSE) fit, as the compare experiment does.
 * The spec's `retrainEvery` is not used: this build trains once (no rolling refit).
 */
import type { PipelineSpec } from '../../../shared/pipeline/spec';
import type { ProgressCallback, Strategy } from '../backtest/types';
import type { LearningPanel } from '../learn/learning-panel';
import { predictorStrategy } from '../learn/predictor-strategy';
import { createPredictor } from '../learn/predictors/create-predictor';
import type { PredictorConfig } from '../learn/predictors/predictor';
import { ledoitWolfRisk } from '../learn/risk-factors';
import { trainDecoupled } from '../learn/train-decoupled';
import { trainEndToEnd } from '../learn/train-end-to-end';
import type { TrainingHistory } from '../learn/training-loop';
import { buildFeatures } from './feature-builder';
import type { PipelineInputs, PreparedData } from './prepare-data';

/** Fewest months of returns behind a training decision (row 0 of a price-based panel has none). */
const MIN_RISK_WINDOW = 12;

interface TrainingWindow {
  /** First and last training decision rows (each earns the next row's return). */
  first: number;
  last: number;
  /** Ledoit–Wolf window for the training months: the spec's lookback where history allows. */
  lookback: number;
}

function trainingWindow(spec: PipelineSpec, prepared: PreparedData, validationPeriods: number): TrainingWindow {
  const { dates } = prepared.data;
  const start = spec.backtest.start ? dates.findIndex((date) => date >= (spec.backtest.start as string)) : -1;
  if (start < 0) throw new Error('backtest.start: a trained pipeline needs a start date with training months before it');
  const wanted = spec.risk.kind === 'estimator' ? spec.risk.lookback : 60;
  const needed = validationPeriods + 12;
  const last = start - 2;
  const first = Math.max(MIN_RISK_WINDOW + 1, Math.min(wanted, last - needed + 1));
  if (last - first + 1 < needed) {
    throw new Error(`backtest.start: only ${Math.max(0, last - first + 1)} training months before ${spec.backtest.start}; training with ${validationPeriods} validation months needs at least ${needed}`);
  }
  return { first, last, lookback: Math.min(wanted, first) };
}

function learningPanel(prepared: PreparedData, features: { values: Float64Array; p: number }, rows: number[], assets: number[]): LearningPanel {
  const { data } = prepared;
  const n = assets.length;
  const p = features.p;
  const x = new Float64Array(rows.length * n * p);
  const y = new Float64Array(rows.length * n);
  rows.forEach((row, t) => {
    assets.forEach((asset, i) => {
      x.set(features.values.subarray((row * data.n + asset) * p, (row * data.n + asset + 1) * p), (t * n + i) * p);
      y[t * n + i] = data.returns[(row + 1) * data.n + asset];
    });
  });
  return { t: rows.length, n, p, features: x, targets: y };
}

export function buildTrainedStrategy(spec: PipelineSpec, prepared: PreparedData, inputs: PipelineInputs, onProgress: ProgressCallback): { strategy: Strategy; training: () => unknown } {
  if (spec.training.kind === 'none' || spec.optimiser.kind !== 'mean-variance') throw new Error('training.kind: only trained mean–variance pipelines come here');
  if (spec.predictor.kind !== 'linear' && spec.predictor.kind !== 'mlp') throw new Error('predictor.kind: only linear and MLP predictors are trained');
  const training = spec.training;
  const optimiser = spec.optimiser;
  onProgress(0, 'building features');
  const features = buildFeatures(spec, prepared, inputs);
  const { data } = prepared;
  const { first, last, lookback } = trainingWindow(spec, prepared, training.validationPeriods);
  const assets: number[] = [];
  for (let j = 0; j < data.n; j++) {
    let complete = true;
    for (let row = first - lookback + 1; row <= last + 1 && complete; row++) complete = Number.isFinite(data.returns[row * data.n + j]);
    if (complete) assets.push(j);
  }
  if (assets.length < 2) throw new Error(`data: only ${assets.length} asset(s) have returns in every training month; training needs at least 2`);
  const allRows = Array.from({ length: last - first + 1 }, (_, k) => first + k);
  const split = allRows.length - training.validationPeriods;
  const panel = learningPanel(prepared, features, allRows, assets);
  const returnScale = Math.sqrt(panel.targets.reduce((s, v) => s + v * v, 0) / panel.targets.length) || 0.05;
  const config: PredictorConfig =
    spec.predictor.kind === 'linear'
      ? { kind: 'linear', nFeatures: features.p, returnScale }
      : { kind: 'mlp', nFeatures: features.p, hidden: spec.predictor.hidden, riskFactors: spec.predictor.riskFactors, returnScale };
  const predictor = createPredictor(config, spec.seed);
  const slice = (from: number, to: number, withRisk: boolean): LearningPanel => {
    const rows = allRows.slice(from, to);
    const part = learningPanel(prepared, features, rows, assets);
    if (!withRisk) return part;
    const window = new Float64Array(data.t * assets.length);
    for (let row = 0; row < data.t; row++) assets.forEach((asset, i) => (window[row * assets.length + i] = data.returns[row * data.n + asset]));
    return { ...part, risk: ledoitWolfRisk(window, data.t, assets.length, rows, lookback) };
  };
  const needsPanelRisk = training.kind === 'end-to-end' && spec.risk.kind !== 'learned-head';
  const train = slice(0, split, needsPanelRisk);
  const validation = slice(split, allRows.length, needsPanelRisk);
  const histories: Record<string, TrainingHistory> = {};
  const loop = { learningRate: training.learningRate, patience: training.patience };
  histories.decoupled = trainDecoupled(predictor, {
    train,
    validation,
    seed: spec.seed,
    maxEpochs: training.kind === 'decoupled' ? training.epochs : 200,
    ...loop,
    onProgress: (fraction, stage) => onProgress((training.kind === 'decoupled' ? 1 : 0.4) * fraction, `decoupled: ${stage}`),
  });
  const kappa = optimiser.turnoverPenalty ? (spec.backtest.costBps + spec.backtest.slippageBps) / 1e4 : 0;
  const wMax = optimiser.upper < 1 ? optimiser.upper : undefined;
  if (training.kind === 'end-to-end') {
    histories.endToEnd = trainEndToEnd(predictor, {
      train,
      validation,
      gamma: optimiser.gamma,
      kappa,
      ...(wMax !== undefined ? { wMax } : {}),
      tc: (spec.backtest.costBps + spec.backtest.slippageBps) / 1e4,
      loss: training.loss,
      periodsPerYear: prepared.frequency === 'monthly' ? 12 : 252,
      risk: spec.risk.kind === 'learned-head' ? 'head' : 'panel',
      maxEpochs: training.epochs,
      ...loop,
      onProgress: (fraction, stage) => onProgress(0.4 + 0.6 * fraction, `end-to-end: ${stage}`),
    });
  }
  const strategy = predictorStrategy({
    name: `${spec.predictor.kind} ${training.kind}`,
    predictor,
    featureBlock: 'predictor-features',
    gamma: optimiser.gamma,
    kappa,
    ...(wMax !== undefined ? { wMax } : {}),
    risk: spec.risk.kind === 'learned-head' ? 'head' : 'ledoit-wolf',
  });
  prepared.data = { ...prepared.data, features: { ...(prepared.data.features ?? {}), 'predictor-features': { values: features.values, width: data.n * features.p } } };
  return {
    strategy,
    training: () => ({ features: features.names, trainingAssets: assets.length, trainMonths: [data.dates[allRows[0]], data.dates[allRows[split - 1]]], riskLookback: lookback, validationMonths: [data.dates[allRows[split]], data.dates[allRows[allRows.length - 1]]], histories }),
  };
}
