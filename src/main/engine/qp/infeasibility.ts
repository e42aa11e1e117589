/**
 * Infeasibility: an exact pre-check on the interval arithmetic of budget, bounds and groups (done
 * before ADMM starts, with a message naming the numbers), and OSQP's certificates for everything
 * else (Stellato et al. 2020, §3.4; Banjac et al., "Infeasibility detection in the alternating
 * direction method of multipliers for convex optimization", JOTA 2019).
 */

import { applyA, applyAT } from './constraint-rows';
import type { ConstraintRows } from './constraint-rows';
import type { NormalisedProblem } from './normalise-problem';
import type { QpInfeasibleSet } from './qp-types';

export interface InfeasibilityReport {
  set: QpInfeasibleSet;
  message: string;
}

function setName(budget: boolean, bounds: boolean, groups: boolean): QpInfeasibleSet {
  const parts: string[] = [];
  if (budget) parts.push('budget');
  if (bounds) parts.push('bounds');
  if (groups) parts.push('groups');
  return (parts.length > 0 ? parts.join('+') : 'bounds') as QpInfeasibleSet;
}

function exceeds(a: number, b: number): boolean {
  return a > b + 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}

function sumOver(values: Float64Array, members: Int32Array | null): number {
  let sum = 0;
  if (members === null) for (let i = 0; i < values.length; i++) sum += values[i];
  else for (let k = 0; k < members.length; k++) sum += values[members[k]];
  return sum;
}

function disjoint(problem: NormalisedProblem): Int32Array | null {
  const owner = new Int32Array(problem.n).fill(-1);
  for (let g = 0; g < problem.groups.length; g++) {
    for (const i of problem.groups[g].members) {
      if (owner[i] >= 0) return null;
      owner[i] = g;
    }
  }
  return owner;
}

/**
 * Exact infeasibility from interval sums: budget vs Σ bounds, each group vs its members' bounds, and
 * (for pairwise-disjoint groups) budget vs what groups and bounds allow together. Returns null when
 * none of these rules out feasibility (ADMM's certificate covers the rest).
 */
export function precheckInfeasibility(problem: NormalisedProblem): InfeasibilityReport | null {
  const { lower, upper, budget, groups } = problem;
  const lowerSum = sumOver(lower, null);
  const upperSum = sumOver(upper, null);
  if (budget !== null && exceeds(lowerSum, budget)) {
    return { set: 'budget+bounds', message: `the budget Σw = ${budget} cannot be met: the lower bounds already sum to ${lowerSum}` };
  }
  if (budget !== null && exceeds(budget, upperSum)) {
    return { set: 'budget+bounds', message: `the budget Σw = ${budget} cannot be met: the upper bounds sum to only ${upperSum}` };
  }
  for (let g = 0; g < groups.length; g++) {
    const { members, min, max } = groups[g];
    const low = sumOver(lower, members);
    const high = sumOver(upper, members);
    if (exceeds(low, max)) {
      return { set: 'bounds+groups', message: `group ${g} has max ${max}, but its members' lower bounds sum to ${low}` };
    }
    if (exceeds(min, high)) {
      return { set: 'bounds+groups', message: `group ${g} needs at least ${min}, but its members' upper bounds sum to only ${high}` };
    }
  }
  const owner = budget !== null && groups.length > 0 ? disjoint(problem) : null;
  if (owner === null || budget === null) return null;
  let groupOnlyMax = 0;
  let groupOnlyMin = 0;
  let jointMax = 0;
  let jointMin = 0;
  for (let g = 0; g < groups.length; g++) {
    const { members, min, max } = groups[g];
    groupOnlyMax += max;
    groupOnlyMin += min;
    jointMax += Math.min(max, sumOver(upper, members));
    jointMin += Math.max(min, sumOver(lower, members));
  }
  for (let i = 0; i < problem.n; i++) {
    if (owner[i] >= 0) continue;
    groupOnlyMax = Infinity;
    groupOnlyMin = -Infinity;
    jointMax += upper[i];
    jointMin += lower[i];
  }
  if (exceeds(budget, groupOnlyMax)) {
    return { set: 'budget+groups', message: `the budget Σw = ${budget} cannot be met: the groups cover every asset and their maxima sum to only ${groupOnlyMax}` };
  }
  if (exceeds(groupOnlyMin, budget)) {
    return { set: 'budget+groups', message: `the budget Σw = ${budget} cannot be met: the groups cover every asset and their minima already sum to ${groupOnlyMin}` };
  }
  if (exceeds(budget, jointMax)) {
    return { set: 'budget+bounds+groups', message: `the budget Σw = ${budget} cannot be met: group maxima and upper bounds together allow at most ${jointMax}` };
  }
  if (exceeds(jointMin, budget)) {
    return { set: 'budget+bounds+groups', message: `the budget Σw = ${budget} cannot be met: group minima and lower bounds together force at least ${jointMin}` };
  }
  return null;
}

