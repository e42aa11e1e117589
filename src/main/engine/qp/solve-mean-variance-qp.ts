/**
 * Entry point of the mean–variance QP solver: validation, the exact infeasibility pre-check, cost
 * scaling, ADMM (./admm) and polishing (./polish). See {@link solveMeanVarianceQp}.
 */

import { riskDiagonal } from '../risk/risk-ops';
import { runAdmm } from './admm';
import type { ScaledProblem } from './admm';
import { applyA, buildConstraintRows } from './constraint-rows';
import type { ConstraintRows } from './constraint-rows';
import { precheckInfeasibility } from './infeasibility';
import { kktResiduals, meanVarianceObjective } from './kkt-residuals';
import { normaliseProblem } from './normalise-problem';
import type { NormalisedProblem } from './normalise-problem';
import { createPolishWorkspace, EARLY_POLISH_ROUNDS, MAX_POLISH_ROUNDS, polishSolution } from './polish';
import type { PolishResult } from './polish';
import { DEFAULT_QP_SETTINGS } from './qp-types';
import type { MeanVarianceProblem, QpSettings, QpSolution, QpWarmStart } from './qp-types';

/** OSQP's bounds on data scaling factors. */
const MIN_SCALING = 1e-4;
const MAX_SCALING = 1e4;

function resolveSettings(partial: Partial<QpSettings> | undefined): QpSettings {
  const settings: QpSettings = { ...DEFAULT_QP_SETTINGS, ...(partial ?? {}) };
  const positive = ['rho', 'sigma', 'adaptiveRhoInterval', 'maxIter', 'checkTermination', 'adaptiveRhoTolerance'] as const;
  for (const key of positive) {
    if (!(Number.isFinite(settings[key]) && settings[key] > 0)) throw new Error(`settings.${key} = ${settings[key]}: must be finite and > 0`);
  }
  const nonNegative = ['epsAbs', 'epsRel', 'epsPrimInf', 'epsDualInf', 'polishRefineIter', 'timeLimitMs'] as const;
  for (const key of nonNegative) {
    if (!(Number.isFinite(settings[key]) && settings[key] >= 0)) throw new Error(`settings.${key} = ${settings[key]}: must be finite and ≥ 0`);
  }
  if (!(settings.alpha > 0 && settings.alpha < 2)) throw new Error(`settings.alpha = ${settings.alpha}: must lie in (0, 2)`);
  return settings;
}

/**
 * Whether a polished point is accurate enough to stop on: its residuals are a thousandth of the
 * ADMM termination tolerances (OSQP §3.4 form, ε_abs + ε_rel·scale), i.e. ~1e-9 with the defaults.
 */
function verified(problem: NormalisedProblem, rows: ConstraintRows, result: PolishResult, settings: QpSettings): boolean {
  const ax = applyA(rows, result.w, new Float64Array(rows.m));
  let primalScale = 0;
  for (let j = 0; j < ax.length; j++) primalScale = Math.max(primalScale, Math.abs(ax[j]));
  let dualScale = problem.kappa;
  for (let i = 0; i < problem.n; i++) dualScale = Math.max(dualScale, Math.abs(problem.mu[i]));
  const { primal, stationarity, complementarity } = result.residuals;
  const factor = 1e-3;
  return (
    primal <= factor * (settings.epsAbs + settings.epsRel * primalScale) &&
    Math.max(stationarity, complementarity) <= factor * (settings.epsAbs + settings.epsRel * dualScale)
  );
}

function costScaleFor(mu: Float64Array, gamma: number, diagonal: Float64Array, kappa: number): number {
  let size = kappa;
  for (let i = 0; i < mu.length; i++) size = Math.max(size, Math.abs(mu[i]), 2 * gamma * diagonal[i]);
  if (!(size > 0)) return 1;
  return Math.min(MAX_SCALING, Math.max(MIN_SCALING, 1 / size));
}

/**
 * Solves min_w −μᵀw + γ·wᵀΣw + κ‖w − w_prev‖₁ s.t. Σw = budget, lower ≤ w ≤ upper, group limits.
 *
 * Method: OSQP's ADMM (Stellato et al. 2020) with per-row ρ, over-relaxation, ρ adaptation and
 * infeasibility certificates; the x-update solves diag + rank-(r + 1 + #groups) systems by Woodbury
 * (factor models) or Cholesky (dense); the turnover term is exact via the z-update prox; polishing
 * then solves the KKT system of the detected active set (target residuals ~1e-12).
 *
 * Outcomes are statuses, never throws: infeasible problems get `status: 'primal-infeasible'` and
 * `infeasibility.set` naming the conflicting constraint sets; unbounded ones `dual-infeasible`; for
 * both, `w`, `y` and `objective` are NaN (as OSQP). Shapes: `w` length n, `y` length m (see
 * {@link QpSolution}).
 *
 * @param warmStart - a previous solution's `w`, `y` and `info.rho` (same n, budget presence and groups).
 * @throws on malformed input: NaN, wrong lengths, γ < 0, κ < 0, lower > upper, bad groups or settings,
 *   or a dense Σ that is not positive semidefinite.
 */
