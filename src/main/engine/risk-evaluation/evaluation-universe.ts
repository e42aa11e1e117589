/**
 * Which assets an out-of-sample risk-model comparison may use, and a seeded draw of a universe of
 * a given size from them. An asset is eligible when its return is finite on every row of the
 * evaluation window (the first lookback window through the last test day), so every strategy sees
 * the same assets at every rebalance and no missing-return policy colours the comparison.
 */

import { createRandom } from '../data/random';

/**
 * Columns whose returns are finite on rows `first..last` (inclusive).
 *
 * @param returns - T × N row-major; NaN marks a missing return.
 * @returns column indices, ascending.
 * @throws when the row range is outside 0..T − 1 or empty.
 */
export function fullyCoveredAssets(returns: Float64Array, t: number, n: number, first: number, last: number): number[] {
  if (returns.length !== t * n) throw new Error(`returns has length ${returns.length}, expected T × N = ${t} × ${n}`);
  if (!(Number.isInteger(first) && Number.isInteger(last) && first >= 0 && last < t && first <= last)) {
    throw new Error(`rows ${first}..${last} are not a non-empty range inside 0..${t - 1}`);
  }
  const covered: number[] = [];
  for (let j = 0; j < n; j++) {
    let complete = true;
    for (let r = first; r <= last && complete; r++) complete = Number.isFinite(returns[r * n + j]);
    if (complete) covered.push(j);
  }
  return covered;
}

/**
 * A seeded draw of `size` distinct entries of `eligible` without replacement (partial Fisher–Yates
 * over a copy), returned in ascending order; all of `eligible` when `size` ≥ its length.
 *
 * @param seed - non-negative safe integer; the same seed and list give the same universe.
 * @throws when `size` is not a positive integer or `eligible` is empty.
 */
export function drawUniverse(eligible: readonly number[], size: number, seed: number): number[] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`size must be a positive integer, got ${size}`);
  if (eligible.length === 0) throw new Error('eligible is empty: no asset covers the evaluation window');
  if (size >= eligible.length) return [...eligible].sort((a, b) => a - b);
  const pool = [...eligible];
  const random = createRandom(seed);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random.uniform() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, size).sort((a, b) => a - b);
}
