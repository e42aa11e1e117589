/**
 * Behaviour of solveMeanVarianceQp beyond the cvxopt comparison: warm starts, statuses, input
 * validation, immutability of inputs, and the JSON boundary (problemFromJson / solutionToJson).
 */
import { describe, expect, it } from 'vitest';
import { problemFromJson, solutionToJson } from '../../../src/main/engine/qp/problem-json';
import type { MeanVarianceProblem } from '../../../src/main/engine/qp/qp-types';
import { solveMeanVarianceQp } from '../../../src/main/engine/qp/solve-mean-variance-qp';
import { denseRiskModel, factorRiskModel } from '../../../src/main/engine/risk/risk-model';
import { QpSolutionJsonSchema } from '../../../src/shared/schemas/qp-problem';
import { loadQpFixture } from './qp-fixture';

const fixture = loadQpFixture();

function caseJson(name: string) {
  const c = fixture.cases.find((entry) => entry.name === name);
  if (c === undefined) throw new Error(`fixture case ${name} missing`);
  return c;
}

function smallProblem(): MeanVarianceProblem {
  return {
    mu: Float64Array.of(0.05, 0.07, 0.04, 0.09),
    gamma: 2,
    risk: factorRiskModel(Float64Array.of(0.02, 0.03, 0.01, 0.04), Float64Array.of(0.1, 0.2, 0.15, 0.05), Float64Array.of(1)),
    lower: 0,
    upper: 0.6,
    prev: Float64Array.of(0.25, 0.25, 0.25, 0.25),
    kappa: 0.005,
    groups: [{ members: [0, 1], min: 0.2, max: 0.7 }],
  };
}

describe('warm start', () => {
  for (const name of ['long-only-capped-n200-100', 'turnover-n200-101', 'long-only-n500-103']) {
    it(`${name}: a warm start from yesterday's solution cuts iterations and agrees with a cold solve`, () => {
      const problem = problemFromJson(caseJson(name).problem);
      const yesterday = solveMeanVarianceQp(problem);
      const today: MeanVarianceProblem = { ...problem, mu: problem.mu.map((v, i) => v + 0.002 * Math.sin(3 * i)) };
      const cold = solveMeanVarianceQp(today);
      const warm = solveMeanVarianceQp(today, {}, { w: yesterday.w, y: yesterday.y, rho: yesterday.info.rho });
      expect(cold.status).toBe('solved');
      expect(warm.status).toBe('solved');
      expect(warm.info.iterations, `warm ${warm.info.iterations} vs cold ${cold.info.iterations}`).toBeLessThan(cold.info.iterations);
      let diff = 0;
      for (let i = 0; i < problem.mu.length; i++) diff = Math.max(diff, Math.abs(warm.w[i] - cold.w[i]));
      expect(diff, `|w_warm − w_cold| = ${diff}, tol 1e-12`).toBeLessThanOrEqual(1e-12);
    });
  }

  it('rejects a warm start of the wrong shape', () => {
    const problem = smallProblem();
    expect(() => solveMeanVarianceQp(problem, {}, { w: new Float64Array(3) })).toThrow(/warmStart\.w has length 3, expected n = 4/);
    expect(() => solveMeanVarianceQp(problem, {}, { w: new Float64Array(4), y: new Float64Array(4) })).toThrow(/warmStart\.y has length 4, expected m = 6/);
  });
});

