/** The Explain page's chart options: what they draw, their checks, and how they read in each theme. */
import { describe, expect, it } from 'vitest';
import { analogSymbolSize, analogTimelineOption } from '../../../src/shared/charts/explain-analogs';
import { attributionBarsOption, attributionHeatmapOption, groupBarValues, heatmapHeight, sharedBound } from '../../../src/shared/charts/explain-attribution';
import { binCentres, histogramPairOption, POSTERIOR_COLOR, PRIOR_COLOR, shiftBarsOption } from '../../../src/shared/charts/explain-distributions';
import { DARK_THEME, LIGHT_THEME } from '../../../src/shared/charts/normalised-prices';

type Line = { name: string; data: [number, number][]; lineStyle: { color: string }; markLine?: { data: { xAxis: number }[] } };

describe('histogramPairOption', () => {
  const histogram = { edges: [0, 1, 2, 4], prior: [0.2, 0.5, 0.3], posterior: [0.6, 0.3, 0.1] };

  it('puts prior and tilted shares at the bin centres of the shared edges, the marker on the tilted series', () => {
    expect(binCentres(histogram.edges)).toEqual([0.5, 1.5, 3]);
    const option = histogramPairOption({ title: 'tbl', histogram, marker: { value: 1.2, label: 'anchor' } }, DARK_THEME);
    const [prior, tilted] = option.series as Line[];
    expect(prior.data).toEqual([[0.5, 0.2], [1.5, 0.5], [3, 0.3]]);
    expect(tilted.data).toEqual([[0.5, 0.6], [1.5, 0.3], [3, 0.1]]);
    expect([prior.lineStyle.color, tilted.lineStyle.color]).toEqual([PRIOR_COLOR, POSTERIOR_COLOR]);
    expect(prior.markLine).toBeUndefined();
    expect(tilted.markLine?.data).toEqual([{ xAxis: 1.2 }]);
    const x = option.xAxis as { min: number; max: number };
    expect([x.min, x.max]).toEqual([0, 4]);
    expect(option.backgroundColor).toBe(DARK_THEME.background);
  });

  it('refuses shares that do not match the bins, naming the chart', () => {
    expect(() => histogramPairOption({ title: 'dfy', histogram: { ...histogram, prior: [1] } })).toThrow(/dfy: 3 bins but 1 prior/);
    expect(() => binCentres([1])).toThrow(/at least 2/);
  });
});

describe('shiftBarsOption', () => {
  it('draws one signed bar per variable on a symmetric axis at least ±1 sd wide', () => {
    const option = shiftBarsOption([{ name: 'tbl', shift: -2.5 }, { name: 'dfy', shift: 0.4 }]);
    const x = option.xAxis as { min: number; max: number };
    expect([x.min, x.max]).toEqual([-2.5, 2.5]);
    const bars = (option.series as { data: { value: number; itemStyle: { color: string } }[] }[])[0].data;
    expect(bars.map((bar) => bar.value)).toEqual([-2.5, 0.4]);
    expect(bars[1].itemStyle.color).toBe(POSTERIOR_COLOR);
    expect(bars[0].itemStyle.color).not.toBe(POSTERIOR_COLOR);
    const narrow = shiftBarsOption([{ name: 'tbl', shift: 0.1 }]).xAxis as { min: number; max: number };
    expect([narrow.min, narrow.max]).toEqual([-1, 1]);
  });
});

describe('attributionBarsOption', () => {
  it('draws one bar series per run over the groups, with a legend only when two runs are compared', () => {
    const groups = ['momentum', 'TB3MS'];
    const one = attributionBarsOption(groups, [{ name: 'decoupled', values: [0.1, -0.2] }]);
    expect((one.legend as { show: boolean }).show).toBe(false);
    const two = attributionBarsOption(groups, [{ name: 'decoupled', values: [0.1, -0.2] }, { name: 'end-to-end', values: [0.3, 0] }], DARK_THEME);
    const series = two.series as { name: string; data: number[] }[];
    expect(series.map((s) => [s.name, s.data])).toEqual([['decoupled', [0.1, -0.2]], ['end-to-end', [0.3, 0]]]);
    expect((two.legend as { show: boolean }).show).toBe(true);
    expect((two.yAxis as { data: string[] }).data).toEqual(groups);
    expect(() => attributionBarsOption(groups, [{ name: 'x', values: [1] }])).toThrow(/runs\[x\]\.values has 1 entries for 2 groups/);
  });
});

