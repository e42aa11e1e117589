/**
 * Simple and log returns from a price panel.
 *
 * Convention: row t of the result is the return from the price at row t − 1 (or, with
 * `missing: 'bridge'`, from the asset's last observed price) to the price at row t; the result has
 * T − 1 rows dated dates[1…T−1]. Prices must be positive where present; `NaN` marks a missing price.
 */

import type { Panel } from '../../../shared/domain/panel';

/**
 * How a missing price is handled:
 * - `'nan'`: a return is `NaN` when either of its two prices is missing;
 * - `'bridge'`: the return over a gap is reported at the next observed price, measured from the
 *   last observed one (so compounding the non-missing returns still gives the total return);
 *   rows inside the gap stay `NaN`.
 */
export type MissingPriceRule = 'nan' | 'bridge';

function checkPrices(prices: Panel, fn: string): void {
  const t = prices.dates.length;
  const n = prices.assets.length;
  if (t < 2) throw new Error(`${fn}: prices has ${t} rows, need at least 2`);
  if (n < 1) throw new Error(`${fn}: prices has no assets`);
  if (prices.values.length !== t * n) {
    throw new Error(`${fn}: prices.values has length ${prices.values.length}, expected T × N = ${t} × ${n}`);
  }
  for (let k = 0; k < prices.values.length; k++) {
    const value = prices.values[k];
    if (Number.isNaN(value)) continue;
    if (!Number.isFinite(value) || value <= 0) {
      const row = Math.floor(k / n);
      throw new Error(`${fn}: prices[${prices.dates[row]}, ${prices.assets[k - row * n]}] is ${value}: prices must be positive and finite`);
    }
  }
}

function returnsFrom(prices: Panel, rule: MissingPriceRule, fn: string, step: (from: number, to: number) => number): Panel {
  checkPrices(prices, fn);
  const t = prices.dates.length;
  const n = prices.assets.length;
  const out = new Float64Array((t - 1) * n).fill(Number.NaN);
  for (let j = 0; j < n; j++) {
    let last = prices.values[j];
    for (let r = 1; r < t; r++) {
      const price = prices.values[r * n + j];
      if (Number.isNaN(price)) continue;
      const from = rule === 'bridge' ? last : prices.values[(r - 1) * n + j];
      if (!Number.isNaN(from)) out[(r - 1) * n + j] = step(from, price);
      last = price;
    }
  }
  return { kind: 'returns', frequency: prices.frequency, dates: prices.dates.slice(1), assets: prices.assets.slice(), values: out };
}

/**
 * Simple returns p_t/p_{t−1} − 1.
 *
 * @param prices - T × N price panel (T ≥ 2), positive or `NaN`; not mutated.
 * @returns (T − 1) × N returns panel, kind `returns`.
 */
export function simpleReturns(prices: Panel, missing: MissingPriceRule = 'nan'): Panel {
  return returnsFrom(prices, missing, 'simpleReturns', (from, to) => to / from - 1);
}

/**
 * Log returns log p_t − log p_{t−1} (as log(p_t/p_{t−1}), which is exact for nearby prices).
 *
 * @param prices - T × N price panel (T ≥ 2), positive or `NaN`; not mutated.
 * @returns (T − 1) × N returns panel, kind `returns`.
 */
export function logReturns(prices: Panel, missing: MissingPriceRule = 'nan'): Panel {
  return returnsFrom(prices, missing, 'logReturns', (from, to) => Math.log(to / from));
}
