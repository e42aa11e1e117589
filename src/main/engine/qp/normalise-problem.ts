/**
 * Validation and defaulting of a {@link MeanVarianceProblem} into the dense-vector form the solver
 * works on. Malformed input (the caller's bug) throws an Error naming the field and index; a
 * well-formed but infeasible problem does not throw — it becomes a solver status.
 */

import type { RiskModel } from '../risk/risk-model';
import type { MeanVarianceProblem } from './qp-types';

/** A group constraint with validated, de-duplicated member indices. */
export interface NormalisedGroup {
  members: Int32Array;
  min: number;
  max: number;
}

/** The problem with every default applied; bounds are full-length vectors with ±Infinity. */
export interface NormalisedProblem {
  n: number;
  mu: Float64Array;
  gamma: number;
  risk: RiskModel;
  /** Budget value, or null when there is no budget row. */
  budget: number | null;
  lower: Float64Array;
  upper: Float64Array;
  prev: Float64Array;
  kappa: number;
  groups: NormalisedGroup[];
}

function checkFiniteArray(values: Float64Array, name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`${name}[${i}] is ${values[i]}: must be finite`);
  }
}

function checkRisk(risk: RiskModel, n: number): void {
  if (risk === null || typeof risk !== 'object') throw new Error('risk is missing: pass a RiskModel');
  if (risk.n !== n) throw new Error(`risk.n = ${risk.n} but mu has length ${n}: they must match`);
  if (risk.kind === 'factor') {
    if (risk.d.length !== n) throw new Error(`risk.d has length ${risk.d.length}, expected n = ${n}`);
    if (risk.s.length !== risk.rank) throw new Error(`risk.s has length ${risk.s.length}, expected rank = ${risk.rank}`);
    if (risk.u.length !== n * risk.rank) {
      throw new Error(`risk.u has length ${risk.u.length}, expected n × rank = ${n * risk.rank}`);
    }
    checkFiniteArray(risk.d, 'risk.d');
    checkFiniteArray(risk.u, 'risk.u');
    checkFiniteArray(risk.s, 'risk.s');
    for (let i = 0; i < n; i++) if (risk.d[i] < 0) throw new Error(`risk.d[${i}] = ${risk.d[i]} is negative`);
    for (let j = 0; j < risk.rank; j++) if (risk.s[j] < 0) throw new Error(`risk.s[${j}] = ${risk.s[j]} is negative`);
  } else if (risk.kind === 'dense') {
    if (risk.sigma.length !== n * n) throw new Error(`risk.sigma has length ${risk.sigma.length}, expected n × n = ${n * n}`);
    checkFiniteArray(risk.sigma, 'risk.sigma');
  } else {
    throw new Error(`risk.kind must be 'factor' or 'dense'`);
  }
}

function boundVector(
  value: Float64Array | number | null | undefined,
  n: number,
  name: 'lower' | 'upper',
  fallback: number,
): Float64Array {
  const out = new Float64Array(n);
  const forbidden = name === 'lower' ? Infinity : -Infinity;
  if (value === undefined || value === null) {
    out.fill(value === null ? (name === 'lower' ? -Infinity : Infinity) : fallback);
    return out;
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value) || value === forbidden) throw new Error(`${name} is ${value}: not a valid bound`);
    out.fill(value);
    return out;
  }
  if (value.length !== n) throw new Error(`${name} has length ${value.length}, expected n = ${n}`);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(value[i]) || value[i] === forbidden) {
      throw new Error(`${name}[${i}] is ${value[i]}: not a valid bound`);
    }
    out[i] = value[i];
  }
  return out;
}

function normaliseGroups(problem: MeanVarianceProblem, n: number): NormalisedGroup[] {
  const groups = problem.groups ?? [];
  if (!Array.isArray(groups)) throw new Error('groups must be an array');
  return groups.map((group, g) => {
    if (!Array.isArray(group.members) || group.members.length === 0) {
      throw new Error(`groups[${g}].members must be a non-empty array of asset indices`);
    }
    const seen = new Set<number>();
    for (const index of group.members) {
      if (!Number.isInteger(index) || index < 0 || index >= n) {
        throw new Error(`groups[${g}].members holds ${index}: indices must be integers in [0, ${n})`);
      }
      if (seen.has(index)) throw new Error(`groups[${g}].members lists asset ${index} twice`);
      seen.add(index);
    }
    const { min, max } = group;
    if (Number.isNaN(min) || min === Infinity) throw new Error(`groups[${g}].min is ${min}: not a valid bound`);
    if (Number.isNaN(max) || max === -Infinity) throw new Error(`groups[${g}].max is ${max}: not a valid bound`);
    if (min > max) throw new Error(`groups[${g}]: min = ${min} exceeds max = ${max}`);
    return { members: Int32Array.from(group.members), min, max };
  });
}

/**
 * Applies the documented defaults and validates every field.
 *
 * @throws when a field is missing, NaN, of the wrong length, γ < 0, κ < 0, lower > upper, a group
 *   is malformed, or the risk model's arrays disagree with n.
 */
export function normaliseProblem(problem: MeanVarianceProblem): NormalisedProblem {
  if (problem === null || typeof problem !== 'object') throw new Error('problem must be an object');
  const { mu } = problem;
  if (!(mu instanceof Float64Array)) throw new Error('mu must be a Float64Array');
  const n = mu.length;
  if (n === 0) throw new Error('mu is empty: the problem needs at least one asset');
  checkFiniteArray(mu, 'mu');
  const gamma = problem.gamma;
  if (!Number.isFinite(gamma) || gamma < 0) throw new Error(`gamma = ${gamma}: risk aversion must be finite and ≥ 0`);
  checkRisk(problem.risk, n);

  const budget = problem.budget === undefined ? 1 : problem.budget;
  if (budget !== null && !Number.isFinite(budget)) throw new Error(`budget = ${budget}: must be finite or null`);

  const lower = boundVector(problem.lower, n, 'lower', 0);
  const upper = boundVector(problem.upper, n, 'upper', Infinity);
  for (let i = 0; i < n; i++) {
    if (lower[i] > upper[i]) throw new Error(`lower[${i}] = ${lower[i]} exceeds upper[${i}] = ${upper[i]}`);
  }

  let prev: Float64Array;
  if (problem.prev === undefined) {
    prev = new Float64Array(n);
  } else {
    if (problem.prev.length !== n) throw new Error(`prev has length ${problem.prev.length}, expected n = ${n}`);
    checkFiniteArray(problem.prev, 'prev');
    prev = Float64Array.from(problem.prev);
  }
  const kappa = problem.kappa ?? 0;
  if (!Number.isFinite(kappa) || kappa < 0) throw new Error(`kappa = ${kappa}: turnover penalty must be finite and ≥ 0`);

  return {
    n,
    mu: Float64Array.from(mu),
    gamma,
    risk: problem.risk,
    budget,
    lower,
    upper,
    prev,
    kappa,
    groups: normaliseGroups(problem, n),
  };
}
