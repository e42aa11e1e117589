import { describe, expect, it } from 'vitest';
import { gemm, gemmTransA, gemmTransB } from '../../../src/main/engine/linalg/gemm';
import { gemv, gemvTrans } from '../../../src/main/engine/linalg/gemv';
import fixture from '../../fixtures/json/linalg.json';
import { expectClose } from './assert-close';
import { gemmA, gemmB, rhs } from './formula-matrices';

/**
 * Entries are sums of ≤ 7 products of magnitude ≤ 1, so rounding is below 7·ε ≈ 1.6e-15 absolute;
 * the reference (numpy, possibly reordered by BLAS) carries as much again.
 */
const PRODUCT_ATOL = 4e-15;

describe('gemm family', () => {
  const a = gemmA(7, 5);
  const b = gemmB(5, 6);

  it('gemm matches numpy A·B', () => {
    expectClose(gemm(a, b, 7, 5, 6), fixture.gemm.ab, 0, PRODUCT_ATOL, 'A·B');
  });

  it('gemmTransA matches numpy Aᵀ·B and gives an exactly symmetric XᵀX', () => {
    const at = gemmA(5, 7);
    expectClose(gemmTransA(at, b, 5, 7, 6), fixture.gemmTransA.atb, 0, PRODUCT_ATOL, 'Aᵀ·B');
    const gram = gemmTransA(at, at, 5, 7, 7);
    for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) expect(gram[i * 7 + j]).toBe(gram[j * 7 + i]);
  });

  it('gemmTransB matches numpy A·Bᵀ', () => {
    expectClose(gemmTransB(a, gemmB(6, 5), 7, 5, 6), fixture.gemmTransB.abt, 0, PRODUCT_ATOL, 'A·Bᵀ');
  });

  it('writes into out, overwriting stale contents, and does not mutate inputs', () => {
    const aCopy = Float64Array.from(a);
    const bCopy = Float64Array.from(b);
    const out = new Float64Array(42).fill(99);
    const result = gemm(a, b, 7, 5, 6, out);
    expect(result).toBe(out);
    expectClose(out, fixture.gemm.ab, 0, PRODUCT_ATOL, 'A·B into out');
    expect(a).toEqual(aCopy);
    expect(b).toEqual(bCopy);
  });

  it('rejects wrong lengths, empty dimensions and non-finite input with named errors', () => {
    expect(() => gemm(a, b, 7, 5, 7)).toThrow(/b has length 30, expected k × n = 35/);
    expect(() => gemm(a, b, 0, 5, 6)).toThrow(/m must be a positive integer/);
    expect(() => gemm(a, b, 7, 5, 6, new Float64Array(3))).toThrow(/out has length 3/);
    const bad = Float64Array.from(a);
    bad[12] = Number.NaN;
    expect(() => gemm(bad, b, 7, 5, 6)).toThrow(/a\[12\] is NaN/);
    const inf = Float64Array.from(b);
    inf[3] = Infinity;
    expect(() => gemmTransA(gemmA(5, 7), inf, 5, 7, 6)).toThrow(/b\[3\] is Infinity/);
    expect(() => gemmTransB(a, Float64Array.from(b), 7, 5, 6)).not.toThrow();
  });

  it('reports overflow from finite inputs', () => {
    const big = new Float64Array([1e200, 1e200]);
    expect(() => gemm(big, big, 1, 2, 1)).toThrow(/overflowed/);
  });
});

describe('gemv / gemvTrans', () => {
  const a = gemmA(7, 5);

  it('match numpy A·x and Aᵀ·x', () => {
    expectClose(gemv(a, rhs(5), 7, 5), fixture.gemv.ax, 0, PRODUCT_ATOL, 'A·x');
    expectClose(gemvTrans(a, rhs(7), 7, 5), fixture.gemv.atx, 0, PRODUCT_ATOL, 'Aᵀ·x');
  });

  it('overwrite a stale out array', () => {
    const out = new Float64Array(5).fill(-3);
    gemvTrans(a, rhs(7), 7, 5, out);
    expectClose(out, fixture.gemv.atx, 0, PRODUCT_ATOL, 'Aᵀ·x into out');
  });

  it('detect non-finite entries even where x is zero (∞·0 = NaN propagates)', () => {
    const bad = Float64Array.from(a);
    bad[0] = -Infinity;
    const x = rhs(5);
    x[0] = 0;
    expect(() => gemv(bad, x, 7, 5)).toThrow(/a\[0\] is -Infinity/);
    const xNaN = rhs(7);
    xNaN[6] = Number.NaN;
    expect(() => gemvTrans(a, xNaN, 7, 5)).toThrow(/x\[6\] is NaN/);
    expect(() => gemv(a, rhs(4), 7, 5)).toThrow(/x has length 4/);
  });
});
