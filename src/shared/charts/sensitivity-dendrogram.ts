/**
 * ECharts option for the dendrogram of a sensitivity-optimiser run with its cluster weights: the
 * tree from clustering D_ij = ‖s_i − s_j‖₂ (scipy linkage: rows [a, b, height, size], node n + k is
 * merge k), leaves in the dendrogram's order, each link drawn as a ⊓ from its two children up to its
 * merge height and shaded by the weight the allocation gives the cluster under it (Σ of its leaves'
 * weights). The heaviest top merges carry their weight as a label; a bar per leaf underneath shows
 * each asset's own weight on the same x positions. Pure data → option, for the Run page and the PDF
 * report.
 */
import type { EChartsOption } from 'echarts';
import { LIGHT_THEME, type ChartTheme } from './normalised-prices';
import type { SensitivityWindow } from './sensitivity-data';
import { isDarkBackground } from './sensitivity-map';

/** Merges labelled with their cluster weight: the top of the tree. */
export const DENDROGRAM_LABELLED_MERGES = 5;
/** Above this many leaves the leaf names are thinned by ECharts rather than all drawn. */
export const DENDROGRAM_LABELLED_LEAVES = 60;

export interface DendrogramNode {
  /** Leaf position (0..N−1 along the leaf order) or the midpoint of the children. */
  x: number;
  /** 0 for a leaf, the merge height otherwise. */
  y: number;
  /** Σ of the weights of the leaves under the node. */
  weight: number;
  /** Number of leaves under the node. */
  size: number;
}

export interface DendrogramData {
  /** Leaf names in leaf order, length N. */
  leaves: string[];
  /** Weights of the leaves in leaf order. */
  leafWeights: number[];
  /** 2N − 1 nodes: leaves by asset index, then merges in linkage order. */
  nodes: DendrogramNode[];
  /** Per merge k: the ⊓ polyline [child a top, a at height, b at height, child b top]. */
  links: { coords: [number, number][]; weight: number; size: number }[];
}

/**
 * Node positions and cluster weights of the tree.
 *
 * @throws when the linkage, order or weights do not match the assets.
 */
export function dendrogramData(window: Pick<SensitivityWindow, 'assets' | 'linkage' | 'order' | 'weights'>): DendrogramData {
  const n = window.assets.length;
  if (window.linkage.length !== Math.max(n - 1, 0)) throw new Error(`linkage has ${window.linkage.length} rows, expected N − 1 = ${n - 1}`);
  if (window.weights.length !== n) throw new Error(`weights has ${window.weights.length} entries, expected ${n}`);
  if (window.order.length !== n || new Set(window.order).size !== n || window.order.some((i) => !(i >= 0 && i < n))) throw new Error(`order is not a permutation of 0..${n - 1}`);
  const nodes: DendrogramNode[] = new Array<DendrogramNode>(n);
  window.order.forEach((asset, position) => (nodes[asset] = { x: position, y: 0, weight: window.weights[asset], size: 1 }));
  const links: DendrogramData['links'] = [];
  window.linkage.forEach(([a, b, height], k) => {
    const left = nodes[a];
    const right = nodes[b];
    if (!left || !right || a >= n + k || b >= n + k) throw new Error(`linkage[${k}] joins ${a} and ${b}, which are not earlier nodes`);
    const node = { x: (left.x + right.x) / 2, y: height, weight: left.weight + right.weight, size: left.size + right.size };
    nodes.push(node);
    links.push({
      coords: [
        [left.x, left.y],
        [left.x, height],
        [right.x, height],
        [right.x, right.y],
      ],
      weight: node.weight,
      size: node.size,
    });
  });
  return { leaves: window.order.map((i) => window.assets[i]), leafWeights: window.order.map((i) => window.weights[i]), nodes, links };
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
        axisLabel: { color: theme.text, rotate: 60, fontSize: n > DENDROGRAM_LABELLED_LEAVES ? 7 : 9, ...(n > DENDROGRAM_LABELLED_LEAVES ? {} : { interval: 0 }) },
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
