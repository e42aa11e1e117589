/**
 * Long-only equal-risk-contribution (ERC) and, with budgets, risk-budgeting portfolios: weights whose
 * risk contributions RC_i = w_i·(Σw)_i are proportional to budgets b_i (equal by default).
 *
 * Method: the convex log-barrier formulation (Maillard, Roncalli, Teïletche, "The properties of equally
 * weighted risk contribution portfolios", J. Portfolio Management 36(4), 2010; Griveau-Billion, Richard,
 * Roncalli, "A fast algorithm for computing high-dimensional risk parity portfolios", arXiv 1311.4057,
 * 2013, eq. 6):  min_{y > 0} ½·yᵀΣy − Σ_i b_i·log y_i,  whose stationarity y_i·(Σy)_i = b_i is the risk
 * budgeting condition, so w = y/Σy. The objective is strictly convex on y > 0 even for a singular Σ,
 * so the solution is unique. It is solved by damped Newton: the Hessian Σ + diag(b/y²) is
 * diagonal-plus-low-rank for a factor model, so each step costs O(n·r²) via Woodbury (never n × n),
 * and O(n³) via Cholesky for a dense model. Convergence is quadratic, so a few tens of iterations
 * reach a relative risk-contribution spread near machine precision.
 */

import { cholesky, choleskySolve } from '../linalg/cholesky';
import { woodburyFactor } from '../linalg/woodbury';
import { riskDiagonal, riskMatvec, riskQuadForm } from '../risk/risk-ops';
import type { RiskModel } from '../risk/risk-model';
import { assertFiniteVector, assertPositiveVariances, assertRiskModel, sum } from './types';
import type { AllocationResult } from './types';

export interface EqualRiskContributionOptions {
  /** Risk budgets b, length n, each > 0 (normalised to sum 1); default equal, 1/n. */
  budgets?: Float64Array;
  /** Target relative spread (max − min)/mean of RC_i/b_i; default 1e-12. */
  tolerance?: number;
  /** Newton iteration cap; default 100. Reaching it returns status `max-iterations`. */
  maxIterations?: number;
}

/** Armijo sufficient-decrease constant and backtracking factor of the line search. */
const ARMIJO = 1e-4;
const BACKTRACK = 0.5;
/** Fraction of the distance to the boundary y = 0 a step may cover. */
const BOUNDARY_FRACTION = 0.99;

/** (max − min)/mean of RC_i/b_i for RC_i = y_i·(Σy)_i; invariant to the scale of y. */
function relativeSpread(y: Float64Array, sigmaY: Float64Array, budgets: Float64Array): number {
  let low = Infinity;
  let high = -Infinity;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const ratio = (y[i] * sigmaY[i]) / budgets[i];
    low = Math.min(low, ratio);
    high = Math.max(high, ratio);
    total += ratio;
  }
  return (high - low) / (total / y.length);
}

function barrierObjective(y: Float64Array, sigmaY: Float64Array, budgets: Float64Array): number {
  let value = 0;
  for (let i = 0; i < y.length; i++) value += 0.5 * y[i] * sigmaY[i] - budgets[i] * Math.log(y[i]);
  return value;
}

/** Newton direction −(Σ + diag(b/y²))⁻¹·g. */
function newtonDirection(risk: RiskModel, y: Float64Array, budgets: Float64Array, gradient: Float64Array): Float64Array {
  const n = risk.n;
  const negativeGradient = gradient.map((g) => -g);
  if (risk.kind === 'factor') {
    const diagonal = new Float64Array(n);
    for (let i = 0; i < n; i++) diagonal[i] = risk.d[i] + budgets[i] / (y[i] * y[i]);
    const factored = woodburyFactor(diagonal, risk.u, risk.s);
    if (factored.status !== 'ok') throw new Error(`equalRiskContribution: Newton system not solvable: ${factored.message}`);
    return factored.solve(negativeGradient);
  }
  const hessian = Float64Array.from(risk.sigma);
  for (let i = 0; i < n; i++) hessian[i * n + i] += budgets[i] / (y[i] * y[i]);
  const factored = cholesky(hessian, n);
  if (factored.status !== 'ok') {
    throw new Error(`equalRiskContribution: Newton system not positive definite at pivot ${factored.pivot}`);
  }
  return choleskySolve(factored.factor, n, negativeGradient);
}

/**
 * A dense Σ must be PSD for the barrier problem to be convex (an indefinite "covariance" can satisfy
 * the RC equations at a meaningless point). Tested by Cholesky of Σ + δI with δ = 10·n·ε·max Σ_ii,
 * a shift that covers the rounding of a PSD (even singular) matrix's factorisation. Factor models are
 * PSD by construction (d, s ≥ 0).
 */
