/**
 * Solves with M = diag(D) + W·diag(c)·Wᵀ (D > 0, c ≥ 0, W n × m) without forming the n × n matrix.
 *
 * Form used (symmetric Woodbury). With R = D^(−1/2) and V = R·W·diag(√c) (n × m),
 *   M = R⁻¹·(I_n + V·Vᵀ)·R⁻¹,
 *   M⁻¹ = R·(I_n − V·K⁻¹·Vᵀ)·R,   K = I_m + Vᵀ·V   (the capacitance matrix),
 *   log det M = Σ log D_i + log det K   (matrix determinant lemma).
 * Scaling by √c on both sides keeps K symmetric with every eigenvalue ≥ 1, so its Cholesky
 * factorisation cannot break down and K is never worse conditioned than M itself
 * (cond K ≤ 1 + σ_max(V)² = cond(I + V·Vᵀ)). The unsymmetric textbook form
 * (diag(c)⁻¹ + Wᵀ·D⁻¹·W) would instead need c > 0 and lose accuracy as c_j → 0.
 * The solve's error grows like ε·cond(I + V·Vᵀ): when D is tiny against W·diag(c)·Wᵀ, M is
 * nearly singular and no method recovers the lost digits.
 *
 * Columns with c_j = 0 contribute nothing to M; they are dropped at factor time, so `rank` counts
 * the columns kept. Costs: factor O(n·m² + m³), each solve O(n·m), logDet O(1) after factoring.
 */

import { cholesky, choleskySolve } from './cholesky';
import { gemmTransA } from './gemm';
import { assertFinite, assertLength, outputArray } from './validate';

/** A factored diagonal-plus-low-rank matrix, ready for repeated solves. */
export interface WoodburyFactor {
  readonly status: 'ok';
  /** Order of M. */
  readonly n: number;
  /** Number of columns of W kept (those with c_j > 0). */
  readonly rank: number;
  /**
   * x = M⁻¹·b in O(n·rank).
   * @param b - length n; not mutated unless passed as `out`.
   * @param out - optional x, length n; may be `b`.
   */
  solve(b: Float64Array, out?: Float64Array): Float64Array;
  /** log det M (natural log). */
  logDet(): number;
}

/** Why {@link woodburyFactor} could not factor M. */
export interface WoodburyNotPositiveDefinite {
  readonly status: 'not-positive-definite';
  /** `diag`: some D_i ≤ 0, which this method cannot handle; `capacitance`: K failed numerically. */
  readonly argument: 'diag' | 'capacitance';
  /** Offending index into D, or the failing pivot of K. */
  readonly index: number;
  readonly value: number;
  readonly message: string;
}

/**
 * Factors M = diag(D) + W·diag(c)·Wᵀ for repeated O(n·m) solves.
 *
 * @param diag - D, length n ≥ 1, each > 0 (a D_i ≤ 0 returns status `not-positive-definite`).
 * @param w - W, n × m row-major, m = c.length (m = 0 gives M = diag(D)).
 * @param c - length m, each ≥ 0.
 * @throws on wrong lengths, non-finite entries or a negative c_j.
 */
export function woodburyFactor(
  diag: Float64Array,
  w: Float64Array,
  c: Float64Array,
): WoodburyFactor | WoodburyNotPositiveDefinite {
  const n = diag.length;
  const m = c.length;
  if (n === 0) throw new Error('diag is empty: M needs order n ≥ 1');
  assertLength(w, n * m, 'w', 'n × m (n = diag.length, m = c.length)');
  assertFinite(diag, 'diag');
  assertFinite(w, 'w');
  assertFinite(c, 'c');
  for (let j = 0; j < m; j++) {
    if (c[j] < 0) throw new Error(`c[${j}] = ${c[j]} is negative: the low-rank weights must be ≥ 0`);
  }
  for (let i = 0; i < n; i++) {
    if (!(diag[i] > 0)) {
      return {
        status: 'not-positive-definite',
        argument: 'diag',
        index: i,
        value: diag[i],
        message: `diag[${i}] = ${diag[i]}: the Woodbury form needs every diagonal entry > 0`,
      };
    }
  }

  const kept: number[] = [];
  for (let j = 0; j < m; j++) if (c[j] > 0) kept.push(j);
  const rank = kept.length;

  const rootInverse = new Float64Array(n);
  let logDetDiag = 0;
  for (let i = 0; i < n; i++) {
    rootInverse[i] = 1 / Math.sqrt(diag[i]);
    logDetDiag += Math.log(diag[i]);
  }
  const v = new Float64Array(n * rank);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < rank; q++) {
      const j = kept[q];
      v[i * rank + q] = rootInverse[i] * w[i * m + j] * Math.sqrt(c[j]);
    }
  }

  let capacitanceFactor: Float64Array = new Float64Array(0);
  let logDetCapacitance = 0;
  if (rank > 0) {
    const capacitance = gemmTransA(v, v, n, rank, rank);
    for (let q = 0; q < rank; q++) capacitance[q * rank + q] += 1;
    const factored = cholesky(capacitance, rank);
    if (factored.status !== 'ok') {
      return {
        status: 'not-positive-definite',
        argument: 'capacitance',
        index: factored.pivot,
        value: factored.value,
        message: `capacitance matrix I + VᵀV lost positive definiteness at pivot ${factored.pivot} (value ${factored.value}): W·diag(c)·Wᵀ is too large against D to represent`,
      };
    }
    capacitanceFactor = factored.factor;
    for (let q = 0; q < rank; q++) logDetCapacitance += 2 * Math.log(capacitanceFactor[q * rank + q]);
  }

  const projected = new Float64Array(rank);
  const logDet = logDetDiag + logDetCapacitance;

  function solve(b: Float64Array, out?: Float64Array): Float64Array {
    assertLength(b, n, 'b', 'n');
    assertFinite(b, 'b');
    const x = outputArray(out, n, 'n');
    for (let i = 0; i < n; i++) x[i] = b[i] * rootInverse[i];
    if (rank === 0) {
      for (let i = 0; i < n; i++) x[i] *= rootInverse[i];
      return x;
    }
    projected.fill(0);
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      const row = i * rank;
      for (let q = 0; q < rank; q++) projected[q] += v[row + q] * xi;
    }
    choleskySolve(capacitanceFactor, rank, projected, projected);
    for (let i = 0; i < n; i++) {
      const row = i * rank;
      let correction = 0;
      for (let q = 0; q < rank; q++) correction += v[row + q] * projected[q];
      x[i] = (x[i] - correction) * rootInverse[i];
    }
    return x;
  }

  return { status: 'ok', n, rank, solve, logDet: () => logDet };
}
