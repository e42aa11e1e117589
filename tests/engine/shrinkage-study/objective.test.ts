/**
 * The study's closed-form weights and the hand-written Sharpe gradient: weights against a dense
 * solve of Σ̂_δ w = μ̂/γ, and every gradient against central finite differences.
 */

import { describe, expect, it } from 'vitest';
import { luSolve } from '../../../src/main/engine/data/lu-solve';
import { simulateFactorUniverse } from '../../../src/main/engine/data/synthetic-universe';
import { ledoitWolf } from '../../../src/main/engine/risk/estimators/ledoit-wolf';
import {
  annualisedSharpe,
  annualisedSharpeGradient,
  buildShrinkageProblem,
  leastSquaresHead,
  shrinkageObjective,
  shrinkagePath,
  sigmoid,
} from '../../../src/main/engine/learn/shrinkage-study';
import { expectClose } from '../linalg/assert-close';

const N = 6;
const LOOKBACK = 9;
const MONTHS = 20;
const universe = simulateFactorUniverse({ nAssets: N, nMonths: LOOKBACK + MONTHS, seed: 3 });
const problem = buildShrinkageProblem(universe, LOOKBACK, 10);
const COSTS = { gamma: 4, tc: 0.005 };
const THETA = Float64Array.from([0.001, 0.006, -0.004, 0.007, 0.002, 0.005]);

/** Central difference of f at x along coordinate c with step h. */
function central(f: (x: Float64Array) => number, x: Float64Array, c: number, h: number): number {
  const plus = Float64Array.from(x);
  const minus = Float64Array.from(x);
  plus[c] += h;
  minus[c] -= h;
  return (f(plus) - f(minus)) / (2 * h);
}

/** Asserts |g − fd| ≤ 1e−6 · max(|fd|, 1e−3·max|fd|) per coordinate, printing the worst. */
function expectGradient(analytic: ArrayLike<number>, numeric: ArrayLike<number>, label: string): void {
  let scale = 0;
  for (let c = 0; c < numeric.length; c++) scale = Math.max(scale, Math.abs(numeric[c]));
  for (let c = 0; c < numeric.length; c++) {
    const denominator = Math.max(Math.abs(numeric[c]), 1e-3 * scale);
    const relative = Math.abs(analytic[c] - numeric[c]) / denominator;
    expect(relative < 1e-6, `${label}[${c}]: analytic ${analytic[c]}, finite difference ${numeric[c]}, relative error ${relative} ≥ 1e-6`).toBe(true);
  }
}

describe('shrinkagePath: closed-form weights', () => {
  it('w_j = Σ̂_δ⁻¹ X_jθ / γ with Σ̂_δ = (1 − δ)S + δ(tr S/N)I, and the net return charges tc·‖Δw‖₁', () => {
    const deltas = [0, 0.3, 1];
    const path = shrinkagePath(problem, THETA, deltas, 4, 7, COSTS);
    for (let k = 0; k < 3; k++) {
      const tau = LOOKBACK - 1 + 4 + k;
      const window = universe.returns.subarray((tau - LOOKBACK + 1) * N, (tau + 1) * N);
      const mean = new Float64Array(N);
      for (let r = 0; r < LOOKBACK; r++) for (let i = 0; i < N; i++) mean[i] += window[r * N + i] / LOOKBACK;
      const sigma = new Float64Array(N * N);
      for (let r = 0; r < LOOKBACK; r++) {
        for (let i = 0; i < N; i++) for (let c = 0; c < N; c++) sigma[i * N + c] += ((window[r * N + i] - mean[i]) * (window[r * N + c] - mean[c])) / (LOOKBACK - 1);
      }
      let trace = 0;
      for (let i = 0; i < N; i++) trace += sigma[i * N + i];
      for (let q = 0; q < N * N; q++) sigma[q] *= 1 - deltas[k];
      for (let i = 0; i < N; i++) sigma[i * N + i] += (deltas[k] * trace) / N;
      const mu = new Float64Array(N);
      const features = problem.decisions[4 + k].features;
      for (let i = 0; i < N; i++) for (let c = 0; c < 6; c++) mu[i] += (features[i * 6 + c] * THETA[c]) / COSTS.gamma;
      expectClose(path.weights[k], luSolve(sigma, N, mu), 1e-9, 0, `weights at decision ${4 + k}, δ = ${deltas[k]}`);
    }
    let moved = 0;
    let gross = 0;
    for (let i = 0; i < N; i++) {
      moved += Math.abs(path.weights[1][i] - path.weights[0][i]);
      gross += path.weights[1][i] * universe.returns[(LOOKBACK + 4 + 1) * N + i];
    }
    expectClose([path.netReturns[0], path.netReturns[1]], [path.netReturns[0], gross - COSTS.tc * moved], 1e-12, 1e-15, 'net return');
    expect(path.turnover[0]).toBe(0);
  });

  it('carries the Ledoit–Wolf intensity of each window', () => {
    const tau = LOOKBACK - 1 + 5;
    const window = universe.returns.subarray((tau - LOOKBACK + 1) * N, (tau + 1) * N);
    expect(problem.decisions[5].ledoitWolfDelta).toBe(ledoitWolf(window, LOOKBACK, N).params.shrinkage);
  });
});

