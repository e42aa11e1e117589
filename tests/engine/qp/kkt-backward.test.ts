/**
 * qpBackward against central finite differences of solveMeanVarianceQp (at points checked to be
 * non-degenerate), and against the closed form of the equality-only problem.
 */
import { inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { qpBackward } from '../../../src/main/engine/qp/kkt-backward';
import { problemFromJson } from '../../../src/main/engine/qp/problem-json';
import type { MeanVarianceProblem } from '../../../src/main/engine/qp/qp-types';
import { solveMeanVarianceQp } from '../../../src/main/engine/qp/solve-mean-variance-qp';
import { denseRiskModel, factorRiskModel } from '../../../src/main/engine/risk/risk-model';
import { loadQpFixture } from './qp-fixture';
import { degeneracyMargin } from './qp-margin';

const fixture = loadQpFixture();
const STEP = 1e-6;
/** Relative error bound ‖fd − g‖∞ ≤ REL·max(‖g‖∞, FLOOR) per gradient block. */
const REL = 1e-5;
const FLOOR = 1e-7;
/** Smallest primal/dual slack for which a ±STEP perturbation cannot change the active set. */
const MIN_MARGIN = 1e-3;

function upstream(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => Math.sin(1.3 * i + 0.4) + 0.2);
}

function loss(problem: MeanVarianceProblem, dw: Float64Array): number {
  const solution = solveMeanVarianceQp(problem);
  if (solution.status !== 'solved') throw new Error(`perturbed problem not solved: ${solution.status}`);
  let total = 0;
  for (let i = 0; i < dw.length; i++) total += dw[i] * solution.w[i];
  return total;
}

/** Central difference of the loss along one coordinate of a vector input. */
function fdVector(values: Float64Array, rebuild: (v: Float64Array) => MeanVarianceProblem, dw: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const plus = Float64Array.from(values);
    const minus = Float64Array.from(values);
    plus[k] += STEP;
    minus[k] -= STEP;
    out[k] = (loss(rebuild(plus), dw) - loss(rebuild(minus), dw)) / (2 * STEP);
  }
  return out;
}

function expectClose(fd: ArrayLike<number>, analytic: ArrayLike<number>, label: string): void {
  let scale = FLOOR;
  let diff = 0;
  for (let k = 0; k < fd.length; k++) {
    scale = Math.max(scale, Math.abs(analytic[k]));
    diff = Math.max(diff, Math.abs(fd[k] - analytic[k]));
  }
  expect(diff, `${label}: max |fd − analytic| = ${diff.toExponential(2)}, tol ${(REL * scale).toExponential(2)}`).toBeLessThanOrEqual(REL * scale);
}

function caseProblem(name: string): MeanVarianceProblem {
  const c = fixture.cases.find((entry) => entry.name === name);
  if (c === undefined) throw new Error(`fixture case ${name} missing`);
  return problemFromJson(c.problem);
}

