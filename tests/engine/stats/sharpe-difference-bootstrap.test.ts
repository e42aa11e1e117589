import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import { defaultBlockLength, sharpeDifferenceBootstrap } from '../../../src/main/engine/stats/sharpe-difference-bootstrap';
import { sharpeDifferenceTest } from '../../../src/main/engine/stats/sharpe-difference-test';
import { expectRelative, fixture, inputsOf, simulatePair } from './stats-fixture';

function caseNamed(name: string) {
  const found = fixture.jkm.find((testCase) => testCase.name === name);
  if (!found) throw new Error(`fixture case ${name} missing`);
  return found;
}

describe('sharpeDifferenceBootstrap against the numpy reference', () => {
  it('the Python port of xoshiro128** reproduces createRandom (so the end-to-end cases below compare like with like)', () => {
    const random = createRandom(fixture.randomCheck.seed);
    expect(fixture.randomCheck.uint32.map(() => random.nextUint32())).toEqual(fixture.randomCheck.uint32);
    expect(fixture.randomCheck.uniform.map(() => random.uniform())).toEqual(fixture.randomCheck.uniform);
  });

  for (const testCase of fixture.jkm) {
    for (const { blockLength, value } of testCase.standardErrors) {
      it(`${testCase.name}, b = ${blockLength}: s(Δ̂) equals the 4-vector Bartlett delta-method value to 1e-10`, () => {
        const { a, b, riskFree } = inputsOf(testCase);
        const result = sharpeDifferenceBootstrap(a, b, {
          periodsPerYear: testCase.periodsPerYear,
          blockLength,
          resamples: 1,
          seed: 1,
          ...(riskFree ? { riskFree } : {}),
        });
        expectRelative(result.standardError, value, 1e-10, 'standardError');
        expectRelative(result.difference, testCase.expected.difference, 1e-10, 'difference');
      });
    }
  }

  for (const reference of fixture.bootstrap) {
    it(`${reference.case}: p-value exactly and interval to 1e-10 for seed ${reference.seed}, M = ${reference.resamples}, b = ${reference.blockLength}`, () => {
      const testCase = caseNamed(reference.case);
      const { a, b, riskFree } = inputsOf(testCase);
      const result = sharpeDifferenceBootstrap(a, b, {
        periodsPerYear: testCase.periodsPerYear,
        blockLength: reference.blockLength,
        resamples: reference.resamples,
        seed: reference.seed,
        confidenceLevel: reference.confidenceLevel,
        ...(riskFree ? { riskFree } : {}),
      });
      // No resampled statistic lies within 3e-5 of the observed one, so rounding cannot flip a count.
      expect(reference.expected.margin).toBeGreaterThan(1e-8);
      expect(result.pValue).toBe(reference.expected.pValue);
      expectRelative(result.interval[0], reference.expected.interval[0], 1e-10, 'interval lower');
      expectRelative(result.interval[1], reference.expected.interval[1], 1e-10, 'interval upper');
      expect(result.confidenceLevel).toBe(reference.confidenceLevel);
    });
  }
});

