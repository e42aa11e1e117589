/** Sample geometry: period boundaries against a brute-force enumeration, eligibility, sampling. */
import { describe, expect, it } from 'vitest';
import { eligibleAssets, gatherBatch, periodSlots, sampleAssets } from '../../../src/main/engine/cleaner/cleaner-windows';
import type { ReturnsPanel } from '../../../src/main/engine/cleaner/cleaner-windows';
import { createRandom } from '../../../src/main/engine/data/random';
import { factorReturns, isoDays } from './cleaner-helpers';

const T = 120;
const N = 6;
const shape = { lookback: 10, horizon: 4 };

function panel(): ReturnsPanel {
  const values = factorReturns(T, N, 1);
  values[50 * N + 2] = Number.NaN; // asset 2 missing on row 50
  for (let row = 0; row < 30; row++) values[row * N + 4] = 0; // asset 4 flat on rows 0..29
  return { dates: isoDays(T), assets: N, values };
}

describe('cleaner windows', () => {
  it('a slot is kept iff its rebalance date ≥ from and its last future day ≤ to (brute force over every end)', () => {
    const p = panel();
    const from = p.dates[40];
    const to = p.dates[90];
    const slots = periodSlots(p, shape, from, to, 1, 1);
    const expected: number[] = [];
    for (let end = shape.lookback; end + shape.horizon <= T; end++) if (p.dates[end - 1] >= from && p.dates[end + shape.horizon - 1] <= to) expected.push(end);
    expect(slots.map((slot) => slot.end)).toEqual(expected);
    expect(expected[0]).toBe(41);
    expect(expected.at(-1)).toBe(87);
    expect(periodSlots(p, shape, from, to, 5, 1).map((slot) => slot.end)).toEqual(expected.filter((_, k) => k % 5 === 0));
  });

  it('eligibility: row 50 (NaN in asset 2) lies in [38, 52) for end 48, not in [10, 24) for end 20; asset 4 is flat up to row 29', () => {
    const p = panel();
    expect(Array.from(eligibleAssets(p, shape, 48))).toEqual([0, 1, 3, 4, 5]);
    expect(Array.from(eligibleAssets(p, shape, 20))).toEqual([0, 1, 2, 3, 5]);
  });

  it('the NaN row is excluded exactly when it falls inside [end − L, end + h)', () => {
    const p = panel();
    for (let end = shape.lookback; end + shape.horizon <= T; end++) {
      const covers = end - shape.lookback <= 50 && 50 < end + shape.horizon;
      expect(Array.from(eligibleAssets(p, shape, end)).includes(2), `end ${end}`).toBe(!covers);
      const flat = end <= 30;
      expect(Array.from(eligibleAssets(p, shape, end)).includes(4), `end ${end}: asset 4 flat`).toBe(!flat);
    }
  });

  it('gatherBatch copies the right cells; sampleAssets draws distinct sorted assets', () => {
    const p = panel();
    const [slot] = periodSlots(p, shape, p.dates[60], p.dates[80], 100, 1);
    const assets = sampleAssets(slot.eligible, 3, createRandom(2));
    expect(new Set(assets).size).toBe(3);
    expect(Array.from(assets)).toEqual([...assets].sort((a, b) => a - b));
    const batch = gatherBatch(p, shape, [slot], [assets]);
    expect(batch.past[0]).toBe(p.values[(slot.end - shape.lookback) * N + assets[0]]);
    expect(batch.future[shape.horizon * 3 - 1]).toBe(p.values[(slot.end + shape.horizon - 1) * N + assets[2]]);
    expect(batch.dates).toEqual([p.dates[slot.end - 1]]);
  });

  it('errors name the problem', () => {
    const p = panel();
    expect(() => periodSlots({ ...p, dates: p.dates.slice(0, 12), values: p.values.subarray(0, 12 * N) }, shape, '0000', '9999', 1, 1)).toThrow('the panel has 12 observations, fewer than lookback + horizon = 14');
    expect(() => periodSlots(p, { lookback: 2, horizon: 4 }, '0000', '9999', 1, 1)).toThrow('lookback must be an integer ≥ 3');
    expect(() => periodSlots(p, shape, '0000', '9999', 0, 1)).toThrow('step must be a positive integer');
  });
});
