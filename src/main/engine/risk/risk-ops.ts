/**
 * Operations on a {@link RiskModel} that exploit its structure: a factor model
 * Σ = diag(d) + U·diag(s)·Uᵀ (U n × r) is applied in O(n·r) and solved through Woodbury in
 * O(n·r²) setup + O(n·r) per solve, never forming the n × n matrix.
 *
 * Model entries are trusted to be finite and correctly signed: `factorRiskModel` / `denseRiskModel`
 * validate them once. These functions re-check only O(1) shape facts and their vector arguments,
 * because the QP solver calls them every iteration.
 */

import { cholesky, choleskyLogDet, choleskySolve } from '../linalg/cholesky';
import { gemv } from '../linalg/gemv';
import { assertFinite, assertLength, outputArray } from '../linalg/validate';
import { woodburyFactor } from '../linalg/woodbury';
import { denseRiskModel, factorRiskModel } from './risk-model';
import type { RiskModel } from './risk-model';

/** Largest n for which {@link riskToDense} builds an n × n matrix (5000² doubles = 200 MB). */
export const RISK_DENSE_LIMIT = 5000;


/** Outcome of {@link riskSolver}. */
export type RiskSolver =
  | {
      readonly status: 'ok';
      /** `woodbury` for factor models with d > 0, `cholesky` otherwise. */
      readonly method: 'woodbury' | 'cholesky';
      /** x = Σ⁻¹·b; `b` length n; `out` optional, length n, may be `b`. */
      solve(b: Float64Array, out?: Float64Array): Float64Array;
      /** log det Σ (natural log). */
      logDet(): number;
    }
  | { readonly status: 'singular'; readonly message: string };

function checkModel(model: RiskModel): void {
  if (model.kind === 'factor') {
    assertLength(model.d, model.n, 'model.d', 'n');
    assertLength(model.s, model.rank, 'model.s', 'rank');
    assertLength(model.u, model.n * model.rank, 'model.u', 'n × rank');
  } else {
    assertLength(model.sigma, model.n * model.n, 'model.sigma', 'n × n');
  }
}

function checkVector(x: Float64Array, n: number, name: string): void {
  assertLength(x, n, name, 'n');
  assertFinite(x, name);
}

/**
 * y = Σ·x.
 *
 * @param x - length n (same units as the model's asset axis, e.g. portfolio weights).
 * @param out - optional y, length n; may be `x` for factor models, must not alias `x` for dense ones.
 */
export function riskMatvec(model: RiskModel, x: Float64Array, out?: Float64Array): Float64Array {
  checkModel(model);
  checkVector(x, model.n, 'x');
  if (model.kind === 'dense') return gemv(model.sigma, x, model.n, model.n, out);
  const { n, rank, d, u, s } = model;
  const factorExposure = new Float64Array(rank);
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const row = i * rank;
    for (let q = 0; q < rank; q++) factorExposure[q] += u[row + q] * xi;
  }
  for (let q = 0; q < rank; q++) factorExposure[q] *= s[q];
  const y = outputArray(out, n, 'n');
  for (let i = 0; i < n; i++) {
    const row = i * rank;
    let sum = d[i] * x[i];
    for (let q = 0; q < rank; q++) sum += u[row + q] * factorExposure[q];
    y[i] = sum;
  }
  return y;
}

/** xᵀ·Σ·x, e.g. the variance of portfolio x (units of the model). */
export function riskQuadForm(model: RiskModel, x: Float64Array): number {
  checkModel(model);
  checkVector(x, model.n, 'x');
  const n = model.n;
  let total = 0;
  if (model.kind === 'dense') {
    const sigma = model.sigma;
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let sum = 0;
      for (let j = 0; j < n; j++) sum += sigma[row + j] * x[j];
      total += x[i] * sum;
    }
    return total;
  }
  const { rank, d, u, s } = model;
  const factorExposure = new Float64Array(rank);
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    total += d[i] * xi * xi;
    const row = i * rank;
    for (let q = 0; q < rank; q++) factorExposure[q] += u[row + q] * xi;
  }
  for (let q = 0; q < rank; q++) total += s[q] * factorExposure[q] * factorExposure[q];
  return total;
}

/** The variances Σ_ii, length n. */
export function riskDiagonal(model: RiskModel): Float64Array {
  checkModel(model);
  const n = model.n;
  const diagonal = new Float64Array(n);
  if (model.kind === 'dense') {
    for (let i = 0; i < n; i++) diagonal[i] = model.sigma[i * n + i];
    return diagonal;
  }
  const { rank, d, u, s } = model;
  for (let i = 0; i < n; i++) {
    const row = i * rank;
    let sum = d[i];
    for (let q = 0; q < rank; q++) sum += s[q] * u[row + q] * u[row + q];
    diagonal[i] = sum;
  }
  return diagonal;
}

