/**
 * Tests of each run's Sharpe ratio against the baseline's (the first run) over the periods all
 * runs share: Jobson–Korkie with Memmel's correction and the Ledoit–Wolf studentised circular
 * block bootstrap, both from `engine/stats`. When the runs cannot be tested together (different
 * frequencies, too few common periods, a constant series) the reason is returned instead, for the
 * report to print.
 */
import { compareRuns, MIN_OBSERVATIONS } from '../engine/stats';
import type { ReportRun } from './report-data';
import { commonPeriod } from './run-figures';

/** Seed of the bootstrap: fixed, so the same runs always print the same p-values. */
export const BOOTSTRAP_SEED = 0;

export interface SharpeTest {
  label: string;
  name: string;
  /** Annualised Sharpe ratio over the common period (risk-free 0: runs store net returns only). */
  sharpe: number;
  /** sharpe − the baseline's. */
  difference: number;
  jkmStatistic: number;
  jkmPValue: number;
  bootstrapPValue: number;
  /** 95 % studentised bootstrap interval for the difference. */
  interval: readonly [number, number];
}

export type SharpeTests =
  | {
      ok: true;
      first: string;
      last: string;
      periods: number;
      baselineSharpe: number;
      blockLength: number;
      resamples: number;
      tests: SharpeTest[];
    }
  | { ok: false; reason: string };

export function sharpeTests(runs: readonly ReportRun[]): SharpeTests {
  if (runs.length < 2) return { ok: false, reason: 'one run: nothing to compare' };
  const frequencies = new Set(runs.map((run) => run.periodsPerYear));
  if (frequencies.size > 1) return { ok: false, reason: `the runs have different frequencies (${[...frequencies].join(', ')} periods a year), so their returns cannot be paired period by period` };
  const common = commonPeriod(runs);
  const periods = common.dates.length;
  if (periods < MIN_OBSERVATIONS) return { ok: false, reason: `the runs share ${periods} periods; the tests need at least ${MIN_OBSERVATIONS}` };
  let comparison: ReturnType<typeof compareRuns>;
  try {
    comparison = compareRuns(
      runs.map((run, k) => ({ name: run.label, netReturns: common.returns[k] })),
      { periodsPerYear: runs[0].periodsPerYear, seed: BOOTSTRAP_SEED },
    );
  } catch (error) {
    return { ok: false, reason: `the tests could not be computed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const first = comparison.comparisons[0]?.bootstrap;
  return {
    ok: true,
    first: common.dates[0],
    last: common.dates[periods - 1],
    periods,
    baselineSharpe: comparison.runs[0].sharpe,
    blockLength: first.blockLength,
    resamples: first.resamples,
    tests: comparison.comparisons.map((pair) => ({
      label: runs[pair.index].label,
      name: runs[pair.index].name,
      sharpe: comparison.runs[pair.index].sharpe,
      difference: pair.differences.sharpe,
      jkmStatistic: pair.jobsonKorkieMemmel.statistic,
      jkmPValue: pair.jobsonKorkieMemmel.pValue,
      bootstrapPValue: pair.bootstrap.pValue,
      interval: pair.bootstrap.interval,
    })),
  };
}
