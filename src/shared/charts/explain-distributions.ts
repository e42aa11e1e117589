/**
 * ECharts options for a counterfactual explanation (METHODS §5): a prior-vs-tilted histogram pair
 * (a macro variable or a portfolio outcome) and the shift of every macro variable in standard units.
 * Pure data → option, for the Explain page and the PDF report (server-side SVG) alike.
 */
import type { EChartsOption } from 'echarts';
import type { HistogramPair } from '../domain/explain';
import { LIGHT_THEME, type ChartTheme } from './normalised-prices';

/** Prior p₀ in grey, tilted p_τ in the accent colour: the same pair on every chart. */
export const PRIOR_COLOR = '#8a96a3';
export const POSTERIOR_COLOR = '#d9541e';

export interface HistogramChart {
  title: string;
  histogram: HistogramPair;
  /** A vertical marker, e.g. the anchor month's own value. */
  marker?: { value: number; label: string };
  /** Axis and tooltip number format. */
  format?: (value: number) => string;
}

/** Bin centres of `edges` (bins + 1 entries), the x of each share. */
export function binCentres(edges: readonly number[]): number[] {
  if (edges.length < 2) throw new Error(`histogram.edges has ${edges.length} entries: it needs at least 2 (bins + 1)`);
  return edges.slice(1).map((edge, i) => (edges[i] + edge) / 2);
}

const compact = (value: number): string => (Math.abs(value) >= 100 || value === 0 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(2));

/**
 * Overlaid step-area histograms of the prior and the tilted draws on their shared bins.
 * @throws when the shares do not have one entry per bin.
 */
export function histogramPairOption(chart: HistogramChart, theme: ChartTheme = LIGHT_THEME): EChartsOption {
  const { edges, prior, posterior } = chart.histogram;
  const centres = binCentres(edges);
  if (prior.length !== centres.length || posterior.length !== centres.length) {
    throw new Error(`histogram of ${chart.title}: ${centres.length} bins but ${prior.length} prior and ${posterior.length} posterior shares`);
  }
  const format = chart.format ?? compact;
  // The edges are the axis ends; their labels would collide with the nearest round tick.
  const axisLabel = { color: theme.text, fontSize: 10, formatter: (v: number) => format(v), showMinLabel: false, showMaxLabel: false, hideOverlap: true };
  const area = (name: string, color: string, shares: number[], marker: boolean) => ({
    name,
    type: 'line' as const,
    step: 'middle' as const,
    data: centres.map((x, i) => [x, shares[i]]),
    showSymbol: false,
    lineStyle: { width: 1.4, color },
    itemStyle: { color },
    areaStyle: { color, opacity: 0.22 },
    ...(marker && chart.marker
      ? {
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: theme.text, type: 'dashed' as const, width: 1 },
            label: { color: theme.text, fontSize: 10, formatter: chart.marker.label },
            data: [{ xAxis: chart.marker.value }],
          },
        }
      : {}),
  });
  return {
    backgroundColor: theme.background,
    animation: false,
    title: { text: chart.title, left: 4, top: 0, textStyle: { color: theme.text, fontSize: 12, fontWeight: 600 } },
    tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? `${(value * 100).toFixed(1)} %` : String(value)) },
    legend: { bottom: 0, left: 'center', textStyle: { color: theme.text, fontSize: 10 }, itemWidth: 14, itemHeight: 8 },
    grid: { left: 40, right: 14, top: 30, bottom: 44 },
    xAxis: { type: 'value', min: edges[0], max: edges[edges.length - 1], axisLabel, axisLine: { lineStyle: { color: theme.grid } }, splitLine: { show: false } },
    yAxis: { type: 'value', min: 0, axisLabel: { color: theme.text, fontSize: 10, formatter: (v: number) => `${Math.round(v * 100)} %` }, splitLine: { lineStyle: { color: theme.grid } } },
    series: [area('prior p₀', PRIOR_COLOR, prior, false), area('tilted p_τ', POSTERIOR_COLOR, posterior, true)],
  };
}

export interface ShiftRow {
  name: string;
  /** (posterior mean − prior mean) / prior sd. */
  shift: number;
}

/** Horizontal bars of each macro variable's shift in prior standard deviations, with ±1 guides. */
export function shiftBarsOption(rows: readonly ShiftRow[], theme: ChartTheme = LIGHT_THEME): EChartsOption {
  const bound = Math.max(1, ...rows.map((row) => Math.abs(row.shift)));
  return {
    backgroundColor: theme.background,
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value) => (typeof value === 'number' ? `${value.toFixed(2)} sd` : String(value)) },
    grid: { left: 90, right: 24, top: 10, bottom: 28 },
    xAxis: { type: 'value', min: -bound, max: bound, name: 'shift (prior sd)', nameLocation: 'middle', nameGap: 20, nameTextStyle: { color: theme.text, fontSize: 10 }, axisLabel: { color: theme.text, fontSize: 10, formatter: (v: number) => v.toFixed(1) }, splitLine: { lineStyle: { color: theme.grid } } },
    yAxis: { type: 'category', data: rows.map((row) => row.name), inverse: true, axisLabel: { color: theme.text }, axisLine: { lineStyle: { color: theme.grid } } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 14,
        data: rows.map((row) => ({ value: row.shift, itemStyle: { color: row.shift >= 0 ? POSTERIOR_COLOR : '#2a6fb0' } })),
        markLine: { symbol: 'none', silent: true, label: { show: false }, lineStyle: { color: theme.grid, type: 'dashed' }, data: [{ xAxis: -1 }, { xAxis: 1 }] },
      },
    ],
  };
}
