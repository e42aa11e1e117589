/**
 * ECharts option for the sensitivity map of a sensitivity-optimiser run (METHODS.md §4): assets
 * (rows, in the dendrogram's leaf order so clusters read as blocks) × network inputs (columns:
 * drivers, then their lags), each cell the signed window-averaged ∂asset/∂driver in standardised
 * units. The colour scale diverges around zero (red negative, blue positive) and is symmetric, so
 * equal shades mean equal magnitudes whatever the sign. Pure data → option, for the Run page and the
 * PDF report (server-side SVG).
 */
import type { EChartsOption } from 'echarts';
import { LIGHT_THEME, type ChartTheme } from './normalised-prices';
import type { SensitivityWindow } from './sensitivity-data';

/** Above this many assets the row labels are thinned by ECharts rather than all drawn. */
export const SENSITIVITY_MAP_LABELLED_ASSETS = 60;

export interface SensitivityMapData {
  /** Row labels in display (leaf) order, length N. */
  assets: string[];
  /** Column labels, length P. */
  columns: string[];
  /** [column, row, value] cells. */
  cells: [number, number, number][];
  /** max |value|, the scale's half-range (> 0). */
  bound: number;
}

/**
 * The map's data: rows reordered by the dendrogram leaf order.
 *
 * @throws when the sensitivity rows or the order do not match the assets.
 */
export function sensitivityMapData(window: Pick<SensitivityWindow, 'assets' | 'columns' | 'sensitivities' | 'order'>): SensitivityMapData {
  const n = window.assets.length;
  if (window.sensitivities.length !== n) throw new Error(`sensitivities has ${window.sensitivities.length} rows, expected one per asset (${n})`);
  const order = window.order.length === n ? window.order : window.assets.map((_, i) => i);
  if (new Set(order).size !== n || order.some((i) => !(i >= 0 && i < n))) throw new Error(`order is not a permutation of 0..${n - 1}`);
  const cells: [number, number, number][] = [];
  let bound = 0;
  order.forEach((asset, row) => {
    const values = window.sensitivities[asset];
    if (values.length !== window.columns.length) throw new Error(`sensitivities[${asset}] has ${values.length} entries, expected ${window.columns.length} (columns)`);
    values.forEach((value, column) => {
      cells.push([column, row, value]);
      bound = Math.max(bound, Math.abs(value));
    });
  });
  return { assets: order.map((i) => window.assets[i]), columns: [...window.columns], cells, bound: Math.max(bound, 1e-12) };
}

/** True for a `#rrggbb` background darker than mid-grey (the diverging scale then ends in light colours). */
export function isDarkBackground(background: string): boolean {
  const rgb = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background);
  if (!rgb) return false;
  const [r, g, b] = rgb.slice(1).map((hex) => parseInt(hex, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

const format = (value: number): string => (Math.abs(value) >= 0.1 ? value.toFixed(2) : value.toFixed(3));

export function sensitivityMapOption(window: Pick<SensitivityWindow, 'assets' | 'columns' | 'sensitivities' | 'order'>, theme: ChartTheme = LIGHT_THEME): EChartsOption {
  const data = sensitivityMapData(window);
  const dark = isDarkBackground(theme.background);
  const many = data.assets.length > SENSITIVITY_MAP_LABELLED_ASSETS;
  return {
    backgroundColor: theme.background,
    animation: false,
    tooltip: {
      position: 'top',
      formatter: (params: unknown) => {
        const value = (params as { value: [number, number, number] }).value;
        return `${data.assets[value[1]]} · ${data.columns[value[0]]}: ${format(value[2])}`;
      },
    },
    grid: { left: 80, right: 24, top: 8, bottom: 90, containLabel: false },
    xAxis: { type: 'category', data: data.columns, axisLabel: { color: theme.text, rotate: 35, fontSize: 10, interval: 0 }, axisLine: { lineStyle: { color: theme.grid } } },
    yAxis: {
      type: 'category',
      data: data.assets,
      inverse: true,
      axisLabel: { color: theme.text, fontSize: many ? 8 : 10, ...(many ? {} : { interval: 0 }) },
      axisLine: { lineStyle: { color: theme.grid } },
    },
    visualMap: {
      type: 'continuous',
      min: -data.bound,
      max: data.bound,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 200,
      itemWidth: 9,
      text: [`+${format(data.bound)}`, `−${format(data.bound)}`],
      textStyle: { color: theme.text },
      inRange: { color: dark ? ['#f4a582', theme.background, '#92c5de'] : ['#b2182b', '#f7f7f7', '#2166ac'] },
    },
    series: [{ type: 'heatmap', data: data.cells, progressive: 0 }],
  };
}
