/**
 * ECharts option for a dataset's growth chart (prices normalised to 100, or returns compounded).
 * Pure data → option, so the renderer and the PDF report (server-side SVG) draw the same chart.
 */
import type { EChartsOption } from 'echarts';
import type { GrowthSeries } from './growth-series';
import { seriesPalette } from './palette';

export interface ChartTheme {
  text: string;
  grid: string;
  background: string;
}

export const LIGHT_THEME: ChartTheme = { text: '#1f2933', grid: '#d9dee3', background: '#ffffff' };
export const DARK_THEME: ChartTheme = { text: '#e4e7eb', grid: '#3e4c59', background: '#1f2430' };

export function normalisedPricesOption(data: GrowthSeries, options: { title?: string; logScale?: boolean; theme?: ChartTheme } = {}): EChartsOption {
  const theme = options.theme ?? LIGHT_THEME;
  return {
    backgroundColor: theme.background,
    color: seriesPalette(theme.background),
    animation: false,
    title: options.title ? { text: options.title, left: 8, textStyle: { color: theme.text, fontSize: 14 } } : undefined,
    tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? value.toFixed(1) : String(value)) },
    legend: { type: 'scroll', bottom: 0, textStyle: { color: theme.text } },
    grid: { left: 56, right: 24, top: options.title ? 40 : 16, bottom: 48 },
    xAxis: { type: 'category', data: data.dates, axisLabel: { color: theme.text }, axisLine: { lineStyle: { color: theme.grid } } },
    yAxis: {
      type: options.logScale ? 'log' : 'value',
      axisLabel: { color: theme.text },
      splitLine: { lineStyle: { color: theme.grid } },
      scale: true,
    },
    series: data.series.map((line) => ({
      name: line.name,
      type: 'line',
      data: line.values,
      showSymbol: false,
      connectNulls: false,
      lineStyle: { width: 1.2 },
    })),
  };
}
