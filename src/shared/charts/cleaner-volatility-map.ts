/**
 * ECharts option: the volatility map, each asset's annualised sample volatility → the marginal
 * volatility the cleaner assigns, with the diagonal for reference (points under it are damped).
 */
import type { EChartsOption } from 'echarts';
import type { VolatilityMapViewData } from '../domain/cleaner-views';
import { LIGHT_THEME, type ChartTheme } from './normalised-prices';

export function cleanerVolatilityMapOption(view: VolatilityMapViewData, theme: ChartTheme = LIGHT_THEME): EChartsOption {
  const axis = { axisLabel: { color: theme.text, formatter: (v: number) => `${Math.round(100 * v)} %` }, nameTextStyle: { color: theme.text }, splitLine: { lineStyle: { color: theme.grid } } };
  const all = [...view.sample, ...view.marginal].filter((v) => Number.isFinite(v));
  const low = all.length > 0 ? Math.min(...all) : 0;
  const high = all.length > 0 ? Math.max(...all) : 1;
  return {
    backgroundColor: theme.background,
    animation: false,
    title: { text: 'Volatility map', subtext: 'annualised sample volatility against the marginal volatility', left: 8, textStyle: { color: theme.text, fontSize: 13 }, subtextStyle: { color: theme.text } },
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const p = params as { dataIndex: number; seriesIndex: number };
        if (p.seriesIndex !== 0) return '';
        const i = p.dataIndex;
        return `${view.assets[i]}: ${(100 * view.sample[i]).toFixed(1)} % → ${(100 * view.marginal[i]).toFixed(1)} %`;
      },
    },
    legend: { bottom: 0, textStyle: { color: theme.text } },
    grid: { left: 70, right: 24, top: 84, bottom: 66 },
    xAxis: { type: 'value', name: 'sample volatility', nameLocation: 'middle', nameGap: 26, min: 0, ...axis },
    yAxis: { type: 'value', name: 'marginal volatility', min: 0, ...axis },
    series: [
      { name: 'assets', type: 'scatter', symbolSize: 5, data: view.sample.map((s, i) => [s, view.marginal[i]]) },
      { name: 'no change', type: 'line', data: [[low, low], [high, high]], showSymbol: false, lineStyle: { type: 'dotted', color: theme.text, width: 1 }, itemStyle: { color: theme.text } },
    ],
  };
}
