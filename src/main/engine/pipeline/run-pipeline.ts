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
import type { SensitivityRunDiagnostics } from '../../../shared/charts/sensitivity-data';
import type { CleanerRunViews } from '../../../shared/domain/cleaner-views';
import type { DriverReport } from '../sensitivity/driver-panel';
import { attachDrivers } from './sensitivity-drivers';

export interface PipelineRunResult {
  backtest: BacktestResult;
  frequency: PreparedData['frequency'];
  /** Assets left out for low coverage over the backtest window. */
  excluded: string[];
  /** Observations in the estimation window. */
  lookback: number;
  /** What the training module recorded (loss curves, gradient norms), when the pipeline trains. */
  training?: unknown;
  /** The sensitivity optimiser's drivers, fits and last window, for its views. */
  sensitivity?: SensitivityRunDiagnostics;
  /** The learned cleaner's views on the last rebalance window (risk node `learned-cleaner`). */
  cleaner?: CleanerRunViews;
}

export function pipelineLookback(spec: PipelineSpec): number {
  const risk = spec.risk.kind === 'estimator' || spec.risk.kind === 'learned-cleaner' ? spec.risk.lookback : 60;
  const predictor = spec.predictor.kind === 'historical-mean' ? spec.predictor.window : 0;
  return Math.max(risk, predictor, 2);
}

export function runPipeline(spec: PipelineSpec, inputs: PipelineInputs, onProgress?: ProgressCallback, onEpoch?: EpochListener): PipelineRunResult {
  onProgress?.(0, 'preparing data');
  let prepared = prepareData(spec, inputs);
  let driverReports: DriverReport[] = [];
  if (spec.optimiser.kind === 'sensitivity') ({ prepared, reports: driverReports } = attachDrivers(spec.optimiser, prepared, inputs.drivers ?? {}, inputs.driverLabels));
  const lookback = pipelineLookback(spec);
  let strategy: Strategy;
  let training: (() => unknown) | undefined;
  if (spec.training.kind === 'none') {
    strategy = buildStrategy(spec, driverReports, inputs.cleaner);
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
  const sensitivity = 'diagnostics' in strategy && typeof strategy.diagnostics === 'function' ? (strategy.diagnostics() as SensitivityRunDiagnostics) : undefined;
  const cleaner = 'cleanerViews' in strategy && typeof strategy.cleanerViews === 'function' ? ((strategy.cleanerViews() as CleanerRunViews | null) ?? undefined) : undefined;
  return { backtest, frequency: prepared.frequency, excluded: prepared.excluded, lookback, ...(training ? { training: training() } : {}), ...(sensitivity ? { sensitivity } : {}), ...(cleaner ? { cleaner } : {}) };
}
