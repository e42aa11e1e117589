import { describe, expect, it } from 'vitest';
import { minimumVariance } from '../../../src/main/engine/portfolio/minimum-variance';
import { riskMatvec, riskQuadForm } from '../../../src/main/engine/risk/risk-ops';
import { denseRiskModel, factorRiskModel } from '../../../src/main/engine/risk/risk-model';
import type { RiskModel } from '../../../src/main/engine/risk/risk-model';
import { expectClose, expectFullyInvested, expectScalarClose, fixture, modelsOf } from './portfolio-fixture';

/** Closed form: one SPD solve; Σ's condition number is ≤ ~1e4 here, so errors stay ≲ 1e-12. */
const CLOSED_FORM_TOL = 1e-10;
/** QP-based: the solver polishes to its active set (KKT residuals ~1e-12); cvxopt + numpy polish likewise. */
const QP_TOL = 1e-7;

describe('minimumVariance long-short closed form matches numpy', () => {
  for (const testCase of fixture.cases) {
    for (const { label, model } of modelsOf(testCase)) {
      it(`${testCase.name} (${label})`, () => {
        const result = minimumVariance(model);
        expect(result.status).toBe('ok');
        expect(result.details?.solver).toBe(label === 'factor' ? 'woodbury' : 'cholesky');
        expectClose(result.weights, testCase.gmvLongShort, CLOSED_FORM_TOL, 'GMV weights');
        const variance = result.details?.variance as number;
        expectScalarClose(variance, testCase.gmvLongShortVariance, CLOSED_FORM_TOL * testCase.gmvLongShortVariance, 'GMV variance 1/(1ᵀΣ⁻¹1)');
        expectScalarClose(riskQuadForm(model, result.weights), variance, 1e-12 * variance, 'wᵀΣw vs 1/(1ᵀΣ⁻¹1)');
        expectFullyInvested(result.weights, 1e-14, 'GMV');
        // First-order condition: Σw = λ1 with λ = the minimum variance.
        const gradient = riskMatvec(model, result.weights);
        expectClose(gradient, new Array(testCase.n).fill(variance), 1e-10 * variance, 'Σw = (wᵀΣw)·1');
      });
    }
  }

  it('a 20 000-asset factor model is solved without densifying', () => {
    const n = 20_000;
    const rank = 5;
    const d = new Float64Array(n);
    const u = new Float64Array(n * rank);
    for (let i = 0; i < n; i++) {
      d[i] = 1e-3 * (1 + ((i * 7919) % 97) / 97);
      for (let q = 0; q < rank; q++) u[i * rank + q] = Math.sin(i * (q + 1) * 0.37) + (q === 0 ? 1 : 0);
    }
    const model = factorRiskModel(d, u, new Float64Array([4e-3, 2e-3, 1e-3, 5e-4, 2e-4]));
    const started = performance.now();
    const result = minimumVariance(model);
    const elapsed = performance.now() - started;
    const variance = result.details?.variance as number;
    const gradient = riskMatvec(model, result.weights);
    // cond(I + V·Vᵀ) of the Woodbury solve is ~ n·max(s·u²)/min(d) ≈ 1e5 here, and Σw sums terms far
    // larger than the diversified λ: 1e-8 relative leaves a decade above the observed ~4e-10.
    expectClose(gradient, new Array(n).fill(variance), 1e-8 * variance, 'Σw = λ1 at n = 20 000');
    expectFullyInvested(result.weights, 1e-12, 'GMV n = 20 000');
    expect(elapsed, `GMV n = 20 000, r = 5 took ${elapsed.toFixed(0)} ms`).toBeLessThan(2000);
  });
});

