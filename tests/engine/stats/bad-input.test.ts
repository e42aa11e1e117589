import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import { compareRuns } from '../../../src/main/engine/stats/compare-runs';
import { sharpeDifferenceBootstrap } from '../../../src/main/engine/stats/sharpe-difference-bootstrap';
import { sharpeDifferenceTest } from '../../../src/main/engine/stats/sharpe-difference-test';
import { simulatePair } from './stats-fixture';

const { a, b } = simulatePair(createRandom(8), 24, { meanA: 0.01, meanB: 0.004, volA: 0.04, volB: 0.03, rho: 0.3 });

function withValue(values: Float64Array, index: number, value: number): Float64Array {
  const copy = Float64Array.from(values);
  copy[index] = value;
  return copy;
}

const tests = [
  ['sharpeDifferenceTest', (x: Float64Array, y: Float64Array, extra: object = {}) => sharpeDifferenceTest(x, y, { periodsPerYear: 12, ...extra })],
  [
    'sharpeDifferenceBootstrap',
    (x: Float64Array, y: Float64Array, extra: object = {}) => sharpeDifferenceBootstrap(x, y, { periodsPerYear: 12, seed: 1, resamples: 9, ...extra }),
  ],
] as const;

describe.each(tests)('%s rejects bad input with an error naming the problem', (_, run) => {
  it('different lengths', () => {
    expect(() => run(a, b.subarray(0, 23))).toThrow(/b has length 23 but a has length 24/);
  });

  it('fewer than 12 observations', () => {
    expect(() => run(a.subarray(0, 11), b.subarray(0, 11))).toThrow(/a has 11 observations: a Sharpe comparison needs at least 12/);
  });

  it('NaN and ±Infinity, naming the series and index', () => {
    expect(() => run(withValue(a, 17, Number.NaN), b)).toThrow(/a\[17\] is NaN/);
    expect(() => run(a, withValue(b, 3, Infinity))).toThrow(/b\[3\] is Infinity/);
    expect(() => run(a, withValue(b, 0, -Infinity))).toThrow(/b\[0\] is -Infinity/);
  });

  it('zero variance', () => {
    expect(() => run(new Float64Array(24).fill(0.01), b)).toThrow(/a has zero variance \(all 24 values equal 0.01\)/);
    expect(() => run(a, a.map((value) => value), { riskFree: a })).toThrow(/a − riskFree has zero variance/);
  });

  it('a risk-free series of the wrong length or with NaN', () => {
    expect(() => run(a, b, { riskFree: new Float64Array(8) })).toThrow(/riskFree has 8 observations/);
    expect(() => run(a, b, { riskFree: new Float64Array(25) })).toThrow(/riskFree has length 25 but a has length 24/);
    expect(() => run(a, b, { riskFree: withValue(new Float64Array(24), 5, Number.NaN) })).toThrow(/riskFree\[5\] is NaN/);
  });

  it('periodsPerYear not finite and positive, and arrays of the wrong type', () => {
    expect(() => run(a, b, { periodsPerYear: 0 })).toThrow(/periodsPerYear must be a finite number > 0/);
    expect(() => run(a, b, { periodsPerYear: Number.NaN })).toThrow(/periodsPerYear/);
    expect(() => run([1, 2, 3] as unknown as Float64Array, b)).toThrow(/a must be a Float64Array/);
  });
});

describe('sharpeDifferenceBootstrap rejects bad settings', () => {
  const run = (extra: object) => sharpeDifferenceBootstrap(a, b, { periodsPerYear: 12, seed: 1, resamples: 9, ...extra });
  it('block length outside [1, T] or fractional', () => {
    expect(() => run({ blockLength: 0 })).toThrow(/blockLength must be an integer in \[1, 24\] \(the series length\), got 0/);
    expect(() => run({ blockLength: 25 })).toThrow(/blockLength must be an integer in \[1, 24\] \(the series length\), got 25/);
    expect(() => run({ blockLength: 2.5 })).toThrow(/blockLength/);
  });
  it('resamples, confidence level and seed', () => {
    expect(() => run({ resamples: 0 })).toThrow(/resamples must be a positive integer, got 0/);
    expect(() => run({ resamples: 10.5 })).toThrow(/resamples/);
    expect(() => run({ confidenceLevel: 1 })).toThrow(/confidenceLevel must be in \(0, 1\), got 1/);
    expect(() => run({ confidenceLevel: Number.NaN })).toThrow(/confidenceLevel/);
    expect(() => run({ seed: -1 })).toThrow(/seed must be a non-negative safe integer/);
  });
});

describe('compareRuns rejects bad input', () => {
  const good = [
    { name: 'x', netReturns: a },
    { name: 'y', netReturns: b },
  ];
  const run = (series: { name: string; netReturns: Float64Array }[], extra: object = {}) => compareRuns(series, { periodsPerYear: 12, resamples: 9, ...extra });

  it('fewer than two runs', () => {
    expect(() => run(good.slice(0, 1))).toThrow(/at least 2 runs to compare, got 1/);
  });
  it('different lengths, naming the run', () => {
    expect(() => run([good[0], { name: 'y', netReturns: b.subarray(0, 20) }])).toThrow(/series\[1\]\.netReturns has length 20 but series\[0\]\.netReturns has length 24/);
  });
  it('fewer than 12 observations', () => {
    expect(() => run(good.map((s) => ({ ...s, netReturns: s.netReturns.subarray(0, 6) })))).toThrow(/series\[0\]\.netReturns has 6 observations/);
  });
  it('NaN, naming run and index', () => {
    expect(() => run([good[0], { name: 'y', netReturns: withValue(b, 9, Number.NaN) }])).toThrow(/series\[1\]\.netReturns\[9\] is NaN/);
  });
  it('zero variance, naming the run', () => {
    expect(() => run([good[0], { name: 'flat', netReturns: new Float64Array(24) }])).toThrow(/series\[1\]\.netReturns has zero variance/);
  });
  it('a net return of −1 or below', () => {
    expect(() => run([good[0], { name: 'y', netReturns: withValue(b, 4, -1) }])).toThrow(/series\[1\]\.netReturns\[4\] is -1: a net return ≤ −1 wipes out the run/);
  });
  it('bad baseline index, empty name, bad periodsPerYear', () => {
    expect(() => run(good, { baseline: 2 })).toThrow(/baseline must be an index in \[0, 1\], got 2/);
    expect(() => run(good, { baseline: -1 })).toThrow(/baseline/);
    expect(() => run([{ name: '', netReturns: a }, good[1]])).toThrow(/series\[0\] must be \{ name: non-empty string/);
    expect(() => run(good, { periodsPerYear: -12 })).toThrow(/periodsPerYear/);
  });
});
