/**
 * The float64 core of the mean–variance layer (./layer): a batch of METHODS.md §1 risk-head
 * problems
 *   min_w −μ_bᵀw + γ·wᵀ(F_b·F_bᵀ + diag(d_b))w + κ‖w − prev_b‖₁   s.t. the layer's constraints,
 * each solved by `solveMeanVarianceQp` with the factor model u = F_b, s = 1, d = d_b, and
 * differentiated by `qpBackward` at its polished active set (Amos & Kolter, "OptNet", ICML 2017;
 * Agrawal et al., "Differentiable convex optimization layers", NeurIPS 2019). No tfjs here, so the
 * gradients can be checked against finite differences in float64.
 */

import { factorRiskModel } from '../risk/risk-model';
import { qpBackward } from './kkt-backward';
import type { MeanVarianceProblem, QpGroup, QpSettings, QpSolution, QpWarmStart } from './qp-types';
import { solveMeanVarianceQp } from './solve-mean-variance-qp';

/** The constraints and settings shared by every item of a batch (the layer's hyper-parameters). */
export interface LayerConstraints {
  /** Risk aversion γ > 0 (γ = 0 would leave the backward's KKT system singular). */
  gamma: number;
  /** Per-asset lower bounds (length n) or one for all; default 0; `null` = −∞. */
  lower?: Float64Array | number | null;
  /** Per-asset upper bounds (length n) or one for all; default +∞. */
  upper?: Float64Array | number | null;
  /** Σ w_i = budget; default 1; `null` drops the budget row. */
  budget?: number | null;
  /** Turnover penalty κ ≥ 0 against `prev` (zeros when no prev is given); default 0. */
  kappa?: number;
  groups?: QpGroup[];
  settings?: Partial<QpSettings>;
}

/**
 * A batch of B problems over n assets with k factors, all row-major float64:
 * `mu` B × n, `factors` B × n × k (item b's F_b is rows b·n … b·n + n − 1), `idio` B × n (each ≥ 0;
 * > 0 keeps every item differentiable), `prev` B × n (optional).
 */
export interface FactorQpBatch {
  batch: number;
  n: number;
  k: number;
  mu: Float64Array;
  factors: Float64Array;
  idio: Float64Array;
  prev?: Float64Array;
}

/** The forward pass's record: what the backward pass needs, saved as float64 (no tensors). */
export interface FactorQpBatchSolve {
  batch: number;
  n: number;
  k: number;
  /** Weights, B × n. */
  w: Float64Array;
  problems: MeanVarianceProblem[];
  solutions: QpSolution[];
  /** Per item: solved and polished, so `qpBackward` applies; otherwise its gradients are zero. */
  differentiable: boolean[];
  hasPrev: boolean;
}

/** dL/d(inputs) of a batch, shapes as in {@link FactorQpBatch}; `prev` only when the batch had one. */
export interface FactorQpBatchGradients {
  mu: Float64Array;
  factors: Float64Array;
  idio: Float64Array;
  prev?: Float64Array;
}

