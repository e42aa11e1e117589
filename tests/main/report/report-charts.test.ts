/** The report's chart builders (src/shared/charts/report-*.ts) and their server-side SVG. */
import { describe, expect, it } from 'vitest';
import { concentrationOption } from '../../../src/shared/charts/report-concentration';
import { weightsHeatmapOption } from '../../../src/shared/charts/report-weights-heatmap';
import { renderChartSvg } from '../../../src/main/report/svg-chart';

describe('weightsHeatmapOption', () => {
  const data = { dates: ['d0', 'd1', 'd2'], assets: ['a', 'b'], values: [[0.5, 0, 0.25], [0, 0, 0.1]] };

  it('draws only the held cells, on a scale from 0 to the largest weight', () => {
    const option = weightsHeatmapOption(data) as { series: { data: number[][] }[]; visualMap: { min: number; max: number } };
    expect(option.series[0].data).toEqual([[0, 0, 0.5], [2, 0, 0.25], [2, 1, 0.1]]);
    expect(option.visualMap.min).toBe(0);
    expect(option.visualMap.max).toBe(0.5);
  });

  it('centres the scale on zero when there are short positions', () => {
    const option = weightsHeatmapOption({ ...data, values: [[0.2, -0.3, 0], [0, 0, 0.1]] }) as { visualMap: { min: number; max: number } };
    expect([option.visualMap.min, option.visualMap.max]).toEqual([-0.3, 0.3]);
  });

  it('renders to a standalone SVG of the requested size', () => {
    const svg = renderChartSvg(weightsHeatmapOption(data), 400, 200);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="400"');
  });
});

describe('concentrationOption', () => {
  it('puts effective N on the left axis and the largest position on the right', () => {
    const option = concentrationOption({ dates: ['d0', 'd1'], effectiveN: [4, null], largestWeight: [0.3, 0.4] }) as { series: { name: string; yAxisIndex: number; data: unknown[] }[] };
    expect(option.series.map((series) => [series.name, series.yAxisIndex, series.data])).toEqual([
      ['effective N', 0, [4, null]],
      ['largest position', 1, [0.3, 0.4]],
    ]);
  });

  it('refuses a chart without area', () => {
    expect(() => renderChartSvg(concentrationOption({ dates: [], effectiveN: [], largestWeight: [] }), 0, 100)).toThrow('chart size 0 × 100: both must be > 0');
  });
});
