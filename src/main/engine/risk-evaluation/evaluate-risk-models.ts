/**
 * Out-of-sample comparison of risk models through the global minimum-variance portfolio
 * (issue 8, item 5): for each universe size and each candidate, a walk-forward backtest of GMV
 * long-short (closed form Σ̂⁻¹1/1ᵀΣ̂⁻¹1) and GMV long-only (the project QP), rebalanced every
 * `rebalanceEvery` rows on a `lookback`-row window, scored by the backtest's own metrics.
 *
 * Protocol:
 * - Eligible assets have a finite return on every row from the first lookback window to the last
 *   test row; a universe of size N is a seeded draw from them ({@link drawUniverse}), all of them
 *   when N is at least their number (the row reports the size actually used).
 * - Σ̂ is fitted once per candidate and rebalance date and shared by both constructions.
 * - A fit or closed form that throws (e.g. the sample covariance with N ≥ T is singular) is a
 *   failed rebalance: the walk-forward keeps the drifted weights and the row counts it.
 * - Turnover is the mean one-way turnover ½‖w_target − w_drifted‖₁ over the rebalances after the
 *   first (the first one buys the portfolio from cash); the other figures are the backtest metrics.
 */

import { createCostModel } from '../backtest/cost-model';
import { runWalkForward } from '../backtest/run-walk-forward';
import type { BacktestResult, Strategy } from '../backtest/types';
import { minimumVariance } from '../portfolio/minimum-variance';
import type { QpSettings } from '../qp/qp-types';
import type { RiskModel } from '../risk/risk-model';
import { drawUniverse, fullyCoveredAssets } from './evaluation-universe';
import type { RiskCandidate } from './risk-candidates';

/** The panel of the comparison. */
export interface RiskEvaluationData {
  /** Daily simple returns, T × N row-major, oldest first; NaN = missing. */
  readonly returns: Float64Array;
  readonly t: number;
  readonly n: number;
  /** ISO dates, length T, ascending. */
  readonly dates: readonly string[];
  /** Asset names, length N. */
  readonly assets: readonly string[];
}

export interface RiskEvaluationOptions {
  /** Universe sizes N requested, each ≥ 2. */
  readonly sizes: readonly number[];
  /** Seed of the universe draws (size i uses seed + i). */
  readonly seed: number;
  /** First test date: the first row whose date is ≥ this ISO date. */
  readonly start: string;
  /** Last test date (inclusive, the last row ≤ it); default the last row. */
  readonly end?: string;
  /** Rows in each estimation window; default 252. */
  readonly lookback?: number;
  /** Rows between rebalances; default 21. */
  readonly rebalanceEvery?: number;
  /** Proportional cost in bps of traded value; default 0 (risk is the object, not costs). */
  readonly costBps?: number;
  /** Periods per year for annualisation; default 252. */
  readonly periodsPerYear?: number;
  readonly candidates: readonly RiskCandidate[];
  /** Settings of the long-only QP. */
  readonly qpSettings?: Partial<QpSettings>;
}

export type GmvConstruction = 'long-short' | 'long-only';

/** Out-of-sample figures of one (size, candidate, construction). */
export interface RiskEvaluationRow {
  readonly size: number;
  /** Assets actually in the universe (≤ size). */
  readonly assets: number;
  readonly model: string;
  readonly label: string;
  readonly construction: GmvConstruction;
  /** Annualised standard deviation of the daily net returns. Null when every rebalance failed. */
  readonly volatility: number | null;
  readonly annualisedReturn: number | null;
  readonly sharpe: number | null;
  /** Maximum drawdown, a positive fraction. */
  readonly maxDrawdown: number | null;
  /** Mean one-way turnover per rebalance after the first. */
  readonly turnover: number | null;
  readonly rebalances: number;
  readonly failedRebalances: number;
  /** First failure message, when any rebalance failed. */
  readonly failure?: string;
}

export interface RiskEvaluationUniverse {
  readonly size: number;
  readonly assets: readonly string[];
}

export interface RiskEvaluationResult {
  /** Test period actually covered (first and last out-of-sample dates) and its length in rows. */
  readonly period: { readonly first: string; readonly last: string; readonly days: number };
  /** Assets with full coverage of the evaluation window. */
  readonly eligible: number;
  readonly lookback: number;
  readonly rebalanceEvery: number;
  readonly costBps: number;
  readonly universes: readonly RiskEvaluationUniverse[];
  readonly rows: readonly RiskEvaluationRow[];
}

/** Called after each backtest with the fraction done and what just finished. */
export type EvaluationProgress = (fraction: number, stage: string) => void;

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return value;
}

function testRows(dates: readonly string[], start: string, end: string | undefined): { first: number; last: number } {
  const first = dates.findIndex((date) => date >= start);
  if (first < 0) throw new Error(`start ${start} is after the last date ${dates[dates.length - 1]}`);
  let last = dates.length - 1;
  if (end !== undefined) {
    while (last >= 0 && dates[last] > end) last--;
  }
  if (last < first) throw new Error(`end ${String(end)} is before start ${start}`);
  return { first, last };
}

/** Columns `columns` of rows `first..last` as a new row-major block. */
function subPanel(returns: Float64Array, n: number, first: number, last: number, columns: readonly number[]): Float64Array {
  const k = columns.length;
  const out = new Float64Array((last - first + 1) * k);
  for (let r = first; r <= last; r++) {
    const row = (r - first) * k;
    for (let j = 0; j < k; j++) out[row + j] = returns[r * n + columns[j]];
  }
  return out;
}

type Fitted = { model: RiskModel } | { error: string };