describe('attributionHeatmapOption', () => {
  it('places every cell (zeros included) on a scale symmetric around zero, lightest extremes in dark mode', () => {
    const data = { assets: ['A', 'B'], groups: ['g1', 'g2'], values: [[0.5, 0], [-0.25, 0.1]] };
    const option = attributionHeatmapOption(data, DARK_THEME);
    expect((option.series as { data: number[][] }[])[0].data).toEqual([[0, 0, 0.5], [1, 0, 0], [0, 1, -0.25], [1, 1, 0.1]]);
    const map = option.visualMap as { min: number; max: number; inRange: { color: string[] } };
    expect([map.min, map.max]).toEqual([-0.5, 0.5]);
    expect(map.inRange.color[1]).toBe(DARK_THEME.background);
    const brightness = (hex: string): number => [1, 3, 5].reduce((sum, i) => sum + parseInt(hex.slice(i, i + 2), 16), 0);
    expect(brightness(map.inRange.color[2])).toBeGreaterThan(brightness(DARK_THEME.background) + 300);
    const light = attributionHeatmapOption(data, LIGHT_THEME).visualMap as { inRange: { color: string[] } };
    expect(brightness(light.inRange.color[2])).toBeLessThan(brightness(LIGHT_THEME.background) - 300);
    expect(() => attributionHeatmapOption({ ...data, values: [[1, 2]] })).toThrow(/1 rows for 2 assets/);
    expect(() => attributionHeatmapOption({ ...data, values: [[1, 2], [3]] })).toThrow(/values\[1\] has 1 entries for 2 groups/);
    expect(heatmapHeight(60)).toBe(90 + 60 * 16);
    const shared = sharedBound([data, { assets: ['C'], groups: ['g1', 'g2'], values: [[-0.8, 0.1]] }]);
    expect(shared).toBe(0.8);
    const scaled = attributionHeatmapOption(data, LIGHT_THEME, shared).visualMap as { min: number; max: number };
    expect([scaled.min, scaled.max]).toEqual([-0.8, 0.8]);
  });
});

describe('analogTimelineOption', () => {
  it('places analogs at their month and NFCI level, nearest largest, hollow without NFCI, the anchor marked', () => {
    const analogs = [
      { month: '2008-10', distance: 1, nfci: 2.1, regime: 'tight' as const },
      { month: '1995-03', distance: 3, nfci: -0.5, regime: 'loose' as const },
      { month: '1970-01', distance: 2, nfci: null, regime: null },
    ];
    const option = analogTimelineOption(analogs, '2009-01');
    const points = (option.series as { data: { value: [number, number]; symbolSize: number; itemStyle: { color: string } }[]; markLine: { data: { xAxis?: number }[] } }[])[0];
    expect(points.data[0].value).toEqual([Date.UTC(2008, 9, 1), 2.1]);
    expect(points.data.map((p) => p.symbolSize)).toEqual([18, 8, 13]);
    expect(points.data[2].value[1]).toBe(0);
    expect(points.data[2].itemStyle.color).toBe('transparent');
    expect(points.data[0].itemStyle.color).not.toBe(points.data[1].itemStyle.color);
    expect(points.markLine.data[0].xAxis).toBe(Date.UTC(2009, 0, 1));
    expect(analogSymbolSize(5, 5, 5)).toBe(18);
  });
});

describe('groupBarValues', () => {
  it('keeps signed values, falls back to magnitudes when they all cancel, and fills missing groups with 0', () => {
    const groups = ['a', 'b', 'c'];
    expect(groupBarValues(groups, [{ group: 'b', value: -0.2, magnitude: 0.3 }, { group: 'a', value: 0.1, magnitude: 0.1 }])).toEqual({ values: [0.1, -0.2, 0], measure: 'signed' });
    const cancelled = groupBarValues(groups, [{ group: 'a', value: 1e-20, magnitude: 2e-3 }, { group: 'c', value: -4e-19, magnitude: 5e-3 }]);
    expect(cancelled).toEqual({ values: [2e-3, 0, 5e-3], measure: 'magnitude' });
    expect(groupBarValues(groups, []).measure).toBe('signed');
  });
});
