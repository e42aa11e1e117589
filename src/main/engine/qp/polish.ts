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
import { addColumnCombination } from './low-rank-kernels';
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
 * What polishing reuses across rounds and attempts of one solve: the correction's curvature c_i
 * and, for factor models, the loadings as contiguous columns (Uᵀ, r × n) so that the one O(n·r)
 * pass of a round, the gradient 2γΣw for every asset's dual, streams through memory.
 */
export interface PolishWorkspace {
  curvature: Float64Array;
  /** Factor models: Uᵀ, r × n row-major; null for dense models. */
  loadings: Float64Array | null;
}

export function createPolishWorkspace(problem: NormalisedProblem): PolishWorkspace {
  const { risk } = problem;
  if (risk.kind !== 'factor') return { curvature: correctionCurvature(problem), loadings: null };
  const { n, rank, u } = risk;
  const loadings = new Float64Array(rank * n);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < rank; q++) loadings[q * n + i] = u[i * rank + q];
  }
  return { curvature: correctionCurvature(problem), loadings };
}

/** diag(s)·Uᵀw, skipping the zero weights (most of a long-only solution). U is n × r. */
function factorExposure(u: Float64Array, s: Float64Array, rank: number, n: number, w: Float64Array): Float64Array {
  const exposure = new Float64Array(rank);
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    if (wi === 0) continue;
    const row = i * rank;
    for (let q = 0; q < rank; q++) exposure[q] += u[row + q] * wi;
  }
  for (let q = 0; q < rank; q++) exposure[q] *= s[q];
  return exposure;
}

/**
 * Σ·w for a w that is `fixed` off the free set plus w_F on it, computed from factor exposures:
 * Uᵀw = Uᵀw_X + U_Fᵀw_F costs O((nnz(w_X) + |F|)·r) (long-only problems hold most fixed weights at
 * zero), leaving one O(n·r) sweep for U·diag(s)·Uᵀw. For dense models a plain matvec.
 */
function covarianceTimes(problem: NormalisedProblem, workspace: PolishWorkspace, w: Float64Array, out: Float64Array): Float64Array {
  const { risk, n } = problem;
  if (risk.kind !== 'factor' || workspace.loadings === null) return riskMatvec(risk, w, out);
  const { rank, u, s, d } = risk;
  const exposure = factorExposure(u, s, rank, n, w);
  for (let i = 0; i < n; i++) out[i] = d[i] * w[i];
  addColumnCombination(workspace.loadings, rank, n, exposure, out);
  return out;
}

/** (Σ·w)_F for the same split: only the free rows, O((nnz(w) + |F|)·r). */
function covarianceTimesOnFree(problem: NormalisedProblem, workspace: PolishWorkspace, w: Float64Array, free: Int32Array): Float64Array {
  const { risk, n } = problem;
  const out = new Float64Array(free.length);
  if (risk.kind !== 'factor' || workspace.loadings === null) {
    const full = riskMatvec(risk, w, new Float64Array(n));
    free.forEach((i, a) => (out[a] = full[i]));
    return out;
  }
  const { rank, u, s, d } = risk;
  const exposure = factorExposure(u, s, rank, n, w);
  for (let a = 0; a < free.length; a++) {
    const i = free[a];
    const row = i * rank;
    let sum = d[i] * w[i];
    for (let q = 0; q < rank; q++) sum += u[row + q] * exposure[q];
    out[a] = sum;
  }
  return out;
}

/**
 * Solves the KKT system of the given active set exactly and returns the primal point and the full
 * dual vector (layout of `QpSolution.y`), or null when the reduced system is singular.
 */
export function solveActiveSet(
  problem: NormalisedProblem,
  rows: ConstraintRows,
  workspace: PolishWorkspace,
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

  const fixedPart = covarianceTimesOnFree(problem, workspace, w, free);
  const r1 = new Float64Array(free.length);
  free.forEach((i, a) => {
    const turnover = kappa > 0 ? (active.assets[i] === 'free-down' ? -kappa : kappa) : 0;
    r1[a] = problem.mu[i] - turnover - hessianScale * fixedPart[a];
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
  const gradient = covarianceTimes(problem, workspace, w, new Float64Array(n));
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
 * `admmResiduals` are the residuals of the ADMM point the polished one must beat, and the best
 * round is returned (null when none beats them). With `admmResiduals` null (a mid-run attempt) the
 * last round is returned whatever its residuals, for the caller to judge.
 *
 * @param maxRounds - active-set corrections allowed ({@link MAX_POLISH_ROUNDS} or {@link EARLY_POLISH_ROUNDS}).
 */
export function polishSolution(
  problem: NormalisedProblem,
  rows: ConstraintRows,
  workspace: PolishWorkspace,
  z: Float64Array,
  admmResiduals: KktResiduals | null,
  refineIter: number,
  maxRounds: number,
): PolishResult | null {
  const active = guessActiveSet(problem, rows, z);
  for (const [g, group] of problem.groups.entries()) if (group.min === group.max) active.groups[g] = 'min';
  const visited = new Set<number>([activeSetHash(active)]);
  let best: PolishResult | null = null;
  for (let round = 0; round < maxRounds; round++) {
    const solved = solveActiveSet(problem, rows, workspace, active, refineIter);
    if (solved === null) break;
    const tried: QpActiveSet = { assets: [...active.assets], groups: [...active.groups] };
    const changed = correctActiveSet(problem, rows, workspace.curvature, active, solved.w, solved.y);
    // The active-set iteration can cycle when the guess is far off; a revisited set ends the attempt
    // (a hash collision merely ends it early, which is safe: ADMM offers another guess).
    const hash = activeSetHash(active);
    const last = !changed || visited.has(hash) || round === maxRounds - 1;
    visited.add(hash);
    // A round whose set still changes has a pair off the graph of ∂g by more than round-off, so it
    // is almost never the one to verify: mid-run, only the last round pays for the O(n·r) residuals.
    if (last || admmResiduals !== null) {
      const residuals = kktResiduals(problem, rows, solved.w, solved.y);
      if (best === null || worst(residuals) < worst(best.residuals)) best = { ...solved, activeSet: tried, residuals };
    }
    if (last) break;
  }
  if (best === null || (admmResiduals !== null && !(worst(best.residuals) <= worst(admmResiduals)))) return null;
  return best;
}
