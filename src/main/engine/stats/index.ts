/**
 * Statistics for comparing strategies (issue 6, item 4 "Compare"): an accurate normal distribution
 * function, the Jobson–Korkie–Memmel and Ledoit–Wolf bootstrap tests of a Sharpe-ratio difference,
 * and {@link compareRuns}, which applies both to every run against a baseline.
 */

export { compareRuns } from './compare-runs';
export type { CompareRunsOptions, MetricDifferences, RunComparison, RunSeries, RunsComparison, RunSummary } from './compare-runs';
export { normalCdf, normalUpperTail, twoSidedNormalPValue } from './normal-cdf';
export { defaultBlockLength, sharpeDifferenceBootstrap } from './sharpe-difference-bootstrap';
export type { SharpeBootstrapOptions, SharpeBootstrapResult } from './sharpe-difference-bootstrap';
export { sharpeDifferenceTest } from './sharpe-difference-test';
export type { SharpeDifferenceTest } from './sharpe-difference-test';
export { annualisedSharpe } from './sharpe-ratio';
export { MIN_OBSERVATIONS } from './validate-returns';
export type { SharpeOptions } from './validate-returns';
