/**
 * ECharts option: the learned cleaner's lag weights (variance weight α_t² per lag, normalised)
 * beside an EWMA with the same half-life, lag 1 = the most recent day. A power-law profile shows
 * as a heavier tail than the EWMA's geometric decay. Shared by the Cleaner page and the report.
 */
import type { EChartsOption } from 'echarts';
import type { LagWeightsViewData } from '../domain/cleaner-views';
import { logTick } from './cleaner-eigenvalue-map';
import { LIGHT_THEME, type ChartTheme } from './normalised-prices';

export function cleanerLagWeightsOption(view: LagWeightsViewData, theme: ChartTheme = LIGHT_THEME): EChartsOption {
  const axis = { axisLabel: { color: theme.text, formatter: logTick }, nameTextStyle: { color: theme.text }, splitLine: { lineStyle: { color: theme.grid } } };
  const pairs = (values: number[]): [number, number][] => view.lags.map((lag, k) => [lag, values[k]]);
  return {
    backgroundColor: theme.background,
    animation: false,
    title: { text: 'Lag weights', subtext: `half of the weight within ${view.halfLife.toFixed(1)} days`, left: 8, textStyle: { color: theme.text, fontSize: 13 }, subtextStyle: { color: theme.text } },
    tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? value.toExponential(2) : String(value)) },
    legend: { bottom: 0, textStyle: { color: theme.text } },
    grid: { left: 70, right: 24, top: 84, bottom: 66 },
    xAxis: { type: 'value', name: 'lag (days)', nameLocation: 'middle', nameGap: 26, min: 1, max: view.lags.length, ...axis },
    yAxis: { type: 'log', name: 'share of weight', ...axis },
    series: [
      { name: 'learned (α²)', type: 'line', data: pairs(view.learned), showSymbol: false },
      { name: `EWMA, half-life ${view.halfLife.toFixed(1)} d`, type: 'line', data: pairs(view.ewma), showSymbol: false, lineStyle: { type: 'dashed' } },
    ],
  };
}
