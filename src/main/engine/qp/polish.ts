/**
 * Solution polishing (OSQP, Stellato et al. 2020, §4.2), extended to the turnover kink and made
 * self-correcting: guess the active set from the ADMM pair (z, y) — which lies exactly on the graph
 * of ∂g because the z-update is a prox — solve the reduced equality-constrained KKT system exactly,
 * and, where the guess was wrong, move the offending coordinates and groups to their correct pieces
 * (a primal–dual active-set step, Hintermüller, Ito, Kunisch, SIAM J. Optim. 2002) and solve again.
 * The result is accepted only if its KKT residuals beat the ADMM point's.
 */

import { riskMatvec } from '../risk/risk-ops';
import type { ConstraintRows } from './constraint-rows';
import { kktResiduals } from './kkt-residuals';
import type { KktResiduals } from './kkt-residuals';
import type { NormalisedProblem } from './normalise-problem';
import type { QpActiveSet, QpAssetState } from './qp-types';
import { factorReducedKkt } from './reduced-kkt';

/** Rounds of active-set correction before the final polish gives up. */
export const MAX_POLISH_ROUNDS = 12;
/**
 * Rounds for a polish attempted mid-run: a nearly right guess is corrected in one to three rounds,
 * and a hopeless one should cost little, since ADMM will offer a better guess soon.
 */
export const EARLY_POLISH_ROUNDS = 6;

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
  for (let i = 0; i < problem.n; i++) {
    const value = z[rows.assetOffset + i];
    if (value === problem.lower[i]) assets.push('lower');
    else if (value === problem.upper[i]) assets.push('upper');
    else if (problem.kappa > 0 && value === problem.prev[i]) assets.push('kink');
    else assets.push(problem.kappa > 0 && value < problem.prev[i] ? 'free-down' : 'free-up');
  }
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

/**
 * One primal–dual active-set correction: free coordinates that left their piece are pinned at the
 * breakpoint they crossed, pinned coordinates whose dual left the normal cone are released onto the
 * piece it points to; likewise for groups. Returns whether anything changed.
 */
function correctActiveSet(problem: NormalisedProblem, rows: ConstraintRows, active: QpActiveSet, w: Float64Array, y: Float64Array): boolean {
  const { kappa } = problem;
  const tolerance = 1e-13;
  let changed = false;
  const set = (i: number, state: QpAssetState): void => {
    if (active.assets[i] !== state) {
      active.assets[i] = state;
      changed = true;
    }
  };
  for (let i = 0; i < problem.n; i++) {
    const l = problem.lower[i];
    const u = problem.upper[i];
    const p = problem.prev[i];
    const value = w[i];
    const dual = y[rows.assetOffset + i];
    const scale = tolerance * Math.max(1, Math.abs(value));
    const dualScale = tolerance * Math.max(1, Math.abs(dual));
    switch (active.assets[i]) {
      case 'free-up':
      case 'free-down': {
        if (value < l - scale) set(i, 'lower');
        else if (value > u + scale) set(i, 'upper');
        else if (kappa > 0 && active.assets[i] === 'free-up' && value < p - scale) set(i, 'kink');
        else if (kappa > 0 && active.assets[i] === 'free-down' && value > p + scale) set(i, 'kink');
        break;
      }
      case 'lower': {
        const right = kappa > 0 ? (l >= p ? kappa : -kappa) : 0;
        if (l !== u && dual > right + dualScale) set(i, kappa > 0 && l < p ? 'free-down' : 'free-up');
        break;
      }
      case 'upper': {
        const left = kappa > 0 ? (u <= p ? -kappa : kappa) : 0;
        if (l !== u && dual < left - dualScale) set(i, kappa > 0 && u > p ? 'free-up' : 'free-down');
        break;
      }
      case 'kink': {
        // y_i = −(smooth gradient)_i: above κ, raising w_i past prev_i still pays.
        if (dual > kappa + dualScale) set(i, 'free-up');
        else if (dual < -kappa - dualScale) set(i, 'free-down');
        break;
      }
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
  let best: PolishResult | null = null;
  for (let round = 0; round < maxRounds; round++) {
    const solved = solveActiveSet(problem, rows, active, refineIter);
    if (solved === null) break;
    const residuals = kktResiduals(problem, rows, solved.w, solved.y);
    if (best === null || worst(residuals) < worst(best.residuals)) {
      best = { ...solved, activeSet: { assets: [...active.assets], groups: [...active.groups] }, residuals };
    }
    if (!correctActiveSet(problem, rows, active, solved.w, solved.y)) break;
  }
  if (best === null || (admmResiduals !== null && !(worst(best.residuals) <= worst(admmResiduals)))) return null;
  return best;
}
