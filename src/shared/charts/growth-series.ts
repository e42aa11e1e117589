/**
 * Turns a panel into lines worth plotting: prices normalised to 100 at each asset's first
 * observation, returns compounded into a growth index starting at 100. Then downsampled to at most
 * `maxPoints` dates (every k-th date, the last one always kept) so a 5,000-day panel stays light.
 */
import type { Panel } from '../domain/panel';

export interface GrowthSeries {
  dates: string[];
  series: { name: string; values: (number | null)[] }[];
}

/** Indices of every k-th of `length` points (k chosen so at most ~`maxPoints` remain), the last always kept. */
export function sampleIndices(length: number, maxPoints: number): number[] {
  const step = Math.max(1, Math.ceil(length / maxPoints));
  const keep: number[] = [];
  for (let i = 0; i < length; i += step) keep.push(i);
  if (length > 0 && keep[keep.length - 1] !== length - 1) keep.push(length - 1);
  return keep;
}

export function growthSeries(panel: Panel, columns: readonly number[], maxPoints: number): GrowthSeries {
  const t = panel.dates.length;
  const n = panel.assets.length;
  const keep = sampleIndices(t, maxPoints);
  const compound = panel.kind === 'returns' || panel.kind === 'factors';
  const series = columns.map((column) => {
    const line = new Array<number | null>(t).fill(null);
    let level = Number.NaN;
    for (let i = 0; i < t; i++) {
      const value = panel.values[i * n + column];
      if (Number.isNaN(value)) continue;
      if (compound) {
        level = (Number.isNaN(level) ? 100 : level) * (1 + value);
        line[i] = level;
      } else {
        if (Number.isNaN(level)) level = value;
        line[i] = level !== 0 ? (100 * value) / level : null;
      }
    }
    return { name: panel.assets[column], values: keep.map((i) => line[i]) };
  });
  return { dates: keep.map((i) => panel.dates[i]), series };
}
