/** Synthetic return windows and panels for the cleaner tests: a one-factor market plus noise. */
import { createRandom } from '../../../src/main/engine/data/random';

/** T × N daily returns r_ti = 0.01·(β_i·f_t + ε_ti), β_i ∈ [0.5, 1.5], volatility scaled per asset. */
export function factorReturns(t: number, n: number, seed: number): Float64Array {
  const random = createRandom(seed);
  const beta = Float64Array.from({ length: n }, () => 0.5 + random.uniform());
  const scale = Float64Array.from({ length: n }, () => 0.5 + 1.5 * random.uniform());
  const out = new Float64Array(t * n);
  for (let row = 0; row < t; row++) {
    const f = random.normal();
    for (let j = 0; j < n; j++) out[row * n + j] = 0.01 * scale[j] * (beta[j] * f + random.normal());
  }
  return out;
}

/** ISO dates of consecutive calendar days from 2010-01-01 (trading calendars do not matter here). */
export function isoDays(count: number, start = '2010-01-01'): string[] {
  const first = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: count }, (_, k) => new Date(first + k * 86_400_000).toISOString().slice(0, 10));
}

/** Max |a − b| / max(|b|, floor) over two equal-length arrays, with the index where it occurs. */
export function worstRelative(a: ArrayLike<number>, b: ArrayLike<number>, floor: number): { error: number; index: number } {
  let error = 0;
  let index = -1;
  for (let q = 0; q < a.length; q++) {
    const e = Math.abs(a[q] - b[q]) / Math.max(Math.abs(b[q]), floor);
    if (e > error) {
      error = e;
      index = q;
    }
  }
  return { error, index };
}
