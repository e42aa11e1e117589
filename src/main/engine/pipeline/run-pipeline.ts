/**
 * Runs a validated PipelineSpec end to end: prepare the data, build the strategy (or have the
 * training module build it), walk forward with the spec's schedule and one cost model.
 */
import type { PipelineSpec } from '../../../shared/pipeline/spec';
import { createCostModel } from '../backtest/cost-model';
import { runWalkForward } from '../backtest/run-walk-forward';
import type { BacktestResult, ProgressCallback, Strategy } from '../backtest/types';
import { buildStrategy } from './build-strategy';
import { buildTrainedStrategy, type EpochListener } from './trained-strategy';
import { prepareData, type PipelineInputs, type PreparedData } from './prepare-data';

export interface PipelineRunResult {
  backtest: BacktestResult;
  frequency: PreparedData['frequency'];
  /** Assets left out for low coverage over the backtest window. */
  excluded: string[];
  /** Observations in the estimation window. */
  lookback: number;
  /** What the training module recorded (loss curves, gradient norms), when the pipeline trains. */
  training?: unknown;
}

export function pipelineLookback(spec: PipelineSpec): number {
  const risk = spec.risk.kind === 'estimator' ? spec.risk.lookback : 60;
  const predictor = spec.predictor.kind === 'historical-mean' ? spec.predictor.window : 0;
  return Math.max(risk, predictor, 2);
}

export function runPipeline(spec: PipelineSpec, inputs: PipelineInputs, onProgress?: ProgressCallback, onEpoch?: EpochListener): PipelineRunResult {
  onProgress?.(0, 'preparing data');
  const prepared = prepareData(spec, inputs);
  const lookback = pipelineLookback(spec);
  let strategy: Strategy;
  let training: (() => unknown) | undefined;
  if (spec.training.kind === 'none') {
    strategy = buildStrategy(spec);
  } else {
    const built = buildTrainedStrategy(spec, prepared, inputs, (fraction, stage) => onProgress?.(0.05 + 0.45 * fraction, stage), onEpoch);
    strategy = built.strategy;
    training = built.training;
  }
  const backtest = runWalkForward(
    prepared.data,
    strategy,
    {
      frequency: prepared.frequency,
      lookback,
      rebalanceEvery: spec.backtest.rebalanceEvery,
      retrainEvery: spec.backtest.retrainEvery,
      ...(spec.backtest.start ? { start: spec.backtest.start } : {}),
      ...(spec.backtest.end ? { end: spec.backtest.end } : {}),
      costModel: createCostModel({ proportionalBps: spec.backtest.costBps, slippageBps: spec.backtest.slippageBps }),
    },
    (fraction, stage) => onProgress?.(training ? 0.5 + 0.5 * fraction : 0.05 + 0.95 * fraction, stage),
  );
  return { backtest, frequency: prepared.frequency, excluded: prepared.excluded, lookback, ...(training ? { training: training() } : {}) };
}
