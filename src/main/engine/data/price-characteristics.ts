/**
 * Price-based firm characteristics per asset and month-end rebalance date, from daily prices,
 * after the definitions in Gu, Kelly & Xiu (2020, RFS 33(5), Table A.6): mom12m (Jegadeesh &
 * Titman 1993, skipping the last month), mom1m (short-term reversal, Jegadeesh 1990), retvol
 * (volatility), beta (to the equal-weight market, Fama & MacBeth 1973), maxret (Bali, Cakici &
 * Whitelaw 2011).
 *
 * At rebalance date m (last trading day of month m in the panel), using data up to that day only:
 * - `momentum-12-1` = P_{m−1}/P_{m−12} − 1 with month-end prices (each asset's last price in the
 *                     month, resample.ts; needs 12 earlier month-ends);
 * - `reversal-1m`   = P_m/P_{m−1} − 1;
 * - `volatility`    = standard deviation (ddof 1) of daily simple returns over the last
 *                     `windowDays` daily rows, annualised ×√252;
 * - `beta`          = cov(r_i, r_EW)/var(r_EW) over the same rows, r_EW the equal-weight mean of
 *                     the assets' daily returns available that day, on days where r_i exists;
 * - `max-daily-return` = the largest daily return within month m.
 * Window statistics need at least `minObservationShare` of their rows present (max-daily-return:
 * of the month's rows), otherwise `NaN`. `ranked` rank-normalises each characteristic across
 * assets per date to [−1, 1] (rank-normalise.ts); `NaN` stays `NaN`.
 */

import type { Panel } from '../../../shared/domain/panel';
import { rankNormalise } from './rank-normalise';
import { monthBlocks, resampleMonthly } from './resample';
import { simpleReturns } from './returns';

/** Names of the characteristics, in the order of the last axis of the result arrays. */
export const PRICE_CHARACTERISTIC_NAMES = ['momentum-12-1', 'reversal-1m', 'volatility', 'beta', 'max-daily-return'] as const;

const N_CHARS = PRICE_CHARACTERISTIC_NAMES.length;

/** Options of {@link priceCharacteristics}. */
export interface PriceCharacteristicOptions {
  /** Daily rows in the volatility and beta window (default 252, one trading year). */
  readonly windowDays?: number;
  /** Share of rows that must be present for a window statistic, in (0, 1] (default 0.5). */
  readonly minObservationShare?: number;
}

/** Characteristics at each month-end; arrays are M × N × 5 with index (m·N + i)·5 + k. */
export interface PriceCharacteristics {
  /** Rebalance dates (last daily date of each month), length M. */
  readonly dates: readonly string[];
  readonly assets: readonly string[];
  readonly names: typeof PRICE_CHARACTERISTIC_NAMES;
  /** Raw values (decimals; volatility annualised). */
  readonly raw: Float64Array;
  /** Cross-sectionally rank-normalised to [−1, 1] per date and characteristic. */
  readonly ranked: Float64Array;
}

function windowStats(
  returns: Float64Array,
  market: Float64Array,
  n: number,
  asset: number,
  from: number,
  to: number,
  minCount: number,
): { volatility: number; beta: number } {
  let count = 0;
  let sumR = 0;
  let sumM = 0;
  for (let r = from; r < to; r++) {
    const value = returns[r * n + asset];
    if (Number.isNaN(value)) continue;
    count++;
    sumR += value;
    sumM += market[r];
  }
  if (count < minCount || count < 2) return { volatility: Number.NaN, beta: Number.NaN };
  const meanR = sumR / count;
  const meanM = sumM / count;
  let varR = 0;
  let varM = 0;
  let cov = 0;
  for (let r = from; r < to; r++) {
    const value = returns[r * n + asset];
    if (Number.isNaN(value)) continue;
    const dr = value - meanR;
    const dm = market[r] - meanM;
    varR += dr * dr;
    varM += dm * dm;
    cov += dr * dm;
  }
  return { volatility: Math.sqrt((varR / (count - 1)) * 252), beta: varM > 0 ? cov / varM : Number.NaN };
}

/**
 * Computes the five characteristics for every month-end of a daily price panel.
 *
 * @param prices - daily T × N price panel, ascending ISO `YYYY-MM-DD` dates, positive or `NaN`; not mutated.
 */
export function priceCharacteristics(prices: Panel, options: PriceCharacteristicOptions = {}): PriceCharacteristics {
  const windowDays = options.windowDays ?? 252;
  const share = options.minObservationShare ?? 0.5;
  if (!Number.isInteger(windowDays) || windowDays < 2) throw new Error(`windowDays must be an integer ≥ 2, got ${windowDays}`);
  if (!(share > 0 && share <= 1)) throw new Error(`minObservationShare must be in (0, 1], got ${share}`);
  const n = prices.assets.length;
  const t = prices.dates.length;
  const daily = simpleReturns(prices).values;
  // Row r of `returns` is the return into price row r (row 0 has none).
  const returns = new Float64Array(t * n).fill(Number.NaN);
  returns.set(daily, n);
  const market = new Float64Array(t).fill(Number.NaN);
  for (let r = 1; r < t; r++) {
    let sum = 0;
    let count = 0;
    for (let j = 0; j < n; j++) {
      const value = returns[r * n + j];
      if (!Number.isNaN(value)) {
        sum += value;
        count++;
      }
    }
    if (count > 0) market[r] = sum / count;
  }
  const blocks = monthBlocks(prices.dates);
  const m = blocks.length;
  const raw = new Float64Array(m * n * N_CHARS).fill(Number.NaN);
  const monthEnd = resampleMonthly(prices).values;
  const monthEndPrice = (month: number, asset: number): number => monthEnd[month * n + asset];
  const minWindow = Math.ceil(share * windowDays);
  for (let month = 0; month < m; month++) {
    const end = blocks[month].end;
    const from = Math.max(1, end - windowDays);
    const monthFrom = Math.max(1, blocks[month].start);
    const minMonth = Math.ceil(share * (end - blocks[month].start));
    for (let i = 0; i < n; i++) {
      const base = (month * n + i) * N_CHARS;
      if (month >= 12) raw[base] = monthEndPrice(month - 1, i) / monthEndPrice(month - 12, i) - 1;
      if (month >= 1) raw[base + 1] = monthEndPrice(month, i) / monthEndPrice(month - 1, i) - 1;
      const stats = windowStats(returns, market, n, i, from, end, minWindow);
      raw[base + 2] = stats.volatility;
      raw[base + 3] = stats.beta;
      let max = -Infinity;
      let count = 0;
      for (let r = monthFrom; r < end; r++) {
        const value = returns[r * n + i];
        if (Number.isNaN(value)) continue;
        count++;
        if (value > max) max = value;
      }
      if (count >= Math.max(1, minMonth)) raw[base + 4] = max;
    }
  }
  const ranked = new Float64Array(m * n * N_CHARS);
  const column = new Float64Array(m * n);
  for (let k = 0; k < N_CHARS; k++) {
    for (let q = 0; q < m * n; q++) column[q] = raw[q * N_CHARS + k];
    const normalised = rankNormalise(column, m, n);
    for (let q = 0; q < m * n; q++) ranked[q * N_CHARS + k] = normalised[q];
  }
  return { dates: blocks.map((block) => prices.dates[block.end - 1]), assets: prices.assets.slice(), names: PRICE_CHARACTERISTIC_NAMES, raw, ranked };
}
