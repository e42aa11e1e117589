/** `compare-runs` job: metric differences and Sharpe-difference tests of stored runs vs the first. */
import { compareRuns, type RunsComparison } from '../../engine/stats';

export interface CompareRunsParams {
  series: { name: string; netReturns: Float64Array }[];
  periodsPerYear: number;
}

export function compareRunsJob(raw: unknown): RunsComparison {
  const { series, periodsPerYear } = raw as CompareRunsParams;
  return compareRuns(series, { periodsPerYear, baseline: 0, seed: 0 });
}
