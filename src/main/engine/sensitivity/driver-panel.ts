/**
 * Common drivers from imported data (METHODS.md §4; issue 9 item 1): each driver is a column of an
 * imported panel (or the difference of two columns, e.g. Baa − Aaa), aligned point in time onto the
 * asset returns' dates (./driver-alignment) and turned into the change the network regresses on:
 * - `difference`: x_t − x_{t−1} of the aligned level (yields, spreads, in the source's units, e.g.
 *   percentage points);
 * - `log-difference`: ln x_t − ln x_{t−1} (VIX: volatility moves proportionally);
 * - `return`: the source's per-period returns compounded over each grid interval (Fama–French
 *   factors and momentum, which are returns already).
 * The result is T × D with NaN where a driver has no value (before its first observation, after it
 * stopped, or at the first grid date of a change), and a report of what was done per driver.
 */
import type { Frequency, Panel } from '../../../shared/domain/panel';
import { alignSeries, compoundReturns, DEFAULT_MAX_STALE_DAYS } from './driver-alignment';
import type { GridFrequency } from './driver-alignment';

export type DriverTransform = 'difference' | 'log-difference' | 'return';

/** One column of an imported panel. */
export interface DriverColumn {
  /** Label of the source (dataset name), for the report. */
  readonly source: string;
  readonly panel: Panel;
  readonly column: string;
}

export interface DriverRequest {
  /** Driver name, unique in the request list. */
  readonly name: string;
  readonly level: DriverColumn;
  /** Subtracted from `level` after alignment (a spread such as Baa − Aaa); not with `return`. */
  readonly minus?: DriverColumn;
  readonly transform: DriverTransform;
  /** Staleness limit in days; default by source frequency ({@link DEFAULT_MAX_STALE_DAYS}). */
  readonly maxStaleDays?: number;
}

export interface DriverGap {
  readonly from: string;
  readonly to: string;
  readonly rows: number;
}

export interface DriverReport {
  readonly name: string;
  /** Human-readable source, e.g. `BAA:BAA − AAA:AAA`. */
  readonly source: string;
  readonly transform: DriverTransform;
  readonly sourceFrequency: Frequency;
  readonly maxStaleDays: number;
  /** Grid rows with a value. */
  readonly observed: number;
  /** Grid rows without one (NaN in `values`). */
  readonly missing: number;
  /** First and last grid dates with a value, or null when none. */
  readonly firstDate: string | null;
  readonly lastDate: string | null;
  /** Runs of consecutive missing grid rows, oldest first (at most 20 listed). */
  readonly gaps: readonly DriverGap[];
  /** Largest age in days of the observation used for a level (NaN for `return` drivers). */
  readonly maxStaleness: number;
}

export interface DriverPanel {
  /** Driver names, length D. */
  readonly names: readonly string[];
  /** The grid dates, length T (the asset returns' dates). */
  readonly dates: readonly string[];
  /** T × D row-major driver changes; NaN = no value. */
  readonly values: Float64Array;
  readonly reports: readonly DriverReport[];
}

const MAX_GAPS = 20;
const TRANSFORMS: readonly DriverTransform[] = ['difference', 'log-difference', 'return'];

function columnOf(column: DriverColumn, name: string): Float64Array {
  const { panel } = column;
  const j = panel.assets.indexOf(column.column);
  if (j < 0) throw new Error(`${name}: "${column.source}" has no column "${column.column}" (has: ${panel.assets.join(', ')})`);
  const n = panel.assets.length;
  if (panel.values.length !== panel.dates.length * n) throw new Error(`${name}: "${column.source}" has ${panel.values.length} values, expected dates × columns = ${panel.dates.length * n}`);
  return Float64Array.from({ length: panel.dates.length }, (_, t) => panel.values[t * n + j]);
}

function alignLevel(dates: readonly string[], grid: GridFrequency, column: DriverColumn, stale: number, name: string): { values: Float64Array; maxStaleness: number } {
  const aligned = alignSeries(dates, grid, column.panel.dates, columnOf(column, name), column.panel.frequency, stale);
  let maxStaleness = 0;
  for (const age of aligned.staleDays) if (age > maxStaleness) maxStaleness = age;
  return { values: aligned.values, maxStaleness };
}

function gapsOf(dates: readonly string[], series: Float64Array): { gaps: DriverGap[]; missing: number } {
  const gaps: DriverGap[] = [];
  let missing = 0;
  let start = -1;
  for (let row = 0; row <= series.length; row++) {
    const absent = row < series.length && !Number.isFinite(series[row]);
    if (absent) {
      missing++;
      if (start < 0) start = row;
    } else if (start >= 0) {
      if (gaps.length < MAX_GAPS) gaps.push({ from: dates[start], to: dates[row - 1], rows: row - start });
      start = -1;
    }
  }
  return { gaps, missing };
}

