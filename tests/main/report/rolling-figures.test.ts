/** Rolling Sharpe and turnover over time, checked against values computed by hand. */
import { describe, expect, it } from 'vitest';
import { rollingSharpe, rollingSharpeLine, rollingSharpeWindow, turnoverOverTime } from '../../../src/main/report/run-figures';
import { runSeriesView } from '../../../src/main/services/run-views';

const TOL = 1e-12;

/** √A · mean / std (divisor w − 1), written out independently of the engine. */
function sharpeByHand(values: number[], periodsPerYear: number): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return (Math.sqrt(periodsPerYear) * mean) / Math.sqrt(variance);
}

describe('rollingSharpe', () => {
  it('is the annualised Sharpe of each trailing window, null before it fills', () => {
    // Window 3 over 0.01, 0.02, 0.03: mean 0.02, std 0.01, so √12 · 2 = 6.9282…
    const returns = new Float64Array([0.01, 0.02, 0.03, -0.01, 0.05]);
    const values = rollingSharpe(returns, 3, 12);
    expect(values.slice(0, 2)).toEqual([null, null]);
    const first = values[2] as number;
    expect(Math.abs(first - Math.sqrt(12) * 2), `|Δ| = ${Math.abs(first - Math.sqrt(12) * 2)} > ${TOL}`).toBeLessThan(TOL);
    for (let end = 3; end < 5; end++) {
      const expected = sharpeByHand([...returns.subarray(end - 2, end + 1)], 12);
      const difference = Math.abs((values[end] as number) - expected);
      expect(difference, `window ending at ${end}: |Δ| = ${difference} > ${TOL}`).toBeLessThan(TOL);
    }
  });

  it('is null where a window has no dispersion, and refuses a window under 2 or a bad frequency', () => {
    expect(rollingSharpe(new Float64Array([0.01, 0.01, 0.01, 0.02]), 3, 12)).toEqual([null, null, null, expect.any(Number)]);
    expect(() => rollingSharpe(new Float64Array(4), 1, 12)).toThrow(/window = 1/);
    expect(() => rollingSharpe(new Float64Array(4), 2, Number.NaN)).toThrow(/periodsPerYear/);
  });

  it('uses a year of monthly periods, half a year of weekly and a quarter of daily ones', () => {
    expect([12, 52, 252].map(rollingSharpeWindow)).toEqual([12, 26, 63]);
    expect(rollingSharpeWindow(4)).toBe(12);
    expect(() => rollingSharpeWindow(0)).toThrow(/periodsPerYear = 0/);
  });

  it('thins a daily line to the points asked for and keeps the window', () => {
    const returns = Float64Array.from({ length: 2000 }, (_, t) => Math.sin(t / 7) / 100 + 0.0004);
    const dates = Array.from({ length: 2000 }, (_, t) => `d${t}`);
    const line = rollingSharpeLine(dates, returns, 252, 300);
    expect(line.window).toBe(63);
    expect(line.dates.length).toBeLessThanOrEqual(301);
    expect(line.dates[line.dates.length - 1]).toBe('d1999');
    const last = sharpeByHand([...returns.subarray(2000 - 63)], 252);
    expect(Math.abs((line.values[line.values.length - 1] as number) - last)).toBeLessThan(TOL);
    expect(() => rollingSharpeLine(dates.slice(1), returns, 252, 300)).toThrow(/1999 labels for 2000 returns/);
  });
});

describe('turnoverOverTime', () => {
  it('averages over every rebalance and keeps the largest trade when thinning', () => {
    const rebalances = Array.from({ length: 1000 }, (_, r) => ({ date: `r${r}`, turnover: r === 517 ? 0.9 : 0.01 }));
    const series = turnoverOverTime(rebalances, 100);
    const mean = (999 * 0.01 + 0.9) / 1000;
    expect(Math.abs(series.mean - mean), `mean |Δ| = ${Math.abs(series.mean - mean)}`).toBeLessThan(TOL);
    expect(series.values.length).toBeLessThanOrEqual(101);
    expect(series.dates).toContain('r517');
    expect(Math.max(...series.values)).toBe(0.9);
  });

  it('is empty with mean 0 without rebalances and refuses a non-finite turnover', () => {
    expect(turnoverOverTime([], 10)).toEqual({ dates: [], values: [], mean: 0 });
    expect(() => turnoverOverTime([{ date: 'a', turnover: Number.NaN }], 10)).toThrow(/rebalances\[0\]\.turnover is NaN/);
  });
});

describe('runSeriesView: rolling Sharpe, turnover and heatmap', () => {
  const periods = 40;
  const rebalances = 10;
  const series = (n: number) => ({
    dates: Array.from({ length: periods }, (_, t) => `p${t}`),
    assets: Array.from({ length: n }, (_, j) => `A${j}`),
    netReturns: Float64Array.from({ length: periods }, (_, t) => 0.01 * Math.cos(t)),
    grossReturns: new Float64Array(periods),
    costs: new Float64Array(periods),
    weights: Float64Array.from({ length: rebalances * n }, () => 1 / n),
    rebalances: Array.from({ length: rebalances }, (_, r) => ({ date: `r${r}`, status: 'solved', turnover: r / 100 })),
    training: undefined as unknown,
  });

  it('stacks few assets and draws many as a heatmap', () => {
    const few = runSeriesView(series(12), 600, 10, 12);
    expect(few.heatmap).toBeNull();
    expect(few.assetCount).toBe(12);
    const many = runSeriesView(series(30), 600, 10, 12);
    expect(many.heatmap?.assets.length).toBe(25);
    expect(many.heatmap?.dates).toEqual(Array.from({ length: rebalances }, (_, r) => `r${r}`));
    expect(Math.abs((many.heatmap?.values[0][0] ?? 0) - 1 / 30)).toBeLessThan(TOL);
  });

  it('carries the rolling Sharpe with the frequency’s window and each rebalance’s turnover', () => {
    const view = runSeriesView(series(3), 600, 10, 252);
    expect(view.rollingSharpe.window).toBe(63);
    expect(view.rollingSharpe.values.every((value) => value === null)).toBe(true);
    const monthly = runSeriesView(series(3), 600, 10, 12);
    const expected = sharpeByHand(Array.from({ length: 12 }, (_, k) => 0.01 * Math.cos(28 + k)), 12);
    expect(Math.abs((monthly.rollingSharpe.values[39] as number) - expected)).toBeLessThan(TOL);
    expect(monthly.turnover.values).toEqual(Array.from({ length: rebalances }, (_, r) => r / 100));
    expect(Math.abs(monthly.turnover.mean - 0.045)).toBeLessThan(TOL);
  });
});
