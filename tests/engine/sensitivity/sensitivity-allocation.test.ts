/**
 * Sensitivity distance and allocation: distances against hand values; weights of a 4-asset case
 * computed by hand (tree on sensitivities, inverse-variance bisection with one correlated pair);
 * invariants on random cases (Σ w = 1 within 1e-12, w ≥ 0, permutation equivariance for relabellings
 * that keep each leaf–leaf pair's order, to 1e-12); the tree follows sensitivities, not correlation.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import { denseRiskModel } from '../../../src/main/engine/risk/risk-model';
import { sensitivityAllocation } from '../../../src/main/engine/sensitivity/sensitivity-allocation';
import { sensitivityDistance } from '../../../src/main/engine/sensitivity/sensitivity-distance';
import { randomCase } from './random-case';

// Rows 0 and 2 are 0.1 apart, rows 1 and 3 are 0.2 apart, the two pairs about 1 apart.
const S = Float64Array.from([0, 0, 0.6, 0.8, 0.06, 0.08, 0.72, 0.96]);

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let worst = 0;
  for (let k = 0; k < expected.length; k++) worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
  expect(worst, `${label}: max difference ${worst}, tolerance ${tolerance}`).toBeLessThanOrEqual(tolerance);
}


describe('sensitivityDistance', () => {
  it('equals the hand-computed Euclidean distances between rows', () => {
    const expected = [0, 1, 0.1, 1.2, 1, 0, 0.9, 0.2, 0.1, 0.9, 0, 1.1, 1.2, 0.2, 1.1, 0];
    expectClose(sensitivityDistance(S, 2), expected, 1e-15, 'D');
  });

  it('rejects bad input', () => {
    expect(() => sensitivityDistance(S.subarray(1), 2)).toThrow(/sensitivities has length 7/);
    expect(() => sensitivityDistance(Float64Array.from([1, Number.POSITIVE_INFINITY]), 1)).toThrow(/sensitivities\[1, 0\] is Infinity/);
    expect(() => sensitivityDistance(S, 0)).toThrow(/nDrivers = 0/);
  });
});

describe('sensitivityAllocation', () => {
  // Variances [1, 1, 4, 2]; assets 0 and 2 correlate at 0.5 (Σ02 = 0.5·1·2 = 1).
  const sigma = Float64Array.from([1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 4, 0, 0, 0, 0, 2]);

  it('matches the hand-computed weights of a 4-asset case', () => {
    // Tree on S: order [0, 2, 1, 3]. Halves {0, 2} and {1, 3}. IVP of {0, 2}: v = [0.8, 0.2],
    // V = 0.64 + 0.04·4 + 2·0.16·1 = 1.12; of {1, 3}: v = [2/3, 1/3], V = 4/9 + 2/9 = 2/3.
    // α = 1 − 1.12/(1.12 + 2/3) = 25/67; inside: 0.8 / 0.2 and 2/3 / 1/3.
    const result = sensitivityAllocation(S, denseRiskModel(sigma, 4), { linkage: 'single' });
    expect(Array.from(result.details?.order as Int32Array)).toEqual([0, 2, 1, 3]);
    expectClose(result.weights, [20 / 67, 28 / 67, 5 / 67, 14 / 67], 1e-14, 'weights');
    expect(result.status).toBe('ok');
  });

  it('takes its tree from the sensitivities, not from the correlation', () => {
    // Same Σ, sensitivities pairing 0 with 1 and 2 with 3: the halves change and so do the weights.
    const paired = Float64Array.from([0, 0, 0.06, 0.08, 0.6, 0.8, 0.72, 0.96]);
    const result = sensitivityAllocation(paired, denseRiskModel(sigma, 4));
    expect(Array.from(result.details?.order as Int32Array)).toEqual([0, 1, 2, 3]);
    // {0, 1}: v = [1/2, 1/2], V = 1/2; {2, 3}: v = [1/3, 2/3], V = 4/9 + 8/9 = 4/3; α = 1 − (1/2)/(11/6) = 8/11.
    expectClose(result.weights, [4 / 11, 4 / 11, 1 / 11, 2 / 11], 1e-14, 'weights');
  });

  it('gives non-negative weights summing to 1 for every linkage', () => {
    for (const linkage of ['single', 'complete', 'average', 'ward'] as const) {
      for (let seed = 0; seed < 5; seed++) {
        const { s, sigma: random } = randomCase(seed, 9, 3);
        const { weights } = sensitivityAllocation(s, denseRiskModel(random, 9), { linkage });
        const total = weights.reduce((a, b) => a + b, 0);
        expect(Math.abs(total - 1), `${linkage}, seed ${seed}: |Σw − 1| = ${Math.abs(total - 1)}, tolerance 1e-12`).toBeLessThan(1e-12);
        expect(Math.min(...weights), `${linkage}, seed ${seed}: min weight`).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('is permutation-equivariant for relabellings that keep each leaf–leaf pair in order', () => {
    const n = 8;
    const d = 2;
    let checked = 0;
    for (let seed = 0; seed < 40 && checked < 10; seed++) {
      const { s, sigma: base } = randomCase(100 + seed, n, d);
      const original = sensitivityAllocation(s, denseRiskModel(base, n), { linkage: 'average' });
      const random = createRandom(seed);
      const perm = Array.from({ length: n }, (_, k) => k);
      for (let k = n - 1; k > 0; k--) {
        const r = Math.floor(random.uniform() * (k + 1));
        [perm[k], perm[r]] = [perm[r], perm[k]];
      }
      const position = new Array<number>(n);
      perm.forEach((old, k) => (position[old] = k));
      const linkage = original.details?.linkage as Float64Array;
      let keepsPairs = true;
      for (let row = 0; row < n - 1; row++) {
        const [a, b] = [linkage[4 * row], linkage[4 * row + 1]];
        if (a < n && b < n && position[a] > position[b]) keepsPairs = false;
      }
      if (!keepsPairs) continue;
      checked++;
      const s2 = new Float64Array(n * d);
      const sigma2 = new Float64Array(n * n);
      for (let k = 0; k < n; k++) {
        for (let q = 0; q < d; q++) s2[k * d + q] = s[perm[k] * d + q];
        for (let l = 0; l < n; l++) sigma2[k * n + l] = base[perm[k] * n + perm[l]];
      }
      const relabelled = sensitivityAllocation(s2, denseRiskModel(sigma2, n), { linkage: 'average' });
      expectClose(relabelled.weights, perm.map((old) => original.weights[old]), 1e-12, `seed ${seed}`);
    }
    expect(checked, 'number of order-keeping permutations checked').toBeGreaterThanOrEqual(5);
  });

  it('does not mutate its inputs and rejects bad input', () => {
    const copy = Float64Array.from(S);
    const risk = denseRiskModel(Float64Array.from(sigma), 4);
    sensitivityAllocation(S, risk, { linkage: 'ward' });
    expect(S).toEqual(copy);
    expect(risk.sigma).toEqual(sigma);
    expect(() => sensitivityAllocation(S.subarray(1), risk)).toThrow(/not a positive multiple of N = 4/);
    expect(() => sensitivityAllocation(S, risk, { linkage: 'median' as never })).toThrow(/options.linkage/);
    const zero = Float64Array.from(sigma);
    zero[15] = 0;
    expect(() => sensitivityAllocation(S, denseRiskModel(zero, 4))).toThrow(/variance of asset 3 is 0/);
  });
});
