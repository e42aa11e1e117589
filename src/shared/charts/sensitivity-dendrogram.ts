/**
 * ECharts option for the dendrogram of a sensitivity-optimiser run with its cluster weights: the
 * tree from clustering D_ij = ‖s_i − s_j‖₂ (scipy linkage: rows [a, b, height, size], node n + k is
 * merge k), leaves in the dendrogram's order, each link drawn as a ⊓ from its two children up to its
 * merge height and shaded by the weight the allocation gives the cluster under it (Σ of its leaves'
 * weights). The top merges carry their weight as a label; a bar per leaf underneath shows its
 * weight on the same x positions. Trees of more than {@link DENDROGRAM_MAX_LEAVES} assets are cut
 * below their top merges. Pure data → option, for the Run page and the PDF report.
 */
import type { EChartsOption } from 'echarts';
import { LIGHT_THEME, type ChartTheme } from './normalised-prices';
import type { SensitivityWindow } from './sensitivity-data';
import { isDarkBackground } from './sensitivity-map';

/** Merges labelled with their cluster weight: the top of the tree. */
export const DENDROGRAM_LABELLED_MERGES = 5;
/**
 * Leaves drawn at most: a larger tree is cut below its top merges (as scipy's `truncate_mode='lastp'`),
 * each cut-off subtree drawn as one leaf labelled with its asset count and weighted by its total.
 */
export const DENDROGRAM_MAX_LEAVES = 40;

export interface DendrogramData {
  /** Leaf labels in drawing order: the asset, or `k assets` for a cut-off subtree. */
  leaves: string[];
  /** Weight of each drawn leaf (Σ of its assets' weights). */
  leafWeights: number[];
  /** Assets under each drawn leaf. */
  leafSizes: number[];
  /** Per drawn merge, in linkage order: the ⊓ polyline [child a top, a at height, b at height, child b top]. */
  links: { coords: [number, number][]; weight: number; size: number }[];
  /** True when the tree was cut to {@link DENDROGRAM_MAX_LEAVES} leaves. */
  truncated: boolean;
}

/**
 * Leaf positions, merges and cluster weights of the tree to draw.
 *
 * @param maxLeaves - leaves drawn at most (≥ 2); a full tree keeps the allocation's own leaf order,
 *   a cut one orders its leaves depth first, first child first (the same rule).
 * @throws when the linkage, order or weights do not match the assets.
 */
export function dendrogramData(window: Pick<SensitivityWindow, 'assets' | 'linkage' | 'order' | 'weights'>, maxLeaves = DENDROGRAM_MAX_LEAVES): DendrogramData {
  const n = window.assets.length;
  if (window.linkage.length !== Math.max(n - 1, 0)) throw new Error(`linkage has ${window.linkage.length} rows, expected N − 1 = ${n - 1}`);
  if (window.weights.length !== n) throw new Error(`weights has ${window.weights.length} entries, expected ${n}`);
  if (window.order.length !== n || new Set(window.order).size !== n || window.order.some((i) => !(i >= 0 && i < n))) throw new Error(`order is not a permutation of 0..${n - 1}`);
  if (!(Number.isInteger(maxLeaves) && maxLeaves >= 2)) throw new Error(`maxLeaves = ${maxLeaves}: must be an integer ≥ 2`);
  const weight = Float64Array.from({ length: 2 * n - 1 }, (_, node) => (node < n ? window.weights[node] : 0));
  const size = Int32Array.from({ length: 2 * n - 1 }, (_, node) => (node < n ? 1 : 0));
  window.linkage.forEach(([a, b], k) => {
    if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0 && a < n + k && b < n + k)) throw new Error(`linkage[${k}] joins ${a} and ${b}, which are not earlier nodes`);
    weight[n + k] = weight[a] + weight[b];
    size[n + k] = size[a] + size[b];
  });
  const firstDrawn = Math.max(n - 1 - (maxLeaves - 1), 0);
  const drawn = (node: number): boolean => node >= n + firstDrawn;
  let order: number[] = [...window.order];
  if (firstDrawn > 0) {
    order = [];
    const stack = [2 * n - 2];
    while (stack.length > 0) {
      const node = stack.pop() as number;
      if (!drawn(node)) order.push(node);
      else stack.push(window.linkage[node - n][1], window.linkage[node - n][0]);
    }
  }
  const x = new Map(order.map((node, position) => [node, position]));
  const top = (node: number): [number, number] => [x.get(node) as number, drawn(node) ? window.linkage[node - n][2] : 0];
  const links: DendrogramData['links'] = [];
  for (let k = firstDrawn; k < n - 1; k++) {
    const [a, b, height] = window.linkage[k];
    const left = top(a);
    const right = top(b);
    x.set(n + k, (left[0] + right[0]) / 2);
    links.push({ coords: [left, [left[0], height], [right[0], height], right], weight: weight[n + k], size: size[n + k] });
  }
  return {
    leaves: order.map((node) => (node < n ? window.assets[node] : `${size[node]} assets`)),
    leafWeights: order.map((node) => weight[node]),
    leafSizes: order.map((node) => size[node]),
    links,
    truncated: firstDrawn > 0,
  };
}

