/**
 * Automatic findings: checks a committee would otherwise do by hand, each stated as one sentence
 * with the number and the threshold it crossed. Thresholds are arguments so the report can print
 * the ones it used.
 */
import { formatCount, formatDifference, formatPercent, formatPValue, formatRatio } from './format';
import type { AuditReportData, ReportDataset, ReportRun } from './report-data';
import { holdingsSummary } from './run-figures';
import type { SharpeTests } from './sharpe-tests';

export interface FindingThresholds {
  /** Concentration: mean effective number of holdings below this. */
  minEffectiveN: number;
  /** Concentration: any single position larger than this fraction of value. */
  maxPosition: number;
  /** One-way turnover per year above this (2 = the portfolio is replaced twice a year). */
  maxAnnualTurnover: number;
  /** Transaction costs per year above this fraction of value. */
  maxAnnualCost: number;
  /** Assets left out for coverage above this share of the dataset's columns. */
  maxExcludedShare: number;
  /** Share of missing cells remaining after import above this. */
  maxMissingShare: number;
  /** Out-of-sample years below this make every figure imprecise. */
  minYears: number;
  /** A Sharpe difference whose bootstrap p-value is at or above this is not significant. */
  significanceLevel: number;
}

export const DEFAULT_THRESHOLDS: Readonly<FindingThresholds> = Object.freeze({
  minEffectiveN: 10,
  maxPosition: 0.25,
  maxAnnualTurnover: 2,
  maxAnnualCost: 0.01,
  maxExcludedShare: 0.2,
  maxMissingShare: 0.05,
  minYears: 5,
  significanceLevel: 0.05,
});

export interface Finding {
  /** `warning`: a committee should ask about it; `note`: context for reading the figures. */
  severity: 'warning' | 'note';
  topic: 'concentration' | 'turnover' | 'costs' | 'solver' | 'universe' | 'data' | 'significance' | 'training' | 'comparison' | 'explanation';
  /** The run it concerns (label), or null for a dataset or the comparison. */
  runLabel: string | null;
  sentence: string;
}

/**
 * Standard error of an annualised Sharpe ratio SR estimated from `years` of i.i.d. returns at A
 * periods per year: √((1 + SR²/(2A)) / years). It is Lo's √((1 + s²/2)/T) for the per-period
 * ratio s = SR/√A over T = A·years periods, scaled by √A (Lo, "The Statistics of Sharpe Ratios",
 * Financial Analysts Journal 58(4), 2002, the i.i.d. case).
 */
export function sharpeStandardError(sharpe: number, years: number, periodsPerYear: number): number {
  return Math.sqrt((1 + (sharpe * sharpe) / (2 * periodsPerYear)) / years);
}