describe('minimumVariance with bounds (QP) matches cvxopt', () => {
  for (const testCase of fixture.cases) {
    for (const { label, model } of modelsOf(testCase)) {
      it(`${testCase.name} (${label}): long-only and capped at ${testCase.cap}`, () => {
        const longOnly = minimumVariance(model, { longOnly: true });
        expect(longOnly.status).toBe('solved');
        expectClose(longOnly.weights, testCase.gmvLongOnly, QP_TOL, 'long-only GMV');
        expect(Math.min(...longOnly.weights), 'long-only ⇒ w ≥ 0').toBeGreaterThanOrEqual(0);
        expectFullyInvested(longOnly.weights, 1e-9, 'long-only GMV');
        const capped = minimumVariance(model, { longOnly: true, upper: testCase.cap });
        expect(capped.status).toBe('solved');
        expectClose(capped.weights, testCase.gmvCapped, QP_TOL, 'capped GMV');
        expect(Math.max(...capped.weights), 'w ≤ cap').toBeLessThanOrEqual(testCase.cap + 1e-9);
        // Constraints can only raise the minimum.
        const free = minimumVariance(model).details?.variance as number;
        expect(longOnly.details?.variance as number).toBeGreaterThanOrEqual(free * (1 - 1e-12));
        expect(capped.details?.variance as number).toBeGreaterThanOrEqual((longOnly.details?.variance as number) * (1 - 1e-9));
      });
    }
  }

  it('long-short with a loose cap equals the closed form', () => {
    const testCase = fixture.cases[0];
    const [{ model }] = modelsOf(testCase);
    const capped = minimumVariance(model, { upper: 10 });
    expect(capped.status).toBe('solved');
    expectClose(capped.weights, testCase.gmvLongShort, QP_TOL, 'unconstrained-by-cap QP vs closed form');
  });

  it('an infeasible cap is a status, not a throw', () => {
    const [{ model }] = modelsOf(fixture.cases[0]);
    const result = minimumVariance(model, { longOnly: true, upper: 0.1 });
    expect(result.status).toBe('primal-infeasible');
  });
});

describe('minimumVariance bad input', () => {
  it('a singular Σ gives a clear error on the closed-form route, and the QP still solves long-only', () => {
    // Two identical assets: Σ = [[1, 1], [1, 1]] (plus an independent one) is singular.
    const singular = denseRiskModel(new Float64Array([1, 1, 0, 1, 1, 0, 0, 0, 2]), 3);
    expect(() => minimumVariance(singular)).toThrow(/closed form needs Σ positive definite, but Σ is not positive definite/);
    const rankDeficient = factorRiskModel(new Float64Array([0, 0, 0]), new Float64Array([1, 1, 1]), new Float64Array([1]));
    expect(() => minimumVariance(rankDeficient)).toThrow(/minimumVariance: the long-short closed form needs Σ positive definite/);
    const longOnly = minimumVariance(singular, { longOnly: true });
    expect(longOnly.status).toBe('solved');
    expectScalarClose(longOnly.details?.variance as number, 2 / 3, 1e-7, 'variance of the singular long-only GMV');
  });

  it('NaN, empty and wrong-shaped models, bad options; inputs not mutated', () => {
    const nan: RiskModel = { kind: 'dense', n: 2, sigma: new Float64Array([1, 0, 0, NaN]) };
    expect(() => minimumVariance(nan)).toThrow(/risk.sigma\[3\] is NaN/);
    const empty: RiskModel = { kind: 'dense', n: 0, sigma: new Float64Array(0) };
    expect(() => minimumVariance(empty)).toThrow(/risk.n must be a positive integer/);
    const wrong: RiskModel = { kind: 'factor', n: 3, rank: 1, d: new Float64Array(3), u: new Float64Array(2), s: new Float64Array(1) };
    expect(() => minimumVariance(wrong)).toThrow(/risk.u has length 2, expected n × rank = 3/);
    const model = denseRiskModel(new Float64Array([0.04, 0.01, 0.01, 0.09]), 2);
    expect(() => minimumVariance(model, { longOnly: 'yes' as unknown as boolean })).toThrow(/options.longOnly must be a boolean/);
    expect(() => minimumVariance(model, { upper: new Float64Array([1, NaN]) })).toThrow(/upper/);
    const before = Float64Array.from(model.sigma);
    minimumVariance(model);
    minimumVariance(model, { longOnly: true, upper: 0.9 });
    expect(Array.from(model.sigma)).toEqual(Array.from(before));
  });
});
