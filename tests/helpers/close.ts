/** Element-wise closeness with failure messages that print the difference and the tolerance. */
import { expect } from 'vitest';

/** max_i |a_i − b_i| (Infinity when a NaN appears where the other side has a number). */
export function maxAbsDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length, 'length').toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const difference = Math.abs(actual[i] - expected[i]);
    worst = Number.isNaN(difference) ? Infinity : Math.max(worst, difference);
  }
  return worst;
}

/** Asserts max_i |a_i − b_i| ≤ tolerance, printing the difference and the tolerance on failure. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, label: string): void {
  const difference = maxAbsDifference(actual, expected);
  expect(difference, `${label}: max |Δ| = ${difference.toExponential(3)} > tolerance ${tolerance.toExponential(1)}`).toBeLessThanOrEqual(tolerance);
}