function runFindings(run: ReportRun, datasets: readonly ReportDataset[], limits: FindingThresholds): Finding[] {
  const found: Finding[] = [];
  const add = (severity: Finding['severity'], topic: Finding['topic'], sentence: string): void => void found.push({ severity, topic, runLabel: run.label, sentence });
  const m = run.metrics;
  const who = `Run ${run.label} (${run.name})`;
  const medianUniverse = median(run.rebalances.map((record) => record.universeSize));
  // Equal weights over exactly the threshold's count compute to it within round-off: not concentrated.
  if (m.effectiveN !== null && m.effectiveN < limits.minEffectiveN * (1 - 1e-9)) {
    add('warning', 'concentration', `${who} is concentrated: its effective number of holdings averages ${formatRatio(m.effectiveN, 1)} (threshold ${limits.minEffectiveN}) in a universe of ${formatCount(medianUniverse)} assets.`);
  }
  const { largest } = holdingsSummary(run.weights, run.assets, run.rebalances.map((record) => record.date), 1);
  if (largest && Math.abs(largest.weight) > limits.maxPosition) {
    add('warning', 'concentration', `${who} holds up to ${formatPercent(largest.weight, 1)} of its value in one asset (${largest.asset} on ${largest.date}; threshold ${formatPercent(limits.maxPosition, 0)}).`);
  }
  if (m.annualisedTurnover > limits.maxAnnualTurnover) {
    add('warning', 'turnover', `${who} trades ${formatPercent(m.annualisedTurnover, 0)} of its value a year one-way (threshold ${formatPercent(limits.maxAnnualTurnover, 0)}).`);
  }
  if (m.annualisedCost > limits.maxAnnualCost) {
    add('warning', 'costs', `${who} pays ${formatPercent(m.annualisedCost)} of its value a year in transaction costs (threshold ${formatPercent(limits.maxAnnualCost)}).`);
  }
  if (m.failedRebalances > 0) {
    const failed = Object.entries(m.statusCounts).filter(([status]) => !['ok', 'solved', 'solved-inaccurate'].includes(status));
    add('warning', 'solver', `${who} failed to solve ${formatCount(m.failedRebalances)} of ${formatCount(m.rebalances)} rebalances (${formatPercent(m.failedRebalances / m.rebalances, 1)}; ${failed.map(([status, count]) => `${status} ${count}`).join(', ')}) and kept the drifted weights there.`);
  }
  const inaccurate = m.statusCounts['solved-inaccurate'] ?? 0;
  if (inaccurate > 0) {
    add('warning', 'solver', `${who} accepted ${formatCount(inaccurate)} of ${formatCount(m.rebalances)} solutions that the solver flagged as inaccurate (solved-inaccurate).`);
  }
  const primary = datasets.find((dataset) => run.datasets.some((ref) => ref.role === 'primary' && ref.id === dataset.id));
  const columns = run.assets.length + run.excluded.length;
  if (columns > 0 && run.excluded.length / columns > limits.maxExcludedShare) {
    add('warning', 'universe', `${who} left out ${formatCount(run.excluded.length)} of ${formatCount(columns)} assets${primary ? ` of ${primary.name}` : ''} (${formatPercent(run.excluded.length / columns, 1)}; threshold ${formatPercent(limits.maxExcludedShare, 0)}) for low coverage, which can bias results towards survivors.`);
  }
  if (run.missingHeldReturns > 0) {
    add('note', 'data', `${who} held assets with a missing return in ${formatCount(run.missingHeldReturns)} asset-periods; those returns were taken as 0 (price carried forward).`);
  }
  if (m.years < limits.minYears) {
    add('warning', 'significance', `${who} is evaluated on only ${formatRatio(m.years, 1)} years out of sample (threshold ${limits.minYears}).`);
  }
  if (m.sharpe !== null && m.years > 0 && run.periodsPerYear > 0) {
    const se = sharpeStandardError(m.sharpe, m.years, run.periodsPerYear);
    if (Math.abs(m.sharpe) < 1.96 * se) {
      add('note', 'significance', `${who}'s Sharpe ratio of ${formatRatio(m.sharpe)} is within 1.96 standard errors (${formatRatio(se)} each, Lo 2002) of zero: over ${formatRatio(m.years, 1)} years it is not significant at 5 %.`);
    }
  }
  if (run.training) {
    const t = run.training;
    if (t.bestEpoch === 0) add('warning', 'training', `${who}'s training never improved the validation loss on the initial weights in ${formatCount(t.epochs)} epochs: the model kept its initialisation.`);
    else if (t.stopReason === 'max-epochs') add('note', 'training', `${who} trained for all ${formatCount(t.epochs)} epochs without early stopping; the best validation loss came at epoch ${formatCount(t.bestEpoch)}.`);
  }
  for (const record of run.explain ?? []) {
    if (record.kind !== 'explanation') continue;
    const p = record.result.plausibility;
    if (p.implausible) {
      add('warning', 'explanation', `${who}'s explanation "${record.title}" is implausible: its median macro scenario lies at Mahalanobis distance ${formatRatio(p.medianDistance)}, farther than ${formatPercent(p.percentile, 1)} of historical months (threshold ${formatRatio(p.threshold)}); no economy on record looks like it.`);
    }
    if (!record.passed) {
      const d = record.result.diagnostics;
      add('note', 'explanation', `${who}'s explanation "${record.title}" did not pass its convergence gates (worst R-hat ${formatRatio(d.worstRhat, 3)}, threshold ${d.gates.maxRhat}; worst ESS ${formatCount(Math.round(d.worstEss))}, threshold ${d.gates.minEss}): read its figures as indicative.`);
    }
  }
  return found;
}

