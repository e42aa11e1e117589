/**
 * OSQP's ADMM (Stellato, Banjac, Goulart, Bemporad, Boyd 2020, Algorithm 1) for
 *   min ½xᵀP̄x + q̄ᵀx + Σ_j g_j((Ax)_j),   g_j = 𝟙[l_j,u_j] (+ κ̄|· − prev| on asset rows),
 * with P̄ = c·2γΣ, q̄ = −c·μ, κ̄ = c·κ and a cost scale c. One iteration is the named steps
 * updateX → updateZ → updateY; every `checkTermination` iterations come the residuals, the
 * infeasibility certificates and, every `adaptiveRhoInterval`, ρ adaptation (eq. 34 of the paper).
 * The turnover term lives in the z-update's separable prox, so y_j ∈ ∂g_j(z_j) holds exactly after
 * every iteration (the property polishing relies on).
 */

import { riskMatvec } from '../risk/risk-ops';
import { applyA, applyAT, proxRows, RHO_MAX, RHO_MIN, rowRho } from './constraint-rows';
import type { ConstraintRows } from './constraint-rows';
import { dualInfeasibilityCertificate, primalInfeasibilityCertificate } from './infeasibility';
import type { InfeasibilityReport } from './infeasibility';
import type { NormalisedProblem } from './normalise-problem';
import type { QpSettings, QpStatus } from './qp-types';
import { factorXUpdateSystem } from './x-update-system';
import type { XUpdateSystem } from './x-update-system';

/** The scaled problem ADMM iterates on. */
export interface ScaledProblem {
  problem: NormalisedProblem;
  rows: ConstraintRows;
  /** Cost scale c (objective multiplied by c; duals come out multiplied by c). */
  costScale: number;
  /** h = c·2γ, so P̄ = h·Σ. */
  hessianScale: number;
  /** q̄ = −c·μ. */
  q: Float64Array;
  /** κ̄ = c·κ. */
  kappa: number;
}

export interface AdmmResult {
  status: QpStatus;
  x: Float64Array;
  z: Float64Array;
  /** Duals of the scaled problem (divide by c for the original's). */
  y: Float64Array;
  iterations: number;
  /** Whether `earlyPolish` succeeded (the caller holds the polished point). */
  polished: boolean;
  rho: number;
  rhoUpdates: number;
  primalResidual: number;
  /** Unscaled ‖Px + q + Aᵀy‖∞. */
  dualResidual: number;
  infeasibility?: InfeasibilityReport;
}

interface Workspace {
  sp: ScaledProblem;
  settings: QpSettings;
  rho: number;
  rhoRows: Float64Array;
  system: XUpdateSystem;
  x: Float64Array;
  z: Float64Array;
  y: Float64Array;
  xTilde: Float64Array;
  zTilde: Float64Array;
  zPrev: Float64Array;
  xPrev: Float64Array;
  yPrev: Float64Array;
  rhsN: Float64Array;
  rhsM: Float64Array;
  ax: Float64Array;
  px: Float64Array;
  aty: Float64Array;
}

/** Scaled residuals and the norms their tolerances are relative to (OSQP §3.4). */
interface Residuals {
  primal: number;
  dual: number;
  primalScale: number;
  dualScale: number;
}

function normInf(values: Float64Array): number {
  let norm = 0;
  for (let i = 0; i < values.length; i++) norm = Math.max(norm, Math.abs(values[i]));
  return norm;
}

function applyP(sp: ScaledProblem, x: Float64Array, out: Float64Array): Float64Array {
  riskMatvec(sp.problem.risk, x, out);
  for (let i = 0; i < out.length; i++) out[i] *= sp.hessianScale;
  return out;
}

function factor(ws: Workspace): void {
  rowRho(ws.sp.rows, ws.rho, ws.sp.kappa, ws.rhoRows);
  ws.system = factorXUpdateSystem(ws.sp.problem.risk, ws.sp.hessianScale, ws.settings.sigma, ws.sp.rows, ws.rhoRows);
}

