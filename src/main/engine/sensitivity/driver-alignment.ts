/**
 * Point-in-time alignment of a dated source series onto the asset returns' dates (METHODS.md §4:
 * drivers "aligned to the asset returns' frequency"), without look-ahead.
 *
 * Convention: an observation labelled with a period (a FRED monthly value dated `2020-01-01`, a Ken
 * French month `2020-01`, a quarter) is the period's average or total, so it becomes known at the
 * END of its period; a daily or weekly observation is known on its own date. An asset date on a
 * monthly grid stands for its whole month (the returns panel labels a month by its last trading day,
 * which may fall before the calendar month end), so it is compared at the month's end. The value at
 * an asset date is then the last finite observation known at or before it, and only if it is no
 * older than `maxStaleDays` (so a series that stopped is not carried forward for years).
 *
 * Deviation, stated: FRED publishes a monthly average a few days after the month ends; taking it at
 * the month end is the usual month-resolution convention, not a release calendar.
 */
import type { Frequency } from '../../../shared/domain/panel';

/** The asset grid's frequency: a monthly grid compares each date at its calendar month end. */
export type GridFrequency = 'daily' | 'monthly';

const ISO = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;
const DAY_MS = 86_400_000;

function parts(date: string, name: string): [number, number, number | undefined] {
  const match = ISO.exec(date);
  if (!match) throw new Error(`${name}: "${date}" is not an ISO date (YYYY-MM-DD or YYYY-MM)`);
  return [Number(match[1]), Number(match[2]), match[3] === undefined ? undefined : Number(match[3])];
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Last calendar day of the month `months − 1` months after the label's month, as an ISO date. */
function monthEnd(year: number, month: number, months: number): string {
  return iso(Date.UTC(year, month - 1 + months, 0));
}

/**
 * The date at which an observation becomes known (see the module comment).
 *
 * @param label - `YYYY-MM-DD` or `YYYY-MM`.
 * @param frequency - the source series' detected frequency.
 * @returns an ISO `YYYY-MM-DD` date.
 */
export function availableFrom(label: string, frequency: Frequency): string {
  const [year, month, day] = parts(label, 'availableFrom');
  if (day === undefined || frequency === 'monthly') return monthEnd(year, month, 1);
  if (frequency === 'quarterly') return monthEnd(year, month, 3);
  if (frequency === 'annual') return monthEnd(year, month, 12);
  return label;
}

/** The instant an asset date stands for on its grid (a monthly date: its calendar month end). */
export function gridKey(date: string, grid: GridFrequency): string {
  const [year, month, day] = parts(date, 'gridKey');
  if (grid === 'monthly' || day === undefined) return monthEnd(year, month, 1);
  return date;
}

/** Days from `a` to `b` (both ISO `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Default staleness limit by source frequency: about one and a half periods. */
export const DEFAULT_MAX_STALE_DAYS: Readonly<Record<Frequency, number>> = Object.freeze({
  daily: 10,
  weekly: 21,
  monthly: 62,
  quarterly: 190,
  annual: 400,
  irregular: 62,
});

export interface AlignedSeries {
  /** Per grid date, the value of the last known finite observation (NaN when none or too stale); length T. */
  readonly values: Float64Array;
  /** Per grid date, the source row used, or −1; length T. */
  readonly sourceRow: Int32Array;
  /** Per grid date, days between the observation's availability date and the grid date (NaN if none). */
  readonly staleDays: Float64Array;
}

/**
 * Aligns one source column onto the grid.
 *
 * @param gridDates - ascending asset dates, length T.
 * @param grid - the grid's frequency.
 * @param sourceDates - ascending source labels, length S.
 * @param sourceValues - length S; NaN = missing observation (skipped, the previous one stays).
 * @param sourceFrequency - the source's frequency (decides when each observation is known).
 * @param maxStaleDays - an observation older than this at a grid date is not used.
 */
export function alignSeries(
  gridDates: readonly string[],
  grid: GridFrequency,
  sourceDates: readonly string[],
  sourceValues: Float64Array,
  sourceFrequency: Frequency,
  maxStaleDays: number,
): AlignedSeries {
  if (sourceValues.length !== sourceDates.length) {
    throw new Error(`sourceValues has length ${sourceValues.length}, expected ${sourceDates.length} (sourceDates.length)`);
  }
  if (!(maxStaleDays >= 0)) throw new Error(`maxStaleDays = ${maxStaleDays}: must be ≥ 0`);
  const available = sourceDates.map((label) => availableFrom(label, sourceFrequency));
  for (let s = 1; s < available.length; s++) {
    if (!(sourceDates[s] > sourceDates[s - 1])) throw new Error(`sourceDates must be strictly ascending: "${sourceDates[s - 1]}" then "${sourceDates[s]}"`);
  }
  const t = gridDates.length;
  const values = new Float64Array(t).fill(Number.NaN);
  const sourceRow = new Int32Array(t).fill(-1);
  const staleDays = new Float64Array(t).fill(Number.NaN);
  let cursor = 0;
  let last = -1;
  for (let row = 0; row < t; row++) {
    if (row > 0 && !(gridDates[row] > gridDates[row - 1])) throw new Error(`gridDates must be strictly ascending: "${gridDates[row - 1]}" then "${gridDates[row]}"`);
    const key = gridKey(gridDates[row], grid);
    while (cursor < available.length && available[cursor] <= key) {
      if (Number.isFinite(sourceValues[cursor])) last = cursor;
      cursor++;
    }
    if (last < 0) continue;
    const age = daysBetween(available[last], key);
    if (age > maxStaleDays) continue;
    values[row] = sourceValues[last];
    sourceRow[row] = last;
    staleDays[row] = age;
  }
  return { values, sourceRow, staleDays };
}

/**
 * Compounds per-period source returns over each grid interval (previous grid key, this grid key]:
 * Π(1 + r_s) − 1 over the observations known in it, so a daily factor on a monthly grid gives the
 * month's factor return and a factor at the grid's own frequency passes through unchanged.
 *
 * @returns length T; NaN for the first grid date (no interval), an interval without observations,
 *   or one holding a missing observation.
 */
export function compoundReturns(
  gridDates: readonly string[],
  grid: GridFrequency,
  sourceDates: readonly string[],
  sourceValues: Float64Array,
  sourceFrequency: Frequency,
): Float64Array {
  if (sourceValues.length !== sourceDates.length) {
    throw new Error(`sourceValues has length ${sourceValues.length}, expected ${sourceDates.length} (sourceDates.length)`);
  }
  const available = sourceDates.map((label) => availableFrom(label, sourceFrequency));
  const keys = gridDates.map((date) => gridKey(date, grid));
  const out = new Float64Array(keys.length).fill(Number.NaN);
  let cursor = 0;
  while (cursor < available.length && keys.length > 0 && available[cursor] <= keys[0]) cursor++;
  for (let row = 1; row < keys.length; row++) {
    let growth = 1;
    let count = 0;
    let broken = false;
    while (cursor < available.length && available[cursor] <= keys[row]) {
      const value = sourceValues[cursor];
      if (Number.isFinite(value)) growth *= 1 + value;
      else broken = true;
      count++;
      cursor++;
    }
    if (count > 0 && !broken) out[row] = growth - 1;
  }
  return out;
}
