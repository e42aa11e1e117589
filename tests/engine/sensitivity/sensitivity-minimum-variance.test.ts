/**
 * Convex variant: tree cuts against hand labels; K = N with a zero band reproduces the bisection
 * weights (hand values, 1e-7; measured 1e-16) and K = 1 satisfies long-only GMV's KKT conditions
 * (1e-7); on random cases the cluster sums stay in their bands, Σ w = 1, w ≥ 0 (1e-8) and the
 * variance never exceeds that of the bisection weights (they are feasible).
 */
import { describe, expect, it } from 'vitest';
import { minimumVariance } from '../../../src/main/engine/portfolio/minimum-variance';
import { riskQuadForm } from '../../../src/main/engine/risk/risk-ops';
import { denseRiskModel } from '../../../src/main/engine/risk/risk-model';
import { sensitivityAllocation } from '../../../src/main/engine/sensitivity/sensitivity-allocation';
import { cutTree, sensitivityMinimumVariance } from '../../../src/main/engine/sensitivity/sensitivity-minimum-variance';
import { randomCase } from './random-case';

const S = Float64Array.from([0, 0, 0.6, 0.8, 0.06, 0.08, 0.72, 0.96]);
const SIGMA = Float64Array.from([1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 4, 0, 0, 0, 0, 2]);

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]));
  return worst;
}


describe('cutTree', () => {
  // Single linkage on S: (0, 2) at 0.1 → cluster 4, (1, 3) at 0.2 → cluster 5, then (4, 5).
  const linkage = sensitivityAllocation(S, denseRiskModel(SIGMA, 4)).details?.linkage as Float64Array;

  it('undoes the last K − 1 merges', () => {
    expect(Array.from(cutTree(linkage, 4, 1))).toEqual([0, 0, 0, 0]);
    expect(Array.from(cutTree(linkage, 4, 2))).toEqual([0, 1, 0, 1]);
    expect(Array.from(cutTree(linkage, 4, 3))).toEqual([0, 1, 0, 2]);
    expect(Array.from(cutTree(linkage, 4, 4))).toEqual([0, 1, 2, 3]);
  });

  it('rejects a K outside [1, n] and a wrong linkage length', () => {
    expect(() => cutTree(linkage, 4, 0)).toThrow(/clusters = 0/);
    expect(() => cutTree(linkage, 4, 5)).toThrow(/clusters = 5/);
    expect(() => cutTree(linkage.subarray(4), 4, 2)).toThrow(/linkage has length 8/);
  });
});

describe('sensitivityMinimumVariance', () => {
  it('with K = N and a zero band reproduces the bisection weights', () => {
    const risk = denseRiskModel(SIGMA, 4);
    const result = sensitivityMinimumVariance(S, risk, { clusters: 4, band: 0 });
    const expected = [20 / 67, 28 / 67, 5 / 67, 14 / 67];
    const difference = maxDifference(result.weights, expected);
    expect(result.status).toBe('solved');
    expect(difference, `max difference ${difference}, tolerance 1e-7`).toBeLessThan(1e-7);
  });

  it('with K = 1 is long-only minimum variance (KKT: (Σw)_i = wᵀΣw where w_i > 0, ≥ elsewhere)', () => {
    const { s, sigma } = randomCase(3, 7, 2);
    const risk = denseRiskModel(sigma, 7);
    const { weights } = sensitivityMinimumVariance(s, risk, { clusters: 1 });
    const variance = riskQuadForm(risk, weights);
    let active = 0;
    for (let i = 0; i < 7; i++) {
      let marginal = 0;
      for (let j = 0; j < 7; j++) marginal += sigma[i * 7 + j] * weights[j];
      if (weights[i] > 1e-6) {
        active++;
        expect(Math.abs(marginal - variance), `asset ${i}: |(Σw)_i − wᵀΣw|, tolerance 1e-7`).toBeLessThan(1e-7);
      } else {
        expect(marginal, `asset ${i} at zero: (Σw)_i vs wᵀΣw`).toBeGreaterThan(variance - 1e-7);
      }
    }
    expect(active, 'assets held').toBeGreaterThan(1);
    const gmv = minimumVariance(risk, { longOnly: true });
    const difference = maxDifference(weights, gmv.weights);
    expect(difference, `max difference to minimumVariance ${difference}, tolerance 1e-7`).toBeLessThan(1e-7);
  });

  it('keeps every cluster in its band and never has more variance than the bisection', () => {
    for (let seed = 0; seed < 5; seed++) {
      const { s, sigma } = randomCase(50 + seed, 10, 3);
      const risk = denseRiskModel(sigma, 10);
      const band = 0.2;
      const result = sensitivityMinimumVariance(s, risk, { clusters: 3, band, linkage: 'ward' });
      expect(result.status, `seed ${seed}`).toBe('solved');
      const labels = result.details?.labels as Int32Array;
      const budgets = result.details?.budgets as Float64Array;
      const sums = new Float64Array(3);
      result.weights.forEach((w, i) => {
        sums[labels[i]] += w;
        expect(w, `seed ${seed}, w[${i}]`).toBeGreaterThan(-1e-8);
      });
      sums.forEach((total, c) => {
        expect(total, `seed ${seed}, cluster ${c} sum vs lower band`).toBeGreaterThan(budgets[c] * (1 - band) - 1e-8);
        expect(total, `seed ${seed}, cluster ${c} sum vs upper band`).toBeLessThan(budgets[c] * (1 + band) + 1e-8);
      });
      const total = result.weights.reduce((a, b) => a + b, 0);
      expect(Math.abs(total - 1), `seed ${seed}: |Σw − 1|, tolerance 1e-8`).toBeLessThan(1e-8);
      const bisection = sensitivityAllocation(s, risk, { linkage: 'ward' }).weights;
      expect(riskQuadForm(risk, result.weights), `seed ${seed}: variance vs bisection's`).toBeLessThanOrEqual(riskQuadForm(risk, bisection) + 1e-10);
    }
  });

  it('rejects options out of range', () => {
    const risk = denseRiskModel(SIGMA, 4);
    expect(() => sensitivityMinimumVariance(S, risk, { clusters: 2, band: 1.5 })).toThrow(/options.band/);
    expect(() => sensitivityMinimumVariance(S, risk, { clusters: 9 })).toThrow(/clusters = 9/);
  });
});
