/**
 * ECharts option for concentration over time: the effective number of holdings (Σ|w|)²/Σw² on
 * the left axis and the largest single position on the right, per rebalance. Pure data → option,
 * for the PDF report (server-side SVG) and the UI alike.
 */
import type { EChartsOption } from 'echarts';
import { LIGHT_THEME, type ChartTheme } from './normalised-prices';

export interface ConcentrationSeries {
  dates: string[];
  effectiveN: (number | null)[];
  /** Largest |w| as a fraction of value. */
  largestWeight: number[];
}

export function concentrationOption(data: ConcentrationSeries, theme: ChartTheme = LIGHT_THEME): EChartsOption {
  const axisLabel = { color: theme.text };
  return {
    backgroundColor: theme.background,
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, textStyle: { color: theme.text } },
    grid: { left: 60, right: 60, top: 28, bottom: 48 },
    xAxis: { type: 'category', data: data.dates, axisLabel, axisLine: { lineStyle: { color: theme.grid } } },
    yAxis: [
      { type: 'value', name: 'effective N', min: 0, nameTextStyle: { color: theme.text }, axisLabel, splitLine: { lineStyle: { color: theme.grid } } },
      { type: 'value', name: 'largest position', min: 0, nameTextStyle: { color: theme.text }, axisLabel: { ...axisLabel, formatter: (v: number) => `${Math.round(v * 100)} %` }, splitLine: { show: false } },
    ],
    color: ['#1d4e89', '#c0392b'],
    series: [
      { name: 'effective N', type: 'line', yAxisIndex: 0, data: data.effectiveN, showSymbol: false, lineStyle: { width: 1.2 } },
      { name: 'largest position', type: 'line', yAxisIndex: 1, data: data.largestWeight, showSymbol: false, lineStyle: { width: 0.8 } },
    ],
  };
}
