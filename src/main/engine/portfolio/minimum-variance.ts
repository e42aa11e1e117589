/**
 * Global minimum-variance (GMV) portfolio: min_w wᵀΣw s.t. 1ᵀw = 1 (Merton, "An analytic derivation
 * of the efficient portfolio frontier", JFQA 7(4), 1972), optionally long-only and/or capped.
 *
 * Long-short without caps is the closed form w = Σ⁻¹1 / (1ᵀΣ⁻¹1), whose variance is 1/(1ᵀΣ⁻¹1). The
 * solve goes through `riskSolver`: Woodbury for a factor model (O(n·r²), never n × n), Cholesky for a
 * dense one. With bounds it is the mean–variance QP with μ = 0 (the solver scales its cost, so γ = 1).
 */

import { solveMeanVarianceQp } from '../qp/solve-mean-variance-qp';
import type { QpSettings, QpWarmStart } from '../qp/qp-types';
import { riskQuadForm, riskSolver } from '../risk/risk-ops';
import type { RiskModel } from '../risk/risk-model';
import { assertRiskModel } from './types';
import type { AllocationResult } from './types';

export interface MinimumVarianceOptions {
  /** w ≥ 0; default false (the closed form). */
  longOnly?: boolean;
  /** Per-asset caps w_i ≤ upper_i (array, length n) or one cap for all; forces the QP route. */
  upper?: Float64Array | number;
  /** QP settings (bounded route only). */
  settings?: Partial<QpSettings>;
  /** QP warm start (bounded route only), e.g. the previous rebalance's solution. */
  warmStart?: QpWarmStart;
}

function closedForm(risk: RiskModel): AllocationResult {
  const solver = riskSolver(risk);
  if (solver.status !== 'ok') {
    throw new Error(`minimumVariance: the long-short closed form needs Σ positive definite, but ${solver.message}; use a shrinkage estimator or longOnly`);
  }
  const x = solver.solve(new Float64Array(risk.n).fill(1));
  let total = 0;
  for (let i = 0; i < risk.n; i++) total += x[i];
  if (!(total > 0) || !Number.isFinite(total)) {
    throw new Error(`minimumVariance: 1ᵀΣ⁻¹1 = ${total} is not positive: Σ is numerically indefinite`);
  }
  const weights = x.map((value) => value / total);
  return { weights, status: 'ok', details: { method: 'closed-form', solver: solver.method, variance: 1 / total } };
}

/**
 * GMV weights (Σ w = 1).
 *
 * @returns closed form: status `ok`, `details.variance` = 1/(1ᵀΣ⁻¹1). Bounded: the QP's status,
 *   `details.variance` = wᵀΣw, `details.qp` = the solver's info (weights are NaN when infeasible).
 * @throws on invalid input, or (closed form) when Σ is singular — GMV is then not unique.
 */
export function minimumVariance(risk: RiskModel, options: MinimumVarianceOptions = {}): AllocationResult {
  assertRiskModel(risk);
  const longOnly = options.longOnly ?? false;
  if (typeof longOnly !== 'boolean') throw new Error(`options.longOnly must be a boolean, got ${String(longOnly)}`);
  const { upper } = options;
  if (!longOnly && upper === undefined) return closedForm(risk);
  const solution = solveMeanVarianceQp(
    { mu: new Float64Array(risk.n), gamma: 1, risk, budget: 1, lower: longOnly ? 0 : null, upper: upper ?? null },
    options.settings,
    options.warmStart,
  );
  const solved = solution.status === 'solved' || solution.status === 'solved-inaccurate';
  return {
    weights: solution.w,
    status: solution.status,
    details: {
      method: 'qp',
      variance: solved ? riskQuadForm(risk, solution.w) : Number.NaN,
      qp: solution.info,
      y: solution.y,
      ...(solution.infeasibility ? { infeasibility: solution.infeasibility } : {}),
    },
  };
}
