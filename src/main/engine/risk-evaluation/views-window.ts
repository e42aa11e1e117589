/**
 * The returns window the cleaner views are drawn on: daily simple returns of a prices panel over
 * the `lookback` rows ending at a date, restricted to the assets with a finite return on every one
 * of those rows (the others are counted, not imputed).
 */
import type { Panel } from '../../../shared/domain/panel';
import { simpleReturns } from '../data/returns';

export interface ViewsWindow {
  /** lookback × n row-major daily simple returns. */
  readonly returns: Float64Array;
  readonly t: number;
  readonly n: number;
  readonly assets: string[];
  /** Dates of the first and last return of the window. */
  readonly windowStart: string;
  readonly date: string;
  /** Assets of the panel left out for a missing return inside the window. */
  readonly excluded: number;
}

/**
 * @param prices - a prices panel (T × N, NaN = missing), not mutated.
 * @param date - last day of the window (the last return on or before it); default the last date.
 * @throws when the panel is not prices, when fewer than `lookback` returns end at the date, or when
 *   fewer than 2 assets are complete over the window.
 */
export function viewsWindow(prices: Panel, lookback: number, date?: string): ViewsWindow {
  if (prices.kind !== 'prices') throw new Error(`the dataset holds ${prices.kind}: the cleaner views need daily prices`);
  if (!Number.isInteger(lookback) || lookback < 2) throw new Error(`lookback must be an integer ≥ 2, got ${lookback}`);
  const returns = simpleReturns(prices);
  const dates = returns.dates;
  let last = dates.length - 1;
  if (date !== undefined) while (last >= 0 && dates[last] > date) last--;
  if (last + 1 < lookback) {
    throw new Error(`only ${last + 1} daily returns end on ${date ?? dates[dates.length - 1]}: the cleaner needs ${lookback}`);
  }
  const first = last - lookback + 1;
  const n = returns.assets.length;
  const keep: number[] = [];
  for (let j = 0; j < n; j++) {
    let complete = true;
    for (let r = first; r <= last && complete; r++) complete = Number.isFinite(returns.values[r * n + j]);
    if (complete) keep.push(j);
  }
  if (keep.length < 2) throw new Error(`only ${keep.length} asset(s) have every return from ${dates[first]} to ${dates[last]}: the views need at least 2`);
  const k = keep.length;
  const window = new Float64Array(lookback * k);
  for (let r = 0; r < lookback; r++) for (let c = 0; c < k; c++) window[r * k + c] = returns.values[(first + r) * n + keep[c]];
  return { returns: window, t: lookback, n: k, assets: keep.map((j) => returns.assets[j]), windowStart: dates[first], date: dates[last], excluded: n - k };
}
