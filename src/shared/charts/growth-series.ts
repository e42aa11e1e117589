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

export function growthSeries(panel: Panel, columns: readonly number[], maxPoints: number): GrowthSeries {
  const t = panel.dates.length;
  const n = panel.assets.length;
  const step = Math.max(1, Math.ceil(t / maxPoints));
  const keep: number[] = [];
  for (let i = 0; i < t; i += step) keep.push(i);
  if (t > 0 && keep[keep.length - 1] !== t - 1) keep.push(t - 1);
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
