/**
 * The batched eigendecomposition tfjs op: forward equals symmetricEigen, the gradient of a
 * sign-invariant tfjs loss equals central differences of the same loss in float64, no leaks.
 * Run per backend by symmetric-eigen-op-cpu.test.ts and symmetric-eigen-op-wasm.test.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor3D } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { symmetricEigenOp } from '../../../src/main/engine/cleaner/symmetric-eigen-op';
import { createRandom } from '../../../src/main/engine/data/random';
import { symmetricEigen } from '../../../src/main/engine/linalg/symmetric-eigen';

const B = 2;
const N = 5;

/** Symmetric float32-representable matrices (so the float64 reference sees the op's exact input). */
function batchOfSymmetric(seed: number): Float32Array {
  const random = createRandom(seed);
  const out = new Float32Array(B * N * N);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < N; i++) {
      for (let j = 0; j <= i; j++) {
        const value = Math.fround(random.normal() + (i === j ? 2 * i : 0));
        out[b * N * N + i * N + j] = value;
        out[b * N * N + j * N + i] = value;
      }
    }
  }
  return out;
}

function uniform(seed: number, length: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length }, () => Math.fround(2 * random.uniform() - 1));
}

const C = uniform(3, B * N);
const U = uniform(4, B * N * N);
const W = uniform(5, B * N);

/** L = Σ c ⊙ λ² + Σ_{b,k} w_bk (u_bkᵀ v_bk)² in float64 from symmetricEigen: invariant to eigenvector signs. */
function lossFloat64(a: Float64Array): number {
  let sum = 0;
  for (let b = 0; b < B; b++) {
    const { values, vectors } = symmetricEigen(a.subarray(b * N * N, (b + 1) * N * N), N);
    for (let k = 0; k < N; k++) {
      let projection = 0;
      for (let i = 0; i < N; i++) projection += U[b * N * N + i * N + k] * vectors[i * N + k];
      sum += C[b * N + k] * values[k] ** 2 + W[b * N + k] * projection ** 2;
    }
  }
  return sum;
}

function lossTensor(a: Tensor3D): tf.Scalar {
  const { values, vectors } = symmetricEigenOp(a);
  const projections = tf.sum(tf.mul(vectors, tf.tensor3d(Float32Array.from(U), [B, N, N])), 1);
  return tf.add(tf.sum(tf.mul(tf.square(values), tf.tensor2d(Float32Array.from(C), [B, N]))), tf.sum(tf.mul(tf.square(projections), tf.tensor2d(Float32Array.from(W), [B, N]))));
}

export function symmetricEigenOpSuite(backend: string, select: () => Promise<boolean>): void {
  describe(`symmetricEigenOp on ${backend}`, () => {
    beforeAll(async () => {
      expect(await select(), `tf.setBackend('${backend}') resolved false`).toBe(true);
    });

    it('returns symmetricEigen’s values and vectors per matrix (to float32 rounding)', () => {
      const data = batchOfSymmetric(1);
      tf.tidy(() => {
        const { values, vectors } = symmetricEigenOp(tf.tensor3d(data, [B, N, N]));
        expect(values.shape).toEqual([B, N]);
        expect(vectors.shape).toEqual([B, N, N]);
        const ourValues = values.dataSync();
        const ourVectors = vectors.dataSync();
        let worst = 0;
        for (let b = 0; b < B; b++) {
          const reference = symmetricEigen(Float64Array.from(data.subarray(b * N * N, (b + 1) * N * N)), N);
          for (let k = 0; k < N; k++) worst = Math.max(worst, Math.abs(ourValues[b * N + k] - reference.values[k]) / (1 + Math.abs(reference.values[k])));
          for (let q = 0; q < N * N; q++) worst = Math.max(worst, Math.abs(ourVectors[b * N * N + q] - reference.vectors[q]));
        }
        expect(worst, `max difference ${worst} > 1e-7 (float32 rounding)`).toBeLessThanOrEqual(1e-7);
      });
    });

    it('gradient of a sign-invariant loss matches central differences in float64, without leaking tensors', () => {
      const data = batchOfSymmetric(2);
      const a = tf.tensor3d(data, [B, N, N]);
      const before = tf.memory().numTensors;
      const gradient = tf.tidy(() => tf.grad((input: Tensor) => lossTensor(input as Tensor3D))(a).dataSync());
      expect(tf.memory().numTensors, 'tensors alive after the gradient').toBe(before);
      const base = Float64Array.from(data);
      const step = 1e-6;
      let worst = 0;
      let detail = '';
      for (let b = 0; b < B; b++) {
        for (let i = 0; i < N; i++) {
          for (let j = i; j < N; j++) {
            const shifted = (shift: number): number => {
              const perturbed = Float64Array.from(base);
              perturbed[b * N * N + i * N + j] += shift;
              if (i !== j) perturbed[b * N * N + j * N + i] += shift;
              return lossFloat64(perturbed);
            };
            const numeric = (shifted(step) - shifted(-step)) / (2 * step);
            const q = b * N * N + i * N + j;
            const analytic = i === j ? gradient[q] : gradient[q] + gradient[b * N * N + j * N + i];
            const error = Math.abs(analytic - numeric) / (1 + Math.abs(numeric));
            if (error > worst) {
              worst = error;
              detail = `[${b}, ${i}, ${j}] analytic ${analytic} vs FD ${numeric}`;
            }
          }
        }
      }
      // float32 upstream gradients and output: ≈ 1e-7 relative; FD error ≈ 1e-9.
      expect(worst, `${detail}: relative error ${worst} > 2e-6`).toBeLessThanOrEqual(2e-6);
      a.dispose();
    });

    it('rejects a non-square or wrong-rank input and a non-symmetric matrix', () => {
      tf.tidy(() => {
        expect(() => symmetricEigenOp(tf.zeros([2, 3, 4]) as Tensor3D)).toThrow(/a must be a \[B, n, n\] tensor, got \[2, 3, 4\]/);
        expect(() => symmetricEigenOp(tf.zeros([3, 3]) as unknown as Tensor3D)).toThrow(/a must be a \[B, n, n\] tensor/);
        expect(() => symmetricEigenOp(tf.tensor3d([1, 2, 0, 1], [1, 2, 2]))).toThrow(/a is not symmetric at \(0, 1\)/);
      });
    });
  });
}
