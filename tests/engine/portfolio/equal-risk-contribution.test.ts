import { describe, expect, it } from 'vitest';
import { equalRiskContribution } from '../../../src/main/engine/portfolio/equal-risk-contribution';
import { riskMatvec, riskQuadForm } from '../../../src/main/engine/risk/risk-ops';
import { denseRiskModel, factorRiskModel } from '../../../src/main/engine/risk/risk-model';
import type { RiskModel } from '../../../src/main/engine/risk/risk-model';
import { expectClose, expectFullyInvested, fixture, modelsOf } from './portfolio-fixture';

/**
 * Both sides stop at a relative risk-contribution spread ≤ 1e-12; the weight error is then about
 * spread × cond(Jacobian of w ↦ RC), ≲ 1e-11 for these Σ. 1e-10 as the brief's closed-form tolerance.
 */
const ERC_TOL = 1e-10;
const SPREAD_TOL = 1e-12;

interface Details {
  iterations: number;
  spread: number;
  variance: number;
  riskContributions: Float64Array;
}

function spreadOf(model: RiskModel, weights: Float64Array, budgets?: ArrayLike<number>): number {
  const sigmaW = riskMatvec(model, weights);
  const ratios = Array.from(weights, (w, i) => (w * sigmaW[i]) / (budgets ? budgets[i] : 1));
  const mean = ratios.reduce((s, x) => s + x, 0) / ratios.length;
  return (Math.max(...ratios) - Math.min(...ratios)) / mean;
}

describe('equalRiskContribution matches scipy on the log-barrier problem', () => {
  for (const testCase of fixture.cases) {
    for (const { label, model } of modelsOf(testCase)) {
      it(`${testCase.name} (${label}): equal budgets`, () => {
        const result = equalRiskContribution(model);
        const details = result.details as unknown as Details;
        expect(result.status).toBe('ok');
        expectClose(result.weights, testCase.erc.weights, ERC_TOL, 'ERC weights');
        expectFullyInvested(result.weights, 1e-14, 'ERC');
        expect(Math.min(...result.weights)).toBeGreaterThan(0);
        const spread = spreadOf(model, result.weights);
        expect(spread, `independently recomputed RC spread ${spread} > ${SPREAD_TOL}`).toBeLessThanOrEqual(SPREAD_TOL);
        expect(details.spread).toBeLessThanOrEqual(SPREAD_TOL);
        expect(details.iterations, 'Newton converges in a few steps').toBeLessThanOrEqual(20);
        expect(details.iterations).toBeGreaterThan(0);
        const variance = riskQuadForm(model, result.weights);
        expect(Math.abs(details.variance - variance), 'reported variance vs wᵀΣw').toBeLessThanOrEqual(1e-14 * variance);
        const equalShare = details.riskContributions.map((rc) => rc / (variance / testCase.n));
        expectClose(equalShare, new Array(testCase.n).fill(1), 1e-12, 'RC_i / (wᵀΣw / n)');
      });

      it(`${testCase.name} (${label}): budgets 1..2`, () => {
        const budgets = Float64Array.from(testCase.riskBudgeting.budgets, (b) => 3 * b);
        const result = equalRiskContribution(model, { budgets });
        expect(result.status).toBe('ok');
        expectClose(result.weights, testCase.riskBudgeting.weights, ERC_TOL, 'risk-budgeting weights');
        const spread = spreadOf(model, result.weights, budgets);
        expect(spread, `RC/b spread ${spread} > ${SPREAD_TOL}`).toBeLessThanOrEqual(SPREAD_TOL);
        expect(Array.from(budgets)).toEqual(Array.from(testCase.riskBudgeting.budgets, (b) => 3 * b));
      });
    }
  }
});

