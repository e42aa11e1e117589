import { describe, expect, it } from 'vitest';
import { cholesky, choleskyLogDet, choleskySolve } from '../../../src/main/engine/linalg/cholesky';
import { woodburyFactor } from '../../../src/main/engine/linalg/woodbury';
import type { WoodburyFactor } from '../../../src/main/engine/linalg/woodbury';
import fixture from '../../fixtures/json/linalg.json';
import { expectClose, expectScalarClose, normRelativeDifference } from './assert-close';
import { denseDiagPlusLowRank, rhs, woodburyParts } from './formula-matrices';

/**
 * M here has condition number ≲ 100 (D ∈ [0.5, 1], ‖W·diag(c)·Wᵀ‖ ≲ 40), so both the Woodbury
 * route and a dense Cholesky solve are accurate to ~100·ε ≈ 2e-14 norm-wise; 1e-12 is the issue's
 * bar and leaves a factor 50 of headroom.
 */
const WOODBURY_RTOL = 1e-12;
/** log det is a sum of n ≤ 200 logs of O(1) numbers: relative rounding ≲ n·ε. */
const LOG_DET_RTOL = 1e-12;

function factor(n: number, m: number): WoodburyFactor {
  const { d, w, c } = woodburyParts(n, m);
  const result = woodburyFactor(d, w, c);
  if (result.status !== 'ok') throw new Error(result.message);
  return result;
}

function denseSolveAndLogDet(n: number, m: number): { x: Float64Array; logDet: number } {
  const { d, w, c } = woodburyParts(n, m);
  const dense = denseDiagPlusLowRank(d, w, c);
  const chol = cholesky(dense, n);
  if (chol.status !== 'ok') throw new Error('dense M should be PD');
  return { x: choleskySolve(chol.factor, n, rhs(n)), logDet: choleskyLogDet(chol.factor, n) };
}

describe('woodburyFactor', () => {
  for (const [n, m] of [[120, 6], [200, 8], [30, 0]] as const) {
    const key = `${n}x${m}` as keyof typeof fixture.woodbury;
    it(`solve and logDet match numpy and the dense Cholesky route at n = ${n}, m = ${m}`, () => {
      const f = factor(n, m);
      const x = f.solve(rhs(n));
      const reference = fixture.woodbury[key];
      const dense = denseSolveAndLogDet(n, m);
      const relNumpy = normRelativeDifference(x, reference.solve);
      const relDense = normRelativeDifference(x, dense.x);
      expect(relNumpy, `vs numpy: ${relNumpy} > ${WOODBURY_RTOL}`).toBeLessThanOrEqual(WOODBURY_RTOL);
      expect(relDense, `vs dense Cholesky: ${relDense} > ${WOODBURY_RTOL}`).toBeLessThanOrEqual(WOODBURY_RTOL);
      expectScalarClose(f.logDet(), reference.logDet, LOG_DET_RTOL, 0, 'log det vs numpy');
      expectScalarClose(f.logDet(), dense.logDet, LOG_DET_RTOL, 0, 'log det vs dense');
    });
  }

  it('drops c_j = 0 columns (rank counts the kept ones) without changing the solution', () => {
    const f = factor(120, 6);
    expect(f.rank).toBe(5);
    const { d, w, c } = woodburyParts(120, 6);
    const kept = [0, 1, 3, 4, 5];
    const w5 = new Float64Array(120 * 5);
    for (let i = 0; i < 120; i++) kept.forEach((j, q) => (w5[i * 5 + q] = w[i * 6 + j]));
    const reduced = woodburyFactor(d, w5, Float64Array.from(kept.map((j) => c[j])));
    if (reduced.status !== 'ok') throw new Error(reduced.message);
    expectClose(f.solve(rhs(120)), reduced.solve(rhs(120)), 0, 0, 'with vs without the zero column');
  });

  it('solves in place when out is b, reuses its scratch safely, and mutates no input', () => {
    const parts = woodburyParts(120, 6);
    const copies = [Float64Array.from(parts.d), Float64Array.from(parts.w), Float64Array.from(parts.c)];
    const result = woodburyFactor(parts.d, parts.w, parts.c);
    if (result.status !== 'ok') throw new Error(result.message);
    const first = result.solve(rhs(120));
    const b = rhs(120);
    const bCopy = Float64Array.from(b);
    const second = result.solve(b);
    expect(b).toEqual(bCopy);
    expectClose(second, first, 0, 0, 'repeat solve');
    result.solve(b, b);
    expectClose(b, first, 0, 0, 'in-place solve');
    expect([parts.d, parts.w, parts.c]).toEqual(copies);
  });

  it('stays accurate when the low-rank part dominates (D = 1e-6, c up to 7)', () => {
    const { w, c } = woodburyParts(60, 4);
    const d = new Float64Array(60).fill(1e-6);
    const result = woodburyFactor(d, w, c);
    if (result.status !== 'ok') throw new Error(result.message);
    const x = result.solve(rhs(60));
    // Residual check, independent of any reference solver: ‖M·x − b‖ / (‖M‖·‖x‖) ≈ ε·small.
    const dense = denseDiagPlusLowRank(d, w, c);
    const b = rhs(60);
    let residual = 0;
    let normM = 0;
    let normX = 0;
    for (let i = 0; i < 60; i++) {
      let sum = -b[i];
      for (let j = 0; j < 60; j++) {
        sum += dense[i * 60 + j] * x[j];
        normM = Math.max(normM, Math.abs(dense[i * 60 + j]));
      }
      residual = Math.max(residual, Math.abs(sum));
      normX = Math.max(normX, Math.abs(x[i]));
    }
    // cond(M) ≈ 1e7 here; a backward-stable solve leaves a residual ≲ n·ε·‖M‖·‖x‖.
    const BACKWARD_RTOL = 60 * Number.EPSILON * 10;
    const backward = residual / (60 * normM * normX);
    expect(backward, `backward error ${backward} > ${BACKWARD_RTOL}`).toBeLessThanOrEqual(BACKWARD_RTOL);
  });

  it('returns not-positive-definite for D_i ≤ 0 and throws for bad arguments', () => {
    const { d, w, c } = woodburyParts(30, 2);
    const zero = Float64Array.from(d);
    zero[4] = 0;
    const status = woodburyFactor(zero, w, c);
    expect(status.status).toBe('not-positive-definite');
    if (status.status === 'not-positive-definite') expect([status.argument, status.index, status.value]).toEqual(['diag', 4, 0]);
    expect(() => woodburyFactor(d, w, new Float64Array([1, -1]))).toThrow(/c\[1\] = -1 is negative/);
    expect(() => woodburyFactor(d, w.subarray(1), c)).toThrow(/w has length 59/);
    expect(() => woodburyFactor(new Float64Array(0), new Float64Array(0), new Float64Array(0))).toThrow(/diag is empty/);
    const bad = Float64Array.from(w);
    bad[5] = Number.NaN;
    expect(() => woodburyFactor(d, bad, c)).toThrow(/w\[5\] is NaN/);
    const f = factor(30, 2);
    expect(() => f.solve(rhs(29))).toThrow(/b has length 29/);
    const badB = rhs(30);
    badB[0] = Infinity;
    expect(() => f.solve(badB)).toThrow(/b\[0\] is Infinity/);
  });
});