describe('sharpeDifferenceBootstrap behaviour', () => {
  const { a, b } = simulatePair(createRandom(5), 150, { meanA: 0.01, meanB: 0.006, volA: 0.045, volB: 0.04, rho: 0.4 });

  it('is deterministic for a fixed seed and changes with the seed', () => {
    const first = sharpeDifferenceBootstrap(a, b, { periodsPerYear: 12, resamples: 999, seed: 42 });
    const again = sharpeDifferenceBootstrap(a, b, { periodsPerYear: 12, resamples: 999, seed: 42 });
    const other = sharpeDifferenceBootstrap(a, b, { periodsPerYear: 12, resamples: 999, seed: 43 });
    expect(again).toEqual(first);
    expect(other.interval).not.toEqual(first.interval);
    expect(other.difference).toBe(first.difference);
  });

  it('reports the same Sharpe ratios and difference as the Jobson–Korkie–Memmel test, and the defaults', () => {
    const bootstrap = sharpeDifferenceBootstrap(a, b, { periodsPerYear: 12, seed: 1 });
    const jkm = sharpeDifferenceTest(a, b, { periodsPerYear: 12 });
    expect(bootstrap.sharpeA).toBe(jkm.sharpeA);
    expect(bootstrap.sharpeB).toBe(jkm.sharpeB);
    expect(bootstrap.difference).toBe(jkm.difference);
    expect(bootstrap.resamples).toBe(5000);
    expect(bootstrap.confidenceLevel).toBe(0.95);
    expect(bootstrap.blockLength).toBe(6);
    expect(bootstrap.method).toBe('ledoit-wolf-circular-block-bootstrap');
    expect(bootstrap.interval[0]).toBeLessThan(bootstrap.difference);
    expect(bootstrap.interval[1]).toBeGreaterThan(bootstrap.difference);
  });

  it('default block length is ⌈T^{1/3}⌉', () => {
    expect([12, 27, 28, 150, 1000, 1001].map(defaultBlockLength)).toEqual([3, 3, 4, 6, 10, 11]);
  });

  it('p = 1 and the interval is [0, 0] for identical series', () => {
    const result = sharpeDifferenceBootstrap(a, a, { periodsPerYear: 12, resamples: 499, seed: 3 });
    expect(result.pValue).toBe(1);
    expect(result.interval).toEqual([0, 0]);
    expect(result.statistic).toBe(0);
  });

  it('p is at its floor 1/(M + 1) for a series against itself plus a strong drift', () => {
    const drifted = a.map((value) => value + 0.03);
    const result = sharpeDifferenceBootstrap(drifted, a, { periodsPerYear: 12, resamples: 999, seed: 3 });
    expect(result.pValue, `p = ${result.pValue}`).toBeLessThanOrEqual(1 / 1000);
    expect(result.interval[0]).toBeGreaterThan(0);
  });

  it('a wider level gives a wider interval on the same resamples', () => {
    const narrow = sharpeDifferenceBootstrap(a, b, { periodsPerYear: 12, resamples: 999, seed: 9, confidenceLevel: 0.8 });
    const wide = sharpeDifferenceBootstrap(a, b, { periodsPerYear: 12, resamples: 999, seed: 9, confidenceLevel: 0.99 });
    expect(wide.interval[1] - wide.interval[0]).toBeGreaterThan(narrow.interval[1] - narrow.interval[0]);
    expect(wide.pValue).toBe(narrow.pValue);
  });

  it('does not mutate its inputs', () => {
    const copyA = Float64Array.from(a);
    const copyB = Float64Array.from(b);
    const riskFree = new Float64Array(a.length).fill(0.001);
    sharpeDifferenceBootstrap(a, b, { periodsPerYear: 12, resamples: 99, seed: 1, riskFree });
    expect(a).toEqual(copyA);
    expect(b).toEqual(copyB);
    expect(riskFree.every((value) => value === 0.001)).toBe(true);
  });
});

describe('sharpeDifferenceBootstrap coverage (Monte Carlo)', () => {
  // T = 120 monthly, SR_a = 0.25, SR_b = 0.1 per month, ρ = 0.5: true annualised difference √12·0.15.
  // Measured with 4,000 replications: 0.950 (iid) and 0.937 (AR(1), φ = 0.3); the AR case gets a
  // 0.02 finite-sample allowance on top of 4 binomial standard errors.
  const parameters = { meanA: 0.01, meanB: 0.005, volA: 0.04, volB: 0.05, rho: 0.5 };
  const truth = Math.sqrt(12) * (parameters.meanA / parameters.volA - parameters.meanB / parameters.volB);
  const replications = 600;
  const binomialTolerance = 4 * Math.sqrt((0.95 * 0.05) / replications);

  function coverage(phi: number, seed: number): number {
    const random = createRandom(seed);
    let covered = 0;
    for (let r = 0; r < replications; r++) {
      const pair = simulatePair(random, 120, { ...parameters, phi });
      const { interval } = sharpeDifferenceBootstrap(pair.a, pair.b, { periodsPerYear: 12, resamples: 299, seed: r });
      if (interval[0] <= truth && truth <= interval[1]) covered++;
    }
    return covered / replications;
  }

  it('the 95 % interval covers the true difference at about 95 % for iid normal returns', () => {
    const rate = coverage(0, 77);
    expect(Math.abs(rate - 0.95), `coverage ${rate} vs 0.95, tolerance ±${binomialTolerance.toFixed(4)}`).toBeLessThanOrEqual(binomialTolerance);
  });

  it('and for serially dependent (AR(1), φ = 0.3) returns', () => {
    const rate = coverage(0.3, 78);
    const tolerance = binomialTolerance + 0.02;
    expect(Math.abs(rate - 0.95), `coverage ${rate} vs 0.95, tolerance ±${tolerance.toFixed(4)}`).toBeLessThanOrEqual(tolerance);
  });
});
