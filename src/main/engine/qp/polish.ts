/**
 * Solution polishing (OSQP, Stellato et al. 2020, §4.2), extended to the turnover kink and made
 * self-correcting: guess the active set from the ADMM pair (z, y) — which lies exactly on the graph
 * of ∂g because the z-update is a prox — solve the reduced equality-constrained KKT system exactly,
 * and, where the guess was wrong, move the offending coordinates to the piece the prox of their
 * primal–dual pair points to (a primal–dual active-set step, Hintermüller, Ito, Kunisch, SIAM J.
 * Optim. 2002, i.e. a semismooth Newton step) and solve again. That converges from rough ADMM
 * points, so polishing can end ADMM after a few dozen iterations.
 * The result is accepted only if its KKT residuals beat the ADMM point's.
 */

import { riskDiagonal, riskMatvec } from '../risk/risk-ops';
import type { ConstraintRows } from './constraint-rows';
import { kktResiduals } from './kkt-residuals';
import type { KktResiduals } from './kkt-residuals';
import type { NormalisedProblem } from './normalise-problem';
import type { QpActiveSet, QpAssetState } from './qp-types';
import { factorReducedKkt } from './reduced-kkt';

/** Rounds of active-set correction before the final polish gives up. */
export const MAX_POLISH_ROUNDS = 40;
/**
 * Rounds for a polish attempted mid-run. From the guess ADMM makes after 10 iterations (a third of
 * the assets misplaced) the correction converges in 5–15 rounds on long-only turnover problems with
 * n = 100…2000; an attempt that cycles stops as soon as it revisits an active set, so a hopeless
 * one costs a few rounds, and ADMM offers a better guess later.
 */
export const EARLY_POLISH_ROUNDS = 20;

export interface PolishResult {
  w: Float64Array;
  y: Float64Array;
  activeSet: QpActiveSet;
  residuals: KktResiduals;
}

function worst(residuals: KktResiduals): number {
  return Math.max(residuals.primal, residuals.stationarity, residuals.complementarity);
}

/** The piece of ∂g each asset and group sits on, read off the ADMM pair (z, y). */
export function guessActiveSet(problem: NormalisedProblem, rows: ConstraintRows, z: Float64Array): QpActiveSet {
  const assets: QpAssetState[] = [];
  for (let i = 0; i < problem.n; i++) assets.push(pieceOf(problem, i, z[rows.assetOffset + i]));
  const groups = problem.groups.map((group, g): 'min' | 'max' | 'inactive' => {
    const value = z[rows.groupOffset + g];
    if (value === group.min) return 'min';
    if (value === group.max) return 'max';
    return 'inactive';
  });
  return { assets, groups };
}

/** Value of a fixed asset, or NaN for a free one. */
function fixedValue(problem: NormalisedProblem, i: number, state: QpAssetState): number {
  if (state === 'lower') return problem.lower[i];
  if (state === 'upper') return problem.upper[i];
  if (state === 'kink') return problem.prev[i];
  return Number.NaN;
}

/**
 * Solves the KKT system of the given active set exactly and returns the primal point and the full
 * dual vector (layout of `QpSolution.y`), or null when the reduced system is singular.
 */
