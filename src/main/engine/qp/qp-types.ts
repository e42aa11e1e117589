/**
 * Public records of the mean–variance QP solver, shaped like OSQP's (Stellato, Banjac, Goulart,
 * Bemporad, Boyd, "OSQP: an operator splitting solver for quadratic programs", Math. Prog. Comp.
 * 2020): plain settings, info, solution and a status enum. Solver outcomes are statuses, never throws.
 */

import type { RiskModel } from '../risk/risk-model';

/** A linear group constraint min ≤ Σ_{i∈members} w_i ≤ max (min = max makes it an equality). */
export interface QpGroup {
  /** Asset indices (0-based, distinct). */
  members: number[];
  min: number;
  max: number;
}

/**
 * min_w −μᵀw + γ·wᵀΣw + κ‖w − w_prev‖₁
 * s.t. Σ_i w_i = budget (optional), lower ≤ w ≤ upper, min_g ≤ Σ_{i∈G} w_i ≤ max_g.
 *
 * Units: μ and Σ in the same period (e.g. annualised), κ in return units per unit of turnover.
 */
export interface MeanVarianceProblem {
  /** Expected returns, length n. */
  mu: Float64Array;
  /** Risk aversion γ ≥ 0 (γ = 0 is a linear programme, possibly unbounded). */
  gamma: number;
  /** Σ, n × n, as a factor or dense {@link RiskModel}. */
  risk: RiskModel;
  /** Σ w_i = budget; default 1; `null` drops the budget row. */
  budget?: number | null;
  /** Per-asset lower bounds (array, length n) or one for all; default 0; `null` = −∞. Entries may be −Infinity. */
  lower?: Float64Array | number | null;
  /** Per-asset upper bounds or one for all; default +∞ (also for `null`). Entries may be +Infinity. */
  upper?: Float64Array | number | null;
  /** Current weights w_prev for the turnover term, length n; default zeros. */
  prev?: Float64Array;
  /** Turnover penalty κ ≥ 0; default 0. */
  kappa?: number;
  groups?: QpGroup[];
}

/** ADMM and polishing settings; defaults in {@link DEFAULT_QP_SETTINGS}. */
export interface QpSettings {
  /** Initial ADMM step ρ > 0 (per-row: ×1e3 on equality rows, as OSQP). */
  rho: number;
  /** Proximal regularisation σ > 0 of the x-update. */
  sigma: number;
  /** Over-relaxation α ∈ (0, 2). */
  alpha: number;
  adaptiveRho: boolean;
  /** Iterations between ρ-adaptation checks. */
  adaptiveRhoInterval: number;
  /** ρ is refactored only when the suggested value differs by more than this factor. */
  adaptiveRhoTolerance: number;
  maxIter: number;
  epsAbs: number;
  epsRel: number;
  epsPrimInf: number;
  epsDualInf: number;
  polish: boolean;
  /** Iterative-refinement steps of each polish solve. */
  polishRefineIter: number;
  /** Iterations between termination checks. */
  checkTermination: number;
  /** Wall-clock budget for the ADMM loop in ms (0 = none). */
  timeLimitMs: number;
  /** Use the warm start when one is passed. */
  warmStart: boolean;
}

export const DEFAULT_QP_SETTINGS: Readonly<QpSettings> = Object.freeze({
  rho: 0.1,
  sigma: 1e-6,
  alpha: 1.6,
  adaptiveRho: true,
  adaptiveRhoInterval: 25,
  adaptiveRhoTolerance: 5,
  maxIter: 10_000,
  epsAbs: 1e-6,
  epsRel: 1e-6,
  epsPrimInf: 1e-7,
  epsDualInf: 1e-7,
  polish: true,
  polishRefineIter: 5,
  checkTermination: 10,
  timeLimitMs: 0,
  warmStart: true,
});

export type QpStatus =
  | 'solved'
  | 'solved-inaccurate'
  | 'primal-infeasible'
  | 'dual-infeasible'
  | 'max-iterations'
  | 'time-limit';

/** Which constraint sets together admit no point. */
export type QpInfeasibleSet =
  | 'budget'
  | 'bounds'
  | 'groups'
  | 'budget+bounds'
  | 'budget+groups'
  | 'bounds+groups'
  | 'budget+bounds+groups';

/**
 * State of one asset at the solution, as used by polishing and by `qpBackward`:
 * `lower`/`upper` (at a finite bound), `kink` (w_i = prev_i, inside the L1 subdifferential),
 * `free-up`/`free-down` (strictly between bounds with w_i > prev_i / w_i < prev_i, or any free
 * coordinate when κ = 0 — then `free-up`).
 */
export type QpAssetState = 'lower' | 'upper' | 'kink' | 'free-up' | 'free-down';

/** Which inequalities hold with equality; equality groups (min = max) are always `min`. */
export interface QpActiveSet {
  assets: QpAssetState[];
  /** Per group: `min`, `max` or `inactive`. */
  groups: ('min' | 'max' | 'inactive')[];
}

/** Warm start from a previous solution of a problem with the same n, budget presence and groups. */
export interface QpWarmStart {
  w: Float64Array;
  /** Duals in the layout of {@link QpSolution.y}. */
  y?: Float64Array;
  /** ADMM step to start from (e.g. the previous `info.rho`). */
  rho?: number;
}

export interface QpInfo {
  iterations: number;
  /** ‖A·w − z‖∞ of the returned point (after polishing when polished). */
  primalResidual: number;
  /** ‖P·w + q + Aᵀ·y‖∞ of the returned point (objective units, unscaled). */
  dualResidual: number;
  /** Final ρ (of the inequality rows). */
  rho: number;
  rhoUpdates: number;
  polished: boolean;
  setupMs: number;
  solveMs: number;
}

/**
 * Solution record.
 *
 * Dual layout `y` (OSQP convention: y_i > 0 pushes against an upper limit, y_i < 0 against a lower):
 * `[budget (only when the budget row exists) | n asset rows | one per group]`. An asset row's dual
 * is an element of ∂(κ|w_i − prev_i| + 𝟙[lᵢ,uᵢ])(w_i), so it contains the turnover subgradient
 * (κ·sign(w_i − prev_i) on free coordinates). Stationarity reads 2γΣw − μ + Aᵀy = 0.
 */
export interface QpSolution {
  status: QpStatus;
  /** Weights, length n: the polished point, or (not polished) the ADMM iterate x clipped to the bounds. */
  w: Float64Array;
  /** −μᵀw + γ·wᵀΣw + κ‖w − prev‖₁ at `w`. */
  objective: number;
  y: Float64Array;
  info: QpInfo;
  /** The active set found by polishing (absent when polishing did not run or failed). */
  activeSet?: QpActiveSet;
  infeasibility?: { set: QpInfeasibleSet; message: string };
}

/** Vector–Jacobian products of `qpBackward`: dL/d(input) given dL/dw. */
export interface QpGradients {
  mu: Float64Array;
  prev: Float64Array;
  gamma: number;
  /** Factor models: dL/dU, n × r row-major. */
  factors?: Float64Array;
  /** Factor models: dL/ds, length r. */
  factorVariances?: Float64Array;
  /** Factor models: dL/dd, length n. */
  idio?: Float64Array;
  /** Dense models: dL/dΣ, n × n, symmetric (the gradient with respect to a symmetric Σ). */
  covariance?: Float64Array;
}
