/**
 * Float64 references for the learn tests: the decision losses computed without tfjs (the QP by
 * `solveFactorQpBatch`, the loss by plain loops), central differences, and seeded random inputs.
 */
import { expect } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import { solveFactorQpBatch } from '../../../src/main/engine/qp/layer-batch';
import type { LayerConstraints } from '../../../src/main/engine/qp/layer-batch';

/** T months × n assets × k factors of float32-representable inputs (so tfjs holds them exactly). */
export interface DecisionInputs {
  t: number;
  n: number;
  k: number;
  mu: Float64Array;
  factors: Float64Array;
  idio: Float64Array;
  targets: Float64Array;
}

const f32 = (values: Float64Array): Float64Array => Float64Array.from(Float32Array.from(values));

/** μ ~ 0.01 + 0.01·N, F ~ 0.03·N, d ∈ [0.001, 0.003), r ~ 0.01 + 0.05·N: monthly-like magnitudes. */
export function decisionInputs(seed: number, t: number, n: number, k: number): DecisionInputs {
  const random = createRandom(seed);
  const draw = (count: number, f: () => number): Float64Array => f32(Float64Array.from({ length: count }, f));
  return {
    t,
    n,
    k,
    mu: draw(t * n, () => 0.01 + 0.01 * random.normal()),
    factors: draw(t * n * k, () => 0.03 * random.normal()),
    idio: draw(t * n, () => 0.001 + 0.002 * random.uniform()),
    targets: draw(t * n, () => 0.01 + 0.05 * random.normal()),
  };
}

/** Weights T × n: months chained through prev = w_{t−1} (zeros first), as `decideWeights` sequential. */
export function referenceWeights(inputs: DecisionInputs, constraints: LayerConstraints): Float64Array {
  const { t, n, k } = inputs;
  const weights = new Float64Array(t * n);
  let prev = new Float64Array(n);
  for (let month = 0; month < t; month++) {
    const solved = solveFactorQpBatch(
      {
        batch: 1,
        n,
        k,
        mu: inputs.mu.subarray(month * n, (month + 1) * n),
        factors: inputs.factors.subarray(month * n * k, (month + 1) * n * k),
        idio: inputs.idio.subarray(month * n, (month + 1) * n),
        prev,
      },
      constraints,
    );
    if (!solved.differentiable[0]) throw new Error(`reference month ${month}: ${solved.solutions[0].status}`);
    prev = Float64Array.from(solved.w);
    weights.set(prev, month * n);
  }
  return weights;
}

/** r_t = w_tᵀr_{t+1} − tc·‖w_t − w_{t−1}‖₁ with w_{−1} = 0. */
export function referenceNetReturns(weights: Float64Array, targets: Float64Array, t: number, n: number, tc: number): Float64Array {
  const series = new Float64Array(t);
  for (let month = 0; month < t; month++) {
    let gross = 0;
    let turnover = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[month * n + i];
      gross += w * targets[month * n + i];
      turnover += Math.abs(w - (month > 0 ? weights[(month - 1) * n + i] : 0));
    }
    series[month] = gross - tc * turnover;
  }
  return series;
}

export function meanStd(series: Float64Array): { mean: number; std: number } {
  const t = series.length;
  let mean = 0;
  for (const value of series) mean += value / t;
  let sum = 0;
  for (const value of series) sum += (value - mean) ** 2;
  return { mean, std: Math.sqrt(sum / (t - 1)) };
}

/** −√A·mean/std of the reference net series. */
export function referenceSharpeLoss(inputs: DecisionInputs, constraints: LayerConstraints, tc: number, periodsPerYear = 12): number {
  const weights = referenceWeights(inputs, constraints);
  const { mean, std } = meanStd(referenceNetReturns(weights, inputs.targets, inputs.t, inputs.n, tc));
  return (-Math.sqrt(periodsPerYear) * mean) / std;
}

/** Central differences of f at x (copied per coordinate), step h·max(|x_i|, scale). */
export function centralDifferences(f: (x: Float64Array) => number, x: Float64Array, h: number, scale: number): Float64Array {
  const gradient = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const step = h * Math.max(Math.abs(x[i]), scale);
    const plus = Float64Array.from(x);
    const minus = Float64Array.from(x);
    plus[i] += step;
    minus[i] -= step;
    gradient[i] = (f(plus) - f(minus)) / (2 * step);
  }
  return gradient;
}

/** max_i |a_i − b_i| ≤ rel·max(‖b‖∞, floor), printing the difference and the tolerance on failure. */
export function expectGradientClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rel: number, floor: number, what: string): number {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  let scale = floor;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const difference = Math.abs(actual[i] - expected[i]);
    if (difference > worst) {
      worst = difference;
      at = i;
    }
  }
  const tolerance = rel * scale;
  expect(worst, `${what}: max |difference| ${worst.toExponential(3)} at ${at} (actual ${actual[at]}, expected ${expected[at]}) > tolerance ${tolerance.toExponential(3)}`).toBeLessThanOrEqual(tolerance);
  return worst / scale;
}
