/**
 * ECharts option for turnover over time: one-way turnover ½‖Δw‖₁ of each rebalance as bars, with
 * the mean over all scheduled rebalances as a dashed line. Pure data → option, for the UI and the
 * PDF report.
 */
import type { EChartsOption } from 'echarts';
import { LIGHT_THEME, type ChartTheme } from './normalised-prices';

export interface TurnoverSeries {
  /** Rebalance dates, length R (possibly thinned). */
  dates: string[];
  /** One-way turnover per rebalance as a fraction of value (0.1 = 10 % traded). */
  values: number[];
  /** Mean one-way turnover over every scheduled rebalance (before thinning). */
  mean: number;
}

const percent = (value: number): string => `${(value * 100).toFixed(value !== 0 && Math.abs(value) < 0.1 ? 1 : 0)} %`;

export function turnoverOption(data: TurnoverSeries, theme: ChartTheme = LIGHT_THEME): EChartsOption {
  const axisLabel = { color: theme.text };
  return {
    backgroundColor: theme.background,
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? percent(value) : String(value)) },
    legend: { bottom: 0, textStyle: { color: theme.text } },
    grid: { left: 60, right: 24, top: 28, bottom: 48 },
    xAxis: { type: 'category', data: data.dates, axisLabel, axisLine: { lineStyle: { color: theme.grid } } },
    yAxis: { type: 'value', name: 'one-way turnover', min: 0, nameTextStyle: { color: theme.text, align: 'left' }, axisLabel: { ...axisLabel, formatter: (v: number) => percent(v) }, splitLine: { lineStyle: { color: theme.grid } } },
    color: ['#2a9d8f', '#e07a1f'],
    series: [
      { name: 'turnover per rebalance', type: 'bar', data: data.values, barMaxWidth: 8, large: data.values.length > 400 },
      {
        name: `mean ${percent(data.mean)}`,
        type: 'line',
        data: data.dates.map(() => data.mean),
        showSymbol: false,
        lineStyle: { width: 1.2, type: 'dashed' },
      },
    ],
  };
}