function describe(column: DriverColumn): string {
  return `${column.source}:${column.column}`;
}

/**
 * Builds the driver panel on the asset grid.
 *
 * @param dates - the asset returns' dates, ascending (`YYYY-MM-DD` or `YYYY-MM`), length T ≥ 2.
 * @param grid - `monthly` when the returns are monthly (each date stands for its month), else `daily`.
 * @param requests - the drivers, D ≥ 1, unique names.
 * @throws on an empty or duplicated request list, an unknown column or transform, a spread of
 *   returns, a non-positive level under `log-difference`, or dates that are not ascending ISO dates.
 */
export function buildDriverPanel(dates: readonly string[], grid: GridFrequency, requests: readonly DriverRequest[]): DriverPanel {
  if (dates.length < 2) throw new Error(`dates has ${dates.length} entries: at least 2 are needed to take changes`);
  if (requests.length === 0) throw new Error('requests is empty: at least one driver is needed');
  const names = requests.map((request) => request.name);
  const duplicate = names.find((name, k) => names.indexOf(name) !== k);
  if (duplicate !== undefined) throw new Error(`requests: the driver name "${duplicate}" is used twice`);
  const t = dates.length;
  const d = requests.length;
  const values = new Float64Array(t * d);
  const reports: DriverReport[] = [];
  requests.forEach((request, j) => {
    const label = `requests[${j}] (${request.name})`;
    if (!TRANSFORMS.includes(request.transform)) throw new Error(`${label}.transform = ${String(request.transform)}: must be one of ${TRANSFORMS.join(', ')}`);
    const frequency = request.level.panel.frequency;
    const stale = request.maxStaleDays ?? DEFAULT_MAX_STALE_DAYS[frequency];
    let series: Float64Array;
    let maxStaleness = Number.NaN;
    if (request.transform === 'return') {
      if (request.minus) throw new Error(`${label}: a spread (minus) of returns is not a driver; use a level transform`);
      series = compoundReturns(dates, grid, request.level.panel.dates, columnOf(request.level, label), frequency);
    } else {
      const level = alignLevel(dates, grid, request.level, stale, label);
      maxStaleness = level.maxStaleness;
      if (request.minus) {
        const minus = alignLevel(dates, grid, request.minus, request.maxStaleDays ?? DEFAULT_MAX_STALE_DAYS[request.minus.panel.frequency], `${label}.minus`);
        maxStaleness = Math.max(maxStaleness, minus.maxStaleness);
        for (let row = 0; row < t; row++) level.values[row] -= minus.values[row];
      }
      series = new Float64Array(t).fill(Number.NaN);
      for (let row = 1; row < t; row++) {
        const now = level.values[row];
        const before = level.values[row - 1];
        if (request.transform === 'difference') {
          series[row] = now - before;
        } else {
          if (now <= 0 || before <= 0) throw new Error(`${label}: log-difference needs positive levels, got ${before} then ${now} at ${dates[row]}`);
          series[row] = Math.log(now) - Math.log(before);
        }
      }
    }
    for (let row = 0; row < t; row++) values[row * d + j] = series[row];
    let first = -1;
    let last = -1;
    for (let row = 0; row < t; row++) {
      if (Number.isFinite(series[row])) {
        if (first < 0) first = row;
        last = row;
      }
    }
    const { gaps, missing } = gapsOf(dates, series);
    reports.push({
      name: request.name,
      source: request.minus ? `${describe(request.level)} − ${describe(request.minus)}` : describe(request.level),
      transform: request.transform,
      sourceFrequency: frequency,
      maxStaleDays: stale,
      observed: t - missing,
      missing,
      firstDate: first < 0 ? null : dates[first],
      lastDate: last < 0 ? null : dates[last],
      gaps,
      maxStaleness,
    });
  });
  return { names, dates: [...dates], values, reports };
}

/**
 * The transform a driver column gets unless told otherwise: returns stay returns (a `factors` or
 * `returns` panel), a volatility index moves in logs (a column or source named like VIX), and every
 * other level (yields, spreads, rates) in differences.
 */
export function defaultTransform(column: DriverColumn): DriverTransform {
  if (column.panel.kind === 'factors' || column.panel.kind === 'returns') return 'return';
  if (/vix/i.test(column.column) || /vix/i.test(column.source)) return 'log-difference';
  return 'difference';
}

/**
 * The driver columns of a panel when none is named: every factor but the risk-free rate (`RF`), the
 * `CLOSE` of an OHLC file (Cboe's VIX), else every column.
 */
export function defaultColumns(panel: Panel): string[] {
  const upper = panel.assets.map((asset) => asset.trim().toUpperCase());
  if (upper.includes('CLOSE') && upper.includes('OPEN')) return [panel.assets[upper.indexOf('CLOSE')]];
  if (panel.kind === 'factors') return panel.assets.filter((_, j) => upper[j] !== 'RF');
  return [...panel.assets];
}
