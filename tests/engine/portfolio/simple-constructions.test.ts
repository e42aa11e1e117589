import { describe, expect, it } from 'vitest';
import { equalWeight } from '../../../src/main/engine/portfolio/equal-weight';
import { inverseVolatility } from '../../../src/main/engine/portfolio/inverse-volatility';
import { denseRiskModel, factorRiskModel } from '../../../src/main/engine/risk/risk-model';
import type { RiskModel } from '../../../src/main/engine/risk/risk-model';
import { expectClose, expectFullyInvested, fixture, modelsOf } from './portfolio-fixture';

/** A handful of square roots and one sum: a few ulps of O(1) weights. */
const CLOSED_FORM_TOL = 1e-14;

describe('equalWeight', () => {
  it('returns 1/n', () => {
    const { weights, status } = equalWeight(7);
    expect(status).toBe('ok');
    expectClose(weights, new Array(7).fill(1 / 7), 0, '1/n');
  });
  it.each([0, -1, 2.5, NaN, Infinity])('rejects n = %s', (n) => {
    expect(() => equalWeight(n)).toThrow(/n must be a positive integer/);
  });
});

describe('inverseVolatility matches numpy', () => {
  for (const testCase of fixture.cases) {
    for (const { label, model } of modelsOf(testCase)) {
      it(`${testCase.name} (${label})`, () => {
        const vol = inverseVolatility(model);
        expectClose(vol.weights, testCase.inverseVolatility, CLOSED_FORM_TOL, 'w ∝ 1/σ');
        const variance = inverseVolatility(model, { scheme: 'variance' });
        expectClose(variance.weights, testCase.inverseVariance, CLOSED_FORM_TOL, 'w ∝ 1/σ²');
        expectFullyInvested(vol.weights, 1e-15, 'inverse volatility');
      });
    }
  }
});

describe('inverseVolatility invariants and bad input', () => {
  it('orders weights opposite to volatilities, and w_i/w_j = σ_j/σ_i', () => {
    const sigma = fixture.cases[2].sigma;
    const n = fixture.cases[2].n;
    const { weights } = inverseVolatility(denseRiskModel(Float64Array.from(sigma), n));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const ratio = weights[i] / weights[j];
        const expected = Math.sqrt(sigma[j * n + j] / sigma[i * n + i]);
        expect(Math.abs(ratio - expected), `w_${i}/w_${j} vs σ_${j}/σ_${i}`).toBeLessThanOrEqual(1e-14 * expected);
        if (sigma[i * n + i] < sigma[j * n + j]) expect(weights[i]).toBeGreaterThan(weights[j]);
      }
    }
  });

  it('rejects zero variance, NaN, empty models and unknown schemes; does not mutate', () => {
    const d = new Float64Array([0.01, 0, 0.02]);
    expect(() => inverseVolatility(factorRiskModel(d, new Float64Array(0), new Float64Array(0)))).toThrow(/variance of asset 1 is 0, must be > 0/);
    const nan: RiskModel = { kind: 'factor', n: 2, rank: 0, d: new Float64Array([NaN, 1]), u: new Float64Array(0), s: new Float64Array(0) };
    expect(() => inverseVolatility(nan)).toThrow(/risk.d\[0\] is NaN: input must be finite/);
    const empty: RiskModel = { kind: 'dense', n: 0, sigma: new Float64Array(0) };
    expect(() => inverseVolatility(empty)).toThrow(/risk.n must be a positive integer/);
    const model = denseRiskModel(new Float64Array([0.04, 0.01, 0.01, 0.09]), 2);
    expect(() => inverseVolatility(model, { scheme: 'sqrt' as 'variance' })).toThrow(/options.scheme/);
    const before = Float64Array.from(model.sigma);
    inverseVolatility(model);
    expect(Array.from(model.sigma)).toEqual(Array.from(before));
  });
});
