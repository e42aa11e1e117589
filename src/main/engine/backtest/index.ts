/**
 * Walk-forward backtesting (issue 5, item 5): a past-only strategy interface (`PastView`), one cost
 * model shared by optimiser and simulator, weight drift, metrics, and baseline strategies.
 * Entry point: {@link runWalkForward}.
 */

export { createCostModel, l1Distance } from './cost-model';
export type { CostModel, CostModelOptions } from './cost-model';
export { computeMetrics, drawdownSeries, equityCurve, sampleStd } from './metrics';
export type { RebalanceSummary } from './metrics';
export { PastView } from './past-view';
export type { UniverseWindow } from './past-view';
export { EXECUTABLE_STATUSES, runWalkForward } from './run-walk-forward';
export { resolveSchedule } from './schedule';
export type { Schedule } from './schedule';
export { PERIODS_PER_YEAR } from './types';
export type {
  BacktestData,
  BacktestMetrics,
  BacktestResult,
  DateRef,
  FeatureBlock,
  Frequency,
  ProgressCallback,
  RebalanceContext,
  RebalanceRecord,
  Strategy,
  StrategyDecision,
  StrategyFunction,
  WalkForwardOptions,
} from './types';
export * from './strategies/index';