/** x̃ = M⁻¹(σx − q̄ + Aᵀ(R·z − y)), z̃ = A·x̃. */
function updateX(ws: Workspace): void {
  const { sp, rhoRows, z, y, rhsM, rhsN, x, xTilde, zTilde } = ws;
  for (let j = 0; j < rhsM.length; j++) rhsM[j] = rhoRows[j] * z[j] - y[j];
  applyAT(sp.rows, rhsM, rhsN);
  const sigma = ws.settings.sigma;
  for (let i = 0; i < rhsN.length; i++) rhsN[i] += sigma * x[i] - sp.q[i];
  ws.system.solve(rhsN, xTilde);
  applyA(sp.rows, xTilde, zTilde);
}

/** x ← αx̃ + (1−α)x; z ← prox(αz̃ + (1−α)z + y/ρ). Keeps the previous z for the y-update. */
function updateZ(ws: Workspace): void {
  const { x, xTilde, z, zTilde, zPrev, y, rhoRows, rhsM } = ws;
  const alpha = ws.settings.alpha;
  for (let i = 0; i < x.length; i++) x[i] = alpha * xTilde[i] + (1 - alpha) * x[i];
  zPrev.set(z);
  for (let j = 0; j < z.length; j++) rhsM[j] = alpha * zTilde[j] + (1 - alpha) * z[j] + y[j] / rhoRows[j];
  proxRows(ws.sp.rows, ws.sp.kappa, rhoRows, rhsM, z);
}

/** y ← y + R(αz̃ + (1−α)z_prev − z). */
function updateY(ws: Workspace): void {
  const { y, zTilde, zPrev, z, rhoRows } = ws;
  const alpha = ws.settings.alpha;
  for (let j = 0; j < y.length; j++) y[j] += rhoRows[j] * (alpha * zTilde[j] + (1 - alpha) * zPrev[j] - z[j]);
}

function computeResiduals(ws: Workspace): Residuals {
  const { sp, x, z, y, ax, px, aty } = ws;
  applyA(sp.rows, x, ax);
  applyP(sp, x, px);
  applyAT(sp.rows, y, aty);
  let primal = 0;
  for (let j = 0; j < ax.length; j++) primal = Math.max(primal, Math.abs(ax[j] - z[j]));
  let dual = 0;
  for (let i = 0; i < x.length; i++) dual = Math.max(dual, Math.abs(px[i] + sp.q[i] + aty[i]));
  return {
    primal,
    dual,
    primalScale: Math.max(normInf(ax), normInf(z)),
    dualScale: Math.max(normInf(px), normInf(aty), normInf(sp.q)),
  };
}

function converged(res: Residuals, settings: QpSettings, costScale: number, factor = 1): boolean {
  const epsPrimal = settings.epsAbs + settings.epsRel * res.primalScale;
  const epsDual = costScale * settings.epsAbs + settings.epsRel * res.dualScale;
  return res.primal <= factor * epsPrimal && res.dual <= factor * epsDual;
}

/** OSQP eq. 34: ρ ← ρ·√((r_prim/‖·‖)/(r_dual/‖·‖)), refactoring only on a large change. */
function adaptRho(ws: Workspace, res: Residuals): boolean {
  const primalRatio = res.primal / (res.primalScale + 1e-30);
  const dualRatio = res.dual / (res.dualScale + 1e-30);
  const suggested = Math.min(RHO_MAX, Math.max(RHO_MIN, ws.rho * Math.sqrt(primalRatio / (dualRatio + 1e-30))));
  const tolerance = ws.settings.adaptiveRhoTolerance;
  if (!(suggested > ws.rho * tolerance || suggested < ws.rho / tolerance)) return false;
  ws.rho = suggested;
  factor(ws);
  return true;
}

function checkInfeasibility(ws: Workspace): { status: QpStatus; report?: InfeasibilityReport } | null {
  const { sp, settings, x, xPrev, y, yPrev, rhsN, rhsM, px } = ws;
  for (let j = 0; j < y.length; j++) rhsM[j] = y[j] - yPrev[j];
  const report = primalInfeasibilityCertificate(sp.rows, rhsM, settings.epsPrimInf, rhsN);
  if (report !== null) return { status: 'primal-infeasible', report };
  for (let i = 0; i < x.length; i++) rhsN[i] = x[i] - xPrev[i];
  applyP(sp, rhsN, px);
  if (dualInfeasibilityCertificate(sp.rows, rhsN, px, sp.q, sp.kappa, settings.epsDualInf, rhsM)) {
    return { status: 'dual-infeasible' };
  }
  return null;
}