function datasetFindings(dataset: ReportDataset, limits: FindingThresholds): Finding[] {
  const found: Finding[] = [];
  const add = (severity: Finding['severity'], sentence: string): void => void found.push({ severity, topic: 'data', runLabel: null, sentence });
  const facts = dataset.stored?.facts;
  if (!dataset.stored || !facts) {
    add('warning', `Dataset ${dataset.name} is no longer in the store: only its name and SHA-256 recorded on the run can be shown.`);
    return found;
  }
  if (facts.jumps && facts.jumps.count > 0) {
    const split = facts.jumps.splitLike > 0 ? `; ${facts.jumps.splitLike} of the ${facts.jumps.listed} listed look like unadjusted splits` : '';
    add(facts.jumps.splitLike > 0 ? 'warning' : 'note', `Dataset ${dataset.name} has ${formatCount(facts.jumps.count)} price jumps flagged at import${split}.`);
  }
  if (facts.droppedRows !== null && facts.droppedRows > 0) {
    add('note', `Dataset ${dataset.name} dropped ${formatCount(facts.droppedRows)} of ${formatCount(facts.rowsRead)} rows at import (${Object.entries(facts.droppedByReason).map(([reason, count]) => `${reason}: ${count}`).join(', ') || 'reasons not recorded'}).`);
  }
  if (facts.missing && facts.missing.shareAfter > limits.maxMissingShare) {
    add('warning', `Dataset ${dataset.name} is ${formatPercent(facts.missing.shareAfter, 1)} missing after import (policy: ${facts.missing.policy}; threshold ${formatPercent(limits.maxMissingShare, 0)}).`);
  }
  return found;
}

function comparisonFindings(runs: readonly ReportRun[], tests: SharpeTests | null, limits: FindingThresholds): Finding[] {
  const [base, ...others] = runs;
  const found: Finding[] = [];
  if (tests?.ok) {
    for (const test of tests.tests) {
      if (test.bootstrapPValue < limits.significanceLevel) continue;
      found.push({
        severity: 'warning',
        topic: 'significance',
        runLabel: test.label,
        sentence: `Run ${test.label}'s Sharpe ratio differs from run ${base.label}'s by ${formatDifference(test.difference)}, which is not significant at ${formatPercent(limits.significanceLevel, 0)}: bootstrap p = ${formatPValue(test.bootstrapPValue)}, Jobson–Korkie–Memmel p = ${formatPValue(test.jkmPValue)} over ${formatCount(tests.periods)} common periods.`,
      });
    }
  } else if (tests) {
    found.push({ severity: 'note', topic: 'significance', runLabel: null, sentence: `The Sharpe-ratio differences were not tested: ${tests.reason}.` });
  }
  for (const other of others) {
    const sameDates = other.dates.length === base.dates.length && other.dates[0] === base.dates[0] && other.dates[other.dates.length - 1] === base.dates[base.dates.length - 1];
    if (!sameDates) {
      found.push({ severity: 'warning', topic: 'comparison', runLabel: null, sentence: `Runs ${base.label} and ${other.label} cover different periods (${base.dates[0]} to ${base.dates[base.dates.length - 1]} and ${other.dates[0]} to ${other.dates[other.dates.length - 1]}): their metric differences mix strategy and period.` });
    }
  }
  return found;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Every finding of the report: per run (in run order), per dataset, then across runs.
 *
 * @param tests - the Sharpe-difference tests of two or more runs (from `sharpeTests`), or null.
 */
export function auditFindings(data: AuditReportData, limits: FindingThresholds = DEFAULT_THRESHOLDS, tests: SharpeTests | null = null): Finding[] {
  return [
    ...data.runs.flatMap((run) => runFindings(run, data.datasets, limits)),
    ...data.datasets.flatMap((dataset) => datasetFindings(dataset, limits)),
    ...(data.runs.length > 1 ? comparisonFindings(data.runs, tests, limits) : []),
  ];
}