export function solveMeanVarianceQp(
  problem: MeanVarianceProblem,
  settings?: Partial<QpSettings>,
  warmStart?: QpWarmStart,
): QpSolution {
  const start = performance.now();
  const options = resolveSettings(settings);
  const normalised = normaliseProblem(problem);
  const rows = buildConstraintRows(normalised);
  const { n, m } = rows;

  const failed = (status: QpSolution['status'], setupMs: number, extra: Partial<QpSolution>, iterations = 0): QpSolution => ({
    status,
    w: new Float64Array(n).fill(Number.NaN),
    objective: Number.NaN,
    y: new Float64Array(m).fill(Number.NaN),
    info: {
      iterations,
      primalResidual: Number.NaN,
      dualResidual: Number.NaN,
      rho: options.rho,
      rhoUpdates: 0,
      polished: false,
      setupMs,
      solveMs: performance.now() - start - setupMs,
    },
    ...extra,
  });

  const pre = precheckInfeasibility(normalised);
  if (pre !== null) return failed('primal-infeasible', performance.now() - start, { infeasibility: pre });

  const costScale = costScaleFor(normalised.mu, normalised.gamma, riskDiagonal(normalised.risk), normalised.kappa);
  const scaled: ScaledProblem = {
    problem: normalised,
    rows,
    costScale,
    hessianScale: 2 * normalised.gamma * costScale,
    q: normalised.mu.map((value) => -costScale * value),
    kappa: costScale * normalised.kappa,
  };

  const x0 = new Float64Array(n);
  const y0 = new Float64Array(m);
  let rho0 = options.rho;
  if (warmStart !== undefined && options.warmStart) {
    if (warmStart.w.length !== n) throw new Error(`warmStart.w has length ${warmStart.w.length}, expected n = ${n}`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(warmStart.w[i])) throw new Error(`warmStart.w[${i}] is ${warmStart.w[i]}: must be finite`);
      x0[i] = warmStart.w[i];
    }
    if (warmStart.y !== undefined) {
      if (warmStart.y.length !== m) throw new Error(`warmStart.y has length ${warmStart.y.length}, expected m = ${m} (budget, assets, groups)`);
      for (let j = 0; j < m; j++) {
        if (!Number.isFinite(warmStart.y[j])) throw new Error(`warmStart.y[${j}] is ${warmStart.y[j]}: must be finite`);
        y0[j] = costScale * warmStart.y[j];
      }
    }
    if (warmStart.rho !== undefined) {
      if (!(Number.isFinite(warmStart.rho) && warmStart.rho > 0)) throw new Error(`warmStart.rho = ${warmStart.rho}: must be finite and > 0`);
      rho0 = warmStart.rho;
    }
  }

  const setupMs = performance.now() - start;
  const deadline = options.timeLimitMs > 0 ? performance.now() + options.timeLimitMs : Infinity;
  const refineIter = Math.floor(options.polishRefineIter);
  let polish: PolishResult | null = null;
  const polishWorkspace = options.polish ? createPolishWorkspace(normalised) : null;
  const earlyPolish = (z: Float64Array): boolean => {
    if (polishWorkspace === null) return false;
    const candidate = polishSolution(normalised, rows, polishWorkspace, z, null, refineIter, EARLY_POLISH_ROUNDS);
    if (candidate === null || !verified(normalised, rows, candidate, options)) return false;
    polish = candidate;
    return true;
  };
  const warm = warmStart !== undefined && options.warmStart;
  const admm = runAdmm(scaled, options, rho0, x0, y0, deadline, options.polish ? earlyPolish : null, warm);
  if (admm.status === 'primal-infeasible' || admm.status === 'dual-infeasible') {
    return failed(admm.status, setupMs, admm.infeasibility ? { infeasibility: admm.infeasibility } : {}, admm.iterations);
  }

  const y = admm.y.map((value) => value / costScale);
  if (polishWorkspace !== null && !admm.polished) {
    polish = polishSolution(normalised, rows, polishWorkspace, admm.z, kktResiduals(normalised, rows, admm.x, y), refineIter, MAX_POLISH_ROUNDS);
  }
  // Unpolished: ADMM's x satisfies the budget and groups to ε but may sit ε outside a bound; the
  // returned weights are clipped to the bounds so callers can rely on lower ≤ w ≤ upper.
  let w: Float64Array = admm.x.map((value, i) => Math.min(normalised.upper[i], Math.max(normalised.lower[i], value)));
  let status = admm.status;
  let primalResidual = admm.primalResidual;
  let dualResidual = admm.dualResidual;
  let duals: Float64Array = y;
  const accepted = polish as PolishResult | null;
  if (accepted !== null) {
    w = accepted.w;
    duals = accepted.y;
    primalResidual = accepted.residuals.primal;
    dualResidual = Math.max(accepted.residuals.stationarity, accepted.residuals.complementarity);
    if (verified(normalised, rows, accepted, options)) status = 'solved';
  }

  return {
    status,
    w,
    objective: meanVarianceObjective(normalised, w),
    y: duals,
    info: {
      iterations: admm.iterations,
      primalResidual,
      dualResidual,
      rho: admm.rho,
      rhoUpdates: admm.rhoUpdates,
      polished: accepted !== null,
      setupMs,
      solveMs: performance.now() - start - setupMs,
    },
    ...(accepted !== null ? { activeSet: accepted.activeSet } : {}),
  };
}