export function solveActiveSet(
  problem: NormalisedProblem,
  rows: ConstraintRows,
  active: QpActiveSet,
  refineIter: number,
): { w: Float64Array; y: Float64Array } | null {
  const { n, gamma, kappa } = problem;
  const hessianScale = 2 * gamma;
  const w = new Float64Array(n);
  const freeList: number[] = [];
  for (let i = 0; i < n; i++) {
    const value = fixedValue(problem, i, active.assets[i]);
    if (Number.isNaN(value)) freeList.push(i);
    else w[i] = value;
  }
  const free = Int32Array.from(freeList);
  const position = new Int32Array(n).fill(-1);
  free.forEach((i, a) => (position[i] = a));

  const equalityRows: Float64Array[] = [];
  const equalityTargets: number[] = [];
  const addRow = (members: Int32Array | null, target: number): void => {
    const row = new Float64Array(free.length);
    let fixedSum = 0;
    const visit = (i: number): void => {
      if (position[i] >= 0) row[position[i]] = 1;
      else fixedSum += w[i];
    };
    if (members === null) for (let i = 0; i < n; i++) visit(i);
    else for (let k = 0; k < members.length; k++) visit(members[k]);
    equalityRows.push(row);
    equalityTargets.push(target - fixedSum);
  };
  if (problem.budget !== null) addRow(null, problem.budget);
  const activeGroups: number[] = [];
  active.groups.forEach((state, g) => {
    if (state === 'inactive') return;
    activeGroups.push(g);
    addRow(problem.groups[g].members, state === 'min' ? problem.groups[g].min : problem.groups[g].max);
  });

  let diagScale = 0;
  for (let i = 0; i < n; i++) {
    const sii = problem.risk.kind === 'factor' ? problem.risk.d[i] : problem.risk.sigma[i * n + i];
    diagScale = Math.max(diagScale, hessianScale * sii);
  }
  const delta = 1e-9 * Math.max(1, diagScale);
  const system = factorReducedKkt(problem.risk, hessianScale, free, equalityRows, delta, refineIter);
  if (system === null) return null;

  const fixedPart = riskMatvec(problem.risk, w, new Float64Array(n));
  const r1 = new Float64Array(free.length);
  free.forEach((i, a) => {
    const turnover = kappa > 0 ? (active.assets[i] === 'free-down' ? -kappa : kappa) : 0;
    r1[a] = problem.mu[i] - turnover - hessianScale * fixedPart[i];
  });
  const { x, lambda } = system.solve(r1, Float64Array.from(equalityTargets));
  free.forEach((i, a) => (w[i] = x[a]));

  const y = new Float64Array(rows.m);
  let shared = 0;
  const groupShift = new Float64Array(n);
  let next = 0;
  if (rows.budgetRow >= 0) {
    y[rows.budgetRow] = lambda[next++];
    shared = y[rows.budgetRow];
  }
  for (const g of activeGroups) {
    const value = lambda[next++];
    y[rows.groupOffset + g] = value;
    for (const i of problem.groups[g].members) groupShift[i] += value;
  }
  const gradient = riskMatvec(problem.risk, w, new Float64Array(n));
  for (let i = 0; i < n; i++) {
    y[rows.assetOffset + i] = -(hessianScale * gradient[i] - problem.mu[i] + shared + groupShift[i]);
  }
  return { w, y };
}

/** The piece of ∂g_i a scalar z sits on (exact breakpoint comparisons, as {@link guessActiveSet}). */
function pieceOf(problem: NormalisedProblem, i: number, value: number): QpAssetState {
  if (value === problem.lower[i]) return 'lower';
  if (value === problem.upper[i]) return 'upper';
  if (problem.kappa > 0 && value === problem.prev[i]) return 'kink';
  return problem.kappa > 0 && value < problem.prev[i] ? 'free-down' : 'free-up';
}

/** Whether (w_i, y_i) sits on the piece `state` of ∂g_i's graph, up to the round-off `tolerance`. */
function consistent(problem: NormalisedProblem, i: number, state: QpAssetState, value: number, dual: number, tolerance: number): boolean {
  const { kappa } = problem;
  const l = problem.lower[i];
  const u = problem.upper[i];
  const p = problem.prev[i];
  const scale = tolerance * Math.max(1, Math.abs(value));
  const dualScale = tolerance * Math.max(1, Math.abs(dual));
  switch (state) {
    case 'free-up':
    case 'free-down': {
      if (value < l - scale || value > u + scale) return false;
      if (kappa > 0 && state === 'free-up' && value < p - scale) return false;
      return !(kappa > 0 && state === 'free-down' && value > p + scale);
    }
    case 'lower': {
      const right = kappa > 0 ? (l >= p ? kappa : -kappa) : 0;
      return l === u || dual <= right + dualScale;
    }
    case 'upper': {
      const left = kappa > 0 ? (u <= p ? -kappa : kappa) : 0;
      return l === u || dual >= left - dualScale;
    }
    case 'kink':
      // y_i = −(smooth gradient)_i: above κ, raising w_i past prev_i still pays.
      return dual <= kappa + dualScale && dual >= -kappa - dualScale;
  }
}

/**
 * One primal–dual active-set correction (Hintermüller, Ito, Kunisch 2002, read as a semismooth Newton
 * step on the fixed-point equation w = prox_{g/c}(w + y/c)): every asset whose pair (w_i, y_i) left
 * its piece of ∂g_i moves to the piece prox_{g_i/c_i}(w_i + y_i/c_i) lands on. That may cross several
 * breakpoints at once (free → lower past the kink), where moving to the adjacent piece would take one
 * round per breakpoint. c_i is the Hessian diagonal, so y_i/c_i is the move of coordinate i alone.
 * Groups move to the limit their sum crossed, or are released when their dual has the wrong sign.
 * Returns whether anything changed.
 */
