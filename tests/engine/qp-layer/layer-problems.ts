/**
 * Seeded batches of METHODS §1 risk-head problems for the layer tests, and the finite-difference
 * and comparison helpers they share.
 */
import { expect } from 'vitest';
import { solveFactorQpBatch } from '../../../src/main/engine/qp/layer-batch';
import type { FactorQpBatch, LayerConstraints } from '../../../src/main/engine/qp/layer-batch';
import { degeneracyMargin } from '../qp/qp-margin';
import { uniform } from '../../helpers/mulberry32';

export { uniform };


/** Standard normal draws by Box–Muller. */
export function normal(seed: number): () => number {
  const next = uniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/**
 * B items over n assets with k factors: μ ~ 0.05 + 0.05·N(0,1), F ~ 0.15·N(0,1), d ∈ [0.02, 0.06),
 * prev a random point of the simplex. Values are rounded to float32 so a tfjs copy holds them exactly.
 */
export function randomBatch(seed: number, batch: number, n: number, k: number): FactorQpBatch {
  const z = normal(seed);
  const u = uniform(seed + 7919);
  const f32 = (values: number[]): Float64Array => Float64Array.from(Float32Array.from(values));
  const prev: number[] = [];
  for (let b = 0; b < batch; b++) {
    const raw = Array.from({ length: n }, () => -Math.log(1 - u()));
    const sum = raw.reduce((a, v) => a + v, 0);
    prev.push(...raw.map((v) => v / sum));
  }
  return {
    batch,
    n,
    k,
    mu: f32(Array.from({ length: batch * n }, () => 0.05 + 0.05 * z())),
    factors: f32(Array.from({ length: batch * n * k }, () => 0.15 * z())),
    idio: f32(Array.from({ length: batch * n }, () => 0.02 + 0.04 * u())),
    prev: f32(prev),
  };
}

/** Long-only, capped, budget 1, with a turnover term: every kind of active constraint shows up. */
export const CONSTRAINTS: LayerConstraints = { gamma: 2, upper: 0.3, kappa: 0.01 };

/** Smallest degeneracy margin over the items (see tests/engine/qp/qp-margin.ts). */
export function batchMargin(batch: FactorQpBatch, constraints: LayerConstraints): number {
  const solved = solveFactorQpBatch(batch, constraints);
  return Math.min(...solved.problems.map((problem, b) => degeneracyMargin(problem, solved.solutions[b])));
}

/** Deterministic upstream gradient dL/dw, length `size`. */
export function upstream(size: number): Float64Array {
  return Float64Array.from({ length: size }, (_, i) => Math.sin(1.3 * i + 0.4) + 0.2);
}

/** Central differences of `loss` along every entry of `values` (copied, never mutated). */
export function centralDifferences(values: Float64Array, step: number, loss: (perturbed: Float64Array) => number): Float64Array {
  const out = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) {
    const plus = Float64Array.from(values);
    const minus = Float64Array.from(values);
    plus[t] += step;
    minus[t] -= step;
    out[t] = (loss(plus) - loss(minus)) / (2 * step);
  }
  return out;
}

/** Asserts ‖expected − actual‖∞ ≤ rel·max(‖expected‖∞, floor), printing the difference and the tolerance. */
export function expectClose(expected: ArrayLike<number>, actual: ArrayLike<number>, rel: number, floor: number, label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let scale = floor;
  let diff = 0;
  for (let t = 0; t < expected.length; t++) {
    scale = Math.max(scale, Math.abs(expected[t]));
    diff = Math.max(diff, Math.abs(expected[t] - actual[t]));
  }
  const tol = rel * scale;
  expect(diff, `${label}: max |difference| = ${diff.toExponential(3)}, tolerance ${tol.toExponential(3)}`).toBeLessThanOrEqual(tol);
}
