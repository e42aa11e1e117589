import { describe, expect, it } from 'vitest';
import { cholesky, choleskyLogDet, choleskySolve, choleskySolveMany } from '../../../src/main/engine/linalg/cholesky';
import {
  solveLowerTransposed,
  solveLowerTriangular,
  solveLowerTriangularMany,
  solveUpperTriangular,
} from '../../../src/main/engine/linalg/triangular';
import fixture from '../../fixtures/json/linalg.json';
import { expectClose, expectScalarClose } from './assert-close';
import { cosMatrix, rhs, spdCos } from './formula-matrices';

/**
 * The cosine SPD matrices have condition number ≤ ~3 (eigenvalues in [n − ‖C‖, n + ‖C‖] with
 * ‖C‖ well under n), so factors and solves are accurate to a few ε relative; 1e-13 leaves room
 * for n = 50 accumulation and numpy's own rounding.
 */
const SOLVE_RTOL = 1e-13;
const SOLVE_ATOL = 1e-15;

type CholeskyEntry = Omit<(typeof fixture.cholesky)['8'], 'factor'> & { factor?: number[] };
const entries: Record<string, CholeskyEntry> = fixture.cholesky;

function factorOf(n: number): Float64Array {
  const result = cholesky(spdCos(n), n);
  if (result.status !== 'ok') throw new Error(`expected a PD matrix at n = ${n}`);
  return result.factor;
}

describe('cholesky', () => {
  for (const n of [1, 3, 8]) {
    it(`matches numpy's factor at n = ${n} (strict upper triangle zero)`, () => {
      expectClose(factorOf(n), entries[String(n)].factor ?? [], SOLVE_RTOL, SOLVE_ATOL, `L (n = ${n})`);
    });
  }

  for (const n of [1, 3, 8, 50]) {
    it(`solves, multi-solves and log-dets like numpy at n = ${n}`, () => {
      const l = factorOf(n);
      const e = entries[String(n)];
      expectClose(choleskySolve(l, n, rhs(n)), e.solve, SOLVE_RTOL, SOLVE_ATOL, 'A⁻¹b');
      expectClose(choleskySolveMany(l, n, rhs(n, 3), 3), e.solveMany, SOLVE_RTOL, SOLVE_ATOL, 'A⁻¹B');
      expectScalarClose(choleskyLogDet(l, n), e.logDet, SOLVE_RTOL, 0, 'log det');
    });
  }

  it('reads only the lower triangle', () => {
    const a = spdCos(8);
    for (let i = 0; i < 8; i++) for (let j = i + 1; j < 8; j++) a[i * 8 + j] = 1e9;
    const result = cholesky(a, 8);
    expect(result.status).toBe('ok');
    if (result.status === 'ok') expectClose(result.factor, entries['8'].factor ?? [], SOLVE_RTOL, SOLVE_ATOL, 'L');
  });

  it('returns not-positive-definite (no throw) at the first non-positive leading minor', () => {
    const result = cholesky(cosMatrix(8, 0), 8);
    expect(result.status).toBe('not-positive-definite');
    if (result.status === 'not-positive-definite') {
      expect(result.pivot).toBe(fixture.choleskyIndefinite.firstNonPositiveMinor);
      expect(result.value).toBeLessThanOrEqual(0);
    }
    const negative = cholesky(new Float64Array([-1]), 1);
    expect(negative).toEqual({ status: 'not-positive-definite', pivot: 0, value: -1 });
    const singular = cholesky(new Float64Array([1, 1, 1, 1]), 2);
    expect(singular.status).toBe('not-positive-definite');
  });

  it('does not mutate its input and solves in place when out is b', () => {
    const a = spdCos(8);
    const copy = Float64Array.from(a);
    const l = factorOf(8);
    cholesky(a, 8);
    expect(a).toEqual(copy);
    const b = rhs(8);
    const x = choleskySolve(l, 8, b, b);
    expect(x).toBe(b);
    expectClose(b, entries['8'].solve, SOLVE_RTOL, SOLVE_ATOL, 'in-place A⁻¹b');
  });

  it('rejects bad shapes and non-finite input with named errors', () => {
    expect(() => cholesky(new Float64Array(8), 3)).toThrow(/a has length 8, expected n × n = 9/);
    expect(() => cholesky(new Float64Array(0), 0)).toThrow(/n must be a positive integer/);
    const a = spdCos(3);
    a[3] = Number.NaN;
    expect(() => cholesky(a, 3)).toThrow(/a\[1, 0\] is NaN/);
    expect(() => choleskySolve(factorOf(3), 3, rhs(2))).toThrow(/b has length 2/);
    const b = rhs(3);
    b[1] = Infinity;
    expect(() => choleskySolve(factorOf(3), 3, b)).toThrow(/b\[1\] is Infinity/);
  });
});

describe('triangular solves', () => {
  const l = factorOf(50);
  const lt = new Float64Array(2500);
  for (let i = 0; i < 50; i++) for (let j = 0; j < 50; j++) lt[i * 50 + j] = l[j * 50 + i];
  const e = entries['50'];

  it('match scipy solve_triangular', () => {
    expectClose(solveLowerTriangular(l, 50, rhs(50)), e.lowerSolve, SOLVE_RTOL, SOLVE_ATOL, 'L⁻¹b');
    expectClose(solveLowerTransposed(l, 50, rhs(50)), e.lowerTransposedSolve, SOLVE_RTOL, SOLVE_ATOL, 'L⁻ᵀb');
    expectClose(solveUpperTriangular(lt, 50, rhs(50)), e.upperSolve, SOLVE_RTOL, SOLVE_ATOL, 'U⁻¹b');
  });

  it('many right-hand sides equal column-by-column solves', () => {
    const many = solveLowerTriangularMany(l, 50, rhs(50, 3), 3);
    const b = rhs(50, 3);
    for (let c = 0; c < 3; c++) {
      const column = Float64Array.from({ length: 50 }, (_, i) => b[i * 3 + c]);
      const single = solveLowerTriangular(l, 50, column);
      expectClose(Float64Array.from({ length: 50 }, (_, i) => many[i * 3 + c]), single, 0, 0, `column ${c}`);
    }
  });

  it('report a zero diagonal as singular and a non-finite entry by position', () => {
    const singular = Float64Array.from(l);
    singular[7 * 50 + 7] = 0;
    expect(() => solveLowerTriangular(singular, 50, rhs(50))).toThrow(/l\[7, 7\] is 0/);
    const bad = Float64Array.from(l);
    bad[9 * 50 + 2] = Number.NaN;
    expect(() => solveLowerTriangular(bad, 50, rhs(50))).toThrow(/l\[9, 2\] is NaN/);
    const badUpper = Float64Array.from(lt);
    badUpper[2 * 50 + 9] = -Infinity;
    expect(() => solveUpperTriangular(badUpper, 50, rhs(50))).toThrow(/u\[2, 9\] is -Infinity/);
  });

  it('ignore the other triangle and do not mutate inputs', () => {
    const dirty = Float64Array.from(l);
    for (let i = 0; i < 50; i++) for (let j = i + 1; j < 50; j++) dirty[i * 50 + j] = Number.NaN;
    const copy = Float64Array.from(dirty);
    const b = rhs(50);
    const bCopy = Float64Array.from(b);
    expectClose(solveLowerTriangular(dirty, 50, b), e.lowerSolve, SOLVE_RTOL, SOLVE_ATOL, 'L⁻¹b, NaN upper');
    expect(Array.from(dirty)).toEqual(Array.from(copy));
    expect(b).toEqual(bCopy);
  });
});