describe('equalRiskContribution closed forms and structure', () => {
  it('is inverse volatility when all correlations are equal', () => {
    const vol = [0.1, 0.2, 0.15, 0.3];
    const rho = 0.4;
    const n = vol.length;
    const sigma = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sigma[i * n + j] = (i === j ? 1 : rho) * vol[i] * vol[j];
    const result = equalRiskContribution(denseRiskModel(sigma, n));
    const inverse = vol.map((v) => 1 / v);
    const total = inverse.reduce((s, x) => s + x, 0);
    expectClose(result.weights, inverse.map((x) => x / total), 1e-14, 'ERC = 1/σ under constant correlation');
  });

  it('solves a 20 000-asset factor model in O(n·r²) per step without densifying', () => {
    const n = 20_000;
    const rank = 4;
    const d = new Float64Array(n);
    const u = new Float64Array(n * rank);
    for (let i = 0; i < n; i++) {
      d[i] = 1e-3 * (1 + ((i * 7919) % 101) / 101);
      for (let q = 0; q < rank; q++) u[i * rank + q] = Math.cos(i * (q + 2) * 0.11) + (q === 0 ? 1.2 : 0);
    }
    const model = factorRiskModel(d, u, new Float64Array([3e-3, 1e-3, 5e-4, 2e-4]));
    const started = performance.now();
    const result = equalRiskContribution(model);
    const elapsed = performance.now() - started;
    const details = result.details as unknown as Details;
    expect(result.status).toBe('ok');
    const spread = spreadOf(model, result.weights);
    expect(spread, `spread ${spread} at n = 20 000`).toBeLessThanOrEqual(SPREAD_TOL);
    expect(elapsed, `ERC n = 20 000, r = 4: ${details.iterations} iterations in ${elapsed.toFixed(0)} ms`).toBeLessThan(5000);
  });

  it('a singular Σ (duplicated asset) still has a unique ERC portfolio', () => {
    const sigma = new Float64Array([0.04, 0.04, 0.01, 0.04, 0.04, 0.01, 0.01, 0.01, 0.09]);
    const model = denseRiskModel(sigma, 3);
    const result = equalRiskContribution(model);
    expect(result.status).toBe('ok');
    expect(Math.abs(result.weights[0] - result.weights[1]), 'duplicates share equally').toBeLessThanOrEqual(1e-14);
    expect(spreadOf(model, result.weights)).toBeLessThanOrEqual(SPREAD_TOL);
  });

  it('reports max-iterations with the last iterate when capped', () => {
    const [{ model }] = modelsOf(fixture.cases[3]);
    const result = equalRiskContribution(model, { maxIterations: 1 });
    expect(result.status).toBe('max-iterations');
    expect((result.details as unknown as Details).iterations).toBe(1);
    expectFullyInvested(result.weights, 1e-14, 'capped ERC');
  });
});

describe('equalRiskContribution bad input', () => {
  const model = denseRiskModel(new Float64Array([0.04, 0.01, 0.01, 0.09]), 2);
  it('zero variance, NaN, non-PSD, bad budgets and options', () => {
    const zero = factorRiskModel(new Float64Array([0.01, 0]), new Float64Array(0), new Float64Array(0));
    expect(() => equalRiskContribution(zero)).toThrow(/variance of asset 1 is 0, must be > 0/);
    const nan: RiskModel = { kind: 'dense', n: 2, sigma: new Float64Array([0.04, NaN, NaN, 0.09]) };
    expect(() => equalRiskContribution(nan)).toThrow(/risk.sigma\[1\] is NaN/);
    const indefinite = denseRiskModel(new Float64Array([1, 3, 3, 1]), 2);
    expect(() => equalRiskContribution(indefinite)).toThrow(/risk.sigma is not positive semidefinite/);
    expect(() => equalRiskContribution(model, { budgets: new Float64Array([1, 0]) })).toThrow(/options.budgets\[1\] = 0 must be > 0/);
    expect(() => equalRiskContribution(model, { budgets: new Float64Array([1]) })).toThrow(/options.budgets has length 1/);
    expect(() => equalRiskContribution(model, { tolerance: 0 })).toThrow(/options.tolerance/);
    expect(() => equalRiskContribution(model, { maxIterations: 1.5 })).toThrow(/options.maxIterations/);
  });

  it('does not mutate its inputs', () => {
    const sigma = Float64Array.from(model.sigma);
    const budgets = new Float64Array([2, 1]);
    equalRiskContribution(model, { budgets });
    expect(Array.from(model.sigma)).toEqual(Array.from(sigma));
    expect(Array.from(budgets)).toEqual([2, 1]);
  });
});
