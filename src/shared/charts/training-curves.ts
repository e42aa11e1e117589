/**
 * ECharts option for a training stage: training and validation loss per epoch (left axis) and the
 * gradient norm (right axis, log), with the kept epoch marked. Shared by the UI and the report.
 */
import type { EChartsOption } from 'echarts';
import { LIGHT_THEME, type ChartTheme } from './normalised-prices';

export interface TrainingCurve {
  stage: string;
  epochs: number[];
  trainLoss: number[];
  valLoss: (number | null)[];
  gradNorm: number[];
  bestEpoch: number;
}

export function trainingCurvesOption(curve: TrainingCurve, theme: ChartTheme = LIGHT_THEME): EChartsOption {
  const axis = { axisLabel: { color: theme.text }, nameTextStyle: { color: theme.text }, splitLine: { lineStyle: { color: theme.grid } } };
  return {
    backgroundColor: theme.background,
    animation: false,
    title: { text: `${curve.stage} training`, left: 8, textStyle: { color: theme.text, fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, textStyle: { color: theme.text } },
    grid: { left: 60, right: 60, top: 44, bottom: 48 },
    xAxis: { type: 'category', name: 'epoch', data: curve.epochs.map(String), ...axis },
    yAxis: [
      { type: 'value', scale: true, ...axis },
      { type: 'log', name: 'gradient norm', ...axis, splitLine: { show: false } },
    ],
    series: [
      {
        name: 'training loss',
        type: 'line',
        data: curve.trainLoss,
        showSymbol: false,
        markLine: curve.bestEpoch > 0 ? { symbol: 'none', data: [{ xAxis: String(curve.bestEpoch) }], label: { formatter: 'kept', color: theme.text } } : undefined,
      },
      { name: 'validation loss', type: 'line', data: curve.valLoss, showSymbol: false },
      { name: 'gradient norm', type: 'line', yAxisIndex: 1, data: curve.gradNorm, showSymbol: false, lineStyle: { type: 'dotted' } },
    ],
  };
}
