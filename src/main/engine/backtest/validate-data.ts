/**
 * Checks on the backtest's input panel. Messages name the field, row (with its date) and column so
 * a user can find the bad cell.
 */

import type { BacktestData } from './types';

/** Validated panel with defaults filled in (asset names). Arrays are the caller's, not copies. */
export interface CheckedData {
  readonly returns: Float64Array;
  readonly t: number;
  readonly n: number;
  readonly dates: readonly string[];
  readonly assets: readonly string[];
  readonly riskFree: Float64Array | undefined;
  readonly features: BacktestData['features'];
}

function assertPositiveInteger(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/**
 * @throws on wrong shapes, ±Infinity or returns below −1, non-increasing or non-string dates,
 *   duplicate asset names, a non-finite risk-free rate, or malformed feature blocks.
 */
export function checkBacktestData(data: BacktestData): CheckedData {
  if (data === null || typeof data !== 'object') throw new Error('data must be an object with returns, t, n and dates');
  const t = assertPositiveInteger(data.t, 'data.t');
  const n = assertPositiveInteger(data.n, 'data.n');
  const { returns, dates } = data;
  if (!(returns instanceof Float64Array)) throw new Error('data.returns must be a Float64Array (T × N row-major)');
  if (returns.length !== t * n) throw new Error(`data.returns has length ${returns.length}, expected T × N = ${t} × ${n} = ${t * n}`);
  if (!Array.isArray(dates) || dates.length !== t) {
    throw new Error(`data.dates must be an array of T = ${t} labels, got ${Array.isArray(dates) ? `length ${dates.length}` : String(dates)}`);
  }
  for (let s = 0; s < t; s++) {
    if (typeof dates[s] !== 'string') throw new Error(`data.dates[${s}] must be a string, got ${String(dates[s])}`);
    if (s > 0 && !(dates[s - 1] < dates[s])) {
      throw new Error(`data.dates must be strictly increasing: '${dates[s - 1]}' (row ${s - 1}) is not before '${dates[s]}' (row ${s})`);
    }
  }
  for (let k = 0; k < returns.length; k++) {
    const value = returns[k];
    if (Number.isNaN(value)) continue;
    const row = Math.floor(k / n);
    if (!Number.isFinite(value)) {
      throw new Error(`data.returns[row ${row} (${dates[row]}), column ${k - row * n}] is ${value}: returns must be finite or NaN (missing)`);
    }
    if (value < -1) {
      throw new Error(`data.returns[row ${row} (${dates[row]}), column ${k - row * n}] = ${value} < −1: a simple return cannot lose more than 100 %`);
    }
  }
  let assets: readonly string[];
  if (data.assets === undefined) {
    assets = Array.from({ length: n }, (_, j) => `asset ${j}`);
  } else {
    if (!Array.isArray(data.assets) || data.assets.length !== n) throw new Error(`data.assets must be an array of N = ${n} names`);
    const seen = new Set<string>();
    for (const name of data.assets) {
      if (typeof name !== 'string') throw new Error(`data.assets entries must be strings, got ${String(name)}`);
      if (seen.has(name)) throw new Error(`data.assets has '${name}' twice: asset names must be unique`);
      seen.add(name);
    }
    assets = data.assets.slice();
  }
  const { riskFree } = data;
  if (riskFree !== undefined) {
    if (!(riskFree instanceof Float64Array) || riskFree.length !== t) throw new Error(`data.riskFree must be a Float64Array of length T = ${t}`);
    for (let s = 0; s < t; s++) {
      if (!Number.isFinite(riskFree[s])) throw new Error(`data.riskFree[${s}] (${dates[s]}) is ${riskFree[s]}: must be finite`);
    }
  }
  if (data.features !== undefined) {
    if (data.features === null || typeof data.features !== 'object') throw new Error('data.features must be an object of named blocks');
    for (const [name, block] of Object.entries(data.features)) {
      const width = assertPositiveInteger(block?.width, `data.features['${name}'].width`);
      if (!(block.values instanceof Float64Array) || block.values.length !== t * width) {
        throw new Error(`data.features['${name}'].values must be a Float64Array of length T × width = ${t} × ${width}`);
      }
    }
  }
  return { returns, t, n, dates, assets: Object.freeze(assets.slice()), riskFree, features: data.features };
}
