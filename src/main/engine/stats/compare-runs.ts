/**
 * Side-by-side comparison of two or more runs over the same periods (issue 6, item 4 "Compare"):
 * headline metrics of each run, their differences from a baseline run, and two tests of the
 * Sharpe-ratio difference against it — Jobson–Korkie–Memmel (iid normal) and the Ledoit–Wolf
 * studentised circular block bootstrap (robust to serial dependence and fat tails).
 *
 * Metric definitions are those of the backtest's `computeMetrics`: annualised return A·mean(r),
 * volatility √A·std(r), Sharpe √A·mean(r − r_f)/std(r − r_f) (std divisor T − 1), maximum drawdown
 * the largest fall of the equity curve Πₛ(1 + rₛ) from its running peak (starting at 1), as a
 * positive fraction. Differences are run − baseline, so a positive Sharpe difference favours the run
 * and a positive drawdown difference means the run fell further.
 */

import { drawdownSeries, equityCurve } from '../backtest/metrics';
import { sharpeDifferenceBootstrap } from './sharpe-difference-bootstrap';
import type { SharpeBootstrapResult } from './sharpe-difference-bootstrap';
import { sharpeDifferenceTest } from './sharpe-difference-test';
import type { SharpeDifferenceTest } from './sharpe-difference-test';
import { annualisedSharpe } from './sharpe-ratio';
import { assertNotConstant, assertPeriodsPerYear, assertReturnSeries, assertSameLength } from './validate-returns';

/** One run's net returns, per period, aligned with every other run's. */
export interface RunSeries {
  readonly name: string;
  /** Per-period net returns, length T ≥ 12, each finite and > −1. */
  readonly netReturns: Float64Array;
}

/** Options of {@link compareRuns}. */
export interface CompareRunsOptions {
  /** A: 252 daily, 52 weekly, 12 monthly. */
  readonly periodsPerYear: number;
  /** Index of the baseline run in `series`; default 0. */
  readonly baseline?: number;
  /** Per-period risk-free returns of the same periods, used by the Sharpe ratios and both tests. */
  readonly riskFree?: Float64Array;
  /** Seed of every pair's bootstrap (the same for each pair); default 0. */
  readonly seed?: number;
  /** Bootstrap resamples per pair; default 5000. */
  readonly resamples?: number;
  /** Bootstrap block length; default ⌈T^{1/3}⌉. */
  readonly blockLength?: number;
  /** Coverage of the bootstrap interval; default 0.95. */
  readonly confidenceLevel?: number;
}

/** Headline metrics of one run (annualised; drawdown as a positive fraction). */
export interface RunSummary {
  readonly name: string;
  readonly annualisedReturn: number;
  readonly volatility: number;
  readonly sharpe: number;
  readonly maxDrawdown: number;
}

/** Metric differences, run − baseline. */
export interface MetricDifferences {
  readonly annualisedReturn: number;
  readonly volatility: number;
  readonly sharpe: number;
  readonly maxDrawdown: number;
}

/** One run against the baseline; in both tests "a" is the run and "b" the baseline. */
export interface RunComparison {
  /** Index of the run in `series`. */
  readonly index: number;
  readonly name: string;
  readonly baselineName: string;
  readonly differences: MetricDifferences;
  readonly jobsonKorkieMemmel: SharpeDifferenceTest;
  readonly bootstrap: SharpeBootstrapResult;
}

/** Result of {@link compareRuns}. */
export interface RunsComparison {
  readonly periodsPerYear: number;
  /** Index of the baseline run. */
  readonly baseline: number;
  /** Number of periods T. */
  readonly n: number;
  /** One summary per input series, in input order. */
  readonly runs: readonly RunSummary[];
  /** One comparison per non-baseline series, in input order. */
  readonly comparisons: readonly RunComparison[];
}

function summarise(run: RunSeries, excess: Float64Array, periodsPerYear: number): RunSummary {
  const returns = run.netReturns;
  const n = returns.length;
  let sum = 0;
  for (let t = 0; t < n; t++) sum += returns[t];
  const mean = sum / n;
  let squares = 0;
  for (let t = 0; t < n; t++) squares += (returns[t] - mean) ** 2;
  let maxDrawdown = 0;
  for (const value of drawdownSeries(equityCurve(returns))) maxDrawdown = Math.max(maxDrawdown, -value);
  return {
    name: run.name,
    annualisedReturn: periodsPerYear * mean,
    volatility: Math.sqrt(periodsPerYear) * Math.sqrt(squares / (n - 1)),
    sharpe: annualisedSharpe(excess, periodsPerYear),
    maxDrawdown,
  };
}