/** tr Σ = Σ_i Σ_ii (total variance). */
export function riskTrace(model: RiskModel): number {
  const diagonal = riskDiagonal(model);
  let total = 0;
  for (let i = 0; i < diagonal.length; i++) total += diagonal[i];
  return total;
}

/**
 * Σ as an n × n row-major matrix (a fresh copy; exactly symmetric).
 *
 * @throws when n > {@link RISK_DENSE_LIMIT}: use the structured operations instead.
 */
export function riskToDense(model: RiskModel): Float64Array {
  checkModel(model);
  const n = model.n;
  if (n > RISK_DENSE_LIMIT) {
    throw new Error(`riskToDense refuses n = ${n} > ${RISK_DENSE_LIMIT}: an n × n matrix would need ${((n * n * 8) / 1e9).toFixed(1)} GB; use riskMatvec/riskSolver`);
  }
  if (model.kind === 'dense') return Float64Array.from(model.sigma);
  const { rank, d, u, s } = model;
  const sigma = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const rowI = i * rank;
    for (let j = i; j < n; j++) {
      const rowJ = j * rank;
      let sum = i === j ? d[i] : 0;
      for (let q = 0; q < rank; q++) sum += u[rowI + q] * s[q] * u[rowJ + q];
      sigma[i * n + j] = sum;
      sigma[j * n + i] = sum;
    }
  }
  return sigma;
}

function denseSolver(sigma: Float64Array, n: number): RiskSolver {
  const factored = cholesky(sigma, n);
  if (factored.status !== 'ok') {
    return {
      status: 'singular',
      message: `Σ is not positive definite: Cholesky pivot ${factored.pivot} is ${factored.value}`,
    };
  }
  const factor = factored.factor;
  // A pivot l_kk² below n·ε·max Σ_ii means cond Σ ≳ 1/(n·ε): a solve would carry no correct
  // digits, so `singular` is the honest answer.
  let maxDiagonal = 0;
  for (let i = 0; i < n; i++) maxDiagonal = Math.max(maxDiagonal, sigma[i * n + i]);
  const threshold = n * Number.EPSILON * maxDiagonal;
  for (let i = 0; i < n; i++) {
    const pivot = factor[i * n + i] * factor[i * n + i];
    if (pivot < threshold) {
      return {
        status: 'singular',
        message: `Σ is numerically singular: Cholesky pivot ${i} is ${pivot}, below n·ε·max Σ_ii = ${threshold}`,
      };
    }
  }
  const logDet = choleskyLogDet(factor, n);
  return {
    status: 'ok',
    method: 'cholesky',
    solve: (b, out) => {
      checkVector(b, n, 'b');
      return choleskySolve(factor, n, b, out);
    },
    logDet: () => logDet,
  };
}

/**
 * Prepares repeated solves Σ·x = b: Woodbury (see linalg/woodbury) for a factor model whose d is
 * all positive, dense Cholesky for a dense model or for a factor model with some d_i = 0 and
 * n ≤ {@link RISK_DENSE_LIMIT}. Never throws for a singular Σ: returns status `singular`.
 */
export function riskSolver(model: RiskModel): RiskSolver {
  checkModel(model);
  if (model.kind === 'dense') return denseSolver(model.sigma, model.n);
  const factored = woodburyFactor(model.d, model.u, model.s);
  if (factored.status === 'ok') return { status: 'ok', method: 'woodbury', solve: factored.solve, logDet: factored.logDet };
  if (factored.argument === 'diag' && model.n <= RISK_DENSE_LIMIT) return denseSolver(riskToDense(model), model.n);
  return { status: 'singular', message: `factor model cannot be solved: ${factored.message}` };
}

/**
 * Σ + diag(diagAdd), e.g. Σ + σI for the QP's proximal term. The result shares `u`, `s` with a
 * factor model (models are immutable) and copies a dense `sigma`.
 *
 * @param diagAdd - a scalar added to every diagonal entry, or a length-n vector; finite.
 * @throws when the shifted d of a factor model would be negative.
 */
export function riskShift(model: RiskModel, diagAdd: Float64Array | number): RiskModel {
  checkModel(model);
  const n = model.n;
  if (typeof diagAdd === 'number') {
    if (!Number.isFinite(diagAdd)) throw new Error(`diagAdd is ${diagAdd}: input must be finite`);
  } else {
    checkVector(diagAdd, n, 'diagAdd');
  }
  const shiftAt = (i: number): number => (typeof diagAdd === 'number' ? diagAdd : diagAdd[i]);
  if (model.kind === 'factor') {
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = model.d[i] + shiftAt(i);
    return factorRiskModel(d, model.u, model.s);
  }
  const sigma = Float64Array.from(model.sigma);
  for (let i = 0; i < n; i++) sigma[i * n + i] += shiftAt(i);
  return denseRiskModel(sigma, n);
}
