/**
 * Turns a run's series into what the charts and tables draw: equity and drawdown thinned to a
 * page's resolution (keeping each bucket's trough, so the deepest drawdown is always drawn);
 * weights over time as the largest holdings plus "other" (few assets) or as a heatmap of the
 * largest holdings and a concentration line (many), so a 500-asset daily run charts as a few
 * thousand marks, not millions; the rolling Sharpe ratio and the turnover of each rebalance.
 */
import { drawdownSeries, equityCurve } from '../engine/backtest/metrics';
import { annualisedSharpe } from '../engine/stats/sharpe-ratio';
import type { ConcentrationSeries } from '../../shared/charts/report-concentration';
import type { WeightsHeatmap } from '../../shared/charts/report-weights-heatmap';
import type { RollingSharpeLine } from '../../shared/charts/rolling-sharpe';
import type { EquityLine } from '../../shared/charts/run-charts';
import type { TurnoverSeries } from '../../shared/charts/turnover';

/**
 * Indices to draw from a series of `length` points: about `maxPoints` evenly spaced, plus in each
 * gap the index where `keepLow` is lowest, plus the last index. Increasing, no repeats.
 */
export function thinIndices(length: number, maxPoints: number, keepLow?: ArrayLike<number>): number[] {
  if (!(Number.isInteger(maxPoints) && maxPoints >= 2)) throw new Error(`maxPoints = ${maxPoints}: must be an integer ≥ 2`);
  if (length <= maxPoints) return Array.from({ length }, (_, i) => i);
  const step = Math.ceil(length / (keepLow ? maxPoints / 2 : maxPoints));
  const keep: number[] = [];
  for (let start = 0; start < length; start += step) {
    keep.push(start);
    if (keepLow) {
      let low = start;
      for (let i = start + 1; i < Math.min(start + step, length); i++) if (keepLow[i] < keepLow[low]) low = i;
      if (low !== start) keep.push(low);
    }
  }
  if (keep[keep.length - 1] !== length - 1) keep.push(length - 1);
  return keep;
}

/** Equity (growth of 1) and drawdown of net returns over the given periods, thinned for a chart. */
export function equityLine(name: string, dates: readonly string[], netReturns: Float64Array, maxPoints: number): EquityLine {
  const equity = equityCurve(netReturns);
  const drawdown = drawdownSeries(equity);
  const keep = thinIndices(netReturns.length, maxPoints, drawdown);
  return { name, dates: keep.map((i) => dates[i]), equity: keep.map((i) => equity[i]), drawdown: keep.map((i) => drawdown[i]) };
}

export interface HoldingsSummary {
  /** The top assets by mean |weight| over the rebalances, largest first. */
  top: { asset: string; meanWeight: number; maxWeight: number; heldShare: number }[];
  /** Assets held (|w| > 0) at some rebalance. */
  everHeld: number;
  /** Largest |weight| at any rebalance, where and when. */
  largest: { asset: string; date: string; weight: number } | null;
}

/**
 * Holdings statistics of R × N weights: mean and max weight of the top `k` assets by mean |w|, the
 * share of rebalances each is held in, and the single largest position.
 */
export function holdingsSummary(weights: Float64Array, assets: readonly string[], dates: readonly string[], k: number): HoldingsSummary {
  const n = assets.length;
  const r = n === 0 ? 0 : weights.length / n;
  const meanAbs = new Float64Array(n);
  const max = new Float64Array(n);
  const held = new Float64Array(n);
  let largest: HoldingsSummary['largest'] = null;
  for (let row = 0; row < r; row++) {
    for (let j = 0; j < n; j++) {
      const w = weights[row * n + j];
      const size = Math.abs(w);
      if (size === 0) continue;
      meanAbs[j] += size / r;
      held[j]++;
      if (size > Math.abs(max[j])) max[j] = w;
      if (!largest || size > Math.abs(largest.weight)) largest = { asset: assets[j], date: dates[row], weight: w };
    }
  }
  const order = Array.from({ length: n }, (_, j) => j)
    .filter((j) => meanAbs[j] > 0)
    .sort((a, b) => meanAbs[b] - meanAbs[a]);
  return {
    top: order.slice(0, k).map((j) => ({ asset: assets[j], meanWeight: meanAbs[j], maxWeight: max[j], heldShare: held[j] / r })),
    everHeld: order.length,
    largest,
  };
}