function checkShape(batch: FactorQpBatch): void {
  const { batch: size, n, k } = batch;
  for (const [name, value] of [['batch', size], ['n', n], ['k', k]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} = ${value}: must be a non-negative integer`);
  }
  if (size === 0) throw new Error('batch = 0: the batch is empty');
  if (n === 0) throw new Error('n = 0: the problems need at least one asset');
  const expect = (name: string, array: Float64Array | undefined, length: number, shape: string): void => {
    if (array === undefined) return;
    if (array.length !== length) throw new Error(`${name} has length ${array.length}, expected ${shape} = ${length}`);
  };
  expect('mu', batch.mu, size * n, `B × n = ${size} × ${n}`);
  expect('factors', batch.factors, size * n * k, `B × n × k = ${size} × ${n} × ${k}`);
  expect('idio', batch.idio, size * n, `B × n = ${size} × ${n}`);
  expect('prev', batch.prev, size * n, `B × n = ${size} × ${n}`);
  const finite = (name: string, array: Float64Array | undefined, width: number): void => {
    if (array === undefined) return;
    for (let t = 0; t < array.length; t++) {
      if (!Number.isFinite(array[t])) {
        throw new Error(`${name}[item ${Math.floor(t / width)}, entry ${t % width}] is ${array[t]}: must be finite`);
      }
    }
  };
  finite('mu', batch.mu, n);
  finite('factors', batch.factors, n * k);
  finite('idio', batch.idio, n);
  finite('prev', batch.prev, n);
  for (let t = 0; t < batch.idio.length; t++) {
    if (batch.idio[t] < 0) throw new Error(`idio[item ${Math.floor(t / n)}, asset ${t % n}] = ${batch.idio[t]}: must be ≥ 0`);
  }
}

/** Validates the layer's constraints once, at construction. */
export function checkLayerConstraints(constraints: LayerConstraints): void {
  const { gamma } = constraints;
  if (!(Number.isFinite(gamma) && gamma > 0)) throw new Error(`gamma = ${gamma}: the layer needs finite risk aversion > 0`);
  const kappa = constraints.kappa ?? 0;
  if (!(Number.isFinite(kappa) && kappa >= 0)) throw new Error(`kappa = ${kappa}: must be finite and ≥ 0`);
}

function itemProblem(batch: FactorQpBatch, constraints: LayerConstraints, b: number): MeanVarianceProblem {
  const { n, k } = batch;
  const ones = new Float64Array(k).fill(1);
  const risk = factorRiskModel(batch.idio.subarray(b * n, b * n + n), batch.factors.subarray(b * n * k, (b + 1) * n * k), ones);
  return {
    mu: batch.mu.subarray(b * n, b * n + n),
    gamma: constraints.gamma,
    risk,
    ...(constraints.budget !== undefined ? { budget: constraints.budget } : {}),
    ...(constraints.lower !== undefined ? { lower: constraints.lower } : {}),
    ...(constraints.upper !== undefined ? { upper: constraints.upper } : {}),
    ...(batch.prev !== undefined ? { prev: batch.prev.subarray(b * n, b * n + n) } : {}),
    kappa: constraints.kappa ?? 0,
    ...(constraints.groups !== undefined ? { groups: constraints.groups } : {}),
  };
}

/**
 * Solves every item of the batch (sequentially; item b warm-started from `warmStarts[b]` when given).
 *
 * Statuses: `solved` items are exact (polished). `solved-inaccurate`, `max-iterations` and
 * `time-limit` items keep the solver's best point (the ADMM iterate projected on the bounds) and are
 * marked not differentiable. An item with no point at all (`primal-infeasible`, `dual-infeasible`)
 * throws: the layer's constraints or inputs admit no weights, which training cannot work around.
 *
 * Inputs are not mutated; the returned problems view them (subarrays), so keep them unchanged until
 * the backward pass has run.
 *
 * @throws on malformed shapes, non-finite entries, negative `idio`, or an infeasible item.
 */
export function solveFactorQpBatch(
  batch: FactorQpBatch,
  constraints: LayerConstraints,
  warmStarts?: readonly (QpWarmStart | undefined)[],
): FactorQpBatchSolve {
  checkLayerConstraints(constraints);
  checkShape(batch);
  const { batch: size, n, k } = batch;
  const w = new Float64Array(size * n);
  const problems: MeanVarianceProblem[] = [];
  const solutions: QpSolution[] = [];
  const differentiable: boolean[] = [];
  for (let b = 0; b < size; b++) {
    const problem = itemProblem(batch, constraints, b);
    const solution = solveMeanVarianceQp(problem, constraints.settings, warmStarts?.[b]);
    if (solution.status === 'primal-infeasible' || solution.status === 'dual-infeasible') {
      const detail = solution.infeasibility ? `: ${solution.infeasibility.message}` : '';
      throw new Error(`batch item ${b} is ${solution.status}${detail}`);
    }
    w.set(solution.w, b * n);
    problems.push(problem);
    solutions.push(solution);
    differentiable.push(solution.status === 'solved' && solution.activeSet !== undefined);
  }
  return { batch: size, n, k, w, problems, solutions, differentiable, hasPrev: batch.prev !== undefined };
}

/**
 * Vector–Jacobian products of a solved batch: given dL/dw (B × n), dL/dμ, dL/dF, dL/dd and dL/dprev
 * per item from `qpBackward` (factor gradient with s = 1 is dL/dF directly). Items that are not
 * differentiable (see {@link FactorQpBatchSolve.differentiable}) get zero gradients: their point is
 * not a verified KKT point, so no implicit derivative exists to report.
 *
 * @throws when `dw` has the wrong length or non-finite entries.
 */
export function factorQpBatchBackward(solved: FactorQpBatchSolve, dw: Float64Array): FactorQpBatchGradients {
  const { batch: size, n, k } = solved;
  if (dw.length !== size * n) throw new Error(`dw has length ${dw.length}, expected B × n = ${size} × ${n} = ${size * n}`);
  for (let t = 0; t < dw.length; t++) {
    if (!Number.isFinite(dw[t])) throw new Error(`dw[item ${Math.floor(t / n)}, asset ${t % n}] is ${dw[t]}: must be finite`);
  }
  const gradients: FactorQpBatchGradients = {
    mu: new Float64Array(size * n),
    factors: new Float64Array(size * n * k),
    idio: new Float64Array(size * n),
    ...(solved.hasPrev ? { prev: new Float64Array(size * n) } : {}),
  };
  for (let b = 0; b < size; b++) {
    if (!solved.differentiable[b]) continue;
    const item = qpBackward(solved.problems[b], solved.solutions[b], dw.subarray(b * n, b * n + n));
    gradients.mu.set(item.mu, b * n);
    if (item.factors !== undefined) gradients.factors.set(item.factors, b * n * k);
    if (item.idio !== undefined) gradients.idio.set(item.idio, b * n);
    gradients.prev?.set(item.prev, b * n);
  }
  return gradients;
}
