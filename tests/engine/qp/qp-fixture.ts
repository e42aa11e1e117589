/**
 * Shared helpers of the QP tests: the cvxopt fixture (tests/fixtures/qp.py) and an independent KKT
 * checker that works on the dense Σ built here from the JSON, not on the solver's own structures.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { QpProblemJson } from '../../../src/shared/schemas/qp-problem';

export interface FixtureCase {
  name: string;
  category: string;
  problem: QpProblemJson;
  expected: {
    status: string;
    w: number[];
    objective: number;
    gap: number;
    primalInfeasibility: number;
    dualInfeasibility: number;
  };
}

export interface InfeasibleCase {
  name: string;
  expectedSet: string;
  cvxoptStatus: string;
  problem: QpProblemJson;
}

export interface QpFixture {
  cases: FixtureCase[];
  infeasible: InfeasibleCase[];
}

export function loadQpFixture(): QpFixture {
  const path = fileURLToPath(new URL('../../fixtures/json/qp.json', import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as QpFixture;
}

/** Σ as number[][] from the JSON risk block (F·Fᵀ + diag(idio), or the covariance itself). */
export function denseSigmaFromJson(problem: QpProblemJson): number[][] {
  const n = problem.mu.length;
  if ('covariance' in problem.risk) return problem.risk.covariance.map((row) => [...row]);
  const { factors, idio } = problem.risk;
  const sigma: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      let sum = i === j ? idio[i] : 0;
      for (let k = 0; k < factors[i].length; k++) sum += factors[i][k] * factors[j][k];
      row.push(sum);
    }
    sigma.push(row);
  }
  return sigma;
}

function boundAt(bound: QpProblemJson['lower'], i: number, fallback: number, infinity: number): number {
  if (bound === undefined) return fallback;
  if (bound === null) return infinity;
  if (typeof bound === 'number') return bound;
  return bound[i] ?? infinity;
}

export interface IndependentKkt {
  primal: number;
  stationarity: number;
  complementarity: number;
}

/**
 * KKT residuals of (w, y) computed from the JSON problem with a dense Σ and an activity tolerance
 * `tau`: each row's dual must lie in the subdifferential of its term at the (τ-rounded) point.
 * Dual layout: [budget? | assets | groups], OSQP signs.
 */
export function independentKkt(problem: QpProblemJson, w: ArrayLike<number>, y: ArrayLike<number>, tau = 1e-9): IndependentKkt {
  const n = problem.mu.length;
  const sigma = denseSigmaFromJson(problem);
  const hasBudget = problem.budget !== null;
  const budget = problem.budget ?? 1;
  const kappa = problem.kappa ?? 0;
  const prev = problem.prev ?? new Array<number>(n).fill(0);
  const groups = problem.groups ?? [];
  const offset = hasBudget ? 1 : 0;
  const aty = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) aty[i] = y[offset + i] + (hasBudget ? y[0] : 0);
  groups.forEach((group, g) => group.members.forEach((i) => (aty[i] += y[offset + n + g])));

  let primal = 0;
  let stationarity = 0;
  let complementarity = 0;
  let total = 0;
  const interval = (value: number, low: number, high: number): number => Math.max(low - value, value - high, 0);
  for (let i = 0; i < n; i++) {
    let sw = 0;
    for (let j = 0; j < n; j++) sw += sigma[i][j] * w[j];
    stationarity = Math.max(stationarity, Math.abs(2 * problem.gamma * sw - problem.mu[i] + aty[i]));
    const l = boundAt(problem.lower, i, 0, -Infinity);
    const u = boundAt(problem.upper, i, Infinity, Infinity);
    primal = Math.max(primal, l - w[i], w[i] - u);
    total += w[i];
    const offKink = w[i] - prev[i];
    const atKink = kappa > 0 && Math.abs(offKink) <= tau;
    const low = Math.abs(w[i] - l) <= tau ? -Infinity : atKink ? -kappa : kappa > 0 ? kappa * Math.sign(offKink) : 0;
    const high = Math.abs(w[i] - u) <= tau ? Infinity : atKink ? kappa : kappa > 0 ? kappa * Math.sign(offKink) : 0;
    complementarity = Math.max(complementarity, interval(y[offset + i], low, high));
  }
  if (hasBudget) primal = Math.max(primal, Math.abs(total - budget));
  groups.forEach((group, g) => {
    const sum = group.members.reduce((acc, i) => acc + w[i], 0);
    const min = group.min ?? -Infinity;
    const max = group.max ?? Infinity;
    primal = Math.max(primal, min - sum, sum - max);
    const low = Math.abs(sum - min) <= tau ? -Infinity : 0;
    const high = Math.abs(sum - max) <= tau ? Infinity : 0;
    complementarity = Math.max(complementarity, interval(y[offset + n + g], low, high));
  });
  return { primal, stationarity, complementarity };
}

/** −μᵀw + γ·wᵀΣw + κ‖w − prev‖₁ from the JSON problem. */
export function objectiveFromJson(problem: QpProblemJson, w: ArrayLike<number>): number {
  const n = problem.mu.length;
  const sigma = denseSigmaFromJson(problem);
  const prev = problem.prev ?? new Array<number>(n).fill(0);
  let value = 0;
  for (let i = 0; i < n; i++) {
    value += -problem.mu[i] * w[i] + (problem.kappa ?? 0) * Math.abs(w[i] - prev[i]);
    for (let j = 0; j < n; j++) value += problem.gamma * w[i] * sigma[i][j] * w[j];
  }
  return value;
}
