import { describe, expect, it } from 'vitest';
import { householderTridiagonal } from '../../../src/main/engine/linalg/householder-tridiagonal';
import { applyTridiagonalQ } from '../../../src/main/engine/linalg/tridiagonal-back-transform';
import { expectClose } from './assert-close';
import { cosMatrix, wilkinson } from './formula-matrices';

/** Backward error of a Householder reduction is ~n·ε‖A‖ ≈ 1e-14 at n = 61; 1e-13 leaves 10×. */
const RECONSTRUCTION_TOL = 1e-13;

/** Q from the reflectors: applying Q to Zᵀ = I yields Qᵀ (row i = column i of Q). */
function explicitQ(a: Float64Array, n: number): { qT: Float64Array; diagonal: Float64Array; offDiagonal: Float64Array } {
  const tri = householderTridiagonal(a, n);
  const qT = new Float64Array(n * n);
  for (let i = 0; i < n; i++) qT[i * n + i] = 1;
  applyTridiagonalQ(tri, qT);
  return { qT, diagonal: tri.diagonal, offDiagonal: tri.offDiagonal };
}

/** ‖Q·T·Qᵀ − A‖_F / ‖A‖_F (1 when A = 0 is not reconstructed as 0) and ‖QᵀQ − I‖_F. */
function reconstruction(a: Float64Array, n: number): { error: number; orthogonality: number } {
  const { qT, diagonal: d, offDiagonal: e } = explicitQ(a, n);
  const tq = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      let sum = d[k] * qT[k * n + j];
      if (k > 0) sum += e[k - 1] * qT[(k - 1) * n + j];
      if (k < n - 1) sum += e[k] * qT[(k + 1) * n + j];
      tq[k * n + j] = sum;
    }
  }
  let error = 0;
  let norm = 0;
  let orthogonality = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let qtq = 0;
      let gram = 0;
      for (let k = 0; k < n; k++) {
        qtq += qT[k * n + i] * tq[k * n + j];
        gram += qT[i * n + k] * qT[j * n + k];
      }
      error += (qtq - a[i * n + j]) ** 2;
      norm += a[i * n + j] ** 2;
      orthogonality += (gram - (i === j ? 1 : 0)) ** 2;
    }
  }
  return { error: norm > 0 ? Math.sqrt(error / norm) : Math.sqrt(error), orthogonality: Math.sqrt(orthogonality) };
}

function expectReconstructs(a: Float64Array, n: number, label: string): void {
  const { error, orthogonality } = reconstruction(a, n);
  expect(error, `${label}: ‖QTQᵀ − A‖_F/‖A‖_F = ${error} > ${RECONSTRUCTION_TOL}`).toBeLessThanOrEqual(RECONSTRUCTION_TOL);
  expect(orthogonality, `${label}: ‖QᵀQ − I‖_F = ${orthogonality} > ${RECONSTRUCTION_TOL}`).toBeLessThanOrEqual(RECONSTRUCTION_TOL);
}

describe('householderTridiagonal + applyTridiagonalQ', () => {
  // n − 2 reflectors in blocks of four: sizes cover every padding (n − 2 ≡ 0…3 mod 4) and both
  // row parities of the two-row kernels.
  for (const n of [1, 2, 3, 4, 5, 6, 7, 9, 61]) {
    it(`reconstructs the cosine matrix at n = ${n}: A = Q·T·Qᵀ with Q orthogonal`, () => {
      expectReconstructs(cosMatrix(n, 0), n, `cos${n}`);
    });
  }

  it('reconstructs a block-diagonal matrix, whose reduction skips a reflector mid-block (τ = 0)', () => {
    const n = 11;
    const a = new Float64Array(n * n);
    const top = cosMatrix(4, 0.5);
    const bottom = cosMatrix(7, 1);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) a[i * n + j] = top[i * 4 + j];
    for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) a[(i + 4) * n + j + 4] = bottom[i * 7 + j];
    const tri = householderTridiagonal(a, n);
    expect(tri.tau[3], 'τ_3 (row 3 has no entries right of column 4 to annihilate)').toBe(0);
    expect(tri.offDiagonal[3], 'T_{3,4} couples the two blocks').toBe(0);
    expectReconstructs(a, n, 'blockDiagonal11');
  });

  it('leaves an already tridiagonal matrix unchanged (W21⁺: exact diagonal, |off-diagonal| = 1)', () => {
    const n = 21;
    const { diagonal, offDiagonal } = householderTridiagonal(wilkinson(10), n);
    expectClose(diagonal, Array.from({ length: n }, (_, i) => Math.abs(i - 10)), 0, 0, 'W21 diagonal');
    expectClose(offDiagonal.map(Math.abs), new Array(n - 1).fill(1), 0, 0, 'W21 |off-diagonal|');
  });

  it('maps the zero matrix to T = 0 and Q = I', () => {
    const n = 9;
    const { qT, diagonal, offDiagonal } = explicitQ(new Float64Array(n * n), n);
    expectClose(diagonal, new Array(n).fill(0), 0, 0, 'zero diagonal');
    expectClose(offDiagonal, new Array(n - 1).fill(0), 0, 0, 'zero off-diagonal');
    expectClose(qT, Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0)), 0, 0, 'Q = I');
  });
});
