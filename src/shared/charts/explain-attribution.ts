/**
 * ECharts options for gradient attributions (issue 7): bars of a target's attribution by feature
 * group with one series per run (decoupled and end-to-end side by side), and an asset × feature
 * group heatmap on a scale diverging around zero. Pure data → option, for the Explain page and the
 * PDF report alike.
 */
import type { EChartsOption } from 'echarts';
import { LIGHT_THEME, type ChartTheme } from './normalised-prices';
import { isDark } from './report-weights-heatmap';

/** One run's bars for one target: `values[g]` is the signed attribution of `groups[g]`. */
export interface AttributionBarsRun {
  name: string;
  values: number[];
}

/** Run colours, in request order (run, then the run it is compared with). */
export const RUN_COLORS = ['#1d5fbf', '#d9541e'];

const signed = (value: number): string => (value === 0 ? '0' : Math.abs(value) >= 0.01 ? value.toFixed(3) : value.toExponential(1));

/**
 * Horizontal bars by feature group, one series per run.
 * @throws when a run has a value count different from the group count.
 */
export function attributionBarsOption(groups: readonly string[], runs: readonly AttributionBarsRun[], theme: ChartTheme = LIGHT_THEME): EChartsOption {
  for (const run of runs) {
    if (run.values.length !== groups.length) throw new Error(`runs[${run.name}].values has ${run.values.length} entries for ${groups.length} groups`);
  }
  return {
    backgroundColor: theme.background,
    animation: false,
    color: RUN_COLORS,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value) => (typeof value === 'number' ? signed(value) : String(value)) },
    legend: { show: runs.length > 1, bottom: 0, left: 0, orient: 'vertical', itemHeight: 8, textStyle: { color: theme.text, fontSize: 11 } },
    grid: { left: 120, right: 24, top: 8, bottom: runs.length > 1 ? 30 + 18 * runs.length : 24 },
    xAxis: { type: 'value', axisLabel: { color: theme.text, fontSize: 10, formatter: (v: number) => signed(v) }, splitLine: { lineStyle: { color: theme.grid } } },
    yAxis: { type: 'category', data: [...groups], inverse: true, axisLabel: { color: theme.text }, axisLine: { lineStyle: { color: theme.grid } } },
    series: runs.map((run) => ({ name: run.name, type: 'bar', barMaxWidth: 12, data: run.values })),
  };
}

/** A feature group's signed attribution and the sum of its |attributions|. */
export interface GroupBar {
  group: string;
  value: number;
  magnitude: number;
}

/**
 * What to draw for one target's bars on the shared group list: the signed values, unless they all
 * cancel (|value| ≤ 1e-6 of the largest magnitude, as for μ̂ averaged over a cross-sectionally
 * centred predictor), then the magnitudes. Groups a run lacks are 0.
 */
export function groupBarValues(groups: readonly string[], bars: readonly GroupBar[]): { values: number[]; measure: 'signed' | 'magnitude' } {
  const byGroup = new Map(bars.map((bar) => [bar.group, bar]));
  const largest = Math.max(0, ...bars.map((bar) => bar.magnitude));
  const cancels = largest > 0 && bars.every((bar) => Math.abs(bar.value) <= 1e-6 * largest);
  return { values: groups.map((group) => (cancels ? byGroup.get(group)?.magnitude : byGroup.get(group)?.value) ?? 0), measure: cancels ? 'magnitude' : 'signed' };
}

export interface AttributionHeatmap {
  /** Row labels, length K. */
  assets: string[];
  /** Column labels, length G. */
  groups: string[];
  /** K × G signed attributions, `values[k][g]`. */
  values: number[][];
}

/** The largest |value| of the matrices: one colour scale for heatmaps shown side by side. */
export function sharedBound(matrices: readonly AttributionHeatmap[]): number {
  return Math.max(1e-12, ...matrices.flatMap((matrix) => matrix.values.flatMap((row) => row.map(Math.abs))));
}

/**
 * Asset × group heatmap of signed attributions: red negative, blue positive, zero the background
 * (on a dark background the strongest cells are the lightest). `scale` fixes the colour range to
 * ±scale (e.g. {@link sharedBound} of two runs' matrices); by default the matrix's own largest |value|.
 * @throws when the matrix is not K × G.
 */
export function attributionHeatmapOption(data: AttributionHeatmap, theme: ChartTheme = LIGHT_THEME, scale?: number): EChartsOption {
  if (data.values.length !== data.assets.length) throw new Error(`values has ${data.values.length} rows for ${data.assets.length} assets`);
  let bound = scale !== undefined && scale > 0 ? scale : 1e-12;
  const cells: [number, number, number][] = [];
  data.values.forEach((row, k) => {
    if (row.length !== data.groups.length) throw new Error(`values[${k}] has ${row.length} entries for ${data.groups.length} groups`);
    row.forEach((value, g) => {
      bound = Math.max(bound, Math.abs(value));
      cells.push([g, k, value]);
    });
  });
  const dark = isDark(theme.background);
  return {
    backgroundColor: theme.background,
    animation: false,
    tooltip: { position: 'top', valueFormatter: (value) => (typeof value === 'number' ? signed(value) : String(value)) },
    grid: { left: 70, right: 16, top: 8, bottom: 78 },
    xAxis: { type: 'category', data: data.groups, axisLabel: { color: theme.text, fontSize: 10, rotate: 30, interval: 0 }, axisLine: { lineStyle: { color: theme.grid } } },
    yAxis: { type: 'category', data: data.assets, inverse: true, axisLabel: { color: theme.text, fontSize: 10, interval: 0 }, axisLine: { lineStyle: { color: theme.grid } } },
    visualMap: {
      type: 'continuous',
      min: -bound,
      max: bound,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 200,
      itemWidth: 9,
      text: [signed(bound), signed(-bound)],
      textStyle: { color: theme.text },
      inRange: { color: dark ? ['#f4a582', theme.background, '#92c5de'] : ['#b2182b', theme.background, '#2166ac'] },
    },
    series: [{ type: 'heatmap', data: cells, progressive: 0 }],
  };
}

/** Height in px that gives each heatmap row about `rowPx` pixels plus the axes and the scale. */
export function heatmapHeight(rows: number, rowPx = 16): number {
  return Math.max(180, 90 + rows * rowPx);
}
