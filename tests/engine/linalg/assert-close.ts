import { expect } from 'vitest';

/**
 * Asserts |actual_i − expected_i| ≤ atol + rtol·|expected_i| for every i; the failure message
 * prints the worst index, both values, the difference and the tolerance.
 */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol: number, label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let worst = -1;
  let worstExcess = -Infinity;
  for (let i = 0; i < expected.length; i++) {
    const excess = Math.abs(actual[i] - expected[i]) - (atol + rtol * Math.abs(expected[i]));
    if (!(excess <= worstExcess) || Number.isNaN(excess)) {
      worstExcess = Number.isNaN(excess) ? Infinity : excess;
      worst = i;
    }
  }
  if (worst < 0) return;
  const a = actual[worst];
  const e = expected[worst];
  const tolerance = atol + rtol * Math.abs(e);
  expect(
    worstExcess <= 0,
    `${label}: at index ${worst} got ${a}, expected ${e}, |diff| = ${Math.abs(a - e)} > tolerance ${tolerance} (rtol ${rtol}, atol ${atol})`,
  ).toBe(true);
}

/** Asserts a scalar within atol + rtol·|expected|, printing difference and tolerance. */
export function expectScalarClose(actual: number, expected: number, rtol: number, atol: number, label: string): void {
  expectClose([actual], [expected], rtol, atol, label);
}

/** max_i |a_i − b_i| / max_i |b_i|: the norm-wise relative difference. */
export function normRelativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}