/**
 * Runs ADMM from (x0, y0) (scaled duals); z starts at A·x0.
 *
 * @param deadline - `performance.now()` value after which the loop stops with `time-limit`
 *   (Infinity for none).
 * @param earlyPolish - tries to polish from the current z and returns true when the polished point
 *   verified; ADMM then stops as `solved`. Called at iteration 0 when `polishAtStart` (warm starts),
 *   then at termination checks on a doubling schedule (iterations 10, 20, 40, …), so its cost stays
 *   a logarithmic share of the run.
 */
export function runAdmm(
  sp: ScaledProblem,
  settings: QpSettings,
  rho0: number,
  x0: Float64Array,
  y0: Float64Array,
  deadline: number,
  earlyPolish: ((z: Float64Array) => boolean) | null,
  polishAtStart: boolean,
): AdmmResult {
  const { n, m } = sp.rows;
  const ws: Workspace = {
    sp,
    settings,
    rho: rho0,
    rhoRows: new Float64Array(m),
    system: { solve: (b) => b },
    x: Float64Array.from(x0),
    z: new Float64Array(m),
    y: Float64Array.from(y0),
    xTilde: new Float64Array(n),
    zTilde: new Float64Array(m),
    zPrev: new Float64Array(m),
    xPrev: new Float64Array(n),
    yPrev: new Float64Array(m),
    rhsN: new Float64Array(n),
    rhsM: new Float64Array(m),
    ax: new Float64Array(m),
    px: new Float64Array(n),
    aty: new Float64Array(n),
  };
  factor(ws);
  applyA(sp.rows, ws.x, ws.z);
  let rhoUpdates = 0;
  let status: QpStatus = 'max-iterations';
  let report: InfeasibilityReport | undefined;
  let iteration = 0;
  const check = Math.max(1, Math.floor(settings.checkTermination));
  const adapt = Math.max(1, Math.floor(settings.adaptiveRhoInterval));
  let nextPolish = check;
  let polished = earlyPolish !== null && polishAtStart && earlyPolish(ws.z);

  while (!polished && iteration < settings.maxIter) {
    iteration++;
    const checking = iteration % check === 0 || iteration === settings.maxIter;
    if (checking) {
      ws.xPrev.set(ws.x);
      ws.yPrev.set(ws.y);
    }
    updateX(ws);
    updateZ(ws);
    updateY(ws);
    const adapting = settings.adaptiveRho && iteration % adapt === 0;
    if (!checking && !adapting) {
      if (deadline !== Infinity && performance.now() > deadline) {
        status = 'time-limit';
        break;
      }
      continue;
    }
    const res = computeResiduals(ws);
    if (checking) {
      if (converged(res, settings, sp.costScale)) {
        status = 'solved';
        break;
      }
      if (earlyPolish !== null && iteration >= nextPolish) {
        nextPolish *= 2;
        polished = earlyPolish(ws.z);
        if (polished) break;
      }
      const infeasible = checkInfeasibility(ws);
      if (infeasible !== null) {
        status = infeasible.status;
        report = infeasible.report;
        break;
      }
    }
    if (adapting && adaptRho(ws, res)) rhoUpdates++;
    if (deadline !== Infinity && performance.now() > deadline) {
      status = 'time-limit';
      break;
    }
  }
  if (polished) status = 'solved';
  const res = computeResiduals(ws);
  if ((status === 'max-iterations' || status === 'time-limit') && converged(res, settings, sp.costScale, 10)) {
    status = 'solved-inaccurate';
  }
  return {
    status,
    x: ws.x,
    z: ws.z,
    y: ws.y,
    iterations: iteration,
    polished,
    rho: ws.rho,
    rhoUpdates,
    primalResidual: res.primal,
    dualResidual: res.dual / sp.costScale,
    ...(report ? { infeasibility: report } : {}),
  };
}
