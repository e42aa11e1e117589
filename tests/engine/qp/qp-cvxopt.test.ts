/**
 * solveMeanVarianceQp against cvxopt (tests/fixtures/qp.py, abstol = reltol = feastol = 1e-12).
 * cvxopt's own accuracy bounds the comparison: its interior-point solution is only as exact as its
 * stopping point, so the 1e-7 weight tolerance is a bound on |ours − cvxopt| ≤ |ours − w*| +
 * |cvxopt − w*|. Our own optimality is asserted separately and much more tightly (KKT ≤ 1e-9),
 * with residuals computed here from a dense Σ, independently of the solver's structures.
 */
import { describe, expect, it } from 'vitest';
import { problemFromJson } from '../../../src/main/engine/qp/problem-json';
import { solveMeanVarianceQp } from '../../../src/main/engine/qp/solve-mean-variance-qp';
import { independentKkt, loadQpFixture, objectiveFromJson } from './qp-fixture';

const fixture = loadQpFixture();
const WEIGHT_TOL = 1e-7;
const KKT_TOL = 1e-9;

describe('solveMeanVarianceQp vs cvxopt', () => {
  it('has a large, varied fixture that cvxopt solved to its tolerances', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(100);
    const sizes = fixture.cases.map((c) => c.problem.mu.length);
    expect(Math.min(...sizes)).toBe(5);
    expect(Math.max(...sizes)).toBe(500);
    for (const c of fixture.cases) {
      expect(c.expected.status, c.name).toBe('optimal');
      expect(Math.max(c.expected.primalInfeasibility, c.expected.dualInfeasibility), `${c.name}: cvxopt residuals, tol 1e-12`).toBeLessThan(1e-12);
    }
  });

  for (const c of fixture.cases) {
    it(`${c.name}: weights, objective and KKT residuals`, () => {
      const problem = problemFromJson(c.problem);
      const solution = solveMeanVarianceQp(problem);
      expect(solution.status).toBe('solved');
      expect(solution.info.polished).toBe(true);

      let diff = 0;
      c.expected.w.forEach((value, i) => (diff = Math.max(diff, Math.abs(value - solution.w[i]))));
      expect(diff, `max |w − w_cvxopt| = ${diff.toExponential(2)}, tol ${WEIGHT_TOL}`).toBeLessThanOrEqual(WEIGHT_TOL);

      const ours = objectiveFromJson(c.problem, solution.w);
      const objectiveTol = 1e-9 * Math.max(1, Math.abs(c.expected.objective));
      expect(Math.abs(ours - solution.objective), `reported objective vs recomputed, tol ${objectiveTol}`).toBeLessThanOrEqual(objectiveTol);
      // The optimum is unique (Σ ≻ 0), so ours may undercut cvxopt's only by cvxopt's own error.
      expect(ours - c.expected.objective, `objective − cvxopt's, tol ${objectiveTol}`).toBeLessThanOrEqual(objectiveTol);
      expect(c.expected.objective - ours, `cvxopt's − objective, tol ${objectiveTol}`).toBeLessThanOrEqual(objectiveTol);

      const kkt = independentKkt(c.problem, solution.w, solution.y);
      const worst = Math.max(kkt.primal, kkt.stationarity, kkt.complementarity);
      expect(worst, `KKT residuals ${JSON.stringify(kkt)}, tol ${KKT_TOL}`).toBeLessThanOrEqual(KKT_TOL);
      expect(Math.max(solution.info.primalResidual, solution.info.dualResidual), `reported residuals, tol ${KKT_TOL}`).toBeLessThanOrEqual(KKT_TOL);
    });
  }

  for (const c of fixture.infeasible) {
    it(`${c.name}: primal-infeasible, naming ${c.expectedSet}`, () => {
      const solution = solveMeanVarianceQp(problemFromJson(c.problem));
      expect(solution.status).toBe('primal-infeasible');
      expect(solution.infeasibility).toBeDefined();
      // Certificates from ADMM are not unique: require the expected sets to be named, no more.
      for (const part of c.expectedSet.split('+')) expect(solution.infeasibility!.set.split('+')).toContain(part);
      expect(solution.infeasibility!.message.length).toBeGreaterThan(20);
      expect(Array.from(solution.w).every(Number.isNaN)).toBe(true);
    });
  }
});
