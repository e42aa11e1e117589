/**
 * The sensitivity map and the dendrogram options: rows follow the leaf order, the colour scale is
 * symmetric around zero, every link is a ⊓ from its children to its merge height, cluster weights
 * add up the leaves under them (the root holds the whole portfolio), and bad shapes are rejected.
 */
import { describe, expect, it } from 'vitest';
import { DARK_THEME, LIGHT_THEME } from '../../../src/shared/charts/normalised-prices';
import { sensitivityMapData, sensitivityMapOption } from '../../../src/shared/charts/sensitivity-map';
import { dendrogramData, sensitivityDendrogramOption, DENDROGRAM_LABELLED_MERGES } from '../../../src/shared/charts/sensitivity-dendrogram';
import { sensitivityDiagnosticsOf } from '../../../src/shared/charts/sensitivity-data';

// Four assets: A and C respond alike (merge 0 at 0.5), B and D alike (merge 1 at 0.8), then the root at 2.
const window = {
  assets: ['A', 'B', 'C', 'D'],
  columns: ['VIX', 'VIX (t−1)'],
  sensitivities: [
    [0.5, -0.1],
    [-0.4, 0.2],
    [0.45, -0.05],
    [-0.6, 0.25],
  ],
  linkage: [
    [0, 2, 0.5, 2],
    [1, 3, 0.8, 2],
    [4, 5, 2, 4],
  ],
  order: [0, 2, 1, 3],
  weights: [0.1, 0.2, 0.3, 0.4],
};

describe('sensitivityMapData / sensitivityMapOption', () => {
  it('puts rows in leaf order, keeps every signed value and scales symmetrically to max |s|', () => {
    const data = sensitivityMapData(window);
    expect(data.assets).toEqual(['A', 'C', 'B', 'D']);
    expect(data.cells).toHaveLength(8);
    expect(data.cells).toContainEqual([0, 1, 0.45]);
    expect(data.cells).toContainEqual([1, 3, 0.25]);
    expect(data.bound).toBe(0.6);
    const option = sensitivityMapOption(window, DARK_THEME) as { visualMap: { min: number; max: number; inRange: { color: string[] } }; backgroundColor: string };
    expect([option.visualMap.min, option.visualMap.max]).toEqual([-0.6, 0.6]);
    expect(option.visualMap.inRange.color[1]).toBe(DARK_THEME.background);
    const light = sensitivityMapOption(window, LIGHT_THEME) as { visualMap: { inRange: { color: string[] } } };
    expect(light.visualMap.inRange.color).toEqual(['#b2182b', '#f7f7f7', '#2166ac']);
  });

  it('rejects rows that do not match the assets or columns', () => {
    expect(() => sensitivityMapData({ ...window, sensitivities: window.sensitivities.slice(1) })).toThrow(/3 rows, expected one per asset \(4\)/);
    expect(() => sensitivityMapData({ ...window, sensitivities: [[1], [2], [3], [4]] })).toThrow(/sensitivities\[0\] has 1 entries, expected 2/);
    expect(() => sensitivityMapData({ ...window, order: [0, 0, 1, 2] })).toThrow(/not a permutation/);
  });
});

