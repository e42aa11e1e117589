/** Sampling frequency from ascending ISO dates (`YYYY-MM-DD` or `YYYY-MM`), by the median gap. */
import type { Frequency } from '../../shared/domain/panel';

function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

export function detectFrequency(dates: readonly string[]): Frequency {
  if (dates.length < 2) return 'irregular';
  const monthly = dates[0].length === 7;
  const gaps: number[] = [];
  for (let i = 1; i < dates.length; i++) {
    gaps.push(monthly ? monthIndex(dates[i]) - monthIndex(dates[i - 1]) : (Date.parse(dates[i]) - Date.parse(dates[i - 1])) / 86_400_000);
  }
  gaps.sort((a, b) => a - b);
  const median = gaps[gaps.length >> 1];
  if (monthly) return median === 1 ? 'monthly' : median === 3 ? 'quarterly' : median === 12 ? 'annual' : 'irregular';
  if (median <= 4) return 'daily';
  if (median <= 10) return 'weekly';
  if (median >= 27 && median <= 35) return 'monthly';
  if (median >= 85 && median <= 95) return 'quarterly';
  if (median >= 360 && median <= 370) return 'annual';
  return 'irregular';
}