/**
 * Weights after each rebalance for the chart: the `k` largest holdings by mean |w| and, when
 * there are more assets, their sum as `other (m assets)` (last; `otherAssets` = m, else 0);
 * rebalances thinned to `maxPoints`.
 */
export function weightsOverTime(
  weights: Float64Array,
  assets: readonly string[],
  dates: readonly string[],
  k: number,
  maxPoints: number,
): { dates: string[]; assets: string[]; values: number[][]; otherAssets: number } {
  const n = assets.length;
  const r = dates.length;
  if (weights.length !== r * n) throw new Error(`weights has ${weights.length} entries for ${r} rebalances × ${n} assets`);
  const { top } = holdingsSummary(weights, assets, dates, k);
  const index = new Map(assets.map((asset, j) => [asset, j]));
  const columns = top.map((holding) => index.get(holding.asset) as number);
  const rest = n - columns.length;
  const chosen = new Set(columns);
  const keep = thinIndices(r, maxPoints);
  return {
    dates: keep.map((row) => dates[row]),
    assets: [...columns.map((j) => assets[j]), ...(rest > 0 ? [`other (${rest} assets)`] : [])],
    values: keep.map((row) => {
      const line = columns.map((j) => weights[row * n + j]);
      if (rest > 0) {
        let other = 0;
        for (let j = 0; j < n; j++) if (!chosen.has(j)) other += weights[row * n + j];
        line.push(other);
      }
      return line;
    }),
    otherAssets: rest,
  };
}

export interface CommonPeriod {
  dates: string[];
  /** Per run, its net returns on the common dates. */
  returns: Float64Array[];
}

/** The periods every run has, in date order, with each run's net returns on them. */
export function commonPeriod(runs: readonly { dates: readonly string[]; netReturns: Float64Array }[]): CommonPeriod {
  const positions = runs.map((run) => new Map(run.dates.map((date, i) => [date, i])));
  const dates = runs.length === 0 ? [] : runs[0].dates.filter((date) => positions.every((map) => map.has(date)));
  return { dates: [...dates], returns: runs.map((run, k) => Float64Array.from(dates, (date) => run.netReturns[positions[k].get(date) as number])) };
}

/** Pearson correlation of two equal-length series; null when either is constant or shorter than 2. */
export function correlation(a: Float64Array, b: Float64Array): number | null {
  const p = a.length;
  if (p < 2 || b.length !== p) return null;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < p; i++) {
    ma += a[i] / p;
    mb += b[i] / p;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < p; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : null;
}

/**
 * The `k` largest holdings by mean |w| (rows) over at most `maxColumns` periods of consecutive
 * rebalances (columns), each cell the mean weight over its period, so short-lived positions are
 * not lost between sampled dates. Columns are labelled by their first rebalance date.
 */
export function weightsHeatmap(weights: Float64Array, assets: readonly string[], dates: readonly string[], k: number, maxColumns: number): WeightsHeatmap {
  const n = assets.length;
  const r = dates.length;
  if (weights.length !== r * n) throw new Error(`weights has ${weights.length} entries for ${r} rebalances × ${n} assets`);
  const { top } = holdingsSummary(weights, assets, dates, k);
  const index = new Map(assets.map((asset, j) => [asset, j]));
  const rows = top.map((holding) => index.get(holding.asset) as number);
  const width = Math.max(1, Math.ceil(r / maxColumns));
  const starts: number[] = [];
  for (let start = 0; start < r; start += width) starts.push(start);
  return {
    dates: starts.map((start) => dates[start]),
    assets: top.map((holding) => holding.asset),
    values: rows.map((j) =>
      starts.map((start) => {
        const end = Math.min(start + width, r);
        let total = 0;
        for (let row = start; row < end; row++) total += weights[row * n + j];
        return total / (end - start);
      }),
    ),
  };
}

/**
 * Per rebalance, the effective number of holdings (Σ|w|)²/Σw² (null when all cash) and the
 * largest |w|, thinned to about `maxPoints` keeping each gap's least diversified rebalance.
 */
