/**
 * ECharts option for a run's rolling Sharpe ratio: the annualised Sharpe of the trailing window
 * of net returns at each period (null until the window fills, or when it has no dispersion), with
 * the zero line marked. Pure data → option, shared by the UI and the PDF report.
 */
import type { EChartsOption } from 'echarts';
import { LIGHT_THEME, type ChartTheme } from './normalised-prices';
import { seriesPalette } from './palette';

export interface RollingSharpeLine {
  /** Period labels, length P. */
  dates: string[];
  /** Annualised Sharpe of the `window` periods ending at each date; null before the window fills. */
  values: (number | null)[];
  /** Periods in each window (12 monthly, 63 daily). */
  window: number;
}

export function rollingSharpeOption(lines: { name: string; line: RollingSharpeLine }[], theme: ChartTheme = LIGHT_THEME): EChartsOption {
  const dates = lines[0]?.line.dates ?? [];
  const axisLabel = { color: theme.text };
  return {
    backgroundColor: theme.background,
    color: seriesPalette(theme.background),
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? value.toFixed(2) : '—') },
    legend: { bottom: 0, textStyle: { color: theme.text } },
    grid: { left: 60, right: 24, top: 28, bottom: 48 },
    xAxis: { type: 'category', data: dates, axisLabel, axisLine: { lineStyle: { color: theme.grid } } },
    yAxis: { type: 'value', name: 'Sharpe (annualised)', nameTextStyle: { color: theme.text, align: 'left' }, axisLabel, splitLine: { lineStyle: { color: theme.grid } } },
    series: lines.map(({ name, line }, index) => ({
      name: `${name} (${line.window}-period window)`,
      type: 'line',
      data: line.values,
      showSymbol: false,
      connectNulls: false,
      lineStyle: { width: 1.3 },
      ...(index === 0 ? { markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: theme.text, opacity: 0.5, type: 'dashed', width: 1 }, data: [{ yAxis: 0 }] } } : {}),
    })),
  };
}