describe('dendrogramData / sensitivityDendrogramOption', () => {
  it('places leaves by the order, merges at their heights, and sums cluster weights up to 1 at the root', () => {
    const data = dendrogramData(window);
    expect(data.leaves).toEqual(['A', 'C', 'B', 'D']);
    expect(data.leafWeights).toEqual([0.1, 0.3, 0.2, 0.4]);
    expect(data.links[0].coords).toEqual([
      [0, 0],
      [0, 0.5],
      [1, 0.5],
      [1, 0],
    ]);
    expect(data.links[1].coords).toEqual([
      [2, 0],
      [2, 0.8],
      [3, 0.8],
      [3, 0],
    ]);
    expect(data.links[2].coords).toEqual([
      [0.5, 0.5],
      [0.5, 2],
      [2.5, 2],
      [2.5, 0.8],
    ]);
    const weights = data.links.map((link) => link.weight);
    expect(Math.abs(weights[0] - 0.4), 'A+C').toBeLessThan(1e-15);
    expect(Math.abs(weights[1] - 0.6), 'B+D').toBeLessThan(1e-15);
    expect(Math.abs(weights[2] - 1), 'root').toBeLessThan(1e-15);
    expect(data.links.map((link) => link.size)).toEqual([2, 2, 4]);
  });

  it('cuts a tree below its top merges: subtrees become leaves with their asset count and total weight', () => {
    const root = dendrogramData(window, 2);
    expect(root.truncated).toBe(true);
    expect(root.leaves).toEqual(['2 assets', '2 assets']);
    expect(root.leafSizes).toEqual([2, 2]);
    expect(root.leafWeights.map((w) => Math.round(w * 1e12) / 1e12)).toEqual([0.4, 0.6]);
    expect(root.links.map((link) => link.coords)).toEqual([
      [
        [0, 0],
        [0, 2],
        [1, 2],
        [1, 0],
      ],
    ]);
    const three = dendrogramData(window, 3);
    expect(three.leaves).toEqual(['2 assets', 'B', 'D']);
    expect(three.links.map((link) => link.coords)).toEqual([
      [
        [1, 0],
        [1, 0.8],
        [2, 0.8],
        [2, 0],
      ],
      [
        [0, 0],
        [0, 2],
        [1.5, 2],
        [1.5, 0.8],
      ],
    ]);
    expect(dendrogramData(window, 4).truncated).toBe(false);
    expect(() => dendrogramData(window, 1)).toThrow(/maxLeaves = 1/);
  });

  it('labels the top merges with their weight and draws one bar per leaf', () => {
    const option = sensitivityDendrogramOption(window, LIGHT_THEME) as { series: { type: string; data: { label?: { show: boolean; formatter: string } }[] | number[] }[] };
    expect(option.series.map((s) => s.type)).toEqual(['lines', 'scatter', 'bar']);
    const merges = option.series[1].data as { label: { show: boolean; formatter: string } }[];
    expect(merges.map((m) => m.label.formatter)).toEqual(['40 %', '60 %', '100 %']);
    expect(merges.every((m) => m.label.show)).toBe(DENDROGRAM_LABELLED_MERGES >= 3);
    expect(option.series[2].data).toEqual([0.1, 0.3, 0.2, 0.4]);
  });

  it('rejects a linkage that refers to later nodes or does not fit the assets', () => {
    expect(() => dendrogramData({ ...window, linkage: window.linkage.slice(1) })).toThrow(/expected N − 1 = 3/);
    expect(() => dendrogramData({ ...window, linkage: [[0, 5, 0.5, 2], ...window.linkage.slice(1)] })).toThrow(/not earlier nodes/);
    expect(() => dendrogramData({ ...window, weights: [1] })).toThrow(/weights has 1 entries/);
  });
});

describe('sensitivityDiagnosticsOf', () => {
  it('reads the diagnostics back from a run summary and returns null for other runs', () => {
    const diagnostics = { variant: 'hrp', linkage: 'single', window: 60, lags: 1, hidden: [16], epochs: 300, drivers: [], fits: [], lastWindow: { ...window, date: '2021-04-30', fitDate: '2021-01-29', drivers: [], labels: null, finalLoss: 0.8, fallback: false } };
    expect(sensitivityDiagnosticsOf({ strategy: 'x', sensitivity: diagnostics })?.lastWindow?.assets).toEqual(['A', 'B', 'C', 'D']);
    expect(sensitivityDiagnosticsOf({ strategy: 'hrp' })).toBeNull();
    expect(sensitivityDiagnosticsOf(null)).toBeNull();
    expect(sensitivityDiagnosticsOf({ sensitivity: { variant: 'nope' } })).toBeNull();
  });
});