const percent = (value: number): string => `${(value * 100).toFixed(value < 0.1 ? 1 : 0)} %`;

/** Linear blend of two `#rrggbb` colours. */
function blend(from: string, to: string, t: number): string {
  const channel = (hex: string, i: number): number => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  return `#${[0, 1, 2].map((i) => Math.round(channel(from, i) + (channel(to, i) - channel(from, i)) * t).toString(16).padStart(2, '0')).join('')}`;
}

export function sensitivityDendrogramOption(window: Pick<SensitivityWindow, 'assets' | 'linkage' | 'order' | 'weights'>, theme: ChartTheme = LIGHT_THEME): EChartsOption {
  const data = dendrogramData(window);
  const n = data.leaves.length;
  const dark = isDarkBackground(theme.background);
  const light = dark ? '#3e5c76' : '#c6dbef';
  const heavy = dark ? '#9ecae1' : '#08306b';
  const colour = (weight: number): string => blend(light, heavy, Math.sqrt(Math.min(Math.max(weight, 0), 1)));
  const top = new Set(data.links.map((_, k) => k).slice(-DENDROGRAM_LABELLED_MERGES));
  const merges = data.links.map((link, k) => ({
    value: [link.coords[1][0] / 2 + link.coords[2][0] / 2, link.coords[1][1], link.weight, link.size],
    itemStyle: { color: colour(link.weight) },
    label: { show: top.has(k), formatter: percent(link.weight), position: 'top' as const, color: theme.text, fontSize: 10 },
  }));
  const axis = { min: -0.5, max: n - 0.5 };
  return {
    backgroundColor: theme.background,
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const p = params as { seriesName: string; value: number[] | number; name: string };
        if (p.seriesName === 'leaf weight') return `${p.name}: ${percent(p.value as number)}`;
        const [, height, weight, size] = p.value as number[];
        return `cluster of ${size} assets at distance ${height.toFixed(3)}: ${percent(weight)} of the portfolio`;
      },
    },
    grid: [
      { left: 56, right: 24, top: 30, height: '55%' },
      { left: 56, right: 24, top: '72%', bottom: 56 },
    ],
    xAxis: [
      { type: 'value', gridIndex: 0, ...axis, show: false },
      {
        type: 'category',
        gridIndex: 1,
        data: data.leaves,
        axisLabel: { color: theme.text, rotate: 60, fontSize: 9, interval: 0 },
        axisLine: { lineStyle: { color: theme.grid } },
      },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, name: 'sensitivity distance', nameTextStyle: { color: theme.text }, axisLabel: { color: theme.text }, splitLine: { lineStyle: { color: theme.grid } } },
      { type: 'value', gridIndex: 1, name: 'weight', nameTextStyle: { color: theme.text }, axisLabel: { color: theme.text, formatter: (value: number) => percent(value) }, splitLine: { lineStyle: { color: theme.grid } } },
    ],
    series: [
      {
        type: 'lines',
        name: 'tree',
        coordinateSystem: 'cartesian2d',
        xAxisIndex: 0,
        yAxisIndex: 0,
        polyline: true,
        silent: true,
        data: data.links.map((link) => ({ coords: link.coords, lineStyle: { color: colour(link.weight), width: 1 + 2 * Math.sqrt(link.weight) } })),
      },
      { type: 'scatter', name: 'cluster weight', xAxisIndex: 0, yAxisIndex: 0, symbolSize: (value: number[]) => 4 + 14 * Math.sqrt(value[2]), data: merges },
      { type: 'bar', name: 'leaf weight', xAxisIndex: 1, yAxisIndex: 1, data: data.leafWeights, itemStyle: { color: heavy }, barCategoryGap: '20%' },
    ],
  };
}
