/**
 * Shapes a stored run's series for charts: equity and drawdown from the net returns, downsampled;
 * weights after each rebalance for the largest average holdings, the rest summed as "other" (and
 * a heatmap of the largest holdings when there are too many assets to stack); the rolling Sharpe
 * ratio and the turnover of each rebalance.
 */
import { sampleIndices } from '../../shared/charts/growth-series';
import { HEATMAP_COLUMNS, HEATMAP_HOLDINGS, STACKED_AREA_MAX_ASSETS } from '../../shared/charts/report-weights-heatmap';
import type { RunSeriesView } from '../../shared/contract/schemas';
import { drawdownSeries, equityCurve } from '../engine/backtest/metrics';
import { rollingSharpeLine, turnoverOverTime, weightsHeatmap } from '../report/run-figures';
import type { RunSeries } from '../store/runs-repo';

interface StoredHistory {
  history?: { epoch: number; trainLoss: number; valLoss: number | null; gradNorm: number }[];
  bestEpoch?: number;
}

/** The first fit's curves from a run's stored training record (see engine/pipeline/trained-strategy). */
function trainingCurves(training: unknown): { curves: RunSeriesView['training']; fits: number } {
  const fits = (training as { fits?: { date?: string; histories?: Record<string, StoredHistory> }[] } | undefined)?.fits ?? [];
  const first = fits[0];
  const curves = Object.entries(first?.histories ?? {}).map(([stage, history]) => {
    const epochs = history.history ?? [];
    return {
      stage: stage === 'endToEnd' ? 'end-to-end' : stage,
      fitDate: first?.date ?? '',
      epochs: epochs.map((e) => e.epoch),
      trainLoss: epochs.map((e) => e.trainLoss),
      valLoss: epochs.map((e) => e.valLoss),
      gradNorm: epochs.map((e) => e.gradNorm),
      bestEpoch: history.bestEpoch ?? 0,
    };
  });
  return { curves, fits: fits.length };
}

/**
 * @param maxPoints - periods (and rebalances) drawn per line, ≥ 2.
 * @param maxAssets - holdings named in the stacked weights; the rest are summed as "other".
 * @param periodsPerYear - A of the run (12 monthly, 252 daily): sets the rolling-Sharpe window.
 */
export function runSeriesView(series: RunSeries, maxPoints: number, maxAssets: number, periodsPerYear = 12): RunSeriesView {
  const periods = series.netReturns.length;
  const equity = equityCurve(series.netReturns);
  const drawdown = drawdownSeries(equity);
  const keep = sampleIndices(periods, maxPoints);
  const n = series.assets.length;
  const rebalances = series.rebalances.length;
  const average = new Float64Array(n);
  for (let r = 0; r < rebalances; r++) for (let j = 0; j < n; j++) average[j] += Math.abs(series.weights[r * n + j]) / rebalances;
  const top = Array.from({ length: n }, (_, j) => j)
    .sort((a, b) => average[b] - average[a])
    .slice(0, Math.min(maxAssets, n))
    .filter((j) => average[j] > 0);
  const withOther = n > top.length;
  const topSet = new Set(top);
  const keepRebalances = sampleIndices(rebalances, maxPoints);
  const values = keepRebalances.map((r) => {
    const row = top.map((j) => series.weights[r * n + j]);
    if (withOther) {
      let other = 0;
      for (let j = 0; j < n; j++) if (!topSet.has(j)) other += series.weights[r * n + j];
      row.push(other);
    }
    return row;
  });
  const records = series.rebalances as { date?: string; status?: string; turnover?: number }[];
  const rebalanceDates = records.map((record, r) => record.date ?? String(r));
  const statuses: Record<string, number> = {};
  for (const record of records) statuses[record.status ?? 'ok'] = (statuses[record.status ?? 'ok'] ?? 0) + 1;
  return {
    dates: keep.map((i) => series.dates[i]),
    equity: keep.map((i) => equity[i]),
    drawdown: keep.map((i) => drawdown[i]),
    weights: {
      dates: keepRebalances.map((r) => rebalanceDates[r]),
      assets: [...top.map((j) => series.assets[j]), ...(withOther ? ['other'] : [])],
      values,
    },
    statuses,
    ...(() => {
      const { curves, fits } = trainingCurves(series.training);
      return { training: curves, fits };
    })(),
    rollingSharpe: rollingSharpeLine(series.dates, series.netReturns, periodsPerYear, maxPoints),
    turnover: turnoverOverTime(records.map((record, r) => ({ date: rebalanceDates[r], turnover: record.turnover ?? 0 })), maxPoints),
    assetCount: n,
    heatmap: n > STACKED_AREA_MAX_ASSETS ? weightsHeatmap(series.weights, series.assets, rebalanceDates, HEATMAP_HOLDINGS, HEATMAP_COLUMNS) : null,
  };
}
