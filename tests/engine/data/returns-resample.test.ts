/**
 * Returns with missing prices and month-end resampling, against hand-computed values.
 */

import { describe, expect, it } from 'vitest';
import type { Panel } from '../../../src/shared/domain/panel';
import { resampleMonthly } from '../../../src/main/engine/data/resample';
import { logReturns, simpleReturns } from '../../../src/main/engine/data/returns';
import { expectClose } from '../linalg/assert-close';

const prices: Panel = {
  kind: 'prices',
  frequency: 'daily',
  dates: ['2021-01-28', '2021-01-29', '2021-02-01', '2021-02-26', '2021-03-01'],
  assets: ['A', 'B'],
  values: Float64Array.from([100, NaN, 110, 20, NaN, 25, 121, NaN, 133.1, 30]),
};

/** Entry-wise: NaN where expected is NaN, else within 1e−14 relative (one division's rounding). */
function expectSeries(actual: Float64Array, expected: number[], label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let q = 0; q < expected.length; q++) {
    if (Number.isNaN(expected[q])) expect(actual[q], `${label}[${q}]`).toBeNaN();
    else expectClose([actual[q]], [expected[q]], 1e-14, 0, `${label}[${q}]`);
  }
}

describe('simpleReturns / logReturns', () => {
  it("'nan' rule: a return needs both prices", () => {
    const r = simpleReturns(prices);
    expect(r.dates).toEqual(prices.dates.slice(1));
    expect(r.kind).toBe('returns');
    expectSeries(r.values, [0.1, NaN, NaN, 0.25, NaN, NaN, 0.1, NaN], 'simple');
  });

  it("'bridge' rule: the return over a gap is reported at the next observed price", () => {
    const r = simpleReturns(prices, 'bridge');
    // A: 100 → 110 → (gap) → 121 → 133.1; B: 20 → 25 → (gap) → 30.
    expectSeries(r.values, [0.1, NaN, NaN, 0.25, 0.1, NaN, 0.1, 0.2], 'bridge');
    const log = logReturns(prices, 'bridge');
    expectClose([log.values[0], log.values[7]], [Math.log(1.1), Math.log(1.2)], 1e-14, 0, 'log bridge');
  });

  it('rejects non-positive or infinite prices, short panels and bad shapes, naming the cell', () => {
    expect(() => simpleReturns({ ...prices, values: Float64Array.from([100, NaN, 0, 20, NaN, 25, 121, NaN, 133.1, 30]) })).toThrow(
      'prices[2021-01-29, A] is 0: prices must be positive and finite',
    );
    expect(() => logReturns({ ...prices, values: Float64Array.from([100, NaN, 110, Infinity, NaN, 25, 121, NaN, 133.1, 30]) })).toThrow(/prices\[2021-01-29, B\] is Infinity/);
    expect(() => simpleReturns({ ...prices, dates: ['2021-01-28'], values: Float64Array.from([1, 2]) })).toThrow(/prices has 1 rows, need at least 2/);
    expect(() => simpleReturns({ ...prices, values: new Float64Array(3) })).toThrow(/prices.values has length 3, expected T × N = 5 × 2/);
  });

  it('does not mutate its input', () => {
    const copy = Float64Array.from(prices.values);
    simpleReturns(prices, 'bridge');
    expect(Array.from(prices.values)).toEqual(Array.from(copy));
  });
});

describe('resampleMonthly', () => {
  it("keeps each asset's last price of the month, dated with the month's last date", () => {
    const monthly = resampleMonthly(prices);
    expect(monthly.dates).toEqual(['2021-01-29', '2021-02-26', '2021-03-01']);
    expect(monthly.frequency).toBe('monthly');
    const expected = [110, 20, 121, 25, 133.1, 30];
    expect(Array.from(monthly.values)).toEqual(expected);
  });

  it('a month without any price for an asset is NaN', () => {
    const monthly = resampleMonthly({ ...prices, values: Float64Array.from([100, NaN, 110, NaN, NaN, 25, 121, NaN, 133.1, 30]) });
    expect(monthly.values[1]).toBeNaN();
  });

  it('rejects unordered or malformed dates', () => {
    expect(() => resampleMonthly({ ...prices, dates: ['2021-01-28', '2021-01-27', '2021-02-01', '2021-02-26', '2021-03-01'] })).toThrow(/strictly ascending/);
    expect(() => resampleMonthly({ ...prices, dates: ['2021/01/28', '2021-01-29', '2021-02-01', '2021-02-26', '2021-03-01'] })).toThrow(/not an ISO date/);
  });
});
