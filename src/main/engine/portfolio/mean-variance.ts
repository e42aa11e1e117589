/**
 * Mean–variance portfolio (Markowitz, "Portfolio selection", J. Finance 7(1), 1952) with the
 * constraints of METHODS.md §1: min_w −μᵀw + γ·wᵀΣw + κ‖w − w_prev‖₁ s.t. 1ᵀw = budget,
 * lower ≤ w ≤ upper, group limits — solved by the project's QP (src/main/engine/qp), which works on
 * the RiskModel's structure (O(n·r) per iteration for a factor model).
 *
 * Convention: γ multiplies wᵀΣw with no ½, so the unconstrained optimum is w = Σ⁻¹μ/(2γ).
 */

import { solveMeanVarianceQp } from '../qp/solve-mean-variance-qp';
import type { QpGroup, QpSettings, QpWarmStart } from '../qp/qp-types';
import { riskQuadForm } from '../risk/risk-ops';
import type { RiskModel } from '../risk/risk-model';
import { assertFiniteVector, assertRiskModel } from './types';
import type { AllocationResult } from './types';

export interface MeanVarianceOptions {
  /** Risk aversion γ ≥ 0 (units: 1 / return units of μ). */
  gamma: number;
  /** Σ w = budget; default 1; `null` drops the budget constraint. */
  budget?: number | null;
  /** Lower bounds (array, length n, or one for all); default 0 (long-only); `null` = unbounded. */
  lower?: Float64Array | number | null;
  /** Upper bounds (array or one for all); default none. */
  upper?: Float64Array | number | null;
  /** Current weights for the turnover term, length n; default zeros. */
  prev?: Float64Array;
  /** Turnover penalty κ ≥ 0 per unit of ‖w − w_prev‖₁; default 0. */
  kappa?: number;
  groups?: QpGroup[];
  settings?: Partial<QpSettings>;
  warmStart?: QpWarmStart;
}

/**
 * Mean–variance weights.
 *
 * @param mu - expected returns, length n, same period as Σ.
 * @returns the QP's status and w (NaN when infeasible or unbounded); `details`: `objective`,
 *   `expectedReturn` (μᵀw), `variance` (wᵀΣw), `qp` (solver info), `y` (duals), `infeasibility`.
 * @throws on invalid input (NaN, wrong lengths, γ < 0, …); solver outcomes are statuses.
 */
export function meanVariance(mu: Float64Array, risk: RiskModel, options: MeanVarianceOptions): AllocationResult {
  assertRiskModel(risk);
  assertFiniteVector(mu, risk.n, 'mu');
  if (options === undefined || options === null) throw new Error('options.gamma is required');
  const { gamma } = options;
  if (typeof gamma !== 'number' || !Number.isFinite(gamma) || gamma < 0) {
    throw new Error(`options.gamma must be a finite number ≥ 0, got ${String(gamma)}`);
  }
  const solution = solveMeanVarianceQp(
    {
      mu,
      gamma,
      risk,
      budget: options.budget === undefined ? 1 : options.budget,
      lower: options.lower === undefined ? 0 : options.lower,
      upper: options.upper ?? null,
      ...(options.prev ? { prev: options.prev } : {}),
      kappa: options.kappa ?? 0,
      ...(options.groups ? { groups: options.groups } : {}),
    },
    options.settings,
    options.warmStart,
  );
  const solved = solution.status === 'solved' || solution.status === 'solved-inaccurate';
  let expectedReturn = Number.NaN;
  if (solved) {
    expectedReturn = 0;
    for (let i = 0; i < risk.n; i++) expectedReturn += mu[i] * solution.w[i];
  }
  return {
    weights: solution.w,
    status: solution.status,
    details: {
      objective: solution.objective,
      expectedReturn,
      variance: solved ? riskQuadForm(risk, solution.w) : Number.NaN,
      qp: solution.info,
      y: solution.y,
      ...(solution.infeasibility ? { infeasibility: solution.infeasibility } : {}),
    },
  };
}
