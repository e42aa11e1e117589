/**
 * Data checks for the report: coverage per asset, and for prices non-positive values, stale runs
 * (the same price for many periods) and suspicious jumps (|return| > 50 %, or a ratio near a split
 * ratio 2, 3, 1/2, 1/3 — the mark of an unadjusted or wrongly recorded split).
 */
import type { AssetCoverage, IngestReport, Jump } from '../../shared/domain/ingest-report';

/** Runs at least this long of one repeated price are reported. */
export const STALE_RUN_MIN = 10;
/** |return| above this is a jump. */
export const JUMP_RETURN = 0.5;
/** A ratio within this relative distance of a split ratio is split-like. */
export const SPLIT_TOLERANCE = 0.06;
const SPLIT_RATIOS = [2, 3, 1 / 2, 1 / 3];
export const CHECK_LIST_CAP = 1000;

export function coverage(dates: readonly string[], assets: readonly string[], values: Float64Array): AssetCoverage[] {
  const n = assets.length;
  const t = dates.length;
  return assets.map((asset, j) => {
    let first = -1;
    let last = -1;
    let observed = 0;
    for (let i = 0; i < t; i++) {
      if (values[i * n + j] === values[i * n + j]) {
        if (first < 0) first = i;
        last = i;
        observed++;
      }
    }
    return {
      asset,
      first: first >= 0 ? dates[first] : null,
      last: last >= 0 ? dates[last] : null,
      observations: observed,
      share: t > 0 ? observed / t : 0,
      gaps: first >= 0 ? last - first + 1 - observed : 0,
    };
  });
}

function splitLike(ratio: number): number | undefined {
  return SPLIT_RATIOS.find((split) => Math.abs(ratio / split - 1) <= SPLIT_TOLERANCE);
}

export function priceChecks(
  dates: readonly string[],
  assets: readonly string[],
  values: Float64Array,
): Pick<IngestReport, 'nonPositive' | 'staleRuns' | 'jumps'> {
  const n = assets.length;
  const t = dates.length;
  const nonPositive: IngestReport['nonPositive'] = { count: 0, items: [] };
  const staleRuns: IngestReport['staleRuns'] = { count: 0, items: [] };
  const jumps: IngestReport['jumps'] = { count: 0, items: [] };
  for (let j = 0; j < n; j++) {
    let previous = Number.NaN;
    let previousAt = -1;
    let runStart = -1;
    let runLength = 0;
    const closeRun = (): void => {
      if (runLength >= STALE_RUN_MIN) {
        staleRuns.count++;
        if (staleRuns.items.length < CHECK_LIST_CAP) {
          staleRuns.items.push({ asset: assets[j], start: dates[runStart], end: dates[previousAt], length: runLength, value: previous });
        }
      }
    };
    for (let i = 0; i < t; i++) {
      const v = values[i * n + j];
      if (v !== v) continue;
      if (v <= 0) {
        nonPositive.count++;
        if (nonPositive.items.length < CHECK_LIST_CAP) nonPositive.items.push({ asset: assets[j], date: dates[i], value: v });
      }
      if (previousAt >= 0 && v === previous) runLength++;
      else {
        if (previousAt >= 0) closeRun();
        runStart = i;
        runLength = 1;
      }
      if (previousAt >= 0 && previous > 0 && v > 0) {
        const ratio = v / previous;
        const split = splitLike(ratio);
        if (Math.abs(ratio - 1) > JUMP_RETURN || split !== undefined) {
          jumps.count++;
          if (jumps.items.length < CHECK_LIST_CAP) {
            const jump: Jump = { asset: assets[j], date: dates[i], previousDate: dates[previousAt], ratio };
            if (split !== undefined) jump.splitLike = split;
            jumps.items.push(jump);
          }
        }
      }
      previous = v;
      previousAt = i;
    }
    closeRun();
  }
  return { nonPositive, staleRuns, jumps };
}
