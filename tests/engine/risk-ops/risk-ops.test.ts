import { describe, expect, it } from 'vitest';
import { cholesky, choleskySolve } from '../../../src/main/engine/linalg/cholesky';
import {
  RISK_DENSE_LIMIT,
  riskDiagonal,
  riskMatvec,
  riskQuadForm,
  riskShift,
  riskSolver,
  riskToDense,
  riskTrace,
} from '../../../src/main/engine/risk/risk-ops';
import { denseRiskModel, factorRiskModel } from '../../../src/main/engine/risk/risk-model';
import type { RiskModel } from '../../../src/main/engine/risk/risk-model';
import fixture from '../../fixtures/json/linalg.json';
import { expectClose, expectScalarClose, normRelativeDifference } from '../linalg/assert-close';
import { denseDiagPlusLowRank, rhs, spdCos, woodburyParts } from '../linalg/formula-matrices';

/**
 * Structured and dense routes sum the same O(n·r) products in different orders; with entries
 * O(1)–O(10) and n ≤ 200 the rounding differences stay below ~1e-13 relative.
 */
const OPS_RTOL = 1e-12;
/** Solves: M has condition ≲ 100 (see the Woodbury test), so 1e-12 norm-wise as there. */
const SOLVE_RTOL = 1e-12;

function factorModel(n: number, m: number): RiskModel {
  const { d, w, c } = woodburyParts(n, m);
  return factorRiskModel(d, w, c);
}

function denseOf(n: number, m: number): Float64Array {
  const { d, w, c } = woodburyParts(n, m);
  return denseDiagPlusLowRank(d, w, c);
}

describe('risk ops on a factor model equal numpy and their dense counterparts', () => {
  for (const [n, m] of [[120, 6], [200, 8], [30, 0]] as const) {
    const key = `${n}x${m}` as keyof typeof fixture.woodbury;
    const reference = fixture.woodbury[key];

    it(`matvec, quadForm, diagonal, trace, toDense at n = ${n}, rank ${m}`, () => {
      const model = factorModel(n, m);
      const dense = denseOf(n, m);
      const denseModel = denseRiskModel(dense, n);
      expectClose(riskMatvec(model, rhs(n)), reference.matvec, OPS_RTOL, 1e-13, 'Σx factor vs numpy');
      expectClose(riskMatvec(denseModel, rhs(n)), reference.matvec, OPS_RTOL, 1e-13, 'Σx dense vs numpy');
      expectScalarClose(riskQuadForm(model, rhs(n)), reference.quadForm, OPS_RTOL, 0, 'xᵀΣx factor');
      expectScalarClose(riskQuadForm(denseModel, rhs(n)), reference.quadForm, OPS_RTOL, 0, 'xᵀΣx dense');
      const diagonal = Float64Array.from({ length: n }, (_, i) => dense[i * n + i]);
      expectClose(riskDiagonal(model), diagonal, OPS_RTOL, 0, 'diag Σ');
      expectClose(riskDiagonal(denseModel), diagonal, 0, 0, 'diag Σ dense');
      expectScalarClose(riskTrace(model), reference.trace, OPS_RTOL, 0, 'tr Σ factor');
      expectScalarClose(riskTrace(denseModel), reference.trace, OPS_RTOL, 0, 'tr Σ dense');
      expectClose(riskToDense(model), dense, OPS_RTOL, 1e-13, 'dense Σ');
    });

    it(`riskSolver uses Woodbury for the factor model and Cholesky for the dense one at n = ${n}`, () => {
      const factorSolver = riskSolver(factorModel(n, m));
      const denseSolver = riskSolver(denseRiskModel(denseOf(n, m), n));
      if (factorSolver.status !== 'ok' || denseSolver.status !== 'ok') throw new Error('expected solvable models');
      expect([factorSolver.method, denseSolver.method]).toEqual(['woodbury', 'cholesky']);
      for (const solver of [factorSolver, denseSolver]) {
        const rel = normRelativeDifference(solver.solve(rhs(n)), reference.solve);
        expect(rel, `${solver.method} solve vs numpy: ${rel} > ${SOLVE_RTOL}`).toBeLessThanOrEqual(SOLVE_RTOL);
        expectScalarClose(solver.logDet(), reference.logDet, SOLVE_RTOL, 0, `${solver.method} log det`);
      }
    });
  }

  it('riskToDense is exactly symmetric', () => {
    const sigma = riskToDense(factorModel(50, 6));
    for (let i = 0; i < 50; i++) for (let j = 0; j < i; j++) expect(sigma[i * 50 + j]).toBe(sigma[j * 50 + i]);
  });
});