describe('statuses', () => {
  it('solves a small problem with turnover and a group, polished to a KKT point', () => {
    const solution = solveMeanVarianceQp(smallProblem());
    expect(solution.status).toBe('solved');
    expect(solution.info.polished).toBe(true);
    expect(solution.y.length).toBe(1 + 4 + 1);
    const sum = solution.w.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - 1), 'budget, tol 1e-14').toBeLessThanOrEqual(1e-14);
  });

  it('reports dual-infeasible for an unbounded linear programme (γ = 0, no bounds)', () => {
    const solution = solveMeanVarianceQp({ ...smallProblem(), gamma: 0, lower: null, upper: null, kappa: 0, groups: [] });
    expect(solution.status).toBe('dual-infeasible');
    expect(Number.isNaN(solution.objective)).toBe(true);
  });

  it('solves a bounded linear programme (γ = 0) at a vertex', () => {
    const solution = solveMeanVarianceQp({ ...smallProblem(), gamma: 0, kappa: 0, groups: [] });
    expect(solution.status).toBe('solved');
    // Best μ is asset 3 (0.09), capped at 0.6; the rest goes to asset 1 (0.07).
    const expected = [0, 0.4, 0, 0.6];
    expected.forEach((value, i) => expect(Math.abs(solution.w[i] - value), `w[${i}], tol 1e-9`).toBeLessThanOrEqual(1e-9));
  });

  it('reports max-iterations, with the ADMM point, when stopped early without polishing', () => {
    const problem = problemFromJson(caseJson('long-only-capped-n200-100').problem);
    const solution = solveMeanVarianceQp(problem, { maxIter: 5, polish: false, adaptiveRho: false });
    expect(solution.status).toBe('max-iterations');
    expect(solution.info.iterations).toBe(5);
    expect(solution.info.polished).toBe(false);
    expect(Array.from(solution.w).every(Number.isFinite)).toBe(true);
    const upper = problem.upper as number;
    expect(Array.from(solution.w).every((v) => v >= 0 && v <= upper), 'unpolished w is clipped to [lower, upper]').toBe(true);
  });

  it('reports time-limit when the wall-clock budget is exhausted', () => {
    const problem = problemFromJson(caseJson('long-only-capped-n200-100').problem);
    const solution = solveMeanVarianceQp(problem, { timeLimitMs: 1e-9, polish: false, epsAbs: 0, epsRel: 0 });
    expect(solution.status).toBe('time-limit');
    expect(solution.info.iterations).toBeLessThan(10);
  });

  it('names the infeasible set without running ADMM when interval sums decide it', () => {
    const solution = solveMeanVarianceQp({ ...smallProblem(), upper: 0.2, groups: [] });
    expect(solution.status).toBe('primal-infeasible');
    expect(solution.infeasibility?.set).toBe('budget+bounds');
    expect(solution.infeasibility?.message).toMatch(/upper bounds sum to only 0\.8/);
    expect(solution.info.iterations).toBe(0);
  });

  it('a problem without polishing still meets the ADMM tolerances', () => {
    const solution = solveMeanVarianceQp(smallProblem(), { polish: false });
    expect(solution.status).toBe('solved');
    expect(solution.info.polished).toBe(false);
    expect(solution.info.primalResidual).toBeLessThanOrEqual(1e-5);
  });
});

describe('malformed input throws, naming the field', () => {
  const cases: [string, (p: MeanVarianceProblem) => MeanVarianceProblem, RegExp][] = [
    ['NaN in mu', (p) => ({ ...p, mu: Float64Array.of(0.05, Number.NaN, 0.04, 0.09) }), /mu\[1\] is NaN/],
    ['empty mu', (p) => ({ ...p, mu: new Float64Array(0) }), /mu is empty/],
    ['mu length vs risk', (p) => ({ ...p, mu: Float64Array.of(0.05, 0.07, 0.04) }), /risk\.n = 4 but mu has length 3/],
    ['negative gamma', (p) => ({ ...p, gamma: -1 }), /gamma = -1/],
    ['infinite gamma', (p) => ({ ...p, gamma: Infinity }), /gamma = Infinity/],
    ['lower > upper', (p) => ({ ...p, lower: Float64Array.of(0, 0.7, 0, 0) }), /lower\[1\] = 0\.7 exceeds upper\[1\] = 0\.6/],
    ['lower length', (p) => ({ ...p, lower: new Float64Array(3) }), /lower has length 3, expected n = 4/],
    ['NaN upper', (p) => ({ ...p, upper: Number.NaN }), /upper is NaN/],
    ['lower = +Infinity', (p) => ({ ...p, lower: Float64Array.of(0, Infinity, 0, 0), upper: null }), /lower\[1\] is Infinity/],
    ['prev length', (p) => ({ ...p, prev: new Float64Array(5) }), /prev has length 5/],
    ['negative kappa', (p) => ({ ...p, kappa: -0.1 }), /kappa = -0\.1/],
    ['NaN budget', (p) => ({ ...p, budget: Number.NaN }), /budget = NaN/],
    ['group index out of range', (p) => ({ ...p, groups: [{ members: [0, 4], min: 0, max: 1 }] }), /groups\[0\]\.members holds 4/],
    ['group duplicate', (p) => ({ ...p, groups: [{ members: [1, 1], min: 0, max: 1 }] }), /lists asset 1 twice/],
    ['group min > max', (p) => ({ ...p, groups: [{ members: [1], min: 0.5, max: 0.2 }] }), /groups\[0\]: min = 0\.5 exceeds max = 0\.2/],
    ['NaN in risk', (p) => ({ ...p, risk: { ...(p.risk as ReturnType<typeof factorRiskModel>), d: Float64Array.of(0.1, Number.NaN, 0.1, 0.1) } }), /risk\.d\[1\] is NaN/],
  ];
  for (const [label, mutate, message] of cases) {
    it(label, () => {
      expect(() => solveMeanVarianceQp(mutate(smallProblem()))).toThrow(message);
    });
  }

  it('bad settings', () => {
    expect(() => solveMeanVarianceQp(smallProblem(), { alpha: 2 })).toThrow(/settings\.alpha = 2/);
    expect(() => solveMeanVarianceQp(smallProblem(), { rho: 0 })).toThrow(/settings\.rho = 0/);
    expect(() => solveMeanVarianceQp(smallProblem(), { maxIter: Number.NaN })).toThrow(/settings\.maxIter/);
  });

  it('a dense Σ that is not positive semidefinite', () => {
    const sigma = Float64Array.of(1, 2, 0, 0, 2, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1);
    expect(() => solveMeanVarianceQp({ ...smallProblem(), risk: denseRiskModel(sigma, 4) })).toThrow(/not positive semidefinite/);
  });
});

