/** What the store keeps of a pipeline run's result: metrics, a summary, and the series. */
import type { PipelineRunResult } from '../engine/pipeline/run-pipeline';
import type { RunSeries } from '../store/runs-repo';

export interface RunRecord {
  metrics: PipelineRunResult['backtest']['metrics'];
  summary: Record<string, unknown>;
  series: RunSeries;
}

export function runRecord(result: PipelineRunResult): RunRecord {
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