describe('gradients against central finite differences (relative error < 1e−6)', () => {
  it('annualised Sharpe with respect to the returns', () => {
    const r = Float64Array.from([0.01, -0.02, 0.03, 0.005, 0.015, -0.01, 0.02]);
    const numeric = Float64Array.from(r, (_, c) => central((x) => annualisedSharpe(x).sharpe, r, c, 1e-7));
    expectGradient(annualisedSharpeGradient(r), numeric, '∂J/∂r');
  });

  for (const [label, tc, logit] of [
    ['with costs, δ = sigmoid(−0.4)', 0.005, -0.4],
    ['with costs, δ = sigmoid(1.5)', 0.02, 1.5],
    ['without costs', 0, 0.2],
  ] as const) {
    it(`net Sharpe with respect to θ and a, ${label}`, () => {
      const costs = { gamma: 4, tc };
      const value = (theta: Float64Array, a: number): number => shrinkageObjective(problem, theta, a, 0, 10, costs).value;
      const analytic = shrinkageObjective(problem, THETA, logit, 0, 10, costs);
      const h = 1e-6 * Math.max(...THETA.map(Math.abs));
      const numericTheta = Float64Array.from(THETA, (_, c) => central((x) => value(x, logit), THETA, c, h));
      expectGradient(analytic.gradTheta, numericTheta, '∂J/∂θ');
      const numericLogit = central((x) => value(THETA, x[0]), Float64Array.of(logit), 0, 1e-6);
      expectGradient([analytic.gradLogit], [numericLogit], '∂J/∂a');
      const pathSharpe = annualisedSharpe(shrinkagePath(problem, THETA, new Float64Array(10).fill(sigmoid(logit)), 0, 10, costs).netReturns).sharpe;
      expectClose([analytic.value], [pathSharpe], 1e-13, 0, 'objective value vs path Sharpe (summation order differs)');
    });
  }
});

describe('least-squares head and input checks', () => {
  it('θ_LS satisfies the normal equations of the pooled training regression', () => {
    const theta = leastSquaresHead(problem);
    const normal = new Float64Array(6);
    for (let j = 0; j < problem.nTrain; j++) {
      const { features, nextReturns } = problem.decisions[j];
      for (let i = 0; i < N; i++) {
        let residual = nextReturns[i];
        for (let c = 0; c < 6; c++) residual -= features[i * 6 + c] * theta[c];
        for (let c = 0; c < 6; c++) normal[c] += features[i * 6 + c] * residual;
      }
    }
    expectClose(normal, new Float64Array(6), 0, 1e-15, 'Xᵀ(R − Xθ)');
  });

  it('rejects a lookback that leaves S singular, and bad windows', () => {
    expect(() => buildShrinkageProblem(universe, N, 10)).toThrow('lookback = 6: the plug-in needs a non-singular sample covariance, so lookback ≥ nAssets + 1 = 7');
    expect(() => buildShrinkageProblem(universe, LOOKBACK, 19)).toThrow(/nTrain = 19: need an integer in \[2, 18\]/);
    expect(() => shrinkageObjective(problem, [1, 2], 0, 0, 10, COSTS)).toThrow('theta has length 2, expected 6');
    expect(() => shrinkageObjective(problem, THETA, NaN, 0, 10, COSTS)).toThrow('logit is NaN: must be finite');
  });
});
