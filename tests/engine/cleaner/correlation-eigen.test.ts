/**
 * The fused correlation eigen op: its float64 reverse pass against central differences in the
 * primal and the dual case, and the case that broke the float32 Gram route (a near-duplicate asset,
 * smallest eigenvalue ≈ 1e-9): positive eigenvalues that match an independent eigensolve.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { correlationEigen, correlationEigenBackward, correlationEigenOp } from '../../../src/main/engine/cleaner/correlation-eigen';
import { createRandom } from '../../../src/main/engine/data/random';
import { symmetricEigenValues } from '../../../src/main/engine/linalg/symmetric-eigen';
import { factorReturns } from './cleaner-helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function standardised(returns: Float64Array, t: number, n: number): Float64Array {
  const z = new Float64Array(t * n);
  for (let j = 0; j < n; j++) {
    let mean = 0;
    for (let row = 0; row < t; row++) mean += returns[row * n + j] / t;
    let variance = 0;
    for (let row = 0; row < t; row++) variance += (returns[row * n + j] - mean) ** 2 / t;
    for (let row = 0; row < t; row++) z[row * n + j] = (returns[row * n + j] - mean) / Math.sqrt(variance * t);
  }
  return z;
}

/** A loss using values and sign-invariant functions of the vectors: Σ a_k λ_k + Σ_k Σ_i b_ik v_ik². */
function lossOf(z: Float64Array, t: number, n: number, a: Float64Array, b: Float64Array): number {
  const { values, vectors } = correlationEigen(z, t, n);
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += a[k] * values[k];
  for (let q = 0; q < vectors.length; q++) sum += b[q] * vectors[q] * vectors[q];
  return sum;
}

describe('correlation eigen op', () => {
  for (const [t, n] of [[12, 6], [8, 14]] as const) {
    it(`${n <= t - 1 ? 'primal' : 'dual'} (L = ${t}, N = ${n}): reverse pass vs central differences, tolerance 1e-6 relative`, () => {
      const z = standardised(factorReturns(t, n, 3), t, n);
      const forward = correlationEigen(z, t, n);
      const random = createRandom(4);
      const a = Float64Array.from({ length: forward.rank }, () => random.normal());
      const b = Float64Array.from({ length: n * forward.rank }, () => random.normal());
      const dVectors = b.map((value, q) => 2 * value * forward.vectors[q]);
      const gradient = correlationEigenBackward(forward, z, t, n, a, dVectors);
      let scale = 0;
      for (const value of gradient) scale = Math.max(scale, Math.abs(value));
      for (let q = 0; q < z.length; q += 5) {
        const step = 1e-6;
        const up = Float64Array.from(z);
        up[q] += step;
        const down = Float64Array.from(z);
        down[q] -= step;
        const numeric = (lossOf(up, t, n, a, b) - lossOf(down, t, n, a, b)) / (2 * step);
        const difference = Math.abs(numeric - gradient[q]);
        expect(difference, `Z[${q}]: analytic ${gradient[q]} vs central ${numeric}, |Δ| ${difference} > 1e-6 × ${scale}`).toBeLessThan(1e-6 * scale);
      }
    });
  }

  it('a near-duplicate asset: the op (float64 Gram) returns its tiny eigenvalue positive and exact to 1e-6 relative', () => {
    const t = 40;
    const n = 10;
    const returns = factorReturns(t, n, 8);
    const random = createRandom(9);
    for (let row = 0; row < t; row++) returns[row * n + 9] = returns[row * n + 8] * (1 + 1e-5 * random.normal());
    const z = standardised(returns, t, n);
    const c = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let row = 0; row < t; row++) c[i * n + j] += z[row * n + i] * z[row * n + j];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) c[j * n + i] = c[i * n + j];
    const reference = Array.from(symmetricEigenValues(c, n)).reverse();
    expect(reference[n - 1], 'the construction must make a tiny eigenvalue').toBeLessThan(1e-8);
    const values = tf.tidy(() => correlationEigenOp(tf.tensor3d(Float32Array.from(z), [1, t, n])).values.dataSync());
    const zRounded = Float64Array.from(Float32Array.from(z));
    const exact = correlationEigen(zRounded, t, n).values;
    for (let k = 0; k < n; k++) {
      expect(values[k], `λ_${k} must be positive`).toBeGreaterThan(0);
      expect(Math.abs(values[k] - exact[k]) / exact[k], `λ_${k}: op ${values[k]} vs float64 ${exact[k]}`).toBeLessThan(1e-6);
    }
  });
});
