/**
 * Commonality driver selection: on a synthetic panel where driver 0 moves every asset at once,
 * driver 1 moves every asset one period later, driver 2 moves 3 of 20 assets and driver 3 is noise,
 * exactly drivers 0 and 1 are kept; the scores equal shares recomputed here from an explicit OLS
 * (residual-based standard error) and a two-pass correlation; bad input is rejected.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import { selectDrivers } from '../../../src/main/engine/sensitivity/select-drivers';

const T = 240;
const N = 20;
const D = 4;
const NAMES = ['market', 'spread', 'niche', 'noise'];

function panel(seed: number): { returns: Float64Array; drivers: Float64Array } {
  const random = createRandom(seed);
  const drivers = new Float64Array(T * D);
  for (let k = 0; k < drivers.length; k++) drivers[k] = random.normal();
  const returns = new Float64Array(T * N);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < N; i++) {
      let value = 0.8 * drivers[t * D] + random.normal();
      if (t > 0) value += 0.5 * drivers[(t - 1) * D + 1];
      if (i < 3) value += 1.0 * drivers[t * D + 2];
      returns[t * N + i] = value;
    }
  }
  return { returns, drivers };
}

function column(values: Float64Array, columns: number, j: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = from; t < to; t++) out.push(values[t * columns + j]);
  return out;
}

function pearson(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xv, k) => {
    sxy += (xv - mx) * (y[k] - my);
    sxx += (xv - mx) ** 2;
    syy += (y[k] - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

/** t-statistic of the OLS slope of y on x with intercept, from the residual variance. */
function olsSlopeT(x: number[], y: number[]): number {
  const m = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / m;
  const my = y.reduce((a, b) => a + b, 0) / m;
  let sxx = 0;
  let sxy = 0;
  x.forEach((xv, k) => {
    sxx += (xv - mx) ** 2;
    sxy += (xv - mx) * (y[k] - my);
  });
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ssr = 0;
  x.forEach((xv, k) => {
    ssr += (y[k] - intercept - slope * xv) ** 2;
  });
  return slope / Math.sqrt(ssr / (m - 2) / sxx);
}

describe('selectDrivers', () => {
  const { returns, drivers } = panel(7);
  const selection = selectDrivers(returns, drivers, NAMES, { minShare: 0.5 });

  it('keeps the drivers common to most assets and drops the niche and noise ones', () => {
    expect(Array.from(selection.kept)).toEqual([0, 1]);
    expect(selection.correlationShare[0], 'market correlates with every asset').toBe(1);
    expect(selection.predictabilityShare[1], 'spread predicts every asset at lag 1').toBe(1);
    expect(selection.correlationShare[2], 'niche correlates with 3 of 20').toBeCloseTo(3 / 20, 12);
    expect(selection.names).toEqual(NAMES);
  });

  it('scores equal shares recomputed from an explicit OLS and a two-pass correlation', () => {
    for (let j = 0; j < D; j++) {
      let correlated = 0;
      let predictive = 0;
      let absTotal = 0;
      for (let i = 0; i < N; i++) {
        const rho = pearson(column(returns, N, i, 0, T), column(drivers, D, j, 0, T));
        absTotal += Math.abs(rho);
        if (Math.abs(rho) > 0.2) correlated++;
        if (Math.abs(olsSlopeT(column(drivers, D, j, 0, T - 1), column(returns, N, i, 1, T))) > 1.96) predictive++;
      }
      expect(selection.correlationShare[j], `correlation share of driver ${j}`).toBe(correlated / N);
      expect(selection.predictabilityShare[j], `predictability share of driver ${j}`).toBe(predictive / N);
      const difference = Math.abs(selection.meanAbsCorrelation[j] - absTotal / N);
      expect(difference, `mean |ρ| of driver ${j}: difference ${difference}, tolerance 1e-12`).toBeLessThan(1e-12);
    }
  });

  it('a stricter minShare keeps fewer drivers; a looser one keeps the niche driver too', () => {
    expect(Array.from(selectDrivers(returns, drivers, NAMES, { minShare: 0.15 }).kept)).toEqual([0, 1, 2]);
    // Population |ρ| of the market is 0.8/√1.89 ≈ 0.58 for most assets but 0.8/√2.89 ≈ 0.47 for the
    // three niche ones, so requiring every asset above 0.5 drops it; the lagged spread survives.
    const strict = selectDrivers(returns, drivers, NAMES, { minShare: 1, correlationThreshold: 0.5 });
    expect(Array.from(strict.kept)).toEqual([1]);
  });

  it('does not mutate its inputs', () => {
    const before = [Float64Array.from(returns), Float64Array.from(drivers)];
    selectDrivers(returns, drivers, NAMES);
    expect(returns).toEqual(before[0]);
    expect(drivers).toEqual(before[1]);
  });

  it('rejects bad input with a message naming the argument', () => {
    expect(() => selectDrivers(returns, drivers, ['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toThrow(/drivers has length/);
    expect(() => selectDrivers(returns.subarray(1), drivers, NAMES)).toThrow(/assetReturns has length/);
    const withNaN = Float64Array.from(drivers);
    withNaN[5] = Number.NaN;
    expect(() => selectDrivers(returns, withNaN, NAMES)).toThrow(/drivers\[1, 1\] is NaN/);
    const constant = Float64Array.from(drivers);
    for (let t = 0; t < T; t++) constant[t * D + 3] = 1;
    expect(() => selectDrivers(returns, constant, NAMES)).toThrow(/column 3 \(noise\) is constant/);
    expect(() => selectDrivers(returns, drivers, NAMES, { minShare: 0 })).toThrow(/minShare/);
    expect(() => selectDrivers(returns, drivers, [])).toThrow(/names is empty/);
    expect(() => selectDrivers(new Float64Array(3), new Float64Array(3), ['x'])).toThrow(/need at least 4/);
  });
});