function assertPositiveSemidefinite(risk: RiskModel, variances: Float64Array): void {
  if (risk.kind !== 'dense') return;
  const n = risk.n;
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, variances[i]);
  const shift = 10 * n * Number.EPSILON * largest;
  const shifted = Float64Array.from(risk.sigma);
  for (let i = 0; i < n; i++) shifted[i * n + i] += shift;
  const factored = cholesky(shifted, n);
  if (factored.status !== 'ok') {
    throw new Error(`equalRiskContribution: risk.sigma is not positive semidefinite (Cholesky of Σ + ${shift.toExponential(1)}·I fails at pivot ${factored.pivot})`);
  }
}

function normalisedBudgets(budgets: Float64Array | undefined, n: number): Float64Array {
  if (budgets === undefined) return new Float64Array(n).fill(1 / n);
  assertFiniteVector(budgets, n, 'options.budgets');
  for (let i = 0; i < n; i++) {
    if (!(budgets[i] > 0)) throw new Error(`options.budgets[${i}] = ${budgets[i]} must be > 0`);
  }
  const total = sum(budgets);
  return budgets.map((b) => b / total);
}

/**
 * Long-only ERC (or risk-budgeting) weights, Σ w = 1, all w_i > 0.
 *
 * @returns status `ok` once the relative spread of RC_i/b_i is ≤ `tolerance`, else `max-iterations`
 *   with the last iterate. `details`: `iterations`, `spread`, `variance` (wᵀΣw), `riskContributions`
 *   (w_i·(Σw)_i, summing to the variance).
 * @throws on invalid input, an asset with zero variance (its weight would be unbounded) or a dense
 *   Σ that is not positive semidefinite.
 */
export function equalRiskContribution(risk: RiskModel, options: EqualRiskContributionOptions = {}): AllocationResult {
  assertRiskModel(risk);
  const n = risk.n;
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 100;
  if (!(tolerance > 0) || !Number.isFinite(tolerance)) throw new Error(`options.tolerance must be finite and > 0, got ${tolerance}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new Error(`options.maxIterations must be a non-negative integer, got ${maxIterations}`);
  }
  const budgets = normalisedBudgets(options.budgets, n);
  const variances = riskDiagonal(risk);
  assertPositiveVariances(variances, 'risk');
  assertPositiveSemidefinite(risk, variances);

  // Start from y ∝ √b/σ scaled onto yᵀΣy = Σb = 1, which every stationary point satisfies (multiply
  // y_i(Σy)_i = b_i by 1 and sum); exact when Σ is diagonal.
  let y = variances.map((v, i) => Math.sqrt(budgets[i] / v));
  const startScale = Math.sqrt(riskQuadForm(risk, y));
  y = y.map((value) => value / startScale);
  let sigmaY = riskMatvec(risk, y);
  let objective = barrierObjective(y, sigmaY, budgets);
  let spread = relativeSpread(y, sigmaY, budgets);
  let iterations = 0;
  while (spread > tolerance && iterations < maxIterations) {
    iterations++;
    const gradient = sigmaY.map((value, i) => value - budgets[i] / y[i]);
    const direction = newtonDirection(risk, y, budgets, gradient);
    let slope = 0;
    for (let i = 0; i < n; i++) slope += gradient[i] * direction[i];
    let step = 1;
    for (let i = 0; i < n; i++) {
      if (direction[i] < 0) step = Math.min(step, (-BOUNDARY_FRACTION * y[i]) / direction[i]);
    }
    // Once the Newton decrement −gᵀΔ is tiny the full step is in the quadratic-convergence region,
    // and comparing objectives there would only measure rounding noise.
    const trustFullStep = -slope < 1e-10 && step === 1;
    for (;;) {
      const candidate = y.map((value, i) => value + step * direction[i]);
      const candidateSigmaY = riskMatvec(risk, candidate);
      const candidateObjective = barrierObjective(candidate, candidateSigmaY, budgets);
      if (trustFullStep || candidateObjective <= objective + ARMIJO * step * slope || step < 1e-12) {
        y = candidate;
        sigmaY = candidateSigmaY;
        objective = candidateObjective;
        break;
      }
      step *= BACKTRACK;
    }
    spread = relativeSpread(y, sigmaY, budgets);
  }

  const total = sum(y);
  const weights = y.map((value) => value / total);
  const sigmaW = riskMatvec(risk, weights);
  const riskContributions = weights.map((w, i) => w * sigmaW[i]);
  return {
    weights,
    status: spread <= tolerance ? 'ok' : 'max-iterations',
    details: { iterations, spread, variance: sum(riskContributions), riskContributions },
  };
}
