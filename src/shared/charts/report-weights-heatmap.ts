/**
 * ECharts option for weights over time when there are too many assets to stack: a heatmap of the
 * largest holdings (rows) over periods (columns), one colour scale for all. Long-only weights
 * shade from the background to blue; with short positions the scale diverges around zero (red
 * short, blue long); on a dark background the largest weights are the lightest. Zero has the
 * background's colour, so zero cells are left out: a sparse portfolio draws only the cells it
 * holds. Pure data → option, for the PDF report (server-side SVG) and the UI.
 */
import type { EChartsOption } from 'echarts';
import { LIGHT_THEME, type ChartTheme } from './normalised-prices';
import { isDark } from './palette';

export { isDark };

/** Up to this many assets, weights stack as areas; beyond, the heatmap (on the Run page and in the report). */
export const STACKED_AREA_MAX_ASSETS = 12;
/** Rows (largest holdings) and columns (periods of consecutive rebalances) of the heatmap. */
export const HEATMAP_HOLDINGS = 25;
export const HEATMAP_COLUMNS = 120;

export interface WeightsHeatmap {
  /** Column labels (the first date of each period), length C. */
  dates: string[];
  /** Row labels, largest holding first, length K. */
  assets: string[];
  /** K × C weights as fractions (0.05 = 5 %), `values[k][c]`. */
  values: number[][];
}

/** Colour stops: on a dark background the largest weights are the lightest, so they stand out. */
function scale(diverging: boolean, dark: boolean, background: string): string[] {
  if (diverging) return dark ? ['#f4a582', background, '#92c5de'] : ['#b2182b', background, '#2166ac'];
  return dark ? [background, '#2b6ca3', '#c6dbef'] : [background, '#6baed6', '#08306b'];
}

export function weightsHeatmapOption(data: WeightsHeatmap, theme: ChartTheme = LIGHT_THEME): EChartsOption {
  let low = 0;
  let high = 0;
  const cells: [number, number, number][] = [];
  data.values.forEach((row, k) =>
    row.forEach((value, c) => {
      low = Math.min(low, value);
      high = Math.max(high, value);
      if (value !== 0) cells.push([c, k, value]);
    }),
  );
  const bound = Math.max(high, -low, 1e-12);
  const diverging = low < 0;
  const percent = (value: number): string => `${(value * 100).toFixed(value !== 0 && Math.abs(value) < 0.1 ? 1 : 0)} %`;
  return {
    backgroundColor: theme.background,
    animation: false,
    tooltip: { position: 'top', valueFormatter: (value) => (typeof value === 'number' ? percent(value) : String(value)) },
    grid: { left: 90, right: 24, top: 8, bottom: 62 },
    xAxis: { type: 'category', data: data.dates, splitArea: { show: false }, axisLabel: { color: theme.text }, axisLine: { lineStyle: { color: theme.grid } } },
    yAxis: { type: 'category', data: data.assets, inverse: true, axisLabel: { color: theme.text, fontSize: 10 }, axisLine: { lineStyle: { color: theme.grid } } },
    visualMap: {
      type: 'continuous',
      min: diverging ? -bound : 0,
      max: bound,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 200,
      itemWidth: 9,
      text: [percent(bound), percent(diverging ? -bound : 0)],
      textStyle: { color: theme.text },
      inRange: { color: scale(diverging, isDark(theme.background), theme.background) },
    },
    series: [{ type: 'heatmap', data: cells, progressive: 0 }],
  };
}
