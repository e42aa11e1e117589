/**
 * symmetricEigenBackward against central finite differences of losses of symmetricEigen(A) under
 * symmetric perturbations of A, closed forms for eigenvalue-only losses, and a degenerate spectrum.
 */
import { describe, expect, it } from 'vitest';
import { symmetricEigenBackward } from '../../../src/main/engine/cleaner/eigen-backward';
import { createRandom } from '../../../src/main/engine/data/random';
import { symmetricEigen } from '../../../src/main/engine/linalg/symmetric-eigen';
import type { SymmetricEigen } from '../../../src/main/engine/linalg/symmetric-eigen';

const N = 6;
/**
 * Central differences with h = 1e-6 on O(1) losses of O(1) matrices with eigenvalue gaps ≥ 0.3:
 * truncation ≈ h²·L‴ ≲ 1e-10, rounding ≈ 1e-15/h = 1e-9 (eigenvectors are accurate to ≈ 1e-15).
 */
const FD_TOLERANCE = 2e-7;

interface Loss {
  value(eigen: SymmetricEigen): number;
  dValues?(eigen: SymmetricEigen): Float64Array;
  dVectors?(eigen: SymmetricEigen): Float64Array;
}

function orthogonal(n: number, seed: number): Float64Array {
  const random = createRandom(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const value = random.normal();
      a[i * n + j] = value;
      a[j * n + i] = value;
    }
  }
  return symmetricEigen(a, n).vectors;
}

/** Q·diag(λ)·Qᵀ with a random orthogonal Q. */
function withSpectrum(spectrum: number[], seed: number): Float64Array {
  const n = spectrum.length;
  const q = orthogonal(n, seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += q[i * n + k] * spectrum[k] * q[j * n + k];
      a[i * n + j] = sum;
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i];
  }
  return a;
}

function randomVector(length: number, seed: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length }, () => random.normal());
}

/** ∂L/∂(a_ij = a_ji) by central differences: 2·G_ij off the diagonal, G_ii on it. */
function finiteDifferenceGradient(a: Float64Array, n: number, loss: Loss, step = 1e-6): Float64Array {
  const out = new Float64Array(n * n);
  const at = (shift: number, i: number, j: number): number => {
    const perturbed = Float64Array.from(a);
    perturbed[i * n + j] += shift;
    if (i !== j) perturbed[j * n + i] += shift;
    return loss.value(symmetricEigen(perturbed, n));
  };
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const derivative = (at(step, i, j) - at(-step, i, j)) / (2 * step);
      out[i * n + j] = i === j ? derivative : derivative / 2;
      out[j * n + i] = out[i * n + j];
    }
  }
  return out;
}

function analytic(a: Float64Array, n: number, loss: Loss): Float64Array {
  const eigen = symmetricEigen(a, n);
  return symmetricEigenBackward(eigen, n, loss.dValues?.(eigen), loss.dVectors?.(eigen));
}

function expectMatch(name: string, actual: Float64Array, expected: Float64Array, tolerance: number): void {
  let worst = 0;
  let where = -1;
  let scale = 0;
  for (let q = 0; q < expected.length; q++) {
    const error = Math.abs(actual[q] - expected[q]) / (1 + Math.abs(expected[q]));
    scale = Math.max(scale, Math.abs(expected[q]));
    if (!(error <= worst)) {
      worst = error;
      where = q;
    }
  }
  expect(worst, `${name}: at ${where} analytic ${actual[where]} vs reference ${expected[where]}: relative error ${worst} > ${tolerance}`).toBeLessThanOrEqual(tolerance);
  expect(scale, `${name}: reference gradient is ~0, the check would be vacuous`).toBeGreaterThan(1e-2);
}

/** L = Σ_k c_k λ_k² + Σ_k w_k (u_kᵀ v_k)²: invariant to every v_k ↦ −v_k. */
function signInvariantLoss(n: number, seed: number): Loss {
  const c = randomVector(n, seed);
  const w = randomVector(n, seed + 1);
  const u = randomVector(n * n, seed + 2);
  const projection = (eigen: SymmetricEigen, k: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += u[i * n + k] * eigen.vectors[i * n + k];
    return sum;
  };
  return {
    value: (eigen) => {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += c[k] * eigen.values[k] ** 2 + w[k] * projection(eigen, k) ** 2;
      return sum;
    },
    dValues: (eigen) => Float64Array.from(eigen.values, (value, k) => 2 * c[k] * value),
    dVectors: (eigen) => {
      const out = new Float64Array(n * n);
      for (let k = 0; k < n; k++) {
        const p = projection(eigen, k);
        for (let i = 0; i < n; i++) out[i * n + k] = 2 * w[k] * p * u[i * n + k];
      }
      return out;
    },
  };
}

