/**
 * Training and validation samples of the cleaner (METHODS.md §3): a sample is a rebalance date, a
 * universe of N assets, the L daily returns up to that date and the h returns after it.
 *
 * Periods: a sample belongs to a period [from, to] when its rebalance date (the last day of the
 * past window) is in it AND its last future day is too, so no training loss ever reads a return
 * after the training end, and no validation loss one after the validation end (the past window
 * may reach back before `from`: it is information available on the date).
 *
 * Assets: a sample only draws from assets with a finite return on every one of its L + h days whose
 * past returns are not all equal (documented handling of NaN and zero variance: such assets are
 * left out of that sample; a sample with fewer than the requested N eligible assets takes all of
 * them, and dates with fewer than `minAssets` are not candidates at all).
 */

import type { Random } from '../data/random';

/** A daily returns panel in the shape the samplers read. */
export interface ReturnsPanel {
  /** Ascending ISO dates, length T. */
  readonly dates: readonly string[];
  /** N. */
  readonly assets: number;
  /** T × N row-major daily simple returns; NaN = missing. */
  readonly values: Float64Array;
}

/** Window geometry. */
export interface WindowShape {
  /** L, past days per sample. */
  readonly lookback: number;
  /** h, future days per sample. */
  readonly horizon: number;
}

/** One sample's geometry: the past is rows [end − L, end), the future rows [end, end + h). */
export interface SampleSlot {
  readonly end: number;
  /** Eligible asset columns, ascending. */
  readonly eligible: Int32Array;
}

/** One batch, every sample with the same N: past [B, L, N] and future [B, h, N], row-major. */
export interface WindowBatch {
  readonly batch: number;
  readonly n: number;
  readonly past: Float64Array;
  readonly future: Float64Array;
  /** Rebalance dates (last past day), one per sample. */
  readonly dates: readonly string[];
}

/** Per-column prefix counts of missing cells and of day-to-day changes, for O(1) eligibility. */
interface PanelCounts {
  /** (T + 1) × N: missing cells in rows [0, row). */
  readonly missing: Int32Array;
  /** (T + 1) × N: rows r in [1, row) whose value differs from row r − 1. */
  readonly changes: Int32Array;
}

function panelCounts(panel: ReturnsPanel): PanelCounts {
  const n = panel.assets;
  const t = panel.dates.length;
  const missing = new Int32Array((t + 1) * n);
  const changes = new Int32Array((t + 1) * n);
  for (let row = 0; row < t; row++) {
    for (let j = 0; j < n; j++) {
      const value = panel.values[row * n + j];
      missing[(row + 1) * n + j] = missing[row * n + j] + (Number.isFinite(value) ? 0 : 1);
      changes[(row + 1) * n + j] = changes[row * n + j] + (row > 0 && value !== panel.values[(row - 1) * n + j] ? 1 : 0);
    }
  }
  return { missing, changes };
}

function eligibleAt(counts: PanelCounts, n: number, shape: WindowShape, end: number): Int32Array {
  const start = end - shape.lookback;
  const stop = end + shape.horizon;
  const out: number[] = [];
  for (let j = 0; j < n; j++) {
    if (counts.missing[stop * n + j] - counts.missing[start * n + j] !== 0) continue;
    if (counts.changes[end * n + j] - counts.changes[(start + 1) * n + j] === 0) continue;
    out.push(j);
  }
  return Int32Array.from(out);
}

/** Columns usable for the sample whose past is rows [end − L, end) (module comment). */
export function eligibleAssets(panel: ReturnsPanel, shape: WindowShape, end: number): Int32Array {
  return eligibleAt(panelCounts(panel), panel.assets, shape, end);
}

/**
 * Every candidate sample of a period, in date order.
 *
 * @param from - first allowed rebalance date (ISO, inclusive).
 * @param to - last allowed day of a sample's future (ISO, inclusive).
 * @param step - keep every `step`-th candidate row (1 = every trading day).
 * @throws when the panel is too short for one window, or the shape or step is invalid.
 */
export function periodSlots(panel: ReturnsPanel, shape: WindowShape, from: string, to: string, step: number, minAssets: number): SampleSlot[] {
  const { lookback, horizon } = shape;
  if (!Number.isInteger(lookback) || lookback < 3) throw new Error(`lookback must be an integer ≥ 3, got ${lookback}`);
  if (!Number.isInteger(horizon) || horizon < 2) throw new Error(`horizon must be an integer ≥ 2, got ${horizon}`);
  if (!Number.isInteger(step) || step < 1) throw new Error(`step must be a positive integer, got ${step}`);
  const t = panel.dates.length;
  if (panel.values.length !== t * panel.assets) throw new Error(`panel.values has length ${panel.values.length}, expected ${t} × ${panel.assets}`);
  if (t < lookback + horizon) throw new Error(`the panel has ${t} observations, fewer than lookback + horizon = ${lookback + horizon}`);
  const counts = panelCounts(panel);
  const slots: SampleSlot[] = [];
  let kept = 0;
  for (let end = lookback; end + horizon <= t; end++) {
    if (panel.dates[end - 1] < from || panel.dates[end + horizon - 1] > to) continue;
    if (kept++ % step !== 0) continue;
    const eligible = eligibleAt(counts, panel.assets, shape, end);
    if (eligible.length >= minAssets) slots.push({ end, eligible });
  }
  return slots;
}

/** k distinct entries of `pool` (partial Fisher–Yates), sorted ascending. */
export function sampleAssets(pool: Int32Array, k: number, random: Random): Int32Array {
  const copy = Int32Array.from(pool);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random.uniform() * (copy.length - i));
    const swap = copy[i];
    copy[i] = copy[j];
    copy[j] = swap;
  }
  return copy.slice(0, k).sort();
}

/**
 * Copies the samples' past and future returns for given asset choices (one list per slot, all of
 * the same length N).
 */
export function gatherBatch(panel: ReturnsPanel, shape: WindowShape, slots: readonly SampleSlot[], choices: readonly Int32Array[]): WindowBatch {
  const { lookback, horizon } = shape;
  const batch = slots.length;
  const n = choices[0].length;
  const width = panel.assets;
  const past = new Float64Array(batch * lookback * n);
  const future = new Float64Array(batch * horizon * n);
  slots.forEach((slot, b) => {
    const assets = choices[b];
    if (assets.length !== n) throw new Error(`every sample of a batch needs N = ${n} assets, sample ${b} has ${assets.length}`);
    for (let row = 0; row < lookback; row++) {
      const source = (slot.end - lookback + row) * width;
      for (let k = 0; k < n; k++) past[(b * lookback + row) * n + k] = panel.values[source + assets[k]];
    }
    for (let row = 0; row < horizon; row++) {
      const source = (slot.end + row) * width;
      for (let k = 0; k < n; k++) future[(b * horizon + row) * n + k] = panel.values[source + assets[k]];
    }
  });
  return { batch, n, past, future, dates: slots.map((slot) => panel.dates[slot.end - 1]) };
}
