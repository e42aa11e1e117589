/**
 * Data checks for the report: coverage per asset, and for prices non-positive values, stale runs
 * (the same price for many periods) and suspicious jumps (|return| > 50 %, or a ratio near a split
 * ratio 2, 3, 1/2, 1/3 — the mark of an unadjusted or wrongly recorded split).
 * Both walk the T × N panel row by row (its memory order) with per-asset state.
 */
import type { AssetCoverage, IngestReport, Jump } from '../../shared/domain/ingest-report';

/** Runs at least this long of one repeated price are reported. */
const STALE_RUN_MIN = 10;
/** |return| above this is a jump. */
const JUMP_RETURN = 0.5;
/** A ratio within this relative distance of a split ratio is split-like (wide: the split day also moves, AAPL 2000-06-21 is 0.549). */
const SPLIT_TOLERANCE = 0.12;
const SPLIT_RATIOS = [2, 3, 1 / 2, 1 / 3];
const CHECK_LIST_CAP = 1000;

export function coverage(dates: readonly string[], assets: readonly string[], values: Float64Array): AssetCoverage[] {
  const n = assets.length;
  const first = new Int32Array(n).fill(-1);
  const last = new Int32Array(n).fill(-1);
  const observed = new Int32Array(n);
  for (let i = 0; i < dates.length; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      if (values[row + j] === values[row + j]) {
        if (first[j] < 0) first[j] = i;
        last[j] = i;
        observed[j]++;
      }
    }
  }
  return assets.map((asset, j) => ({
    asset,
    first: first[j] >= 0 ? dates[first[j]] : null,
    last: last[j] >= 0 ? dates[last[j]] : null,
    observations: observed[j],
    share: dates.length > 0 ? observed[j] / dates.length : 0,
    gaps: first[j] >= 0 ? last[j] - first[j] + 1 - observed[j] : 0,
  }));
}

function splitLike(ratio: number): number | undefined {
  return SPLIT_RATIOS.find((split) => Math.abs(ratio / split - 1) <= SPLIT_TOLERANCE);
}

function isSuspicious(ratio: number): boolean {
  // Every split ratio but 1/2 is already a move of more than 50 %.
  return Math.abs(ratio - 1) > JUMP_RETURN || (ratio > 0.43 && ratio < 0.57 && splitLike(ratio) !== undefined);
}

type Checks = Pick<IngestReport, 'nonPositive' | 'staleRuns' | 'jumps'>;

export function priceChecks(dates: readonly string[], assets: readonly string[], values: Float64Array): Checks {
  const n = assets.length;
  const checks: Checks = { nonPositive: { count: 0, items: [] }, staleRuns: { count: 0, items: [] }, jumps: { count: 0, items: [] } };
  const previous = new Float64Array(n).fill(Number.NaN);
  const previousAt = new Int32Array(n).fill(-1);
  const runStart = new Int32Array(n);
  const runLength = new Int32Array(n);
  const closeRun = (j: number): void => {
    if (runLength[j] < STALE_RUN_MIN) return;
    checks.staleRuns.count++;
    if (checks.staleRuns.items.length < CHECK_LIST_CAP) {
      checks.staleRuns.items.push({ asset: assets[j], start: dates[runStart[j]], end: dates[previousAt[j]], length: runLength[j], value: previous[j] });
    }
  };
  for (let i = 0; i < dates.length; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const v = values[row + j];
      if (v !== v) continue;
      const before = previous[j];
      if (v <= 0) {
        checks.nonPositive.count++;
        if (checks.nonPositive.items.length < CHECK_LIST_CAP) checks.nonPositive.items.push({ asset: assets[j], date: dates[i], value: v });
      }
      if (previousAt[j] >= 0 && v === before) runLength[j]++;
      else {
        if (previousAt[j] >= 0) closeRun(j);
        runStart[j] = i;
        runLength[j] = 1;
      }
      if (before > 0 && v > 0 && isSuspicious(v / before)) {
        const ratio = v / before;
        checks.jumps.count++;
        if (checks.jumps.items.length < CHECK_LIST_CAP) {
          const jump: Jump = { asset: assets[j], date: dates[i], previousDate: dates[previousAt[j]], ratio };
          const split = splitLike(ratio);
          if (split !== undefined) jump.splitLike = split;
          checks.jumps.items.push(jump);
        }
      }
      previous[j] = v;
      previousAt[j] = i;
    }
  }
  for (let j = 0; j < n; j++) if (previousAt[j] >= 0) closeRun(j);
  // Row-major discovery interleaves assets; the report reads best grouped by asset, then date.
  checks.jumps.items.sort((a, b) => (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : a.date < b.date ? -1 : 1));
  checks.staleRuns.items.sort((a, b) => (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : a.start < b.start ? -1 : 1));
  checks.nonPositive.items.sort((a, b) => (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : a.date < b.date ? -1 : 1));
  return checks;
}
