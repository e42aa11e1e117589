/**
 * Daily → monthly resampling of a price (or level) panel: last observation of each month.
 */

import type { Panel } from '../../../shared/domain/panel';

/** Calendar month `YYYY-MM` of an ISO date `YYYY-MM-DD` or `YYYY-MM`. */
export function monthOf(date: string): string {
  if (!/^\d{4}-\d{2}(-\d{2})?$/.test(date)) throw new Error(`date "${date}" is not an ISO date YYYY-MM-DD or YYYY-MM`);
  return date.slice(0, 7);
}

/** Row range [start, end) of each calendar month in ascending `dates`. */
export interface MonthBlock {
  readonly month: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Splits ascending dates into calendar months.
 *
 * @throws when dates are not ascending ISO dates.
 */
export function monthBlocks(dates: readonly string[]): MonthBlock[] {
  const blocks: MonthBlock[] = [];
  for (let r = 0; r < dates.length; r++) {
    if (r > 0 && !(dates[r] > dates[r - 1])) throw new Error(`dates must be strictly ascending: "${dates[r - 1]}" then "${dates[r]}"`);
    const month = monthOf(dates[r]);
    const last = blocks[blocks.length - 1];
    if (last !== undefined && last.month === month) blocks[blocks.length - 1] = { month, start: last.start, end: r + 1 };
    else blocks.push({ month, start: r, end: r + 1 });
  }
  return blocks;
}

/**
 * Month-end resampling: for each calendar month present in the panel, each asset's last non-missing
 * value within that month (`NaN` if it has none there). The row is dated with the panel's last date
 * in the month (the rebalance date), so dates stay valid `YYYY-MM-DD` keys.
 *
 * @param panel - T × N panel with ascending ISO dates; `NaN` = missing; not mutated.
 * @returns M × N panel, frequency `monthly`, same kind and assets.
 */
export function resampleMonthly(panel: Panel): Panel {
  const n = panel.assets.length;
  if (panel.dates.length === 0) throw new Error('resampleMonthly: panel has no rows');
  if (panel.values.length !== panel.dates.length * n) {
    throw new Error(`resampleMonthly: panel.values has length ${panel.values.length}, expected T × N = ${panel.dates.length} × ${n}`);
  }
  const blocks = monthBlocks(panel.dates);
  const values = new Float64Array(blocks.length * n).fill(Number.NaN);
  blocks.forEach((block, m) => {
    for (let j = 0; j < n; j++) {
      for (let r = block.end - 1; r >= block.start; r--) {
        const value = panel.values[r * n + j];
        if (Number.isNaN(value)) continue;
        if (!Number.isFinite(value)) throw new Error(`resampleMonthly: panel[${panel.dates[r]}, ${panel.assets[j]}] is ${value}`);
        values[m * n + j] = value;
        break;
      }
    }
  });
  return {
    kind: panel.kind,
    frequency: 'monthly',
    dates: blocks.map((block) => panel.dates[block.end - 1]),
    assets: panel.assets.slice(),
    values,
  };
}
