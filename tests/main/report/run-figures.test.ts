/** What the charts draw, checked against values computed by hand. */
import { describe, expect, it } from 'vitest';
import { commonPeriod, concentrationOverTime, correlation, equityLine, holdingsSummary, thinIndices, weightsHeatmap, weightsOverTime } from '../../../src/main/report/run-figures';

const TOL = 1e-12;

describe('thinIndices and equityLine', () => {
  it('keeps everything when short, and is increasing, bounded and ends at the last point when long', () => {
    expect(thinIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    const keep = thinIndices(10_000, 600);
    expect(keep[0]).toBe(0);
    expect(keep[keep.length - 1]).toBe(9_999);
    expect(keep.length).toBeLessThanOrEqual(601);
    for (let i = 1; i < keep.length; i++) expect(keep[i]).toBeGreaterThan(keep[i - 1]);
  });

  it('always draws the deepest drawdown, which plain striding would skip', () => {
    // 1,000 flat periods with one crash of −30 % at period 503 and full recovery at 504.
    const returns = new Float64Array(1000);
    returns[503] = -0.3;
    returns[504] = 1 / 0.7 - 1;
    const dates = Array.from({ length: 1000 }, (_, i) => `d${i}`);
    const line = equityLine('x', dates, returns, 100);
    const deepest = Math.min(...line.drawdown);
    expect(Math.abs(deepest - -0.3), `deepest drawn ${deepest} vs −0.3`).toBeLessThan(TOL);
    expect(line.dates).toContain('d503');
    expect(thinIndices(1000, 100)).not.toContain(503);
  });

  it('refuses fewer than two points', () => {
    expect(() => thinIndices(10, 1)).toThrow('maxPoints = 1: must be an integer ≥ 2');
  });
});

describe('holdings', () => {
  // 3 rebalances × 4 assets.
  const assets = ['a', 'b', 'c', 'd'];
  const dates = ['r0', 'r1', 'r2'];
  const weights = Float64Array.from([0.5, 0.5, 0, 0, 0.7, 0.1, 0.2, 0, 0.4, 0, 0.3, 0.3]);

  it('ranks by mean weight and finds the largest position', () => {
    const summary = holdingsSummary(weights, assets, dates, 2);
    expect(summary.top.map((holding) => holding.asset)).toEqual(['a', 'b']);
    expect(Math.abs(summary.top[0].meanWeight - 1.6 / 3)).toBeLessThan(TOL);
    expect(summary.top[1].heldShare).toBeCloseTo(2 / 3, 12);
    expect(summary.everHeld).toBe(4);
    expect(summary.largest).toEqual({ asset: 'a', date: 'r1', weight: 0.7 });
  });

  it('sums the rest as other for the area chart', () => {
    const area = weightsOverTime(weights, assets, dates, 2, 10);
    expect(area.assets).toEqual(['a', 'b', 'other (2 assets)']);
    expect(area.otherAssets).toBe(2);
    expect(area.values[1][2]).toBeCloseTo(0.2, 12);
  });

  it('averages each heatmap cell over its block of rebalances', () => {
    const heatmap = weightsHeatmap(weights, assets, dates, 3, 2);
    expect(heatmap.dates).toEqual(['r0', 'r2']);
    // Blocks of ceil(3/2) = 2 rebalances: {r0, r1} and {r2}.
    expect(heatmap.assets).toEqual(['a', 'b', 'c']);
    expect(heatmap.values[0][0]).toBeCloseTo(0.6, 12);
    expect(heatmap.values[1][0]).toBeCloseTo(0.3, 12);
    expect(heatmap.values[2][0]).toBeCloseTo(0.1, 12);
    expect(heatmap.values[0][1]).toBeCloseTo(0.4, 12);
  });

  it('computes effective N and the largest position per rebalance', () => {
    const series = concentrationOverTime(weights, 4, dates, 10);
    // (Σ|w|)²/Σw²: 1/0.5 = 2; 1/0.54; 1/0.34.
    const expected = [2, 1 / 0.54, 1 / 0.34];
    series.effectiveN.forEach((value, i) => expect(Math.abs((value as number) - expected[i]), `rebalance ${i}`).toBeLessThan(1e-12));
    expect(series.largestWeight).toEqual([0.5, 0.7, 0.4]);
  });

  it('refuses weights of the wrong length, naming the shape', () => {
    expect(() => weightsHeatmap(weights.subarray(1), assets, dates, 2, 2)).toThrow('weights has 11 entries for 3 rebalances × 4 assets');
  });
});

describe('comparison helpers', () => {
  it('aligns runs on the dates they share', () => {
    const common = commonPeriod([
      { dates: ['2000-01', '2000-02', '2000-03'], netReturns: Float64Array.from([0.01, 0.02, 0.03]) },
      { dates: ['2000-02', '2000-03', '2000-04'], netReturns: Float64Array.from([0.2, 0.3, 0.4]) },
    ]);
    expect(common.dates).toEqual(['2000-02', '2000-03']);
    expect([...common.returns[0]]).toEqual([0.02, 0.03]);
    expect([...common.returns[1]]).toEqual([0.2, 0.3]);
  });

  it('computes Pearson correlation, null when undefined', () => {
    // Exactly linear → ±1; and a hand-computed mixed case.
    const x = Float64Array.from([1, 2, 3, 4, 5]);
    expect(correlation(x, Float64Array.from([2, 4, 6, 8, 10]))).toBeCloseTo(1, 14);
    expect(correlation(x, Float64Array.from([5, 4, 3, 2, 1]))).toBeCloseTo(-1, 14);
    // y = [1, 3, 2, 5, 4]: Σ(x−3)(y−3) = 8, Σ(x−3)² = 10, Σ(y−3)² = 10 → 8/10 = 0.8.
    expect(Math.abs((correlation(x, Float64Array.from([1, 3, 2, 5, 4])) as number) - 0.8)).toBeLessThan(1e-14);
    expect(correlation(x, Float64Array.from([1, 1, 1, 1, 1]))).toBeNull();
    expect(correlation(Float64Array.from([1]), Float64Array.from([2]))).toBeNull();
  });
});
