/**
 * Shapes a stored run's series for charts: equity and drawdown from the net returns, downsampled;
 * weights after each rebalance for the largest average holdings, the rest summed as "other".
 */
import { sampleIndices } from '../../shared/charts/growth-series';
import type { RunSeriesView } from '../../shared/contract/schemas';
import { drawdownSeries, equityCurve } from '../engine/backtest/metrics';
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

export function runSeriesView(series: RunSeries, maxPoints: number, maxAssets: number): RunSeriesView {
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
  const statuses: Record<string, number> = {};
  for (const record of series.rebalances as { status?: string }[]) statuses[record.status ?? 'ok'] = (statuses[record.status ?? 'ok'] ?? 0) + 1;
  return {
    dates: keep.map((i) => series.dates[i]),
    equity: keep.map((i) => equity[i]),
    drawdown: keep.map((i) => drawdown[i]),
    weights: {
      dates: keepRebalances.map((r) => (series.rebalances[r] as { date?: string }).date ?? String(r)),
      assets: [...top.map((j) => series.assets[j]), ...(withOther ? ['other'] : [])],
      values,
    },
    statuses,
    ...(() => {
      const { curves, fits } = trainingCurves(series.training);
      return { training: curves, fits };
    })(),
  };
}