describe('inputs are never mutated', () => {
  it('problem arrays, risk model and warm start keep their values', () => {
    const problem = smallProblem();
    const warm = solveMeanVarianceQp(problem);
    const snapshot = (p: MeanVarianceProblem) =>
      JSON.stringify({
        mu: Array.from(p.mu),
        risk: p.risk.kind === 'factor' ? [Array.from(p.risk.d), Array.from(p.risk.u), Array.from(p.risk.s)] : Array.from(p.risk.sigma),
        prev: Array.from(p.prev ?? []),
        groups: p.groups,
      });
    const before = snapshot(problem);
    const warmBefore = JSON.stringify([Array.from(warm.w), Array.from(warm.y)]);
    const lower = Float64Array.of(0, 0, 0, 0);
    const lowerBefore = Array.from(lower);
    solveMeanVarianceQp({ ...problem, lower }, {}, { w: warm.w, y: warm.y });
    expect(snapshot(problem)).toBe(before);
    expect(JSON.stringify([Array.from(warm.w), Array.from(warm.y)])).toBe(warmBefore);
    expect(Array.from(lower)).toEqual(lowerBefore);
  });
});

describe('JSON boundary', () => {
  it('problemFromJson applies the documented defaults', () => {
    const problem = problemFromJson({ mu: [0.1, 0.2], gamma: 1, risk: { factors: [[0.1], [0.2]], idio: [0.01, 0.02] } });
    expect(problem.budget).toBe(1);
    expect(problem.lower).toBe(0);
    expect(problem.upper).toBe(null);
    expect(problem.kappa).toBe(0);
    expect(problem.groups).toEqual([]);
    expect(problem.risk.kind).toBe('factor');
    if (problem.risk.kind === 'factor') expect(Array.from(problem.risk.s)).toEqual([1]);
  });

  it('null entries of per-asset bounds are infinite', () => {
    const problem = problemFromJson({ mu: [0.1, 0.2], gamma: 1, risk: { covariance: [[0.04, 0], [0, 0.09]] }, lower: [null, -0.5], upper: [1, null] });
    expect(Array.from(problem.lower as Float64Array)).toEqual([-Infinity, -0.5]);
    expect(Array.from(problem.upper as Float64Array)).toEqual([1, Infinity]);
  });

  it('errors name the field and the expected length', () => {
    const base = { mu: [0.1, 0.2], gamma: 1, risk: { factors: [[0.1], [0.2]], idio: [0.01, 0.02] } };
    expect(() => problemFromJson({ ...base, risk: { factors: [[0.1]], idio: [0.01, 0.02] } })).toThrow(/risk\.factors: risk\.factors has length 1, expected n = 2/);
    expect(() => problemFromJson({ ...base, prev: [0] })).toThrow(/prev: prev has length 1, expected n = 2/);
    expect(() => problemFromJson({ ...base, gamma: -1 })).toThrow(/gamma:/);
    expect(() => problemFromJson({ ...base, groups: [{ members: [5], min: 0, max: 1 }] })).toThrow(/groups\.0\.members\.0/);
    expect(() => problemFromJson({ ...base, extra: 1 })).toThrow(/extra/);
    expect(() => problemFromJson({ ...base, risk: { covariance: [[1, 0]] } })).toThrow(/risk\.covariance/);
  });

  it('solutionToJson writes the CLI record, with null for NaN', () => {
    const solved = solutionToJson(solveMeanVarianceQp(smallProblem()));
    expect(QpSolutionJsonSchema.parse(solved)).toEqual(solved);
    expect(Object.keys(solved).sort()).toEqual(['dualResidual', 'iterations', 'objective', 'primalResidual', 'solveMs', 'status', 'w']);
    const infeasible = solutionToJson(solveMeanVarianceQp({ ...smallProblem(), upper: 0.2 }));
    expect(infeasible.status).toBe('primal-infeasible');
    expect(infeasible.w).toEqual([null, null, null, null]);
    expect(infeasible.infeasibility?.set).toBe('budget+bounds');
    expect(JSON.parse(JSON.stringify(infeasible))).toEqual(infeasible);
  });
});
