/**
 * ECharts option: the eigenvalue map, sample correlation eigenvalue → cleaned eigenvalue, for the
 * learned cleaner, QIS and RIE on the same window, on log–log axes with the diagonal (no cleaning)
 * for reference. Points below the diagonal are shrunk, above it raised.
 */
import type { EChartsOption } from 'echarts';
import type { EigenvalueMapSeriesData } from '../domain/cleaner-views';
import { LIGHT_THEME, type ChartTheme } from './normalised-prices';

/** The diagonal's end points: the smallest and largest value on either axis (positive only, for log axes). */
export function diagonalExtent(series: readonly EigenvalueMapSeriesData[]): [number, number] | null {
  let low = Infinity;
  let high = -Infinity;
  for (const { points } of series) {
    for (const [x, y] of points) {
      for (const v of [x, y]) {
        if (v > 0 && Number.isFinite(v)) {
          low = Math.min(low, v);
          high = Math.max(high, v);
        }
      }
    }
  }
  return low <= high ? [low, high] : null;
}

/** Log-axis tick: plain between 0.01 and 1,000, `1e-6` style outside, so small null eigenvalues stay legible. */
export function logTick(value: number): string {
  return value >= 0.01 && value <= 1000 ? String(value) : value.toExponential(0).replace('e+', 'e');
}

export function cleanerEigenvalueMapOption(series: readonly EigenvalueMapSeriesData[], theme: ChartTheme = LIGHT_THEME): EChartsOption {
  const axis = { axisLabel: { color: theme.text, formatter: logTick }, nameTextStyle: { color: theme.text }, splitLine: { lineStyle: { color: theme.grid } } };
  const extent = diagonalExtent(series);
  const positive = (points: [number, number][]): [number, number][] => points.filter(([x, y]) => x > 0 && y > 0);
  return {
    backgroundColor: theme.background,
    animation: false,
    title: { text: 'Eigenvalue map', subtext: 'sample correlation eigenvalue against its cleaned value', left: 8, textStyle: { color: theme.text, fontSize: 13 }, subtextStyle: { color: theme.text } },
    tooltip: { trigger: 'item', valueFormatter: (value) => (typeof value === 'number' ? value.toPrecision(3) : String(value)) },
    legend: { bottom: 0, textStyle: { color: theme.text } },
    grid: { left: 70, right: 24, top: 84, bottom: 66 },
    xAxis: { type: 'log', name: 'sample λ', nameLocation: 'middle', nameGap: 26, ...axis },
    yAxis: { type: 'log', name: 'cleaned λ', ...axis },
    series: [
      ...series.map((s) => ({ name: s.name, type: 'line' as const, data: positive(s.points), showSymbol: true, symbolSize: 4 })),
      ...(extent ? [{ name: 'no cleaning', type: 'line' as const, data: [[extent[0], extent[0]], [extent[1], extent[1]]], showSymbol: false, lineStyle: { type: 'dotted' as const, color: theme.text, width: 1 }, itemStyle: { color: theme.text }, tooltip: { show: false } }] : []),
    ],
  };
}
