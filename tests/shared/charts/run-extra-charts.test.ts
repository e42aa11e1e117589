/** The rolling-Sharpe, turnover and heatmap options: what they draw and how they read in each theme. */
import { describe, expect, it } from 'vitest';
import { DARK_THEME, LIGHT_THEME } from '../../../src/shared/charts/normalised-prices';
import { weightsHeatmapOption } from '../../../src/shared/charts/report-weights-heatmap';
import { rollingSharpeOption } from '../../../src/shared/charts/rolling-sharpe';
import { turnoverOption } from '../../../src/shared/charts/turnover';

type Series = { name: string; type: string; data: unknown[]; markLine?: { data: { yAxis: number }[] } };

describe('rollingSharpeOption', () => {
  it('draws one line per run with its window in the legend, gaps left open, and the zero line', () => {
    const line = { dates: ['a', 'b', 'c'], values: [null, 0.5, -0.25], window: 12 };
    const option = rollingSharpeOption([{ name: 'GMV', line }, { name: 'EW', line }], DARK_THEME);
    const series = option.series as Series[];
    expect(series.map((s) => s.name)).toEqual(['GMV (12-period window)', 'EW (12-period window)']);
    expect(series[0].data).toEqual([null, 0.5, -0.25]);
    expect(series[0].markLine?.data).toEqual([{ yAxis: 0 }]);
    expect(series[1].markLine).toBeUndefined();
    expect(option.backgroundColor).toBe(DARK_THEME.background);
    expect((option.xAxis as { data: string[] }).data).toEqual(['a', 'b', 'c']);
  });
});

describe('turnoverOption', () => {
  it('draws bars per rebalance and the mean as a flat line named with its value', () => {
    const option = turnoverOption({ dates: ['r0', 'r1'], values: [0.2, 0.04], mean: 0.12 }, LIGHT_THEME);
    const [bars, mean] = option.series as Series[];
    expect(bars.type).toBe('bar');
    expect(bars.data).toEqual([0.2, 0.04]);
    expect(mean.name).toBe('mean 12 %');
    expect(mean.data).toEqual([0.12, 0.12]);
    const formatter = (option.yAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter;
    expect([formatter(0.05), formatter(0.5)]).toEqual(['5.0 %', '50 %']);
  });
});

describe('weightsHeatmapOption', () => {
  it('leaves zero cells out, shades long-only from the background and diverges with shorts', () => {
    const data = { dates: ['d0', 'd1'], assets: ['A', 'B'], values: [[0.3, 0], [0.1, 0.2]] };
    const option = weightsHeatmapOption(data, DARK_THEME);
    const cells = (option.series as { data: number[][] }[])[0].data;
    expect(cells).toEqual([[0, 0, 0.3], [0, 1, 0.1], [1, 1, 0.2]]);
    const map = option.visualMap as { min: number; max: number; inRange: { color: string[] } };
    expect([map.min, map.max]).toEqual([0, 0.3]);
    expect(map.inRange.color[0]).toBe(DARK_THEME.background);
    const short = weightsHeatmapOption({ ...data, values: [[0.3, -0.4], [0.1, 0.2]] }).visualMap as { min: number; max: number };
    expect([short.min, short.max]).toEqual([-0.4, 0.4]);
  });
});

describe('weightsHeatmapOption in dark mode', () => {
  it('makes the largest weights the lightest cells on a dark background and the darkest on white', () => {
    const data = { dates: ['d0'], assets: ['A'], values: [[0.3]] };
    const brightness = (hex: string): number => [1, 3, 5].reduce((sum, i) => sum + parseInt(hex.slice(i, i + 2), 16), 0);
    const top = (option: ReturnType<typeof weightsHeatmapOption>): string => (option.visualMap as { inRange: { color: string[] } }).inRange.color.at(-1) as string;
    expect(brightness(top(weightsHeatmapOption(data, DARK_THEME)))).toBeGreaterThan(brightness(DARK_THEME.background) + 300);
    expect(brightness(top(weightsHeatmapOption(data, LIGHT_THEME)))).toBeLessThan(brightness(LIGHT_THEME.background) - 300);
  });
});

describe('equity and stacked weights', () => {
  it('fits the log equity axis to powers of two around the data', async () => {
    const { equityDrawdownOption } = await import('../../../src/shared/charts/run-charts');
    const option = equityDrawdownOption([{ name: 'x', dates: ['a', 'b'], equity: [0.9, 3.1], drawdown: [-0.1, 0] }]);
    const [equity] = option.yAxis as { logBase: number; min: (e: { min: number }) => number; max: (e: { max: number }) => number }[];
    expect(equity.logBase).toBe(2);
    expect([equity.min({ min: 0.9 }), equity.max({ max: 3.1 })]).toEqual([0.5, 4]);
    expect([equity.min({ min: 1 }), equity.max({ max: 1 })]).toEqual([1, 1]);
  });

  it('gives every stacked asset a distinct colour, lighter on a dark background, and "other" a grey', async () => {
    const { weightsAreaOption } = await import('../../../src/shared/charts/run-charts');
    const weights = { dates: ['d'], assets: ['A', 'B', 'C', 'other (7 assets)'], values: [[0.4, 0.3, 0.2, 0.1]] };
    const light = weightsAreaOption(weights, LIGHT_THEME).color as string[];
    const dark = weightsAreaOption(weights, DARK_THEME).color as string[];
    expect(new Set(light).size).toBe(4);
    const brightness = (hex: string): number => [1, 3, 5].reduce((sum, i) => sum + parseInt(hex.slice(i, i + 2), 16), 0);
    for (let i = 0; i < 3; i++) expect(brightness(dark[i]), `asset ${i}: ${dark[i]} vs ${light[i]}`).toBeGreaterThan(brightness(light[i]));
    expect(light[3]).toBe('#b8c0c8');
  });
});
