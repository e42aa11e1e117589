/** What the store keeps of a pipeline run's result: metrics, a summary, and the series. */
import type { PipelineRunResult } from '../engine/pipeline/run-pipeline';
import type { TfBackendInfo } from '../platform/tf-backend';
import type { RunSeries } from '../store/runs-repo';

export interface RunRecord {
  metrics: PipelineRunResult['backtest']['metrics'];
  summary: Record<string, unknown>;
  series: RunSeries;
}

/** A pipeline-run job's result: the engine's, plus the tfjs backend the worker ran it on. */
export type PipelineJobResult = PipelineRunResult & { tfBackend?: TfBackendInfo };

export function runRecord(result: PipelineJobResult): RunRecord {
  const { backtest } = result;
  return {
    metrics: backtest.metrics,
    summary: {
      strategy: backtest.strategy,
      strategySpec: backtest.strategySpec ?? null,
      frequency: result.frequency,
      periodsPerYear: backtest.periodsPerYear,
      lookback: result.lookback,
      costModel: backtest.costModel,
      excluded: result.excluded,
      missingHeldReturns: backtest.missingHeldReturns,
      tfBackend: result.tfBackend ?? null,
      ...(result.sensitivity ? { sensitivity: result.sensitivity } : {}),
      ...(result.cleaner ? { cleaner: result.cleaner } : {}),
    },
    series: {
      dates: [...backtest.dates],
      assets: [...backtest.assets],
      netReturns: backtest.netReturns,
      grossReturns: backtest.grossReturns,
      costs: backtest.costs,
      weights: backtest.weights,
      rebalances: backtest.rebalances.map((record) => ({ ...record })),
      training: result.training,
    },
  };
}
