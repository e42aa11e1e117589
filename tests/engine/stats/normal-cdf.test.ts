import { describe, expect, it } from 'vitest';
import { normalCdf, normalUpperTail, twoSidedNormalPValue } from '../../../src/main/engine/stats/normal-cdf';
import { expectRelative, fixture } from './stats-fixture';

const { x, scipy, mpmath } = fixture.normal;
const SMALLEST_NORMAL = 2.2250738585072014e-308;

describe('normalCdf against mpmath (50 digits) and scipy.special.ndtr', () => {
  it('matches mpmath to 1e-14 relative wherever Φ(x) is a normal float64', () => {
    let checked = 0;
    for (let i = 0; i < x.length; i++) {
      if (mpmath[i] < 1e-300) continue;
      expectRelative(normalCdf(x[i]), mpmath[i], 1e-14, `Φ(${x[i]})`);
      checked++;
    }
    expect(checked, 'points checked').toBeGreaterThan(900);
  });

  it('matches scipy within 1e-14 + 3e-16·x² relative (ndtr itself loses ~x²·2⁻⁵³ in the lower tail: 2.2e-13 at x = −36.5)', () => {
    for (let i = 0; i < x.length; i++) {
      if (scipy[i] < 1e-300) continue;
      expectRelative(normalCdf(x[i]), scipy[i], 1e-14 + 3e-16 * x[i] * x[i], `Φ(${x[i]}) vs scipy`);
    }
  });

  it('keeps the subnormal far tail within a few units of the smallest normal number', () => {
    for (let i = 0; i < x.length; i++) {
      if (mpmath[i] >= 1e-300) continue;
      const difference = Math.abs(normalCdf(x[i]) - mpmath[i]);
      expect(difference, `Φ(${x[i]}): |Δ| = ${difference} > ${1e-3 * SMALLEST_NORMAL}`).toBeLessThanOrEqual(1e-3 * SMALLEST_NORMAL);
    }
  });

  it('is continuous across the switch from the series to the continued fraction at 1.5 (to its accuracy, 1e-14)', () => {
    const below = normalUpperTail(1.4999999999999998);
    const at = normalUpperTail(1.5);
    const jump = Math.abs(below - at) / at;
    expect(jump, `relative step ${jump} across x = 1.5 (true step 4.4e-16), tolerance 1e-14`).toBeLessThanOrEqual(1e-14);
  });

  it('is non-decreasing between grid points further apart than its error, and Q(x) = Φ(−x), Φ(x) + Φ(−x) = 1', () => {
    let previous = 0;
    for (let i = 1; i < x.length; i++) {
      if (x[i] - x[previous] < 1e-6) continue;
      expect(normalCdf(x[i]), `Φ(${x[i]}) < Φ(${x[previous]})`).toBeGreaterThanOrEqual(normalCdf(x[previous]));
      previous = i;
    }
    for (const value of [0.1, 0.7, 1.5, 2.3, 4, 7.5]) {
      expect(normalUpperTail(value)).toBe(normalCdf(-value));
      const sum = normalCdf(value) + normalCdf(-value);
      expect(Math.abs(sum - 1), `Φ(${value}) + Φ(−${value}) − 1 = ${sum - 1}, tolerance 2.3e-16`).toBeLessThanOrEqual(2.3e-16);
    }
  });

  it('handles 0, ±∞ and NaN', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalUpperTail(Infinity)).toBe(0);
    expect(normalCdf(Number.NaN)).toBeNaN();
    expect(twoSidedNormalPValue(Number.NaN)).toBeNaN();
  });
});

describe('twoSidedNormalPValue', () => {
  it('is 2Q(|z|) with the textbook critical values', () => {
    expectRelative(twoSidedNormalPValue(1.959963984540054), 0.05, 1e-14, 'p(1.96)');
    expectRelative(twoSidedNormalPValue(-2.5758293035489004), 0.01, 1e-14, 'p(−2.576)');
    expect(twoSidedNormalPValue(0)).toBe(1);
    const index = x.findIndex((value) => value === -10);
    expectRelative(twoSidedNormalPValue(10), 2 * mpmath[index], 1e-14, 'p(10)');
  });
});
