import { describe, expect, it } from 'vitest';
import { meanVariance } from '../../../src/main/engine/portfolio/mean-variance';
import { minimumVariance } from '../../../src/main/engine/portfolio/minimum-variance';
import { riskSolver } from '../../../src/main/engine/risk/risk-ops';
import { denseRiskModel } from '../../../src/main/engine/risk/risk-model';
import { expectClose, expectFullyInvested, expectScalarClose, fixture, modelsOf } from './portfolio-fixture';

/** The QP polishes to its active set; cvxopt's point is polished and KKT-checked in numpy. */
const QP_TOL = 1e-7;

describe('meanVariance matches cvxopt (polished, KKT-checked)', () => {
  for (const testCase of fixture.cases) {
    for (const { label, model } of modelsOf(testCase)) {
      testCase.meanVariance.forEach((reference, index) => {
        const extras = reference.kappa ? `, κ = ${reference.kappa}, groups` : '';
        it(`${testCase.name} (${label}) #${index}: γ = ${reference.gamma}, w ≤ ${reference.upper}${extras}`, () => {
          const mu = Float64Array.from(testCase.mu);
          const result = meanVariance(mu, model, {
            gamma: reference.gamma,
            upper: reference.upper,
            ...(reference.kappa ? { kappa: reference.kappa, prev: Float64Array.from(reference.prev) } : {}),
            ...(reference.groups ? { groups: reference.groups } : {}),
          });
          expect(result.status).toBe('solved');
          expectClose(result.weights, reference.weights, QP_TOL, 'mean–variance weights');
          expectScalarClose(result.details?.objective as number, reference.objective, 1e-9, 'objective');
          expectFullyInvested(result.weights, 1e-9, 'mean–variance');
          expect(Math.min(...result.weights)).toBeGreaterThanOrEqual(-1e-9);
          expect(Math.max(...result.weights)).toBeLessThanOrEqual(reference.upper + 1e-9);
          for (const group of reference.groups ?? []) {
            const total = group.members.reduce((sum, i) => sum + result.weights[i], 0);
            expect(total, 'group lower limit').toBeGreaterThanOrEqual(group.min - 1e-9);
            expect(total, 'group upper limit').toBeLessThanOrEqual(group.max + 1e-9);
          }
        });
      });
    }
  }
});

describe('meanVariance closed forms and limits', () => {
  const testCase = fixture.cases[2];
  const [{ model }] = modelsOf(testCase);
  const mu = Float64Array.from(testCase.mu);
  const solver = riskSolver(model);
  if (solver.status !== 'ok') throw new Error('fixture Σ must be positive definite');

  it('unbounded, no budget: w = Σ⁻¹μ/(2γ)', () => {
    const gamma = 3;
    const result = meanVariance(mu, model, { gamma, lower: null, budget: null });
    expect(result.status).toBe('solved');
    const expected = solver.solve(mu).map((x) => x / (2 * gamma));
    expectClose(result.weights, expected, QP_TOL, 'Σ⁻¹μ/(2γ)');
  });

  it('unbounded with the budget: the GMV plus a self-financing tilt Σ⁻¹(μ − λ1)/(2γ)', () => {
    const gamma = 4;
    const a = solver.solve(mu);
    const b = solver.solve(new Float64Array(testCase.n).fill(1));
    const sumA = a.reduce((s, x) => s + x, 0);
    const sumB = b.reduce((s, x) => s + x, 0);
    const lambda = (sumA - 2 * gamma) / sumB;
    const expected = a.map((x, i) => (x - lambda * b[i]) / (2 * gamma));
    const result = meanVariance(mu, model, { gamma, lower: null });
    expect(result.status).toBe('solved');
    expectClose(result.weights, expected, QP_TOL, 'budget-constrained closed form');
  });

  it('μ = 0 reproduces the long-only GMV; γ → ∞ approaches it', () => {
    const zero = meanVariance(new Float64Array(testCase.n), model, { gamma: 1 });
    expectClose(zero.weights, testCase.gmvLongOnly, QP_TOL, 'μ = 0');
    const heavy = meanVariance(mu, model, { gamma: 1e6 });
    expectClose(heavy.weights, minimumVariance(model, { longOnly: true }).weights, 1e-4, 'γ = 1e6');
  });

  it('reports μᵀw and wᵀΣw consistently with the objective', () => {
    const gamma = 5;
    const result = meanVariance(mu, model, { gamma, upper: 0.35 });
    const { objective, expectedReturn, variance } = result.details as { objective: number; expectedReturn: number; variance: number };
    expectScalarClose(objective, -expectedReturn + gamma * variance, 1e-14, 'objective = −μᵀw + γ wᵀΣw');
  });
});

describe('meanVariance bad input', () => {
  const model = denseRiskModel(new Float64Array([0.04, 0.01, 0.01, 0.09]), 2);
  it('NaN μ, wrong length, bad γ, missing options', () => {
    expect(() => meanVariance(new Float64Array([0.01, NaN]), model, { gamma: 1 })).toThrow(/mu\[1\] is NaN/);
    expect(() => meanVariance(new Float64Array([0.01]), model, { gamma: 1 })).toThrow(/mu has length 1, expected n = 2/);
    expect(() => meanVariance(new Float64Array(2), model, { gamma: -1 })).toThrow(/options.gamma must be a finite number ≥ 0/);
    expect(() => meanVariance(new Float64Array(2), model, { gamma: NaN })).toThrow(/options.gamma/);
    expect(() => meanVariance(new Float64Array(2), model, undefined as unknown as { gamma: number })).toThrow(/options.gamma is required/);
  });

  it('infeasible constraints and unbounded problems are statuses', () => {
    const mu = new Float64Array([0.01, 0.02]);
    expect(meanVariance(mu, model, { gamma: 1, upper: 0.3 }).status).toBe('primal-infeasible');
    expect(meanVariance(mu, model, { gamma: 0, lower: null }).status).toBe('dual-infeasible');
  });

  it('does not mutate its inputs', () => {
    const mu = new Float64Array([0.01, 0.02]);
    const prev = new Float64Array([0.5, 0.5]);
    const sigma = Float64Array.from(model.sigma);
    meanVariance(mu, model, { gamma: 2, kappa: 1e-3, prev, upper: 0.8 });
    expect(Array.from(mu)).toEqual([0.01, 0.02]);
    expect(Array.from(prev)).toEqual([0.5, 0.5]);
    expect(Array.from(model.sigma)).toEqual(Array.from(sigma));
  });
});
