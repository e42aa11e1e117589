import { describe, expect, it } from 'vitest';
import { HRP_MAX_ASSETS, hierarchicalRiskParity } from '../../../src/main/engine/portfolio/hierarchical-risk-parity';
import { recursiveBisection } from '../../../src/main/engine/portfolio/recursive-bisection';
import type { CorrelationCovariance } from '../../../src/main/engine/portfolio/types';
import { denseRiskModel, factorRiskModel } from '../../../src/main/engine/risk/risk-model';
import type { RiskModel } from '../../../src/main/engine/risk/risk-model';
import { expectClose, expectFullyInvested, fixture, modelsOf } from './portfolio-fixture';

/**
 * HRP is a closed form once the tree is fixed: products of ≤ log₂ n ratios of O(n²)-term variances,
 * so weights agree with numpy to ~1e-14; 1e-10 as the brief's closed-form tolerance. The tree itself is
 * compared exactly (ids, order); heights to 1e-12 (correlation distances are O(1)).
 */
const WEIGHT_TOL = 1e-10;
const HEIGHT_TOL = 1e-12;

function heights(linkage: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let k = 0; k < linkage.length / 4; k++) out.push(linkage[4 * k + 2]);
  return out;
}

function ids(linkage: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let k = 0; k < linkage.length / 4; k++) out.push(linkage[4 * k], linkage[4 * k + 1], linkage[4 * k + 3]);
  return out;
}

function correlationInput(sigma: number[], n: number): CorrelationCovariance {
  const variances = new Float64Array(n);
  for (let i = 0; i < n; i++) variances[i] = sigma[i * n + i];
  const correlation = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) correlation[i * n + j] = i === j ? 1 : sigma[i * n + j] / Math.sqrt(variances[i] * variances[j]);
  }
  return { kind: 'correlation', n, correlation, variances };
}

describe('hierarchicalRiskParity matches scipy linkage + the paper\'s recursive bisection (numpy)', () => {
  for (const testCase of fixture.cases) {
    for (const reference of testCase.hrp) {
      for (const { label, model } of modelsOf(testCase)) {
        it(`${testCase.name} (${label}) ${reference.linkage} on ${reference.distance} distance`, () => {
          // The reference tree is only unique when merge heights do not (nearly) tie.
          expect(reference.minHeightGap).toBeGreaterThan(1e-8);
          const result = hierarchicalRiskParity(model, { linkage: reference.linkage, distance: reference.distance });
          expect(result.status).toBe('ok');
          const linkage = result.details?.linkage as Float64Array;
          expect(ids(linkage), 'linkage ids and sizes').toEqual(ids(reference.linkageMatrix));
          expectClose(heights(linkage), heights(reference.linkageMatrix), HEIGHT_TOL, 'merge heights');
          expect(Array.from(result.details?.order as Int32Array), 'leaf order').toEqual(reference.order);
          expectClose(result.weights, reference.weights, WEIGHT_TOL, 'HRP weights');
          expectFullyInvested(result.weights, 1e-14, 'HRP');
          expect(Math.min(...result.weights)).toBeGreaterThan(0);
        });
      }
    }
  }

  it('the correlation + variances input gives the same portfolio as the covariance', () => {
    for (const testCase of fixture.cases) {
      const reference = testCase.hrp[1];
      const result = hierarchicalRiskParity(correlationInput(testCase.sigma, testCase.n), { linkage: reference.linkage });
      expectClose(result.weights, reference.weights, WEIGHT_TOL, `${testCase.name} via correlation input`);
    }
  });
});

