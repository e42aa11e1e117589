/**
 * The layer's float64 core: gradients against central finite differences of the forward (plain
 * solver, float64), against the closed form of the budget-only problem, batch = per-item solves,
 * status handling, and input errors.
 */
import { inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { factorQpBatchBackward, solveFactorQpBatch } from '../../../src/main/engine/qp/layer-batch';
import type { FactorQpBatch, LayerConstraints } from '../../../src/main/engine/qp/layer-batch';
import { solveMeanVarianceQp } from '../../../src/main/engine/qp/solve-mean-variance-qp';
import { factorRiskModel } from '../../../src/main/engine/risk/risk-model';
import { batchMargin, centralDifferences, CONSTRAINTS, expectClose, randomBatch, upstream } from './layer-problems';

const STEP = 1e-6;
/** ‖fd − analytic‖∞ ≤ REL·max(‖analytic‖∞, FLOOR) per gradient block (issue 3: relative error < 1e-5). */
const REL = 1e-5;
const FLOOR = 1e-7;
/** Smallest primal/dual slack at which a ±STEP perturbation cannot change any item's active set. */
const MIN_MARGIN = 1e-3;

function weightedLoss(batch: FactorQpBatch, constraints: LayerConstraints, dw: Float64Array): number {
  const { w, solutions } = solveFactorQpBatch(batch, constraints);
  for (const solution of solutions) if (solution.status !== 'solved') throw new Error(`perturbed item not solved: ${solution.status}`);
  let total = 0;
  for (let t = 0; t < dw.length; t++) total += dw[t] * w[t];
  return total;
}

describe('factorQpBatchBackward vs central finite differences of the float64 forward', () => {
  for (const seed of [21, 26]) {
    it(`seed ${seed}: B = 3, n = 10, k = 3, long-only, capped, turnover — μ, F, d, prev`, () => {
      const batch = randomBatch(seed, 3, 10, 3);
      const margin = batchMargin(batch, CONSTRAINTS);
      expect(margin, `degeneracy margin ${margin}, need ≥ ${MIN_MARGIN}`).toBeGreaterThanOrEqual(MIN_MARGIN);
      const solved = solveFactorQpBatch(batch, CONSTRAINTS);
      const states = new Set(solved.solutions.flatMap((solution) => solution.activeSet!.assets));
      expect([...states].sort(), 'every asset state occurs').toEqual(['free-down', 'free-up', 'kink', 'lower', 'upper']);
      const dw = upstream(batch.batch * batch.n);
      const grads = factorQpBatchBackward(solved, dw);
      const loss = (patch: Partial<FactorQpBatch>) => weightedLoss({ ...batch, ...patch }, CONSTRAINTS, dw);
      expectClose(centralDifferences(batch.mu, STEP, (mu) => loss({ mu })), grads.mu, REL, FLOOR, 'dL/dμ');
      expectClose(centralDifferences(batch.factors, STEP, (factors) => loss({ factors })), grads.factors, REL, FLOOR, 'dL/dF');
      expectClose(centralDifferences(batch.idio, STEP, (idio) => loss({ idio })), grads.idio, REL, FLOOR, 'dL/dd');
      expectClose(centralDifferences(batch.prev!, STEP, (prev) => loss({ prev })), grads.prev!, REL, FLOOR, 'dL/dprev');
    });
  }

  it('without prev (κ = 0, no turnover): no prev gradient, μ, F, d still match', () => {
    const batch = { ...randomBatch(26, 2, 8, 2), prev: undefined };
    const constraints: LayerConstraints = { gamma: 3, upper: 0.4 };
    const margin = batchMargin(batch, constraints);
    expect(margin, `degeneracy margin ${margin}, need ≥ ${MIN_MARGIN}`).toBeGreaterThanOrEqual(MIN_MARGIN);
    const solved = solveFactorQpBatch(batch, constraints);
    const dw = upstream(batch.batch * batch.n);
    const grads = factorQpBatchBackward(solved, dw);
    expect(grads.prev).toBeUndefined();
    const loss = (patch: Partial<FactorQpBatch>) => weightedLoss({ ...batch, ...patch }, constraints, dw);
    expectClose(centralDifferences(batch.mu, STEP, (mu) => loss({ mu })), grads.mu, REL, FLOOR, 'dL/dμ');
    expectClose(centralDifferences(batch.factors, STEP, (factors) => loss({ factors })), grads.factors, REL, FLOOR, 'dL/dF');
    expectClose(centralDifferences(batch.idio, STEP, (idio) => loss({ idio })), grads.idio, REL, FLOOR, 'dL/dd');
  });
});

describe('closed form of min −μᵀw + γwᵀ(FFᵀ + diag(d))w s.t. 1ᵀw = 1 (no bounds)', () => {
  // w = Σ⁻¹(μ − ν1)/(2γ); with P = Σ⁻¹ − Σ⁻¹11ᵀΣ⁻¹/(1ᵀΣ⁻¹1): dL/dμ = P·g/(2γ), dL/dΣ = −(P g wᵀ + w gᵀP)/2,
  // so dL/dF = 2·(dL/dΣ)·F = −(P g (Fᵀw)ᵀ + w (FᵀP g)ᵀ) and dL/dd_i = −(P g)_i·w_i.
  it('B = 2, n = 12, k = 3: weights and every gradient', () => {
    const constraints: LayerConstraints = { gamma: 1.5, lower: null, upper: null };
    const batch = { ...randomBatch(5, 2, 12, 3), prev: undefined };
    const { n, k } = batch;
    const solved = solveFactorQpBatch(batch, constraints);
    const dw = upstream(batch.batch * n);
    const grads = factorQpBatchBackward(solved, dw);
    for (let b = 0; b < batch.batch; b++) {
      const f = Matrix.from1DArray(n, k, Array.from(batch.factors.subarray(b * n * k, (b + 1) * n * k)));
      const sigma = f.mmul(f.transpose()).add(Matrix.diag(Array.from(batch.idio.subarray(b * n, b * n + n))));
      const inv = inverse(sigma);
      const ones = Matrix.ones(n, 1);
      const invOnes = inv.mmul(ones);
      const denom = ones.transpose().mmul(invOnes).get(0, 0);
      const invMu = inv.mmul(Matrix.columnVector(Array.from(batch.mu.subarray(b * n, b * n + n))));
      const nu = (ones.transpose().mmul(invMu).get(0, 0) - 2 * constraints.gamma) / denom;
      const w = invMu.sub(invOnes.clone().mul(nu)).div(2 * constraints.gamma);
      const p = inv.sub(invOnes.mmul(invOnes.transpose()).div(denom));
      const pg = p.mmul(Matrix.columnVector(Array.from(dw.subarray(b * n, b * n + n))));
      expectClose(w.to1DArray(), solved.w.subarray(b * n, b * n + n), 1e-10, 1, `item ${b}: w`);
      expectClose(pg.clone().div(2 * constraints.gamma).to1DArray(), grads.mu.subarray(b * n, b * n + n), 1e-9, 1, `item ${b}: dL/dμ`);
      const ftw = f.transpose().mmul(w);
      const ftpg = f.transpose().mmul(pg);
      const dF = pg.mmul(ftw.transpose()).add(w.mmul(ftpg.transpose())).mul(-1);
      expectClose(dF.to1DArray(), grads.factors.subarray(b * n * k, (b + 1) * n * k), 1e-9, 1, `item ${b}: dL/dF`);
      const dd = pg.to1DArray().map((v, i) => -v * w.get(i, 0));
      expectClose(dd, grads.idio.subarray(b * n, b * n + n), 1e-9, 1, `item ${b}: dL/dd`);
    }
  });
});

describe('batch semantics', () => {
  it('each item equals its own solveMeanVarianceQp solve (bitwise, cold start)', () => {
    const batch = randomBatch(3, 4, 15, 4);
    const solved = solveFactorQpBatch(batch, CONSTRAINTS);
    const { n, k } = batch;
    for (let b = 0; b < batch.batch; b++) {
      const alone = solveMeanVarianceQp({
        mu: batch.mu.slice(b * n, b * n + n),
        gamma: CONSTRAINTS.gamma,
        risk: factorRiskModel(batch.idio.slice(b * n, b * n + n), batch.factors.slice(b * n * k, (b + 1) * n * k), new Float64Array(k).fill(1)),
        upper: CONSTRAINTS.upper,
        kappa: CONSTRAINTS.kappa,
        prev: batch.prev!.slice(b * n, b * n + n),
      });
      expect(alone.status).toBe('solved');
      expect(Array.from(solved.w.subarray(b * n, b * n + n)), `item ${b}`).toEqual(Array.from(alone.w));
    }
  });

  it('warm starts from another batch change nothing beyond 1e-10 (polished answers)', () => {
    const first = randomBatch(3, 4, 15, 4);
    const second = randomBatch(4, 4, 15, 4);
    const cold = solveFactorQpBatch(second, CONSTRAINTS);
    const previous = solveFactorQpBatch(first, CONSTRAINTS);
    const warm = solveFactorQpBatch(
      second,
      CONSTRAINTS,
      previous.solutions.map((solution) => ({ w: solution.w, y: solution.y, rho: solution.info.rho })),
    );
    expect(warm.solutions.map((solution) => solution.status)).toEqual(['solved', 'solved', 'solved', 'solved']);
    expectClose(cold.w, warm.w, 1e-10, 1, 'warm vs cold w');
  });

  it('does not mutate its inputs', () => {
    const batch = randomBatch(8, 2, 6, 2);
    const copy = { mu: batch.mu.slice(), factors: batch.factors.slice(), idio: batch.idio.slice(), prev: batch.prev!.slice() };
    const solved = solveFactorQpBatch(batch, CONSTRAINTS);
    factorQpBatchBackward(solved, upstream(12));
    expect(batch.mu).toEqual(copy.mu);
    expect(batch.factors).toEqual(copy.factors);
    expect(batch.idio).toEqual(copy.idio);
    expect(batch.prev).toEqual(copy.prev);
  });
});

describe('non-solved items and errors', () => {
  it('an item stopped by max-iterations keeps its best point and gets zero gradients', () => {
    const batch = randomBatch(26, 2, 10, 3);
    const solved = solveFactorQpBatch(batch, { ...CONSTRAINTS, settings: { maxIter: 3, polish: false } });
    expect(solved.solutions.map((solution) => solution.status)).toEqual(['max-iterations', 'max-iterations']);
    expect(solved.differentiable).toEqual([false, false]);
    solved.solutions.forEach((solution, b) => {
      expect(Array.from(solved.w.subarray(b * 10, b * 10 + 10)), `item ${b}: the solver's point`).toEqual(Array.from(solution.w));
    });
    expect(solved.w.every(Number.isFinite)).toBe(true);
    const grads = factorQpBatchBackward(solved, upstream(20));
    for (const block of [grads.mu, grads.factors, grads.idio, grads.prev!]) expect(block.every((v) => v === 0)).toBe(true);
  });

  it('an infeasible constraint set throws with the solver\'s diagnosis', () => {
    const batch = randomBatch(1, 2, 5, 2);
    expect(() => solveFactorQpBatch(batch, { gamma: 1, upper: 0.1 })).toThrow(/batch item 0 is primal-infeasible/);
  });

  it('rejects bad γ, κ, shapes, non-finite and negative entries, and a bad dw', () => {
    const batch = randomBatch(1, 2, 5, 2);
    expect(() => solveFactorQpBatch(batch, { gamma: 0 })).toThrow(/gamma = 0/);
    expect(() => solveFactorQpBatch(batch, { gamma: Number.NaN })).toThrow(/gamma = NaN/);
    expect(() => solveFactorQpBatch(batch, { gamma: 1, kappa: -1 })).toThrow(/kappa = -1/);
    expect(() => solveFactorQpBatch({ ...batch, mu: batch.mu.slice(1) }, CONSTRAINTS)).toThrow(/mu has length 9, expected B × n = 2 × 5 = 10/);
    expect(() => solveFactorQpBatch({ ...batch, factors: batch.factors.slice(2) }, CONSTRAINTS)).toThrow(/factors has length 18/);
    expect(() => solveFactorQpBatch({ ...batch, batch: 0, mu: new Float64Array(0) }, CONSTRAINTS)).toThrow(/batch = 0/);
    const nan = batch.mu.slice();
    nan[7] = Number.NaN;
    expect(() => solveFactorQpBatch({ ...batch, mu: nan }, CONSTRAINTS)).toThrow(/mu\[item 1, entry 2\] is NaN/);
    const inf = batch.factors.slice();
    inf[3] = Infinity;
    expect(() => solveFactorQpBatch({ ...batch, factors: inf }, CONSTRAINTS)).toThrow(/factors\[item 0, entry 3\] is Infinity/);
    const negative = batch.idio.slice();
    negative[6] = -0.01;
    expect(() => solveFactorQpBatch({ ...batch, idio: negative }, CONSTRAINTS)).toThrow(/idio\[item 1, asset 1\] = -0.01: must be ≥ 0/);
    const solved = solveFactorQpBatch(batch, CONSTRAINTS);
    expect(() => factorQpBatchBackward(solved, new Float64Array(9))).toThrow(/dw has length 9/);
    const badDw = new Float64Array(10);
    badDw[4] = Number.NaN;
    expect(() => factorQpBatchBackward(solved, badDw)).toThrow(/dw\[item 0, asset 4\] is NaN/);
  });
});