describe('qpBackward vs central finite differences', () => {
  const factorCases = [
    'turnover-n8-26', // kinks, lower bounds, free on both sides of prev
    'turnover-groups-n6-57', // an active group max and a kink
    'groups-n5-55', // an active group min
    'no-budget-n10-28', // no budget row, kinks
    'mixed-infinite-n12-19', // infinite bounds on some assets
    'long-only-capped-n10-81', // lower and upper bounds active
  ];
  for (const name of factorCases) {
    it(`${name}: μ, prev, γ, U, s, d`, () => {
      const problem = caseProblem(name);
      const solution = solveMeanVarianceQp(problem);
      const margin = degeneracyMargin(problem, solution);
      expect(margin, `degeneracy margin ${margin}, need ≥ ${MIN_MARGIN}`).toBeGreaterThanOrEqual(MIN_MARGIN);
      const n = problem.mu.length;
      const dw = upstream(n);
      const grads = qpBackward(problem, solution, dw);
      if (problem.risk.kind !== 'factor') throw new Error('expected a factor model');
      const { d, u, s } = problem.risk;

      expectClose(fdVector(problem.mu, (mu) => ({ ...problem, mu }), dw), grads.mu, 'dL/dμ');
      expectClose(fdVector(problem.prev ?? new Float64Array(n), (prev) => ({ ...problem, prev }), dw), grads.prev, 'dL/dprev');
      expectClose(fdVector(Float64Array.of(problem.gamma), (g) => ({ ...problem, gamma: g[0] }), dw), [grads.gamma], 'dL/dγ');
      expectClose(fdVector(u, (uu) => ({ ...problem, risk: factorRiskModel(d, uu, s) }), dw), grads.factors!, 'dL/dU');
      expectClose(fdVector(s, (ss) => ({ ...problem, risk: factorRiskModel(d, u, ss) }), dw), grads.factorVariances!, 'dL/ds');
      expectClose(fdVector(d, (dd) => ({ ...problem, risk: factorRiskModel(dd, u, s) }), dw), grads.idio!, 'dL/dd');
    });
  }

  for (const name of ['per-asset-caps-n8-4', 'turnover-n20-76']) {
    it(`${name} (dense Σ): μ, prev and symmetric dL/dΣ`, () => {
      const problem = caseProblem(name);
      const solution = solveMeanVarianceQp(problem);
      expect(degeneracyMargin(problem, solution)).toBeGreaterThanOrEqual(MIN_MARGIN);
      const n = problem.mu.length;
      const dw = upstream(n);
      const grads = qpBackward(problem, solution, dw);
      if (problem.risk.kind !== 'dense') throw new Error('expected a dense model');
      const sigma = problem.risk.sigma;
      expectClose(fdVector(problem.mu, (mu) => ({ ...problem, mu }), dw), grads.mu, 'dL/dμ');
      expectClose(fdVector(problem.prev ?? new Float64Array(n), (prev) => ({ ...problem, prev }), dw), grads.prev, 'dL/dprev');
      // A symmetric perturbation ε(E_ij + E_ji) moves L by ε(G_ij + G_ji) (ε·G_ii on the diagonal).
      const fd: number[] = [];
      const analytic: number[] = [];
      const g = grads.covariance!;
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          const perturbed = (sign: number): MeanVarianceProblem => {
            const copy = Float64Array.from(sigma);
            copy[i * n + j] += sign * STEP;
            if (i !== j) copy[j * n + i] += sign * STEP;
            return { ...problem, risk: denseRiskModel(copy, n) };
          };
          fd.push((loss(perturbed(1), dw) - loss(perturbed(-1), dw)) / (2 * STEP));
          analytic.push(i === j ? g[i * n + i] : g[i * n + j] + g[j * n + i]);
          expect(Math.abs(g[i * n + j] - g[j * n + i]), 'dL/dΣ is symmetric').toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(g[i * n + j])));
        }
      }
      expectClose(fd, analytic, 'dL/dΣ');
    });
  }

  it('rejects unsolved or unpolished solutions and malformed dw', () => {
    const problem = caseProblem('groups-n5-55');
    const solution = solveMeanVarianceQp(problem);
    expect(() => qpBackward(problem, solution, new Float64Array(4))).toThrow(/dw has length 4/);
    expect(() => qpBackward(problem, solution, new Float64Array(5).fill(Number.NaN))).toThrow(/dw\[0\] is NaN/);
    const unpolished = solveMeanVarianceQp(problem, { polish: false });
    expect(() => qpBackward(problem, unpolished, new Float64Array(5))).toThrow(/polished/);
  });
});