describe('riskSolver edge cases', () => {
  it('falls back to dense Cholesky when some d_i = 0 but Σ is still PD', () => {
    const { d, w, c } = woodburyParts(8, 8);
    const zeroed = Float64Array.from(d);
    zeroed[2] = 0;
    const model = factorRiskModel(zeroed, w, c.map((v) => v + 1));
    const solver = riskSolver(model);
    if (solver.status !== 'ok') throw new Error(solver.message);
    expect(solver.method).toBe('cholesky');
    const x = solver.solve(rhs(8));
    expectClose(riskMatvec(model, x), rhs(8), 1e-10, 1e-12, 'Σ·(Σ⁻¹b) = b');
  });

  it('reports singular (never throws) for an indefinite or rank-deficient Σ', () => {
    const indefinite = riskSolver(denseRiskModel(new Float64Array([1, 2, 2, 1]), 2));
    expect(indefinite.status).toBe('singular');
    if (indefinite.status === 'singular') expect(indefinite.message).toMatch(/not positive definite/);
    // Rank 1 in 3 dimensions: d = 0 and one factor.
    const rankDeficient = riskSolver(factorRiskModel(new Float64Array(3), new Float64Array([1, 2, 3]), new Float64Array([1])));
    expect(rankDeficient.status).toBe('singular');
    // Numerically singular: pivots at the round-off level of a rank-1 PSD matrix.
    const u = [0.1, 0.7, 0.3];
    const nearly = denseRiskModel(Float64Array.from({ length: 9 }, (_, k) => u[Math.floor(k / 3)] * u[k % 3]), 3);
    expect(riskSolver(nearly).status).toBe('singular');
  });
});

describe('riskShift', () => {
  it('adds a scalar or a vector to the diagonal of either kind', () => {
    const model = factorModel(30, 2);
    const dense = denseRiskModel(denseOf(30, 2), 30);
    const add = Float64Array.from({ length: 30 }, (_, i) => 0.01 * i);
    for (const base of [model, dense]) {
      const expected = riskToDense(base);
      for (let i = 0; i < 30; i++) expected[i * 30 + i] += 0.25;
      expectClose(riskToDense(riskShift(base, 0.25)), expected, 1e-15, 1e-15, `${base.kind} + 0.25·I`);
      const expectedVector = riskToDense(base);
      for (let i = 0; i < 30; i++) expectedVector[i * 30 + i] += add[i];
      expectClose(riskToDense(riskShift(base, add)), expectedVector, 1e-15, 1e-15, `${base.kind} + diag(v)`);
    }
    expect(riskShift(model, 0.5).kind).toBe('factor');
  });

  it('does not mutate the model, and rejects a negative shifted d or bad shift', () => {
    const model = factorModel(30, 2);
    if (model.kind !== 'factor') throw new Error('factor expected');
    const before = Float64Array.from(model.d);
    riskShift(model, 0.5);
    expect(model.d).toEqual(before);
    expect(() => riskShift(model, -10)).toThrow(/d\[0\] = .* is negative/);
    expect(() => riskShift(model, Number.NaN)).toThrow(/diagAdd is NaN/);
    expect(() => riskShift(model, new Float64Array(3))).toThrow(/diagAdd has length 3/);
  });
});

describe('argument checks', () => {
  const model = factorModel(30, 2);

  it('reject wrong lengths and non-finite vectors, naming the argument', () => {
    expect(() => riskMatvec(model, rhs(29))).toThrow(/x has length 29/);
    const x = rhs(30);
    x[4] = Number.NaN;
    expect(() => riskQuadForm(model, x)).toThrow(/x\[4\] is NaN/);
    const solver = riskSolver(model);
    if (solver.status !== 'ok') throw new Error('solvable');
    expect(() => solver.solve(rhs(31))).toThrow(/b has length 31/);
    const broken = { ...model, rank: 3 } as RiskModel;
    expect(() => riskDiagonal(broken)).toThrow(/model.s has length 2/);
  });

  it('riskToDense refuses n above the limit', () => {
    const n = RISK_DENSE_LIMIT + 1;
    const big = factorRiskModel(new Float64Array(n).fill(1), new Float64Array(0), new Float64Array(0));
    expect(() => riskToDense(big)).toThrow(/refuses n = 5001/);
    // The structured operations still work at that size.
    expect(riskTrace(big)).toBe(n);
  });

  it('matvec may write in place for factor models and leaves inputs untouched', () => {
    const x = rhs(30);
    const expected = riskMatvec(model, x);
    const copy = Float64Array.from(x);
    expect(x).toEqual(copy);
    riskMatvec(model, x, x);
    expectClose(x, expected, 0, 0, 'in-place Σx');
  });

  it('dense solve agrees with a direct Cholesky solve of the same matrix', () => {
    const sigma = spdCos(40);
    const solver = riskSolver(denseRiskModel(sigma, 40));
    const chol = cholesky(sigma, 40);
    if (solver.status !== 'ok' || chol.status !== 'ok') throw new Error('PD expected');
    expectClose(solver.solve(rhs(40)), choleskySolve(chol.factor, 40, rhs(40)), 0, 0, 'same route');
  });
});