describe('symmetricEigenBackward', () => {
  const distinct = withSpectrum([-1.7, -0.4, 0.3, 1.1, 2.0, 3.6], 101);

  it('matches central differences for a loss invariant to the eigenvector signs', () => {
    const loss = signInvariantLoss(N, 7);
    expectMatch('G', analytic(distinct, N, loss), finiteDifferenceGradient(distinct, N, loss), FD_TOLERANCE);
  });

  it('matches central differences for a sign-dependent loss under symmetricEigen’s sign convention', () => {
    const u = randomVector(N * N, 17);
    const loss: Loss = {
      value: (eigen) => eigen.vectors.reduce((sum, value, q) => sum + value * u[q], 0),
      dVectors: () => u,
    };
    const a = withSpectrum([0.2, 0.9, 1.5, 2.4, 3.3, 4.1], 103);
    expectMatch('G', analytic(a, N, loss), finiteDifferenceGradient(a, N, loss), FD_TOLERANCE);
  });

  it('gives the closed forms of eigenvalue-only losses: tr(A) → I, Σλ² = ‖A‖²_F → 2A', () => {
    const eigen = symmetricEigen(distinct, N);
    const identity = Float64Array.from({ length: N * N }, (_, q) => (q % (N + 1) === 0 ? 1 : 0));
    const trace = symmetricEigenBackward(eigen, N, new Float64Array(N).fill(1), undefined);
    const frobenius = symmetricEigenBackward(eigen, N, Float64Array.from(eigen.values, (value) => 2 * value), undefined);
    const worstTrace = Math.max(...trace.map((value, q) => Math.abs(value - identity[q])));
    const worstFrobenius = Math.max(...frobenius.map((value, q) => Math.abs(value - 2 * distinct[q])));
    expect(worstTrace, `tr(A): max |G − I| ${worstTrace} > 1e-14`).toBeLessThanOrEqual(1e-14);
    expect(worstFrobenius, `‖A‖²_F: max |G − 2A| ${worstFrobenius} > 1e-13`).toBeLessThanOrEqual(1e-13);
  });

  it('handles a triple eigenvalue by the gap rule when the loss depends on that eigenspace only through its projector', () => {
    const a = withSpectrum([1, 2, 2, 2, 5, 7], 107);
    const m = randomVector(N, 19);
    // Individual eigenvalues of a cluster are not differentiable, symmetric functions of them are.
    const c = randomVector(N, 23);
    c[2] = c[1];
    c[3] = c[1];
    const projector = (eigen: SymmetricEigen, k: number): number => {
      let sum = 0;
      for (let i = 0; i < N; i++) sum += m[i] * eigen.vectors[i * N + k];
      return sum;
    };
    const loss: Loss = {
      value: (eigen) => c.reduce((sum, ck, k) => sum + ck * eigen.values[k], 0) + [1, 2, 3].reduce((sum, k) => sum + projector(eigen, k) ** 2, 0) + projector(eigen, 5) ** 2,
      dValues: () => c,
      dVectors: (eigen) => {
        const out = new Float64Array(N * N);
        for (const k of [1, 2, 3, 5]) {
          const p = projector(eigen, k);
          for (let i = 0; i < N; i++) out[i * N + k] = 2 * p * m[i];
        }
        return out;
      },
    };
    const eigen = symmetricEigen(a, N);
    const gap = Math.max(eigen.values[2] - eigen.values[1], eigen.values[3] - eigen.values[2]);
    expect(gap, 'the computed triple eigenvalue is split by round-off only').toBeLessThan(1e-12);
    expectMatch('G', analytic(a, N, loss), finiteDifferenceGradient(a, N, loss), FD_TOLERANCE);
    const unruled = symmetricEigenBackward(eigen, N, c, loss.dVectors?.(eigen), { relativeGap: 0 });
    const reference = analytic(a, N, loss);
    const departure = Math.max(...unruled.map((value, q) => (Number.isFinite(value) ? Math.abs(value - reference[q]) : Number.POSITIVE_INFINITY)));
    expect(departure, 'without the gap rule the round-off split of the cluster is divided by ~1e-15: the rule is what this test exercises').toBeGreaterThan(1e-3);
  });

  it('returns a symmetric matrix and does not mutate its inputs', () => {
    const eigen = symmetricEigen(distinct, N);
    const loss = signInvariantLoss(N, 29);
    const dValues = loss.dValues?.(eigen) as Float64Array;
    const dVectors = loss.dVectors?.(eigen) as Float64Array;
    const copies = [eigen.values, eigen.vectors, dValues, dVectors].map((array) => Float64Array.from(array));
    const g = symmetricEigenBackward(eigen, N, dValues, dVectors);
    [eigen.values, eigen.vectors, dValues, dVectors].forEach((array, q) => expect(Array.from(array)).toEqual(Array.from(copies[q])));
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < i; j++) expect(g[i * N + j], `G[${i}, ${j}] vs G[${j}, ${i}]`).toBe(g[j * N + i]);
    }
  });

  it('rejects bad input with named errors', () => {
    const eigen = symmetricEigen(distinct, N);
    const ones = new Float64Array(N).fill(1);
    expect(() => symmetricEigenBackward(eigen, 0, ones, undefined)).toThrow(/n must be a positive integer/);
    expect(() => symmetricEigenBackward(eigen, N, ones.subarray(1), undefined)).toThrow(/dValues has length 5, expected 6/);
    expect(() => symmetricEigenBackward(eigen, N, undefined, new Float64Array(N))).toThrow(/dVectors has length 6, expected 36/);
    expect(() => symmetricEigenBackward(eigen, N, Float64Array.from(ones, (v, q) => (q === 2 ? Number.NaN : v)), undefined)).toThrow(/dValues\[2\] is NaN/);
    const unsorted = { values: Float64Array.from(eigen.values).reverse(), vectors: eigen.vectors };
    expect(() => symmetricEigenBackward(unsorted, N, ones, undefined)).toThrow(/eigen.values must be ascending/);
    expect(() => symmetricEigenBackward({ values: eigen.values, vectors: eigen.vectors.subarray(1) }, N, ones, undefined)).toThrow(/eigen.vectors has length 35/);
    expect(() => symmetricEigenBackward(eigen, N, ones, undefined, { relativeGap: -1 })).toThrow(/options.relativeGap must be finite and ≥ 0/);
  });
});
