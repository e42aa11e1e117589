/**
 * The read-only window through which a strategy sees the data: rows 0..t and nothing after.
 *
 * Look-ahead is impossible by construction: the full panel sits in ES private fields (`#`), which
 * no code outside this class can reach, and every accessor copies rows ≤ t into a fresh array (a
 * `subarray` would expose the whole buffer through `.buffer`). Asking for more rows than exist up
 * to t throws.
 */

import type { FeatureBlock } from './types';

/** Returns of the universe assets only: `lookback × k` row-major, finite. */
export interface UniverseWindow {
  readonly returns: Float64Array;
  readonly t: number;
  readonly k: number;
  /** Column j of `returns` is asset `indices[j]` of the panel. */
  readonly indices: readonly number[];
}

export class PastView {
  readonly #returns: Float64Array;
  readonly #dates: readonly string[];
  readonly #riskFree: Float64Array | undefined;
  readonly #features: Readonly<Record<string, FeatureBlock>>;
  /** Number of assets N. */
  readonly n: number;
  /** Row of the current date t in the panel; rows 0..index are visible. */
  readonly index: number;
  /** Label of the current date. */
  readonly date: string;
  readonly assets: readonly string[];
  /** Default window length L (the backtest's `lookback`), which also defines the universe. */
  readonly lookback: number;

  /** Built by the engine; the arrays are the caller's and are never written. */
  constructor(
    returns: Float64Array,
    n: number,
    dates: readonly string[],
    assets: readonly string[],
    index: number,
    lookback: number,
    riskFree?: Float64Array,
    features?: Readonly<Record<string, FeatureBlock>>,
  ) {
    this.#returns = returns;
    this.#dates = dates;
    this.#riskFree = riskFree;
    this.#features = features ?? {};
    this.n = n;
    this.index = index;
    this.date = dates[index];
    this.assets = assets;
    this.lookback = lookback;
    Object.freeze(this);
  }

  /** Rows visible at this date: index + 1. */
  get available(): number {
    return this.index + 1;
  }

  #firstRow(lookback: number, what: string): number {
    if (!Number.isInteger(lookback) || lookback < 1) {
      throw new Error(`${what}: lookback must be a positive integer, got ${String(lookback)}`);
    }
    if (lookback > this.index + 1) {
      throw new Error(`${what}: lookback ${lookback} exceeds the ${this.index + 1} periods available up to ${this.date}`);
    }
    return this.index + 1 - lookback;
  }

  /** The last `lookback` rows of returns ending at t: `lookback × N` row-major copy; NaN = missing. */
  returns(lookback: number = this.lookback): Float64Array {
    const first = this.#firstRow(lookback, 'view.returns');
    return this.#returns.slice(first * this.n, (this.index + 1) * this.n);
  }

  /** Labels of the last `lookback` rows ending at t. */
  dates(lookback: number = this.lookback): string[] {
    const first = this.#firstRow(lookback, 'view.dates');
    return this.#dates.slice(first, this.index + 1);
  }

  /** Risk-free returns of the last `lookback` rows (zeros when the data has none). */
  riskFree(lookback: number = this.lookback): Float64Array {
    const first = this.#firstRow(lookback, 'view.riskFree');
    return this.#riskFree ? this.#riskFree.slice(first, this.index + 1) : new Float64Array(lookback);
  }

  /** Names of the feature blocks in the data. */
  featureNames(): string[] {
    return Object.keys(this.#features);
  }

  /** The last `lookback` rows of a feature block: `lookback × width` copy. */
  feature(name: string, lookback: number = this.lookback): { values: Float64Array; width: number } {
    const block = Object.prototype.hasOwnProperty.call(this.#features, name) ? this.#features[name] : undefined;
    if (block === undefined) {
      throw new Error(`view.feature: no feature block '${name}' (have: ${this.featureNames().join(', ') || 'none'})`);
    }
    const first = this.#firstRow(lookback, `view.feature('${name}')`);
    return { values: block.values.slice(first * block.width, (this.index + 1) * block.width), width: block.width };
  }

  /**
   * Membership mask, length N: 1 where the asset's return is finite in every row of the window.
   * With the default lookback this is the universe the simulator enforces (other weights must be 0).
   */
  universe(lookback: number = this.lookback): Uint8Array {
    const first = this.#firstRow(lookback, 'view.universe');
    const mask = new Uint8Array(this.n).fill(1);
    for (let row = first; row <= this.index; row++) {
      const offset = row * this.n;
      for (let j = 0; j < this.n; j++) if (!Number.isFinite(this.#returns[offset + j])) mask[j] = 0;
    }
    return mask;
  }

  /**
   * The universe's returns over the window, compacted to its k assets (finite, ready for an
   * estimator), with the column → asset map.
   *
   * @throws when no asset has complete returns in the window.
   */
  universeReturns(lookback: number = this.lookback): UniverseWindow {
    const mask = this.universe(lookback);
    const indices: number[] = [];
    for (let j = 0; j < this.n; j++) if (mask[j] === 1) indices.push(j);
    const k = indices.length;
    if (k === 0) {
      throw new Error(`view.universeReturns: every asset has a missing return in the ${lookback} periods ending at ${this.date}`);
    }
    const first = this.index + 1 - lookback;
    const returns = new Float64Array(lookback * k);
    for (let row = 0; row < lookback; row++) {
      const offset = (first + row) * this.n;
      for (let c = 0; c < k; c++) returns[row * k + c] = this.#returns[offset + indices[c]];
    }
    return { returns, t: lookback, k, indices };
  }
}