describe('qpBackward vs the closed form of min −μᵀw + γwᵀΣw s.t. 1ᵀw = 1', () => {
  // Stationarity 2γΣw − μ + ν1 = 0 with 1ᵀw = 1 gives w = Σ⁻¹(μ − ν1)/(2γ),
  // ν = (1ᵀΣ⁻¹μ − 2γ)/(1ᵀΣ⁻¹1). Hence, with P = Σ⁻¹ − Σ⁻¹11ᵀΣ⁻¹/(1ᵀΣ⁻¹1):
  //   ∂w/∂μ = P/(2γ) (symmetric), ∂w/∂γ = −(w − w_gmv)/γ with w_gmv = Σ⁻¹1/(1ᵀΣ⁻¹1),
  //   dw = −P·dΣ·w, so dL/dΣ (symmetric) = −((P g)wᵀ + w(P g)ᵀ)/2.
  function closedForm(sigma: Matrix, mu: number[], gamma: number) {
    const n = mu.length;
    const inv = inverse(sigma);
    const ones = Matrix.ones(n, 1);
    const invOnes = inv.mmul(ones);
    const invMu = inv.mmul(Matrix.columnVector(mu));
    const denom = ones.transpose().mmul(invOnes).get(0, 0);
    const nu = (ones.transpose().mmul(invMu).get(0, 0) - 2 * gamma) / denom;
    const w = invMu.clone().sub(invOnes.clone().mul(nu)).div(2 * gamma);
    const p = inv.clone().sub(invOnes.mmul(invOnes.transpose()).div(denom));
    const gmv = invOnes.clone().div(denom);
    return { w: w.to1DArray(), p, gmv: gmv.to1DArray() };
  }

  function check(problem: MeanVarianceProblem, sigma: Matrix): void {
    const n = problem.mu.length;
    const exact = closedForm(sigma, Array.from(problem.mu), problem.gamma);
    const solution = solveMeanVarianceQp(problem);
    let wDiff = 0;
    for (let i = 0; i < n; i++) wDiff = Math.max(wDiff, Math.abs(solution.w[i] - exact.w[i]));
    expect(wDiff, `|w − closed form| = ${wDiff}, tol 1e-11`).toBeLessThanOrEqual(1e-11);
    for (let k = 0; k < n; k++) {
      const dw = new Float64Array(n);
      dw[k] = 1;
      const grads = qpBackward(problem, solution, dw);
      const column = exact.p.getColumn(k).map((v) => v / (2 * problem.gamma));
      expectClose(column, grads.mu, `∂w_${k}/∂μ`);
      expectClose([-(exact.w[k] - exact.gmv[k]) / problem.gamma], [grads.gamma], `∂w_${k}/∂γ`);
      const pg = exact.p.getColumn(k);
      if (grads.covariance !== undefined) {
        const expected: number[] = [];
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expected.push(-(pg[i] * exact.w[j] + exact.w[i] * pg[j]) / 2);
        expectClose(expected, grads.covariance, `∂w_${k}/∂Σ`);
      }
      if (grads.idio !== undefined) {
        expectClose(pg.map((v, i) => -v * exact.w[i]), grads.idio, `∂w_${k}/∂d`);
      }
    }
  }

  it('dense Σ, n = 7', () => {
    const n = 7;
    const a = Matrix.from1DArray(n, n, Array.from({ length: n * n }, (_, k) => Math.sin(0.7 * k + 1) * 0.2));
    const sigma = a.mmul(a.transpose()).add(Matrix.eye(n).mul(0.02));
    const problem: MeanVarianceProblem = {
      mu: Float64Array.from({ length: n }, (_, i) => 0.05 + 0.03 * Math.cos(i)),
      gamma: 3,
      risk: denseRiskModel(Float64Array.from(sigma.to1DArray()), n),
      lower: null,
      upper: null,
    };
    check(problem, sigma);
  });

  it('factor Σ = diag(d) + U·diag(s)·Uᵀ, n = 30, r = 4', () => {
    const n = 30;
    const r = 4;
    const u = Float64Array.from({ length: n * r }, (_, k) => 0.15 * Math.sin(1.7 * k + 0.3));
    const s = Float64Array.of(1, 0.5, 0.25, 2);
    const d = Float64Array.from({ length: n }, (_, i) => 0.01 + 0.02 * ((i * 7) % 5) / 5);
    const uMat = Matrix.from1DArray(n, r, Array.from(u));
    const sigma = uMat.mmul(Matrix.diag(Array.from(s))).mmul(uMat.transpose()).add(Matrix.diag(Array.from(d)));
    const problem: MeanVarianceProblem = {
      mu: Float64Array.from({ length: n }, (_, i) => 0.06 + 0.04 * Math.sin(2 * i)),
      gamma: 2.5,
      risk: factorRiskModel(d, u, s),
      lower: null,
      upper: null,
    };
    check(problem, sigma);
  });
});
