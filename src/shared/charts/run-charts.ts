/**
 * ECharts options for a run: equity with drawdown underneath, and weights over time (stacked
 * area). Pure data → option, shared by the UI and the PDF report.
 */
import type { EChartsOption } from 'echarts';
import { otherColor, seriesPalette } from './palette';
import { LIGHT_THEME, type ChartTheme } from './normalised-prices';

/** Powers of two around the data: a log axis that fills the plot (base 10 leaves 1 → 4 in one band). */
const powerOfTwoBelow = (extent: { min: number }): number => 2 ** Math.floor(Math.log2(Math.max(extent.min, 1e-9)));
const powerOfTwoAbove = (extent: { max: number }): number => 2 ** Math.ceil(Math.log2(Math.max(extent.max, 1e-9)));

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
    color: seriesPalette(theme.background),
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? value.toFixed(3) : String(value)) },
    legend: { bottom: 0, textStyle: { color: theme.text } },
    grid: [
      { left: 60, right: 24, top: 28, height: '52%' },
      { left: 60, right: 24, top: '70%', bottom: 40 },
    ],
    xAxis: [
      { type: 'category', data: dates, gridIndex: 0, ...axis, axisLabel: { show: false } },
      { type: 'category', data: dates, gridIndex: 1, ...axis },
    ],
    yAxis: [
      {
        type: 'log',
        logBase: 2,
        min: powerOfTwoBelow,
        max: powerOfTwoAbove,
        name: 'equity (growth of 1)',
        gridIndex: 0,
        nameTextStyle: { color: theme.text, align: 'left' },
        ...axis,
        axisLabel: { color: theme.text, formatter: (v: number) => String(Number(v.toPrecision(3))) },
        splitLine: { lineStyle: { color: theme.grid } },
      },
      { type: 'value', name: 'drawdown', gridIndex: 1, max: 0, splitNumber: 3, nameTextStyle: { color: theme.text, align: 'left' }, ...axis, axisLabel: { color: theme.text, formatter: (v: number) => `${Math.round(v * 100)} %` }, splitLine: { lineStyle: { color: theme.grid } } },
    ],
    series: lines.flatMap((line) => [
      { name: line.name, type: 'line', xAxisIndex: 0, yAxisIndex: 0, data: line.equity, showSymbol: false, lineStyle: { width: 1.4 } },
      { name: line.name, type: 'line', xAxisIndex: 1, yAxisIndex: 1, data: line.drawdown, showSymbol: false, areaStyle: { opacity: 0.25 }, lineStyle: { width: 1 } },
    ]),
  };
}

export function weightsAreaOption(weights: { dates: string[]; assets: string[]; values: number[][] }, theme: ChartTheme = LIGHT_THEME): EChartsOption {
  const palette = seriesPalette(theme.background);
  return {
    backgroundColor: theme.background,
    color: weights.assets.map((asset, i) => (asset.startsWith('other') ? otherColor(theme.background) : palette[i % palette.length])),
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