/**
 * OSQP's primal infeasibility test on δy = y^{k+1} − y^k (projected on the polar of the bounds'
 * recession cone): ‖Aᵀδy‖∞ ≤ ε‖δy‖∞ and uᵀ(δy)₊ + lᵀ(δy)₋ < −ε‖δy‖∞. The rows on which the
 * certificate is non-zero name the constraint sets that conflict.
 */
export function primalInfeasibilityCertificate(
  rows: ConstraintRows,
  deltaY: Float64Array,
  eps: number,
  work: Float64Array,
): InfeasibilityReport | null {
  const { m, l, u } = rows;
  let norm = 0;
  for (let j = 0; j < m; j++) {
    if (u[j] === Infinity && deltaY[j] > 0) deltaY[j] = 0;
    if (l[j] === -Infinity && deltaY[j] < 0) deltaY[j] = 0;
    norm = Math.max(norm, Math.abs(deltaY[j]));
  }
  if (!(norm > eps)) return null;
  let support = 0;
  for (let j = 0; j < m; j++) {
    const value = deltaY[j] / norm;
    if (value > 0) support += u[j] * value;
    else if (value < 0) support += l[j] * value;
  }
  if (!(support < -eps)) return null;
  applyAT(rows, deltaY, work);
  for (let i = 0; i < rows.n; i++) if (Math.abs(work[i]) / norm > eps) return null;

  const involved = (j: number): boolean => Math.abs(deltaY[j]) > 1e-4 * norm;
  const budget = rows.budgetRow >= 0 && involved(rows.budgetRow);
  let bounds = false;
  for (let i = 0; i < rows.n; i++) if (involved(rows.assetOffset + i)) bounds = true;
  const groupList: number[] = [];
  for (let g = 0; g < rows.groupMembers.length; g++) if (involved(rows.groupOffset + g)) groupList.push(g);
  const set = setName(budget, bounds, groupList.length > 0);
  const named = [
    budget ? 'the budget' : '',
    bounds ? 'the asset bounds' : '',
    groupList.length > 0 ? `group${groupList.length > 1 ? 's' : ''} ${groupList.join(', ')}` : '',
  ].filter((part) => part.length > 0);
  return { set, message: `no weights satisfy ${named.join(' and ')} together (ADMM infeasibility certificate)` };
}

/**
 * OSQP's dual infeasibility (unboundedness) test on δx = x^{k+1} − x^k, extended by the turnover
 * term's recession function κ‖δx‖₁: ‖P·δx‖∞ ≤ ε‖δx‖∞, qᵀδx + κ‖δx‖₁ < −ε‖δx‖∞, and A·δx in the
 * recession cone of [l, u] up to ε‖δx‖∞.
 */
export function dualInfeasibilityCertificate(
  rows: ConstraintRows,
  deltaX: Float64Array,
  pDeltaX: Float64Array,
  q: Float64Array,
  kappa: number,
  eps: number,
  work: Float64Array,
): boolean {
  let norm = 0;
  for (let i = 0; i < rows.n; i++) norm = Math.max(norm, Math.abs(deltaX[i]));
  if (!(norm > eps)) return false;
  let slope = 0;
  for (let i = 0; i < rows.n; i++) {
    if (Math.abs(pDeltaX[i]) > eps * norm) return false;
    slope += q[i] * deltaX[i] + kappa * Math.abs(deltaX[i]);
  }
  if (!(slope < -eps * norm)) return false;
  applyA(rows, deltaX, work);
  for (let j = 0; j < rows.m; j++) {
    if (rows.u[j] !== Infinity && work[j] > eps * norm) return false;
    if (rows.l[j] !== -Infinity && work[j] < -eps * norm) return false;
  }
  return true;
}
