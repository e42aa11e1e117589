/**
 * The solver's column-block kernels and its diagonal-plus-low-rank factorisation, against naive
 * loops and a dense Cholesky solve of the explicitly formed matrix (independent references).
 */
import { describe, expect, it } from 'vitest';
import { cholesky, choleskySolve } from '../../../src/main/engine/linalg/cholesky';
import { addColumnCombination, columnGram, projectOntoColumns } from '../../../src/main/engine/qp/low-rank-kernels';
import { factorLowRank } from '../../../src/main/engine/qp/low-rank-solver';
import { uniform } from '../../helpers/mulberry32';


function randomArray(length: number, random: () => number): Float64Array {
  return Float64Array.from({ length }, () => 2 * random() - 1);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs(a[i] - b[i]));
  return diff;
}

describe('column-block kernels', () => {
  // m from 1 to 9 covers the four-column sweeps and every remainder length.
  for (let m = 1; m <= 9; m++) {
    it(`m = ${m}, n = 13: projection, combination and Gram match naive loops`, () => {
      const random = uniform(100 + m);
      const n = 13;
      const cols = randomArray(m * n, random);
      const x = randomArray(n, random);
      const coef = randomArray(m, random);
      const tol = 1e-14;

      const projected = new Float64Array(m);
      projectOntoColumns(cols, m, n, x, projected);
      const naiveProjected = new Float64Array(m);
      for (let q = 0; q < m; q++) for (let i = 0; i < n; i++) naiveProjected[q] += cols[q * n + i] * x[i];
      const projectionDiff = maxAbsDiff(projected, naiveProjected);
      expect(projectionDiff, `projection diff ${projectionDiff}, tol ${tol}`).toBeLessThanOrEqual(tol);

      const combined = Float64Array.from(x);
      addColumnCombination(cols, m, n, coef, combined);
      const naiveCombined = Float64Array.from(x);
      for (let i = 0; i < n; i++) for (let q = 0; q < m; q++) naiveCombined[i] += cols[q * n + i] * coef[q];
      const combinationDiff = maxAbsDiff(combined, naiveCombined);
      expect(combinationDiff, `combination diff ${combinationDiff}, tol ${tol}`).toBeLessThanOrEqual(tol);

      const gram = new Float64Array(m * m).fill(Number.NaN);
      columnGram(cols, m, n, gram);
      const naiveGram = new Float64Array(m * m);
      for (let a = 0; a < m; a++) {
        for (let b = 0; b < m; b++) for (let i = 0; i < n; i++) naiveGram[a * m + b] += cols[a * n + i] * cols[b * n + i];
      }
      const gramDiff = maxAbsDiff(gram, naiveGram);
      expect(gramDiff, `Gram diff ${gramDiff}, tol ${tol}`).toBeLessThanOrEqual(tol);
    });
  }
});

describe('factorLowRank', () => {
  function denseReference(diag: Float64Array, cols: Float64Array, weights: Float64Array, b: Float64Array): Float64Array {
    const n = diag.length;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) a[i * n + i] = diag[i];
    for (let q = 0; q < weights.length; q++) {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] += weights[q] * cols[q * n + i] * cols[q * n + j];
    }
    const factored = cholesky(a, n);
    if (factored.status !== 'ok') throw new Error('reference matrix not positive definite');
    return choleskySolve(factored.factor, n, b);
  }

  it('solves diag + Σ c_q v_q v_qᵀ like a dense Cholesky solve, dropping c_q = 0, in place', () => {
    const random = uniform(7);
    const n = 37;
    const m = 7;
    const diag = Float64Array.from({ length: n }, () => 0.01 + random());
    const cols = randomArray(m * n, random);
    const weights = Float64Array.of(2, 0.5, 0, 3, 1e-3, 10, 0.7);
    const b = randomArray(n, random);
    const solver = factorLowRank(diag, cols, weights);
    expect(solver).not.toBeNull();
    const x = solver!.solve(b, new Float64Array(n));
    const reference = denseReference(diag, cols, weights, b);
    let scale = 0;
    for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(reference[i]));
    const tol = 1e-12 * scale;
    const diff = maxAbsDiff(x, reference);
    expect(diff, `|x − x_dense|∞ = ${diff}, tol ${tol}`).toBeLessThanOrEqual(tol);

    const inPlace = Float64Array.from(b);
    solver!.solve(inPlace, inPlace);
    const aliasDiff = maxAbsDiff(inPlace, x);
    expect(aliasDiff, `in-place vs out-of-place diff ${aliasDiff}, tol 0`).toBe(0);
  });

  it('with every weight zero it is the diagonal solve', () => {
    const diag = Float64Array.of(2, 4, 0.5);
    const solver = factorLowRank(diag, new Float64Array(6).fill(1), new Float64Array(2));
    const x = solver!.solve(Float64Array.of(1, 1, 1), new Float64Array(3));
    const diff = maxAbsDiff(x, [0.5, 0.25, 2]);
    expect(diff, `diff ${diff}, tol 1e-15`).toBeLessThanOrEqual(1e-15);
  });

  it('returns null for a diagonal entry ≤ 0 or NaN', () => {
    expect(factorLowRank(Float64Array.of(1, 0, 1), new Float64Array(3), Float64Array.of(1))).toBeNull();
    expect(factorLowRank(Float64Array.of(1, Number.NaN), new Float64Array(2), Float64Array.of(1))).toBeNull();
  });
});
