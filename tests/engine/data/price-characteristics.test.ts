/**
 * Price-based characteristics on tiny hand-made daily panels, checked against values worked out
 * by hand (fractions in the comments), and the rank normalisation.
 */

import { describe, expect, it } from 'vitest';
import type { Panel } from '../../../src/shared/domain/panel';
import { priceCharacteristics } from '../../../src/main/engine/data/price-characteristics';
import { rankNormalise } from '../../../src/main/engine/data/rank-normalise';
import { expectClose } from '../linalg/assert-close';

const K = 5;
// Daily returns: A (.1, −.1, 0, .1, 0), B (0, .1, 0, 0, .1), C only row 5 (.1);
// equal-weight market (.05, 0, 0, .05, 1/15).
const panel: Panel = {
  kind: 'prices',
  frequency: 'daily',
  dates: ['2020-01-29', '2020-01-30', '2020-01-31', '2020-02-03', '2020-02-04', '2020-02-05'],
  assets: ['A', 'B', 'C'],
  values: Float64Array.from([
    100, 50, NaN,
    110, 50, NaN,
    99, 55, NaN,
    99, 55, NaN,
    108.9, 55, 20,
    108.9, 60.5, 22,
  ]),
};

function entry(values: Float64Array, month: number, asset: number, k: number): number {
  return values[(month * 3 + asset) * K + k];
}

describe('priceCharacteristics on a hand-made panel (windowDays = 4)', () => {
  const result = priceCharacteristics(panel, { windowDays: 4 });

  it('rebalance dates are the last trading days of each month', () => {
    expect(result.dates).toEqual(['2020-01-31', '2020-02-05']);
  });

  it('volatility, beta and max daily return in month 1 (rows 1–2)', () => {
    // A: var = .02 → √(.02·252); beta = .005/.00125 = 4. B: var .005 → √(.005·252); beta = −.0025/.00125 = −2.
    expectClose(
      [entry(result.raw, 0, 0, 2), entry(result.raw, 0, 0, 3), entry(result.raw, 0, 1, 2), entry(result.raw, 0, 1, 3), entry(result.raw, 0, 0, 4), entry(result.raw, 0, 1, 4)],
      [Math.sqrt(0.02 * 252), 4, Math.sqrt(0.005 * 252), -2, 0.1, 0.1],
      1e-13,
      0,
      'month 1',
    );
  });

  it('month 2: window rows 2–5, beta 24/17 and 4/17, reversal .1; C has too few observations', () => {
    expectClose(
      [entry(result.raw, 1, 0, 1), entry(result.raw, 1, 1, 1), entry(result.raw, 1, 0, 2), entry(result.raw, 1, 1, 2), entry(result.raw, 1, 0, 3), entry(result.raw, 1, 1, 3)],
      [0.1, 0.1, Math.sqrt((0.02 / 3) * 252), Math.sqrt((0.01 / 3) * 252), 24 / 17, 4 / 17],
      1e-13,
      0,
      'month 2',
    );
    expectClose([entry(result.raw, 1, 0, 4), entry(result.raw, 1, 1, 4)], [0.1, 0.1], 1e-13, 0, 'max daily return');
    for (const k of [1, 2, 3, 4]) expect(entry(result.raw, 1, 2, k), `C characteristic ${k}`).toBeNaN();
    expect(entry(result.raw, 0, 0, 1), 'no reversal in the first month').toBeNaN();
    expect(entry(result.raw, 1, 0, 0), 'no momentum before 12 months').toBeNaN();
  });

  it('ranks: A above B in volatility and beta (+1 / −1), ties at 0, C stays NaN', () => {
    expect([entry(result.ranked, 1, 0, 2), entry(result.ranked, 1, 1, 2)]).toEqual([1, -1]);
    expect([entry(result.ranked, 1, 0, 3), entry(result.ranked, 1, 1, 3)]).toEqual([1, -1]);
    expect([entry(result.ranked, 1, 0, 4), entry(result.ranked, 1, 1, 4)]).toEqual([0, 0]);
    expect(entry(result.ranked, 1, 2, 2)).toBeNaN();
  });
});

describe('priceCharacteristics: 12-1 momentum', () => {
  it('is P_{m−1}/P_{m−12} − 1 with month-end prices', () => {
    const dates: string[] = [];
    const values: number[] = [];
    for (let month = 0; month < 13; month++) {
      for (const day of [10, 20]) {
        const row = dates.length;
        dates.push(`${2019 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-${day}`);
        values.push(100 * 1.01 ** row, 50 * 0.99 ** row);
      }
    }
    const result = priceCharacteristics({ kind: 'prices', frequency: 'daily', dates, assets: ['up', 'down'], values: Float64Array.from(values) }, { windowDays: 4 });
    // Month-end rows are 2m + 1: momentum at month 12 = P(23)/P(1) − 1.
    expectClose([result.raw[(12 * 2) * K], result.raw[(12 * 2 + 1) * K]], [1.01 ** 22 - 1, 0.99 ** 22 - 1], 1e-13, 0, 'momentum');
    expect([result.ranked[(12 * 2) * K], result.ranked[(12 * 2 + 1) * K]]).toEqual([1, -1]);
  });
});

describe('rankNormalise', () => {
  it('maps ranks linearly onto [−1, 1] with average ranks for ties', () => {
    const out = rankNormalise(Float64Array.from([3, 1, 2, NaN, 2, 7]), 1, 6);
    // Present values 3, 1, 2, 2, 7: ranks 4, 1, 2.5, 2.5, 5 → 2(ρ − 1)/4 − 1.
    expectClose(Array.from(out).filter((v) => !Number.isNaN(v)), [0.5, -1, -0.25, -0.25, 1], 1e-15, 0, 'ranks');
    expect(out[3]).toBeNaN();
    expect(Array.from(rankNormalise(Float64Array.from([5, NaN]), 1, 2))).toEqual([0, NaN]);
  });

  it('rejects ±Infinity and wrong shapes', () => {
    expect(() => rankNormalise(Float64Array.from([1, Infinity]), 1, 2)).toThrow('rankNormalise: values[0, 1] is Infinity');
    expect(() => rankNormalise(Float64Array.from([1, 2, 3]), 1, 2)).toThrow(/expected m × n = 1 × 2/);
  });
});

describe('priceCharacteristics: options', () => {
  it('rejects a bad window or share', () => {
    expect(() => priceCharacteristics(panel, { windowDays: 1 })).toThrow(/windowDays must be an integer ≥ 2/);
    expect(() => priceCharacteristics(panel, { minObservationShare: 0 })).toThrow(/minObservationShare must be in \(0, 1\]/);
  });
});
