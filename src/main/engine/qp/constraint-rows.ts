/**
 * The constraint matrix A of the OSQP form  l ≤ A·w ≤ u  for the mean–variance problem, applied
 * matrix-free: rows are `[budget 1ᵀ (optional) | identity (one per asset) | group indicators]`.
 * The identity rows also carry the turnover term κ|w_i − prev_i|, handled in their proximal step,
 * so the L1 kink is represented exactly (no smoothing).
 */

import type { NormalisedProblem } from './normalise-problem';

/** OSQP's ratio of ρ on equality rows to ρ on inequality rows. */
export const RHO_EQUALITY_FACTOR = 1e3;
/** OSQP's ρ for rows with no bounds at all (they only slow the iteration down). */
export const RHO_MIN = 1e-6;
export const RHO_MAX = 1e6;

/** Row layout and bounds of A. */
export interface ConstraintRows {
  n: number;
  /** Total number of rows m. */
  m: number;
  /** Index of the budget row, or −1. */
  budgetRow: number;
  /** Index of asset 0's identity row. */
  assetOffset: number;
  /** Index of group 0's row. */
  groupOffset: number;
  groupMembers: Int32Array[];
  /** Row bounds, length m (±Infinity allowed). */
  l: Float64Array;
  u: Float64Array;
  prev: Float64Array;
}

export function buildConstraintRows(problem: NormalisedProblem): ConstraintRows {
  const { n, budget, groups } = problem;
  const budgetRow = budget === null ? -1 : 0;
  const assetOffset = budget === null ? 0 : 1;
  const groupOffset = assetOffset + n;
  const m = groupOffset + groups.length;
  const l = new Float64Array(m);
  const u = new Float64Array(m);
  if (budget !== null) {
    l[0] = budget;
    u[0] = budget;
  }
  l.set(problem.lower, assetOffset);
  u.set(problem.upper, assetOffset);
  groups.forEach((group, g) => {
    l[groupOffset + g] = group.min;
    u[groupOffset + g] = group.max;
  });
  return {
    n,
    m,
    budgetRow,
    assetOffset,
    groupOffset,
    groupMembers: groups.map((group) => group.members),
    l,
    u,
    prev: problem.prev,
  };
}

/** out = A·x (length m). */
export function applyA(rows: ConstraintRows, x: Float64Array, out: Float64Array): Float64Array {
  const { n, budgetRow, assetOffset, groupOffset, groupMembers } = rows;
  if (budgetRow >= 0) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += x[i];
    out[budgetRow] = sum;
  }
  for (let i = 0; i < n; i++) out[assetOffset + i] = x[i];
  for (let g = 0; g < groupMembers.length; g++) {
    const members = groupMembers[g];
    let sum = 0;
    for (let k = 0; k < members.length; k++) sum += x[members[k]];
    out[groupOffset + g] = sum;
  }
  return out;
}

/** out = Aᵀ·y (length n). */
export function applyAT(rows: ConstraintRows, y: Float64Array, out: Float64Array): Float64Array {
  const { n, budgetRow, assetOffset, groupOffset, groupMembers } = rows;
  const shift = budgetRow >= 0 ? y[budgetRow] : 0;
  for (let i = 0; i < n; i++) out[i] = y[assetOffset + i] + shift;
  for (let g = 0; g < groupMembers.length; g++) {
    const members = groupMembers[g];
    const yg = y[groupOffset + g];
    for (let k = 0; k < members.length; k++) out[members[k]] += yg;
  }
  return out;
}

/**
 * Per-row ρ as OSQP sets it: ×{@link RHO_EQUALITY_FACTOR} on equality rows, {@link RHO_MIN} on rows
 * that constrain nothing (no bounds and, for asset rows, no turnover term), ρ elsewhere.
 */
export function rowRho(rows: ConstraintRows, rho: number, kappa: number, out: Float64Array): Float64Array {
  for (let j = 0; j < rows.m; j++) {
    const isAsset = j >= rows.assetOffset && j < rows.groupOffset;
    if (rows.l[j] === rows.u[j]) out[j] = RHO_EQUALITY_FACTOR * rho;
    else if (rows.l[j] === -Infinity && rows.u[j] === Infinity && !(isAsset && kappa > 0)) out[j] = RHO_MIN;
    else out[j] = rho;
  }
  return out;
}

/**
 * The z-update: z_j = prox of g_j/ρ_j at v_j, where g_j is the indicator of [l_j, u_j] plus, on asset
 * rows, κ|z − prev|. In one dimension the prox of κ|z − p| restricted to [l, u] is the clip of the
 * unrestricted prox (a convex function's minimiser over an interval), i.e.
 * clip(p + softThreshold(v − p, κ/ρ), l, u).
 */
export function proxRows(
  rows: ConstraintRows,
  kappa: number,
  rhoRows: Float64Array,
  v: Float64Array,
  out: Float64Array,
): Float64Array {
  const { m, assetOffset, groupOffset, l, u, prev } = rows;
  for (let j = 0; j < m; j++) {
    let value = v[j];
    if (kappa > 0 && j >= assetOffset && j < groupOffset) {
      const p = prev[j - assetOffset];
      const threshold = kappa / rhoRows[j];
      const t = value - p;
      value = t > threshold ? p + t - threshold : t < -threshold ? p + t + threshold : p;
    }
    out[j] = value < l[j] ? l[j] : value > u[j] ? u[j] : value;
  }
  return out;
}