function validate(series: readonly RunSeries[], options: CompareRunsOptions): number {
  if (options === null || typeof options !== 'object') throw new Error('options must be an object with periodsPerYear');
  assertPeriodsPerYear(options.periodsPerYear);
  if (!Array.isArray(series) || series.length < 2) {
    throw new Error(`series must be an array of at least 2 runs to compare, got ${Array.isArray(series) ? series.length : typeof series}`);
  }
  series.forEach((run, i) => {
    if (run === null || typeof run !== 'object' || typeof run.name !== 'string' || run.name === '') {
      throw new Error(`series[${i}] must be { name: non-empty string, netReturns: Float64Array }`);
    }
    const label = `series[${i}].netReturns`;
    assertReturnSeries(run.netReturns, label);
    if (i > 0) assertSameLength(series[0].netReturns, 'series[0].netReturns', run.netReturns, label);
    const wipedOut = run.netReturns.findIndex((value: number) => value <= -1);
    if (wipedOut >= 0) throw new Error(`${label}[${wipedOut}] is ${run.netReturns[wipedOut]}: a net return ≤ −1 wipes out the run`);
  });
  if (options.riskFree !== undefined) {
    assertReturnSeries(options.riskFree, 'riskFree');
    assertSameLength(series[0].netReturns, 'series[0].netReturns', options.riskFree, 'riskFree');
  }
  const baseline = options.baseline ?? 0;
  if (!Number.isInteger(baseline) || baseline < 0 || baseline >= series.length) {
    throw new Error(`baseline must be an index in [0, ${series.length - 1}], got ${baseline}`);
  }
  return baseline;
}

/**
 * Compares every run with the baseline run: metrics, differences, and both Sharpe-difference tests.
 *
 * @param series - at least 2 runs, each with T ≥ 12 aligned per-period net returns.
 * @param options - periodsPerYear, baseline index (default 0), optional risk-free series and
 *   bootstrap settings (seed default 0, so the result is reproducible).
 * @throws on fewer than 2 runs, an empty name, series of different lengths or shorter than 12, a
 *   non-finite return (the error names run and index), a net return ≤ −1, zero variance, or a
 *   baseline index out of range.
 */
export function compareRuns(series: readonly RunSeries[], options: CompareRunsOptions): RunsComparison {
  const baseline = validate(series, options);
  const { periodsPerYear, riskFree } = options;
  const excess = series.map((run, i) => {
    const values = riskFree === undefined ? run.netReturns : run.netReturns.map((value, t) => value - riskFree[t]);
    assertNotConstant(values, riskFree === undefined ? `series[${i}].netReturns` : `series[${i}].netReturns − riskFree`);
    return values;
  });
  const runs = series.map((run, i) => summarise(run, excess[i], periodsPerYear));
  const reference = runs[baseline];
  const comparisons: RunComparison[] = [];
  series.forEach((run, i) => {
    if (i === baseline) return;
    const summary = runs[i];
    comparisons.push({
      index: i,
      name: run.name,
      baselineName: reference.name,
      differences: {
        annualisedReturn: summary.annualisedReturn - reference.annualisedReturn,
        volatility: summary.volatility - reference.volatility,
        sharpe: summary.sharpe - reference.sharpe,
        maxDrawdown: summary.maxDrawdown - reference.maxDrawdown,
      },
      jobsonKorkieMemmel: sharpeDifferenceTest(excess[i], excess[baseline], { periodsPerYear }),
      bootstrap: sharpeDifferenceBootstrap(excess[i], excess[baseline], {
        periodsPerYear,
        seed: options.seed ?? 0,
        resamples: options.resamples,
        blockLength: options.blockLength,
        confidenceLevel: options.confidenceLevel,
      }),
    });
  });
  return { periodsPerYear, baseline, n: series[0].netReturns.length, runs, comparisons };
}