function correctActiveSet(
  problem: NormalisedProblem,
  rows: ConstraintRows,
  curvature: Float64Array,
  active: QpActiveSet,
  w: Float64Array,
  y: Float64Array,
): boolean {
  const { kappa } = problem;
  const tolerance = 1e-13;
  let changed = false;
  for (let i = 0; i < problem.n; i++) {
    const value = w[i];
    const dual = y[rows.assetOffset + i];
    if (consistent(problem, i, active.assets[i], value, dual, tolerance)) continue;
    const c = curvature[i];
    const p = problem.prev[i];
    const shifted = value + dual / c - p;
    const threshold = kappa / c;
    const prox = shifted > threshold ? p + shifted - threshold : shifted < -threshold ? p + shifted + threshold : p;
    const clipped = Math.min(problem.upper[i], Math.max(problem.lower[i], prox));
    const next = pieceOf(problem, i, clipped);
    if (next !== active.assets[i]) {
      active.assets[i] = next;
      changed = true;
    }
  }
  problem.groups.forEach((group, g) => {
    if (group.min === group.max) return;
    let sum = 0;
    for (const i of group.members) sum += w[i];
    const dual = y[rows.groupOffset + g];
    const scale = tolerance * Math.max(1, Math.abs(sum));
    const state = active.groups[g];
    let next = state;
    if (state === 'inactive') {
      if (sum > group.max + scale) next = 'max';
      else if (sum < group.min - scale) next = 'min';
    } else if (state === 'max' && dual < -tolerance * Math.max(1, Math.abs(dual))) {
      next = 'inactive';
    } else if (state === 'min' && dual > tolerance * Math.max(1, Math.abs(dual))) {
      next = 'inactive';
    }
    if (next !== state) {
      active.groups[g] = next;
      changed = true;
    }
  });
  return changed;
}

/**
 * c_i of the correction step: the diagonal of 2γΣ, floored so that a zero-variance asset or γ = 0
 * (where any c > 0 is valid) still gets a step in the objective's units.
 */
function correctionCurvature(problem: NormalisedProblem): Float64Array {
  const diagonal = riskDiagonal(problem.risk);
  let largest = 0;
  for (let i = 0; i < problem.n; i++) {
    diagonal[i] *= 2 * problem.gamma;
    largest = Math.max(largest, diagonal[i]);
  }
  let fallback = problem.kappa;
  for (let i = 0; i < problem.n; i++) fallback = Math.max(fallback, Math.abs(problem.mu[i]));
  const floor = largest > 0 ? 1e-6 * largest : fallback > 0 ? fallback : 1;
  for (let i = 0; i < problem.n; i++) diagonal[i] = Math.max(diagonal[i], floor);
  return diagonal;
}

const STATE_CODE: Record<QpAssetState, number> = { lower: 1, upper: 2, kink: 3, 'free-up': 4, 'free-down': 5 };
const GROUP_CODE = { min: 6, max: 7, inactive: 8 } as const;

/** FNV-1a over the states: identifies an active set already tried by this polish. */
function activeSetHash(active: QpActiveSet): number {
  let hash = 0x811c9dc5;
  for (const state of active.assets) hash = Math.imul(hash ^ STATE_CODE[state], 0x01000193);
  for (const state of active.groups) hash = Math.imul(hash ^ GROUP_CODE[state], 0x01000193);
  return hash >>> 0;
}

/**
 * Polishes an ADMM solution. `z` is ADMM's z (its exact breakpoints seed the active set);
 * `admmResiduals` are the residuals of the ADMM point the polished one must beat (null: return the
 * best round whatever its residuals, for the caller to judge).
 * Returns null when no round produced a point with smaller residuals.
 *
 * @param maxRounds - active-set corrections allowed ({@link MAX_POLISH_ROUNDS} or {@link EARLY_POLISH_ROUNDS}).
 */
export function polishSolution(
  problem: NormalisedProblem,
  rows: ConstraintRows,
  z: Float64Array,
  admmResiduals: KktResiduals | null,
  refineIter: number,
  maxRounds: number,
): PolishResult | null {
  const active = guessActiveSet(problem, rows, z);
  for (const [g, group] of problem.groups.entries()) if (group.min === group.max) active.groups[g] = 'min';
  const curvature = correctionCurvature(problem);
  const visited = new Set<number>([activeSetHash(active)]);
  let best: PolishResult | null = null;
  for (let round = 0; round < maxRounds; round++) {
    const solved = solveActiveSet(problem, rows, active, refineIter);
    if (solved === null) break;
    const residuals = kktResiduals(problem, rows, solved.w, solved.y);
    if (best === null || worst(residuals) < worst(best.residuals)) {
      best = { ...solved, activeSet: { assets: [...active.assets], groups: [...active.groups] }, residuals };
    }
    if (!correctActiveSet(problem, rows, curvature, active, solved.w, solved.y)) break;
    // The active-set iteration can cycle when the guess is far off; a revisited set ends the attempt
    // (a hash collision merely ends it early, which is safe: ADMM offers another guess).
    const hash = activeSetHash(active);
    if (visited.has(hash)) break;
    visited.add(hash);
  }
  if (best === null || (admmResiduals !== null && !(worst(best.residuals) <= worst(admmResiduals)))) return null;
  return best;
}
