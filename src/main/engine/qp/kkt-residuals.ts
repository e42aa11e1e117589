/**
 * KKT residuals of a candidate (w, y) for the mean–variance problem, in the problem's own units:
 * - primal: largest violation of budget, bounds and group limits;
 * - stationarity: ‖2γΣw − μ + Aᵀy‖∞;
 * - complementarity: largest ∞-norm distance of a pair ((Aw)_j, y_j) to the graph of ∂g_j, the
 *   subdifferential of row j's indicator (plus κ|· − prev| on asset rows). A pair on that graph is
 *   exactly "dual feasible and complementary"; the distance measures how far from it the pair is.
 * Together the three are zero exactly at an optimum, so they verify polished solutions and tests.
 */

import { riskMatvec, riskQuadForm } from '../risk/risk-ops';
import { applyA, applyAT } from './constraint-rows';
import type { ConstraintRows } from './constraint-rows';
import type { NormalisedProblem } from './normalise-problem';

export interface KktResiduals {
  primal: number;
  stationarity: number;
  complementarity: number;
}

/** −μᵀw + γ·wᵀΣw + κ‖w − prev‖₁. */
export function meanVarianceObjective(problem: NormalisedProblem, w: Float64Array): number {
  let linear = 0;
  let turnover = 0;
  for (let i = 0; i < problem.n; i++) {
    linear -= problem.mu[i] * w[i];
    turnover += Math.abs(w[i] - problem.prev[i]);
  }
  return linear + problem.gamma * riskQuadForm(problem.risk, w) + problem.kappa * turnover;
}

function intervalDistance(value: number, low: number, high: number): number {
  return value < low ? low - value : value > high ? value - high : 0;
}

/**
 * ∞-norm distance of (z, y) to the graph of ∂(𝟙[l,u] + κ|· − p|): vertical segments at the
 * breakpoints (l, u, and p when inside), horizontal segments at slope κ·sign(z − p) between them.
 */
export function subdifferentialGraphDistance(z: number, y: number, l: number, u: number, p: number, kappa: number): number {
  const kinked = kappa > 0 && p > l && p < u;
  let best = Infinity;
  // Horizontal pieces: (l, p) and (p, u) when the kink is inside, else (l, u).
  if (kinked) {
    best = Math.min(best, Math.max(intervalDistance(z, l, p), Math.abs(y + kappa)));
    best = Math.min(best, Math.max(intervalDistance(z, p, u), Math.abs(y - kappa)));
    best = Math.min(best, Math.max(Math.abs(z - p), intervalDistance(y, -kappa, kappa)));
  } else if (u > l) {
    best = Math.min(best, Math.max(intervalDistance(z, l, u), Math.abs(y - slopeBelow(u, p, kappa))));
  }
  // Vertical pieces at finite bounds: the normal cone plus the turnover slope on the open side.
  if (l !== -Infinity) {
    const right = l === u ? Infinity : slopeAbove(l, p, kappa);
    best = Math.min(best, Math.max(Math.abs(z - l), intervalDistance(y, -Infinity, right)));
  }
  if (u !== Infinity && u !== l) {
    best = Math.min(best, Math.max(Math.abs(z - u), intervalDistance(y, slopeBelow(u, p, kappa), Infinity)));
  }
  return best;
}

/** Slope of κ|· − p| just below `high`, on a piece without an interior kink. */
function slopeBelow(high: number, p: number, kappa: number): number {
  return high <= p ? -kappa : kappa;
}

/** Slope of κ|· − p| just above `low`, on a piece without an interior kink. */
function slopeAbove(low: number, p: number, kappa: number): number {
  return low >= p ? kappa : -kappa;
}

/** Residuals of (w, y) with y in the layout of `QpSolution.y`. */
export function kktResiduals(problem: NormalisedProblem, rows: ConstraintRows, w: Float64Array, y: Float64Array): KktResiduals {
  const ax = applyA(rows, w, new Float64Array(rows.m));
  const grad = riskMatvec(problem.risk, w, new Float64Array(problem.n));
  const aty = applyAT(rows, y, new Float64Array(problem.n));
  let stationarity = 0;
  for (let i = 0; i < problem.n; i++) {
    stationarity = Math.max(stationarity, Math.abs(2 * problem.gamma * grad[i] - problem.mu[i] + aty[i]));
  }
  let primal = 0;
  let complementarity = 0;
  for (let j = 0; j < rows.m; j++) {
    primal = Math.max(primal, rows.l[j] - ax[j], ax[j] - rows.u[j]);
    const isAsset = j >= rows.assetOffset && j < rows.groupOffset;
    const p = isAsset ? rows.prev[j - rows.assetOffset] : 0;
    const kappa = isAsset ? problem.kappa : 0;
    complementarity = Math.max(complementarity, subdifferentialGraphDistance(ax[j], y[j], rows.l[j], rows.u[j], p, kappa));
  }
  return { primal, stationarity, complementarity };
}
