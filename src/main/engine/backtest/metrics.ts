/**
 * Performance metrics of a backtest's net returns, with the definitions stated once here (and on
 * {@link BacktestMetrics}). Annualisation by A periods per year (252 daily, 52 weekly, 12 monthly):
 * means scale by A, standard deviations by √A. Ratios whose denominator is zero are `null`.
 * Standard deviations use the divisor P − 1; the Sortino downside deviation is
 * √(mean(min(r − r_f, 0)²)) over all P periods (Sortino & Price, J. Investing 3(3), 1994).
 */

import type { BacktestMetrics } from './types';

/** Per-rebalance inputs of the turnover, concentration and status figures. */
export interface RebalanceSummary {
  /** One-way turnover ½‖Δw‖₁ per scheduled rebalance (0 when not executed). */
  readonly turnover: readonly number[];
  /** Weights after each rebalance decision, R × N row-major. */
  readonly weights: Float64Array;
  readonly n: number;
  readonly statuses: readonly string[];
  readonly executed: readonly boolean[];
}

function mean(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total / values.length;
}

/** Sample standard deviation (divisor P − 1); null for fewer than 2 values. */
export function sampleStd(values: ArrayLike<number>): number | null {
  if (values.length < 2) return null;
  const m = mean(values);
  let total = 0;
  for (let i = 0; i < values.length; i++) total += (values[i] - m) ** 2;
  return Math.sqrt(total / (values.length - 1));
}

/** E_s = Π_{u≤s}(1 + r_u), length P. */
export function equityCurve(netReturns: Float64Array): Float64Array {
  const equity = new Float64Array(netReturns.length);
  let value = 1;
  for (let s = 0; s < netReturns.length; s++) {
    value *= 1 + netReturns[s];
    equity[s] = value;
  }
  return equity;
}

/** E_s / max(1, max_{u≤s} E_u) − 1, length P (the running peak starts at E_0 = 1). */
export function drawdownSeries(equity: Float64Array): Float64Array {
  const drawdown = new Float64Array(equity.length);
  let peak = 1;
  for (let s = 0; s < equity.length; s++) {
    peak = Math.max(peak, equity[s]);
    drawdown[s] = equity[s] / peak - 1;
  }
  return drawdown;
}

function assertSeries(values: Float64Array, length: number, name: string): void {
  if (!(values instanceof Float64Array) || values.length !== length) throw new Error(`${name} must be a Float64Array of length ${length}`);
  for (let i = 0; i < length; i++) if (!Number.isFinite(values[i])) throw new Error(`${name}[${i}] is ${values[i]}: must be finite`);
}

/**
 * All metrics of {@link BacktestMetrics}.
 *
 * @param netReturns - per-period net returns r, length P ≥ 1, each > −1.
 * @param riskFree - per-period risk-free returns, length P.
 * @param costs - per-period costs charged, length P.
 * @param periodsPerYear - A > 0.
 * @throws on empty or non-finite series, mismatched lengths, or r ≤ −1 (value wiped out).
 */
export function computeMetrics(
  netReturns: Float64Array,
  riskFree: Float64Array,
  costs: Float64Array,
  periodsPerYear: number,
  rebalances: RebalanceSummary,
): BacktestMetrics {
  const p = netReturns.length;
  if (p === 0) throw new Error('netReturns is empty: metrics need at least one out-of-sample period');
  if (!(Number.isFinite(periodsPerYear) && periodsPerYear > 0)) throw new Error(`periodsPerYear must be finite and > 0, got ${periodsPerYear}`);
  assertSeries(netReturns, p, 'netReturns');
  assertSeries(riskFree, p, 'riskFree');
  assertSeries(costs, p, 'costs');
  for (let s = 0; s < p; s++) {
    if (netReturns[s] <= -1) throw new Error(`netReturns[${s}] = ${netReturns[s]}: the portfolio lost all its value`);
  }
  const a = periodsPerYear;
  const years = p / a;
  const excess = netReturns.map((value, s) => value - riskFree[s]);

  const equity = equityCurve(netReturns);
  const finalEquity = equity[p - 1];
  const cagr = Math.pow(finalEquity, 1 / years) - 1;
  const std = sampleStd(netReturns);
  const excessStd = sampleStd(excess);
  const excessMean = mean(excess);
  let downside = 0;
  for (let s = 0; s < p; s++) downside += Math.min(excess[s], 0) ** 2;
  downside = Math.sqrt(downside / p);
  let maxDrawdown = 0;
  for (const value of drawdownSeries(equity)) maxDrawdown = Math.max(maxDrawdown, -value);
  let hits = 0;
  let totalCost = 0;
  for (let s = 0; s < p; s++) {
    if (netReturns[s] > 0) hits++;
    totalCost += costs[s];
  }

  const { turnover, weights, n, statuses, executed } = rebalances;
  const r = turnover.length;
  let turnoverSum = 0;
  for (const value of turnover) turnoverSum += value;
  let effectiveSum = 0;
  let effectiveCount = 0;
  for (let k = 0; k < r; k++) {
    let gross = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[k * n + i];
      gross += Math.abs(w);
      squares += w * w;
    }
    if (squares > 0) {
      effectiveSum += (gross * gross) / squares;
      effectiveCount++;
    }
  }
  const statusCounts: Record<string, number> = {};
  for (const status of statuses) statusCounts[status] = (statusCounts[status] ?? 0) + 1;

  return {
    periods: p,
    years,
    annualisedReturn: a * mean(netReturns),
    cagr,
    volatility: std === null ? null : Math.sqrt(a) * std,
    sharpe: excessStd === null || excessStd === 0 ? null : (Math.sqrt(a) * excessMean) / excessStd,
    sortino: downside === 0 ? null : (a * excessMean) / (Math.sqrt(a) * downside),
    maxDrawdown,
    calmar: maxDrawdown === 0 ? null : cagr / maxDrawdown,
    turnover: r === 0 ? 0 : turnoverSum / r,
    annualisedTurnover: turnoverSum / years,
    effectiveN: effectiveCount === 0 ? null : effectiveSum / effectiveCount,
    hitRate: hits / p,
    totalCost,
    annualisedCost: totalCost / years,
    finalEquity,
    rebalances: r,
    failedRebalances: executed.filter((value) => !value).length,
    statusCounts,
  };
}