export function concentrationOverTime(weights: Float64Array, n: number, dates: readonly string[], maxPoints: number): ConcentrationSeries {
  const r = dates.length;
  if (weights.length !== r * n) throw new Error(`weights has ${weights.length} entries for ${r} rebalances × ${n} assets`);
  const effective = new Float64Array(r);
  const largest = new Float64Array(r);
  for (let row = 0; row < r; row++) {
    let gross = 0;
    let squares = 0;
    let max = 0;
    for (let j = 0; j < n; j++) {
      const w = Math.abs(weights[row * n + j]);
      gross += w;
      squares += w * w;
      max = Math.max(max, w);
    }
    effective[row] = squares > 0 ? (gross * gross) / squares : Number.NaN;
    largest[row] = max;
  }
  const keep = thinIndices(r, maxPoints, effective.map((value) => (Number.isNaN(value) ? Infinity : value)));
  return {
    dates: keep.map((row) => dates[row]),
    effectiveN: keep.map((row) => (Number.isNaN(effective[row]) ? null : effective[row])),
    largestWeight: keep.map((row) => largest[row]),
  };
}

/**
 * Periods in the rolling-Sharpe window: a year of monthly (or coarser) periods (12), half a year
 * of weekly ones (26), a quarter of daily ones (63) — long enough for a stable estimate, short
 * enough to show regimes.
 */
export function rollingSharpeWindow(periodsPerYear: number): number {
  if (!(Number.isFinite(periodsPerYear) && periodsPerYear > 0)) throw new Error(`periodsPerYear = ${periodsPerYear}: must be finite and > 0`);
  if (periodsPerYear <= 12) return 12;
  if (periodsPerYear <= 52) return Math.round(periodsPerYear / 2);
  return Math.round(periodsPerYear / 4);
}

/**
 * Annualised Sharpe ratio of the `window` net returns ending at each period, by the engine's
 * {@link annualisedSharpe} (√A · mean / std, divisor w − 1, no risk-free rate subtracted — the
 * run's series does not keep it). Null before the window fills and where the window has no
 * dispersion. Length P.
 */
export function rollingSharpe(netReturns: Float64Array, window: number, periodsPerYear: number): (number | null)[] {
  if (!(Number.isInteger(window) && window >= 2)) throw new Error(`window = ${window}: must be an integer ≥ 2`);
  if (!(Number.isFinite(periodsPerYear) && periodsPerYear > 0)) throw new Error(`periodsPerYear = ${periodsPerYear}: must be finite and > 0`);
  const values: (number | null)[] = new Array<number | null>(netReturns.length).fill(null);
  for (let end = window; end <= netReturns.length; end++) {
    const sharpe = annualisedSharpe(netReturns.subarray(end - window, end), periodsPerYear);
    values[end - 1] = Number.isFinite(sharpe) ? sharpe : null;
  }
  return values;
}

/** {@link rollingSharpe} with the window for the frequency, thinned to about `maxPoints` for a chart. */
export function rollingSharpeLine(dates: readonly string[], netReturns: Float64Array, periodsPerYear: number, maxPoints: number): RollingSharpeLine {
  if (dates.length !== netReturns.length) throw new Error(`dates has ${dates.length} labels for ${netReturns.length} returns`);
  const window = rollingSharpeWindow(periodsPerYear);
  const values = rollingSharpe(netReturns, window, periodsPerYear);
  const keep = thinIndices(values.length, maxPoints);
  return { window, dates: keep.map((i) => dates[i]), values: keep.map((i) => values[i]) };
}

/**
 * One-way turnover of each scheduled rebalance and its mean over all of them, thinned to about
 * `maxPoints` keeping each gap's largest trade (a thinned bar chart must not hide the spikes).
 */
export function turnoverOverTime(rebalances: readonly { date: string; turnover: number }[], maxPoints: number): TurnoverSeries {
  const turnover = Float64Array.from(rebalances, (record) => record.turnover);
  for (let i = 0; i < turnover.length; i++) if (!Number.isFinite(turnover[i])) throw new Error(`rebalances[${i}].turnover is ${turnover[i]}: must be finite`);
  let total = 0;
  for (const value of turnover) total += value;
  const keep = thinIndices(turnover.length, maxPoints, turnover.map((value) => -value));
  return { dates: keep.map((i) => rebalances[i].date), values: keep.map((i) => turnover[i]), mean: turnover.length === 0 ? 0 : total / turnover.length };
}
