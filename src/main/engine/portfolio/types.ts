/**
 * The result every portfolio construction returns, and the argument checks they share.
 *
 * Weights are fractions of capital (Σ w_i = 1 for fully invested constructions), indexed like the
 * risk model's assets. `status` is `ok` for closed forms and converged iterations; QP-based
 * constructions pass the solver's status through unchanged, so a caller branches on one field.
 */

import type { QpStatus } from '../qp/qp-types';
import type { RiskModel } from '../risk/risk-model';

/** `ok`, or the QP solver's / an iteration's non-success status (`max-iterations`, …). */
export type AllocationStatus = 'ok' | QpStatus;

export interface AllocationResult {
  /** Portfolio weights, length n (fresh array, owned by the caller). */
  readonly weights: Float64Array;
  readonly status: AllocationStatus;
  /** Construction-specific diagnostics (variance, iterations, solver info, …). */
  readonly details?: Readonly<Record<string, unknown>>;
}

function assertFiniteEntries(values: Float64Array, name: string, nonNegative: boolean): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`${name}[${i}] is ${values[i]}: input must be finite`);
    if (nonNegative && values[i] < 0) throw new Error(`${name}[${i}] = ${values[i]} is negative`);
  }
}

/**
 * Throws unless `model` is a risk model with n ≥ 1, arrays of consistent lengths, finite entries and
 * non-negative d, s. The model constructors check the same, but a model can also arrive as a plain
 * object (e.g. deserialised); one O(model size) pass is cheap next to any construction.
 */
export function assertRiskModel(model: RiskModel, name = 'risk'): void {
  if (model === null || typeof model !== 'object') throw new Error(`${name} must be a RiskModel, got ${String(model)}`);
  if (!Number.isInteger(model.n) || model.n <= 0) {
    throw new Error(`${name}.n must be a positive integer, got ${String(model.n)}: a portfolio needs at least one asset`);
  }
  if (model.kind === 'dense') {
    if (model.sigma.length !== model.n * model.n) {
      throw new Error(`${name}.sigma has length ${model.sigma.length}, expected n × n = ${model.n * model.n}`);
    }
    assertFiniteEntries(model.sigma, `${name}.sigma`, false);
  } else if (model.kind === 'factor') {
    if (model.d.length !== model.n) throw new Error(`${name}.d has length ${model.d.length}, expected n = ${model.n}`);
    if (model.s.length !== model.rank) throw new Error(`${name}.s has length ${model.s.length}, expected rank = ${model.rank}`);
    if (model.u.length !== model.n * model.rank) {
      throw new Error(`${name}.u has length ${model.u.length}, expected n × rank = ${model.n * model.rank}`);
    }
    assertFiniteEntries(model.d, `${name}.d`, true);
    assertFiniteEntries(model.u, `${name}.u`, false);
    assertFiniteEntries(model.s, `${name}.s`, true);
  } else {
    throw new Error(`${name}.kind must be 'dense' or 'factor'`);
  }
}

/** Throws unless `values` has length n and only finite entries; names the argument and index. */
export function assertFiniteVector(values: Float64Array, n: number, name: string): void {
  if (!(values instanceof Float64Array)) throw new Error(`${name} must be a Float64Array`);
  if (values.length !== n) throw new Error(`${name} has length ${values.length}, expected n = ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`${name}[${i}] is ${values[i]}: input must be finite`);
  }
}

/** Throws unless every asset variance is finite and strictly positive (needed for 1/σ_i, 1/σ_i²). */
export function assertPositiveVariances(variances: Float64Array, name: string): void {
  for (let i = 0; i < variances.length; i++) {
    const v = variances[i];
    if (!Number.isFinite(v)) throw new Error(`${name}: variance of asset ${i} is ${v}: input must be finite`);
    if (!(v > 0)) throw new Error(`${name}: variance of asset ${i} is ${v}, must be > 0`);
  }
}

/** Σ_i w_i. */
export function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/**
 * A covariance given as correlation and variances, Σ = diag(σ)·ρ·diag(σ), σ_i = √variances_i: the
 * input HRP and the sensitivity-based allocation take when a correlation estimate is at hand.
 */
export interface CorrelationCovariance {
  readonly kind: 'correlation';
  readonly n: number;
  /** ρ, n × n row-major, symmetric, unit diagonal, entries in [−1, 1]. */
  readonly correlation: Float64Array;
  /** Σ_ii, length n, each > 0 (units of the returns, e.g. monthly variance). */
  readonly variances: Float64Array;
}

/** Throws unless `input` is a valid {@link CorrelationCovariance} (tolerances relative 1e-10). */
export function assertCorrelationCovariance(input: CorrelationCovariance, name = 'input'): void {
  const { n, correlation, variances } = input;
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}.n must be a positive integer, got ${String(n)}`);
  if (!(correlation instanceof Float64Array) || correlation.length !== n * n) {
    throw new Error(`${name}.correlation must be a Float64Array of length n × n = ${n * n}`);
  }
  assertFiniteVector(variances, n, `${name}.variances`);
  assertPositiveVariances(variances, name);
  const tolerance = 1e-10;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const value = correlation[i * n + j];
      if (!Number.isFinite(value)) throw new Error(`${name}.correlation[${i}, ${j}] is ${value}: input must be finite`);
      if (Math.abs(value) > 1 + tolerance) throw new Error(`${name}.correlation[${i}, ${j}] = ${value} is outside [−1, 1]`);
      if (i === j && Math.abs(value - 1) > tolerance) throw new Error(`${name}.correlation[${i}, ${i}] = ${value}, expected 1`);
      if (j > i && Math.abs(value - correlation[j * n + i]) > tolerance) {
        throw new Error(`${name}.correlation is not symmetric at (${i}, ${j}): ${value} vs ${correlation[j * n + i]}`);
      }
    }
  }
}
