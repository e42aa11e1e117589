/**
 * ECharts option for the analog months of an explanation (METHODS §5 "Reading the result"): the
 * historical months nearest to the generated median on a time axis, at their NFCI level (above 0:
 * tighter than average financial conditions), nearer months drawn larger, the anchor marked.
 * Months without an NFCI value sit on the zero line, hollow. Pure data → option.
 */
import type { EChartsOption } from 'echarts';
import type { AnalogMonth } from '../domain/explain';
import { LIGHT_THEME, type ChartTheme } from './normalised-prices';

const TIGHT = '#c0392b';
const LOOSE = '#2a9d8f';

/** Symbol size from the Mahalanobis distance: the nearest analog 18 px, the farthest 8 px. */
export function analogSymbolSize(distance: number, nearest: number, farthest: number): number {
  if (!(farthest > nearest)) return 18;
  return 18 - (10 * (distance - nearest)) / (farthest - nearest);
}

/** `YYYY-MM` as the first of the month (UTC, ms). */
function monthTime(month: string): number {
  return Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1);
}

export function analogTimelineOption(analogs: readonly AnalogMonth[], anchor: string, theme: ChartTheme = LIGHT_THEME): EChartsOption {
  const distances = analogs.map((analog) => analog.distance);
  const nearest = Math.min(...distances);
  const farthest = Math.max(...distances);
  const point = (analog: AnalogMonth) => ({
    value: [monthTime(analog.month), analog.nfci ?? 0],
    name: analog.month,
    symbolSize: analogSymbolSize(analog.distance, nearest, farthest),
    itemStyle: analog.nfci === null ? { color: 'transparent', borderColor: theme.text, borderWidth: 1 } : { color: analog.nfci > 0 ? TIGHT : LOOSE },
    label: { show: true, position: 'top' as const, formatter: analog.month, color: theme.text, fontSize: 10 },
    distance: analog.distance,
  });
  const times = [...analogs.map((analog) => monthTime(analog.month)), monthTime(anchor)];
  const pad = 180 * 86_400_000;
  return {
    backgroundColor: theme.background,
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const item = params as { name: string; value: [number, number]; data: { distance: number } };
        const analog = analogs.find((a) => a.month === item.name);
        return `${item.name}<br/>distance ${item.data.distance.toFixed(2)}<br/>NFCI ${analog?.nfci === null || analog?.nfci === undefined ? 'n/a' : analog.nfci.toFixed(2)}`;
      },
    },
    grid: { left: 48, right: 24, top: 28, bottom: 28 },
    xAxis: { type: 'time', min: Math.min(...times) - pad, max: Math.max(...times) + pad, axisLabel: { color: theme.text }, axisLine: { lineStyle: { color: theme.grid } }, splitLine: { show: false } },
    yAxis: { type: 'value', name: 'NFCI', nameTextStyle: { color: theme.text }, axisLabel: { color: theme.text }, splitLine: { lineStyle: { color: theme.grid } } },
    series: [
      {
        type: 'scatter',
        data: analogs.map(point),
        labelLayout: { hideOverlap: true },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: theme.text, type: 'dashed', width: 1 },
          label: { color: theme.text, fontSize: 10, formatter: `anchor ${anchor}` },
          data: [{ xAxis: monthTime(anchor) }, { yAxis: 0, label: { show: false }, lineStyle: { color: theme.grid, type: 'solid' } }],
        },
      },
    ],
  };
}
