/** Random recurrent problems and a central-difference gradient for the recurrent kernel tests. */
import { createRandom } from '../../../src/main/engine/data/random';
import { biasLength, gateCount } from '../../../src/main/engine/cleaner/recurrent-types';
import type { RecurrentCell, RecurrentDims, RecurrentWeights } from '../../../src/main/engine/cleaner/recurrent-types';

export interface RecurrentProblem {
  dims: RecurrentDims;
  x: Float64Array;
  weights: RecurrentWeights;
  /** Loss weights: L = Σ c ⊙ h, B × T × H (or B × T × 2H for a bidirectional output). */
  c: Float64Array;
}

function uniform(seed: number, length: number, scale: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length }, () => scale * (2 * random.uniform() - 1));
}

/** Weights U(−0.6, 0.6): large enough that every gate leaves its linear regime. */
export function randomProblem(cell: RecurrentCell, dims: RecurrentDims, resetAfter: boolean, seed: number, outputWidth = dims.units): RecurrentProblem {
  const { batch, steps, features, units } = dims;
  const width = gateCount(cell) * units;
  return {
    dims,
    x: uniform(seed, batch * steps * features, 1.5),
    weights: {
      kernel: uniform(seed + 1, features * width, 0.6),
      recurrentKernel: uniform(seed + 2, units * width, 0.6),
      bias: uniform(seed + 3, biasLength(cell, units, resetAfter), 0.6),
    },
    c: uniform(seed + 4, batch * steps * outputWidth, 1),
  };
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let q = 0; q < a.length; q++) sum += a[q] * b[q];
  return sum;
}

/**
 * Central differences (L(θ + h) − L(θ − h)) / 2h of `loss` in every entry of `values`, which is
 * perturbed in place and restored.
 */
export function centralDifferences(values: Float64Array, loss: () => number, step = 1e-6): Float64Array {
  const out = new Float64Array(values.length);
  for (let q = 0; q < values.length; q++) {
    const saved = values[q];
    values[q] = saved + step;
    const up = loss();
    values[q] = saved - step;
    const down = loss();
    values[q] = saved;
    out[q] = (up - down) / (2 * step);
  }
  return out;
}

/** Largest |a − b| / (1 + |b|) and where it occurs. */
export function worstRelative(a: ArrayLike<number>, b: ArrayLike<number>): { error: number; index: number } {
  let error = 0;
  let index = -1;
  for (let q = 0; q < a.length; q++) {
    const e = Math.abs(a[q] - b[q]) / (1 + Math.abs(b[q]));
    if (e > error || Number.isNaN(e)) {
      error = e;
      index = q;
    }
  }
  return { error, index };
}