describe('hierarchicalRiskParity invariants', () => {
  // The paper's bisection splits the ordered list in halves, not along the tree, and scipy orders the
  // two leaves of a leaf–leaf merge by index; so relabelling can flip such a pair in the order and move
  // the split. Equivariance therefore holds exactly for relabellings that keep each leaf pair's
  // relative order (and the tree itself is equivariant for every relabelling).
  it('is permutation-equivariant: relabelling assets relabels tree and weights (no distance ties)', () => {
    const testCase = fixture.cases.find((c) => c.name === 'ff30-monthly');
    if (!testCase) throw new Error('fixture case ff30-monthly missing');
    const n = testCase.n;
    for (const linkage of ['single', 'average', 'ward'] as const) {
      const base = hierarchicalRiskParity(denseRiskModel(Float64Array.from(testCase.sigma), n), { linkage });
      const baseLinkage = base.details?.linkage as Float64Array;
      // newToOld[i] = old index of new asset i; then swap positions inside flipped leaf pairs.
      const newToOld = Array.from({ length: n }, (_, i) => (11 * i + 5) % n);
      const oldToNew = new Array<number>(n);
      newToOld.forEach((old, i) => (oldToNew[old] = i));
      for (let k = 0; k < n - 1; k++) {
        const [a, b] = [baseLinkage[4 * k], baseLinkage[4 * k + 1]];
        if (b < n && oldToNew[a] > oldToNew[b]) {
          [oldToNew[a], oldToNew[b]] = [oldToNew[b], oldToNew[a]];
          newToOld[oldToNew[a]] = a;
          newToOld[oldToNew[b]] = b;
        }
      }
      const permuted = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) permuted[i * n + j] = testCase.sigma[newToOld[i] * n + newToOld[j]];
      const other = hierarchicalRiskParity(denseRiskModel(permuted, n), { linkage });
      expectClose(heights(other.details?.linkage as Float64Array), heights(baseLinkage), 1e-15, `${linkage}: merge heights`);
      expect(Array.from(other.details?.order as Int32Array), `${linkage}: leaf order`).toEqual(Array.from(base.details?.order as Int32Array, (old) => oldToNew[old]));
      expectClose(other.weights, newToOld.map((old) => base.weights[old]), 1e-14, `${linkage}: w(PΣPᵀ) = P·w(Σ)`);
    }
  });

  it('gives inverse-variance weights for a diagonal Σ (every bisection then splits by 1/V)', () => {
    const variances = new Float64Array([0.04, 0.01, 0.09, 0.02, 0.05]);
    const result = hierarchicalRiskParity(factorRiskModel(variances, new Float64Array(0), new Float64Array(0)));
    let inverseTotal = 0;
    for (const v of variances) inverseTotal += 1 / v;
    expectClose(result.weights, Array.from(variances, (v) => 1 / v / inverseTotal), 1e-15, 'diagonal Σ');
  });

  it('recursiveBisection accepts any order and uses the factor structure exactly', () => {
    const testCase = fixture.cases.find((c) => c.factor !== undefined);
    if (!testCase?.factor) throw new Error('fixture factor case missing');
    const [dense, factor] = modelsOf(testCase).map((m) => m.model);
    const order = Array.from({ length: testCase.n }, (_, i) => testCase.n - 1 - i);
    expectClose(recursiveBisection(factor, order), recursiveBisection(dense, order), 1e-14, 'factor vs dense bisection');
    expect(() => recursiveBisection(dense, [0, 0, ...order.slice(2)])).toThrow(/order is not a permutation/);
    expect(() => recursiveBisection(dense, order.slice(1))).toThrow(/order has length/);
  });

  it('does not mutate its inputs', () => {
    const testCase = fixture.cases[0];
    const input = correlationInput(testCase.sigma, testCase.n);
    const correlation = Float64Array.from(input.correlation);
    const variances = Float64Array.from(input.variances);
    hierarchicalRiskParity(input, { linkage: 'ward', distance: 'correlation-euclidean' });
    expect(Array.from(input.correlation)).toEqual(Array.from(correlation));
    expect(Array.from(input.variances)).toEqual(Array.from(variances));
    const [{ model }] = modelsOf(testCase);
    const sigma = Float64Array.from((model as { sigma: Float64Array }).sigma);
    hierarchicalRiskParity(model);
    expect(Array.from((model as { sigma: Float64Array }).sigma)).toEqual(Array.from(sigma));
  });
});

describe('hierarchicalRiskParity rejects bad input', () => {
  it(`refuses n > ${HRP_MAX_ASSETS} (it would densify)`, () => {
    const n = HRP_MAX_ASSETS + 1;
    const model = factorRiskModel(new Float64Array(n).fill(1), new Float64Array(0), new Float64Array(0));
    expect(() => hierarchicalRiskParity(model)).toThrow(/refuses n = 5001 > 5000: it needs the dense n × n correlation/);
  });

  it('zero variance, NaN, bad correlation, unknown options', () => {
    const zeroVariance = denseRiskModel(new Float64Array([1, 0, 0, 0]), 2);
    expect(() => hierarchicalRiskParity(zeroVariance)).toThrow(/variance of asset 1 is 0, must be > 0/);
    const nan: RiskModel = { kind: 'dense', n: 2, sigma: new Float64Array([1, NaN, NaN, 1]) };
    expect(() => hierarchicalRiskParity(nan)).toThrow(/NaN/);
    const base = correlationInput([1, 0.5, 0.5, 1], 2);
    expect(() => hierarchicalRiskParity({ ...base, correlation: new Float64Array([1, 1.5, 1.5, 1]) })).toThrow(/correlation\[0, 1\] = 1.5 is outside/);
    expect(() => hierarchicalRiskParity({ ...base, correlation: new Float64Array([0.9, 0.5, 0.5, 1]) })).toThrow(/correlation\[0, 0\] = 0.9, expected 1/);
    expect(() => hierarchicalRiskParity({ ...base, variances: new Float64Array([1, -1]) })).toThrow(/variance of asset 1 is -1/);
    expect(() => hierarchicalRiskParity({ ...base, n: 0 })).toThrow(/n must be a positive integer/);
    expect(() => hierarchicalRiskParity(denseRiskModel(new Float64Array([1]), 1), { distance: 'euclid' as 'correlation' })).toThrow(/options.distance/);
    expect(() => hierarchicalRiskParity(denseRiskModel(new Float64Array([1]), 1), { linkage: 'median' as 'single' })).toThrow(/method must be one of/);
  });

  it('a single asset gets weight 1', () => {
    expect(Array.from(hierarchicalRiskParity(denseRiskModel(new Float64Array([0.3]), 1)).weights)).toEqual([1]);
  });
});
