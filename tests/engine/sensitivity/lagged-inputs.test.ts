/**
 * Lagged network inputs: a hand-built 4 × 2 case, shapes, and bad input.
 */
import { describe, expect, it } from 'vitest';
import { laggedInputs } from '../../../src/main/engine/sensitivity/lagged-inputs';

describe('laggedInputs', () => {
  const drivers = Float64Array.from([1, 10, 2, 20, 3, 30, 4, 40]);

  it('places driver j lagged ℓ periods in column ℓ·D + j, starting at period L', () => {
    const result = laggedInputs(drivers, 2, 2);
    expect(result.nInputs).toBe(6);
    expect(result.firstRow).toBe(2);
    expect(Array.from(result.inputs)).toEqual([3, 30, 2, 20, 1, 10, 4, 40, 3, 30, 2, 20]);
  });

  it('with no lags returns an equal copy, not the input itself', () => {
    const result = laggedInputs(drivers, 2, 0);
    expect(result.inputs).toEqual(drivers);
    expect(result.inputs).not.toBe(drivers);
  });

  it('rejects bad input with a message naming the argument', () => {
    expect(() => laggedInputs(drivers, 3, 1)).toThrow(/drivers has length 8, not a multiple of D = 3/);
    expect(() => laggedInputs(drivers, 2, 4)).toThrow(/need more than lags = 4/);
    expect(() => laggedInputs(drivers, 2, -1)).toThrow(/lags = -1/);
    expect(() => laggedInputs(Float64Array.from([1, Number.NaN]), 1, 0)).toThrow(/drivers\[1, 0\] is NaN/);
  });
});
