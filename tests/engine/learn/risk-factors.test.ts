/**
 * Risk models in the layer's factor form: F·Fᵀ + diag(d) reproduces Σ (dense via the eigen split,
 * factor models directly) to round-off; the monthly Ledoit–Wolf stack uses only each month's past
 * window. Tolerance: 1e-12 relative to max|Σ| (an eigendecomposition and a rank-n product in float64).
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import { ledoitWolf } from '../../../src/main/engine/risk/estimators/ledoit-wolf';
import { denseRiskModel, factorRiskModel } from '../../../src/main/engine/risk/risk-model';
import type { RiskModel } from '../../../src/main/engine/risk/risk-model';
import { riskToDense } from '../../../src/main/engine/risk/risk-ops';
import { ledoitWolfRisk, riskModelFactors } from '../../../src/main/engine/learn/risk-factors';

function returns(seed: number, t: number, n: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length: t * n }, () => 0.01 + 0.05 * random.normal());
}

function rebuilt(factors: Float64Array, idio: Float64Array, n: number, k: number): Float64Array {
  const sigma = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = i === j ? idio[i] : 0;
      for (let c = 0; c < k; c++) sum += factors[i * k + c] * factors[j * k + c];
      sigma[i * n + j] = sum;
    }
  }
  return sigma;
}

function expectSameCovariance(model: RiskModel, what: string): void {
  const { k, factors, idio } = riskModelFactors(model);
  const expected = riskToDense(model);
  const actual = rebuilt(factors, idio, model.n, k);
  const scale = Math.max(...expected.map(Math.abs));
  const worst = Math.max(...actual.map((value, q) => Math.abs(value - expected[q])));
  expect(worst, `${what}: max |FFᵀ + diag(d) − Σ| = ${worst.toExponential(2)} > ${(1e-12 * scale).toExponential(2)}`).toBeLessThanOrEqual(1e-12 * scale);
  for (const value of idio) expect(value).toBeGreaterThan(0);
}

describe('riskModelFactors', () => {
  it('dense Σ (Ledoit–Wolf with T > N): exact split c·I + V·diag(λ − c)·Vᵀ', () => {
    const model = ledoitWolf(returns(1, 40, 8), 40, 8).model;
    expect(model.kind).toBe('dense');
    expectSameCovariance(model, 'dense');
  });

  it('factor Σ (Ledoit–Wolf with T < N): F = U·diag(√s), d unchanged', () => {
    const model = ledoitWolf(returns(2, 10, 25), 10, 25).model;
    expect(model.kind).toBe('factor');
    expectSameCovariance(model, 'factor');
  });

  it('rejects a non-positive-definite Σ and a factor model with d = 0', () => {
    expect(() => riskModelFactors(denseRiskModel(Float64Array.from([1, 1, 1, 1]), 2))).toThrow(/not positive definite/);
    expect(() => riskModelFactors(factorRiskModel(Float64Array.from([0.1, 0]), Float64Array.from([1, 1]), Float64Array.from([1])))).toThrow(/d\[1\] = 0/);
  });
});

describe('ledoitWolfRisk', () => {
  const t = 30;
  const n = 6;
  const data = returns(3, t, n);

  it('month m is Ledoit–Wolf on the lookback rows ending at its decision row, and ignores later rows', () => {
    const rows = [11, 12, 20];
    const stack = ledoitWolfRisk(data, t, n, rows, 12);
    const poisoned = Float64Array.from(data);
    poisoned.fill(Number.NaN, 21 * n);
    expect(ledoitWolfRisk(poisoned, t, n, rows, 12)).toEqual(stack);
    rows.forEach((row, month) => {
      const expected = riskToDense(ledoitWolf(data.slice((row - 11) * n, (row + 1) * n), 12, n).model);
      const actual = rebuilt(stack.factors.subarray(month * n * stack.k, (month + 1) * n * stack.k), stack.idio.subarray(month * n, (month + 1) * n), n, stack.k);
      const worst = Math.max(...actual.map((value, q) => Math.abs(value - expected[q])));
      expect(worst, `month ${month}: ${worst.toExponential(2)}`).toBeLessThanOrEqual(1e-12 * Math.max(...expected.map(Math.abs)));
    });
  });

  it('rejects windows outside the data and a lookback < 2', () => {
    expect(() => ledoitWolfRisk(data, t, n, [5], 12)).toThrow(/decision row 5 needs rows -6…5/);
    expect(() => ledoitWolfRisk(data, t, n, [30], 12)).toThrow(/decision row 30/);
    expect(() => ledoitWolfRisk(data, t, n, [20], 1)).toThrow(/lookback = 1/);
    expect(() => ledoitWolfRisk(data, t, n, [], 12)).toThrow(/no decision rows/);
  });
});
