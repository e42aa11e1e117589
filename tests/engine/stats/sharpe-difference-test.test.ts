import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import { sharpeDifferenceTest } from '../../../src/main/engine/stats/sharpe-difference-test';
import { expectRelative, fixture, inputsOf, simulatePair } from './stats-fixture';

describe('sharpeDifferenceTest against the numpy/scipy reference (Memmel raw-moment form)', () => {
  for (const testCase of fixture.jkm) {
    it(`${testCase.name} (T = ${testCase.a.length}): Sharpe ratios, z and p to 1e-10 relative`, () => {
      const { a, b, riskFree } = inputsOf(testCase);
      const result = sharpeDifferenceTest(a, b, { periodsPerYear: testCase.periodsPerYear, ...(riskFree ? { riskFree } : {}) });
      const expected = testCase.expected;
      expectRelative(result.sharpeA, expected.sharpeA, 1e-10, 'sharpeA');
      expectRelative(result.sharpeB, expected.sharpeB, 1e-10, 'sharpeB');
      expectRelative(result.difference, expected.difference, 1e-10, 'difference');
      expectRelative(result.statistic, expected.statistic, 1e-10, 'statistic');
      expectRelative(result.pValue, expected.pValue, 1e-10, 'pValue');
      expect(result.method).toBe('jobson-korkie-memmel');
      expect(result.n).toBe(testCase.a.length);
    });
  }

  it('covers real data with a clear and an unclear difference (guards the fixture itself)', () => {
    const names = fixture.jkm.map((testCase) => testCase.name);
    expect(names).toContain('ff10-NoDur-vs-HiTec-1926-2021');
    expect(fixture.jkm.find((testCase) => testCase.name === 'ff10-NoDur-vs-HiTec-1926-2021')?.expected.pValue).toBeLessThan(0.05);
    expect(fixture.jkm.find((testCase) => testCase.name === 'ff10-Enrgy-vs-Utils-1990-2020-excess')?.expected.pValue).toBeGreaterThan(0.1);
  });
});

describe('sharpeDifferenceTest properties', () => {
  const { a, b } = simulatePair(createRandom(11), 180, { meanA: 0.009, meanB: 0.004, volA: 0.04, volB: 0.035, rho: 0.6 });

  it('swapping a and b negates z and keeps p', () => {
    const forward = sharpeDifferenceTest(a, b, { periodsPerYear: 12 });
    const backward = sharpeDifferenceTest(b, a, { periodsPerYear: 12 });
    expectRelative(backward.statistic, -forward.statistic, 1e-14, 'z(b, a) vs −z(a, b)');
    expectRelative(backward.pValue, forward.pValue, 1e-13, 'p(b, a) vs p(a, b)');
  });

  it('z does not depend on the scale of either series nor on periodsPerYear; the Sharpe ratios scale by √A', () => {
    const base = sharpeDifferenceTest(a, b, { periodsPerYear: 12 });
    const scaled = sharpeDifferenceTest(a.map((value) => 3 * value), b.map((value) => 0.5 * value), { periodsPerYear: 252 });
    expectRelative(scaled.statistic, base.statistic, 1e-12, 'z after rescaling');
    expectRelative(scaled.sharpeA, base.sharpeA * Math.sqrt(252 / 12), 1e-12, 'sharpeA at A = 252');
  });

  it('matches the closed form V = [2 − 2ρ + ½(SR_a² + SR_b²) − SR_a·SR_b·ρ²]/T computed by hand', () => {
    const n = a.length;
    const mean = (v: Float64Array): number => v.reduce((s, x) => s + x, 0) / n;
    const ma = mean(a);
    const mb = mean(b);
    let saa = 0;
    let sbb = 0;
    let sab = 0;
    for (let t = 0; t < n; t++) {
      saa += (a[t] - ma) ** 2;
      sbb += (b[t] - mb) ** 2;
      sab += (a[t] - ma) * (b[t] - mb);
    }
    const sra = ma / Math.sqrt(saa / (n - 1));
    const srb = mb / Math.sqrt(sbb / (n - 1));
    const rho = sab / Math.sqrt(saa * sbb);
    const z = (sra - srb) / Math.sqrt((2 - 2 * rho + 0.5 * (sra ** 2 + srb ** 2) - sra * srb * rho ** 2) / n);
    expectRelative(sharpeDifferenceTest(a, b, { periodsPerYear: 12 }).statistic, z, 1e-12, 'z vs hand formula');
  });

  it('identical series give z = 0 and p = 1; a strongly drifted copy is highly significant', () => {
    const same = sharpeDifferenceTest(a, a, { periodsPerYear: 12 });
    expect(same.statistic).toBe(0);
    expect(same.pValue).toBe(1);
    const drifted = sharpeDifferenceTest(a.map((value) => value + 0.02), a, { periodsPerYear: 12 });
    expect(drifted.statistic, `z = ${drifted.statistic}`).toBeGreaterThan(5);
    expect(drifted.pValue).toBeLessThan(1e-6);
  });

  it('subtracts the risk-free series from both before testing', () => {
    const riskFree = Float64Array.from({ length: a.length }, (_, t) => 0.002 + 0.0001 * Math.sin(t));
    const withRf = sharpeDifferenceTest(a, b, { periodsPerYear: 12, riskFree });
    const byHand = sharpeDifferenceTest(
      a.map((value, t) => value - riskFree[t]),
      b.map((value, t) => value - riskFree[t]),
      { periodsPerYear: 12 },
    );
    expect(withRf.statistic).toBe(byHand.statistic);
    expect(withRf.sharpeA).toBe(byHand.sharpeA);
  });

  it('holds its size under the null: rejection rate at 5 % on 2,000 iid normal pairs with equal Sharpe', () => {
    const random = createRandom(2024);
    const trials = 2000;
    let rejections = 0;
    for (let k = 0; k < trials; k++) {
      const pair = simulatePair(random, 240, { meanA: 0.01, meanB: 0.005, volA: 0.04, volB: 0.02, rho: 0.5 });
      if (sharpeDifferenceTest(pair.a, pair.b, { periodsPerYear: 12 }).pValue < 0.05) rejections++;
    }
    const rate = rejections / trials;
    const tolerance = 4 * Math.sqrt((0.05 * 0.95) / trials);
    expect(Math.abs(rate - 0.05), `rejection rate ${rate} vs 0.05, tolerance ±${tolerance.toFixed(4)} (4 binomial SE)`).toBeLessThanOrEqual(tolerance);
  });
});
