import { describe, expect, it } from 'vitest';
import { drawUniverse, fullyCoveredAssets } from '../../../src/main/engine/risk-evaluation/evaluation-universe';

describe('fullyCoveredAssets', () => {
  // 4 rows × 3 assets: asset 0 complete, asset 1 missing on row 0, asset 2 missing on row 3.
  const nan = Number.NaN;
  const returns = Float64Array.from([0.1, nan, 0.2, 0.1, 0.3, 0.2, 0.1, 0.3, 0.2, 0.1, 0.3, nan]);

  it('keeps the columns finite on every row of the range', () => {
    expect(fullyCoveredAssets(returns, 4, 3, 0, 3)).toEqual([0]);
    expect(fullyCoveredAssets(returns, 4, 3, 1, 3)).toEqual([0, 1]);
    expect(fullyCoveredAssets(returns, 4, 3, 1, 2)).toEqual([0, 1, 2]);
  });

  it('rejects a range outside the panel or a wrong length', () => {
    expect(() => fullyCoveredAssets(returns, 4, 3, 2, 4)).toThrow(/rows 2\.\.4/);
    expect(() => fullyCoveredAssets(returns, 4, 3, 3, 2)).toThrow(/non-empty range/);
    expect(() => fullyCoveredAssets(returns, 5, 3, 0, 1)).toThrow(/returns has length 12/);
  });
});

describe('drawUniverse', () => {
  const eligible = Array.from({ length: 50 }, (_, i) => 3 * i + 1);

  it('draws `size` distinct eligible entries, ascending, the same for the same seed', () => {
    const a = drawUniverse(eligible, 20, 7);
    expect(a).toHaveLength(20);
    expect(new Set(a).size).toBe(20);
    for (const value of a) expect(eligible).toContain(value);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    expect(drawUniverse(eligible, 20, 7)).toEqual(a);
    expect(drawUniverse(eligible, 20, 8)).not.toEqual(a);
  });

  it('takes every eligible asset when the size reaches their number', () => {
    expect(drawUniverse([5, 2, 9], 3, 0)).toEqual([2, 5, 9]);
    expect(drawUniverse([5, 2, 9], 500, 0)).toEqual([2, 5, 9]);
  });

  it('covers every eligible asset about equally often over many seeds', () => {
    // 2,000 draws of 10 of 50: each asset is expected 400 times, sd √(2000·0.2·0.8) ≈ 17.9; 6 sd.
    const counts = new Map<number, number>();
    for (let seed = 0; seed < 2000; seed++) for (const value of drawUniverse(eligible, 10, seed)) counts.set(value, (counts.get(value) ?? 0) + 1);
    for (const value of eligible) {
      const difference = Math.abs((counts.get(value) ?? 0) - 400);
      expect(difference, `asset ${value}: |count − 400| = ${difference} > 108`).toBeLessThanOrEqual(108);
    }
  });

  it('rejects a non-positive size or an empty list', () => {
    expect(() => drawUniverse(eligible, 0, 1)).toThrow(/size must be a positive integer/);
    expect(() => drawUniverse(eligible, 2.5, 1)).toThrow(/size must be a positive integer/);
    expect(() => drawUniverse([], 3, 1)).toThrow(/eligible is empty/);
  });
});
