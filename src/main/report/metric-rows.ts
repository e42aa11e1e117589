/**
 * The metrics a report shows, in order, each with its format and its definition in words (the
 * definitions are those of `engine/backtest/metrics.ts`; A = periods per year).
 */
import type { BacktestMetrics } from '../engine/backtest/types';
import { formatCount, formatDifference, formatPercent, formatPointsDifference, formatRatio } from './format';

export interface MetricRow {
  key: keyof BacktestMetrics;
  label: string;
  /** `percent`: a fraction shown in %, differences in pp; `ratio`: a plain number. */
  kind: 'percent' | 'ratio' | 'count';
  digits: number;
  definition: string;
}

export const METRIC_ROWS: readonly MetricRow[] = [
  { key: 'annualisedReturn', label: 'Annualised return', kind: 'percent', digits: 2, definition: 'A · mean of net returns' },
  { key: 'cagr', label: 'CAGR', kind: 'percent', digits: 2, definition: 'final equity^(1/years) − 1' },
  { key: 'volatility', label: 'Volatility', kind: 'percent', digits: 2, definition: '√A · standard deviation of net returns' },
  { key: 'sharpe', label: 'Sharpe ratio', kind: 'ratio', digits: 2, definition: '√A · mean / std of net excess returns' },
  { key: 'sortino', label: 'Sortino ratio', kind: 'ratio', digits: 2, definition: 'A · mean excess / (√A · downside deviation)' },
  { key: 'maxDrawdown', label: 'Maximum drawdown', kind: 'percent', digits: 2, definition: 'largest fall of equity from its running peak' },
  { key: 'calmar', label: 'Calmar ratio', kind: 'ratio', digits: 2, definition: 'CAGR / maximum drawdown' },
  { key: 'turnover', label: 'Turnover per rebalance', kind: 'percent', digits: 2, definition: 'mean one-way ½ Σ|Δw| (failed rebalances count 0)' },
  { key: 'annualisedTurnover', label: 'Turnover per year', kind: 'percent', digits: 1, definition: 'sum of one-way turnover / years' },
  { key: 'effectiveN', label: 'Effective N', kind: 'ratio', digits: 1, definition: 'mean of (Σ|w|)² / Σw² after each rebalance' },
  { key: 'hitRate', label: 'Hit rate', kind: 'percent', digits: 1, definition: 'share of periods with a positive net return' },
  { key: 'annualisedCost', label: 'Costs per year', kind: 'percent', digits: 2, definition: 'sum of transaction costs / years' },
  { key: 'finalEquity', label: 'Final equity', kind: 'ratio', digits: 3, definition: 'growth of 1 over the out-of-sample period' },
  { key: 'years', label: 'Years out of sample', kind: 'ratio', digits: 1, definition: 'periods / A' },
  { key: 'rebalances', label: 'Rebalances', kind: 'count', digits: 0, definition: 'scheduled rebalances' },
  { key: 'failedRebalances', label: 'Failed rebalances', kind: 'count', digits: 0, definition: 'solver failures: drifted weights kept' },
];

function numeric(metrics: BacktestMetrics, key: keyof BacktestMetrics): number | null {
  const value = metrics[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function formatMetric(row: MetricRow, metrics: BacktestMetrics): string {
  const value = numeric(metrics, row.key);
  if (row.kind === 'percent') return formatPercent(value, row.digits);
  if (row.kind === 'count') return formatCount(value);
  return formatRatio(value, row.digits);
}

/** `other − base`, in pp for percentages; an em dash when either is undefined. */
export function formatMetricDifference(row: MetricRow, base: BacktestMetrics, other: BacktestMetrics): string {
  const a = numeric(base, row.key);
  const b = numeric(other, row.key);
  const difference = a === null || b === null ? null : b - a;
  if (row.kind === 'percent') return formatPointsDifference(difference, row.digits);
  return formatDifference(difference, row.digits);
}
