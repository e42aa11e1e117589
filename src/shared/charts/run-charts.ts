/**
 * ECharts options for a run: equity with drawdown underneath, and weights over time (stacked
 * area). Pure data → option, shared by the UI and the PDF report.
 */
import type { EChartsOption } from 'echarts';
import { LIGHT_THEME, type ChartTheme } from './normalised-prices';

export interface EquityLine {
  name: string;
  dates: string[];
  equity: number[];
  drawdown: number[];
}

export function equityDrawdownOption(lines: EquityLine[], theme: ChartTheme = LIGHT_THEME): EChartsOption {
  const dates = lines[0]?.dates ?? [];
  const axis = { axisLabel: { color: theme.text }, axisLine: { lineStyle: { color: theme.grid } } };
  return {
    backgroundColor: theme.background,
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? value.toFixed(3) : String(value)) },
    legend: { bottom: 0, textStyle: { color: theme.text } },
    grid: [
      { left: 60, right: 24, top: 16, height: '55%' },
      { left: 60, right: 24, top: '70%', bottom: 40 },
    ],
    xAxis: [
      { type: 'category', data: dates, gridIndex: 0, ...axis, axisLabel: { show: false } },
      { type: 'category', data: dates, gridIndex: 1, ...axis },
    ],
    yAxis: [
      { type: 'log', name: 'equity', gridIndex: 0, nameTextStyle: { color: theme.text }, ...axis, splitLine: { lineStyle: { color: theme.grid } } },
      { type: 'value', name: 'drawdown', gridIndex: 1, max: 0, nameTextStyle: { color: theme.text }, ...axis, axisLabel: { color: theme.text, formatter: (v: number) => `${Math.round(v * 100)} %` }, splitLine: { lineStyle: { color: theme.grid } } },
    ],
    series: lines.flatMap((line) => [
      { name: line.name, type: 'line', xAxisIndex: 0, yAxisIndex: 0, data: line.equity, showSymbol: false, lineStyle: { width: 1.4 } },
      { name: line.name, type: 'line', xAxisIndex: 1, yAxisIndex: 1, data: line.drawdown, showSymbol: false, areaStyle: { opacity: 0.25 }, lineStyle: { width: 1 } },
    ]),
  };
}

export function weightsAreaOption(weights: { dates: string[]; assets: string[]; values: number[][] }, theme: ChartTheme = LIGHT_THEME): EChartsOption {
  return {
    backgroundColor: theme.background,
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? `${(value * 100).toFixed(1)} %` : String(value)) },
    legend: { type: 'scroll', bottom: 0, textStyle: { color: theme.text } },
    grid: { left: 60, right: 24, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: weights.dates, boundaryGap: false, axisLabel: { color: theme.text } },
    yAxis: { type: 'value', max: (extent: { max: number }) => (extent.max <= 1 + 1e-9 ? 1 : extent.max), axisLabel: { color: theme.text, formatter: (v: number) => `${Math.round(v * 100)} %` }, splitLine: { lineStyle: { color: theme.grid } } },
    series: weights.assets.map((asset, index) => ({
      name: asset,
      type: 'line',
      stack: 'weights',
      areaStyle: {},
      showSymbol: false,
      lineStyle: { width: 0.5 },
      data: weights.values.map((row) => row[index]),
    })),
  };
}