/** GMV over the whole (fully covered) universe with Σ̂ memoised per rebalance row. */
function gmvStrategy(candidate: RiskCandidate, construction: GmvConstruction, fits: Map<number, Fitted>, qpSettings: Partial<QpSettings> | undefined): Strategy {
  return {
    name: `gmv-${construction}(${candidate.id})`,
    rebalance(view) {
      let fitted = fits.get(view.index);
      const window = view.universeReturns();
      if (fitted === undefined) {
        try {
          fitted = { model: candidate.fit(window.returns, window.t, window.k) };
        } catch (error) {
          fitted = { error: (error as Error).message };
        }
        fits.set(view.index, fitted);
      }
      const hold = (message: string) => ({ weights: new Float64Array(view.n), status: 'error', diagnostics: { error: message } });
      if ('error' in fitted) return hold(fitted.error);
      try {
        const result = minimumVariance(fitted.model, construction === 'long-only' ? { longOnly: true, ...(qpSettings ? { settings: qpSettings } : {}) } : { longOnly: false });
        const weights = new Float64Array(view.n);
        for (let j = 0; j < window.k; j++) weights[window.indices[j]] = result.weights[j];
        return { weights, status: result.status };
      } catch (error) {
        return hold((error as Error).message);
      }
    },
  };
}

function rowOf(size: number, assets: number, candidate: RiskCandidate, construction: GmvConstruction, result: BacktestResult): RiskEvaluationRow {
  const records = result.rebalances;
  const failed = records.filter((record) => !record.executed);
  const later = records.slice(1);
  const turnover = later.length === 0 ? 0 : later.reduce((total, record) => total + record.turnover, 0) / later.length;
  const invested = failed.length < records.length;
  const m = result.metrics;
  const failure = failed.length > 0 ? String(failed[0].diagnostics.error ?? failed[0].status) : undefined;
  return {
    size,
    assets,
    model: candidate.id,
    label: candidate.label,
    construction,
    volatility: invested ? m.volatility : null,
    annualisedReturn: invested ? m.annualisedReturn : null,
    sharpe: invested ? m.sharpe : null,
    maxDrawdown: invested ? m.maxDrawdown : null,
    turnover: invested ? turnover : null,
    rebalances: records.length,
    failedRebalances: failed.length,
    ...(failure !== undefined ? { failure } : {}),
  };
}

/**
 * Runs the comparison.
 *
 * @returns one row per size × candidate × construction (sizes in the order given, candidates in
 *   their order, long-short before long-only), the universes drawn, and the period covered.
 * @throws on invalid options, a test period without a full lookback window before it, or a
 *   universe with fewer than two eligible assets.
 */
export function evaluateRiskModels(data: RiskEvaluationData, options: RiskEvaluationOptions, onProgress?: EvaluationProgress): RiskEvaluationResult {
  const { returns, t, n, dates, assets } = data;
  if (dates.length !== t || assets.length !== n) throw new Error(`dates (${dates.length}) and assets (${assets.length}) must have lengths T = ${t} and N = ${n}`);
  const lookback = positiveInteger(options.lookback ?? 252, 'lookback');
  const rebalanceEvery = positiveInteger(options.rebalanceEvery ?? 21, 'rebalanceEvery');
  const costBps = options.costBps ?? 0;
  if (options.sizes.length === 0) throw new Error('sizes is empty: give at least one universe size');
  for (const size of options.sizes) if (!Number.isInteger(size) || size < 2) throw new Error(`sizes: every size must be an integer ≥ 2, got ${size}`);
  if (options.candidates.length === 0) throw new Error('candidates is empty: give at least one risk model');
  const { first, last } = testRows(dates, options.start, options.end);
  const windowStart = first - lookback;
  if (windowStart < 0) throw new Error(`start ${options.start} leaves ${first} rows before it, fewer than the lookback ${lookback}`);
  const eligible = fullyCoveredAssets(returns, t, n, windowStart, last);

  const rows: RiskEvaluationRow[] = [];
  const universes: RiskEvaluationUniverse[] = [];
  const total = options.sizes.length * options.candidates.length * 2;
  let done = 0;
  options.sizes.forEach((size, sizeIndex) => {
    const columns = drawUniverse(eligible, size, options.seed + sizeIndex);
    if (columns.length < 2) throw new Error(`only ${columns.length} asset covers ${dates[windowStart]}..${dates[last]}: need at least 2`);
    universes.push({ size, assets: columns.map((j) => assets[j]) });
    const panel = {
      returns: subPanel(returns, n, windowStart, last, columns),
      t: last - windowStart + 1,
      n: columns.length,
      dates: dates.slice(windowStart, last + 1),
      assets: columns.map((j) => assets[j]),
    };
    const walkOptions = {
      frequency: options.periodsPerYear ?? 252,
      lookback,
      rebalanceEvery,
      start: lookback,
      costModel: createCostModel({ proportionalBps: costBps }),
    };
    for (const candidate of options.candidates) {
      const fits = new Map<number, Fitted>();
      for (const construction of ['long-short', 'long-only'] as const) {
        const result = runWalkForward(panel, gmvStrategy(candidate, construction, fits, options.qpSettings), walkOptions);
        rows.push(rowOf(size, columns.length, candidate, construction, result));
        done++;
        onProgress?.(done / total, `N = ${size}: ${candidate.label}, ${construction}`);
      }
    }
  });
  return {
    period: { first: dates[first], last: dates[last], days: last - first + 1 },
    eligible: eligible.length,
    lookback,
    rebalanceEvery,
    costBps,
    universes,
    rows,
  };
}
