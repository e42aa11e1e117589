/**
 * The differentiable tfjs graph against the float64 forward pass: equal losses, and tfjs gradients
 * (float32 graph, float64 eigen and recurrent ops) against central differences of the float64 loss,
 * including the lag-transform parameters reached through the eigendecomposition in both the primal
 * (N ≤ L − 1) and the dual (N > L − 1) case.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanerBatchLoss } from '../../../src/main/engine/cleaner/cleaner-graph';
import { cleanerLossFloat64 } from '../../../src/main/engine/cleaner/cleaner-float64';
import { assignCleanerWeights, cleanerWeightValues, createCleanerModel } from '../../../src/main/engine/cleaner/cleaner-model';
import type { CleanerConfig } from '../../../src/main/engine/cleaner/cleaner-config';
import { createRandom } from '../../../src/main/engine/data/random';
import { factorReturns } from './cleaner-helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Case {
  label: string;
  config: Partial<CleanerConfig>;
  n: number;
}

const HORIZON = 6;
const BATCH = 2;

function problem(config: Partial<CleanerConfig>, n: number, seed: number): { past: Float64Array; future: Float64Array; lookback: number } {
  const lookback = config.lookback as number;
  const all = factorReturns(BATCH * (lookback + HORIZON), n, seed);
  const past = new Float64Array(BATCH * lookback * n);
  const future = new Float64Array(BATCH * HORIZON * n);
  for (let b = 0; b < BATCH; b++) {
    const offset = b * (lookback + HORIZON) * n;
    past.set(all.subarray(offset, offset + lookback * n), b * lookback * n);
    future.set(all.subarray(offset + lookback * n, offset + (lookback + HORIZON) * n), b * HORIZON * n);
  }
  return { past, future, lookback };
}

function float64Loss(config: CleanerConfig, weights: Map<string, Float64Array>, past: Float64Array, future: Float64Array, lookback: number, n: number): number {
  let sum = 0;
  for (let b = 0; b < BATCH; b++) {
    sum += cleanerLossFloat64(config, weights, past.subarray(b * lookback * n, (b + 1) * lookback * n), future.subarray(b * HORIZON * n, (b + 1) * HORIZON * n), HORIZON, n);
  }
  return sum / BATCH;
}

/** Moves every weight off its initial value so no gradient is trivially zero (the vol head's second layer starts at 0). */
function perturbWeights(weights: Map<string, Float64Array>, seed: number): void {
  const random = createRandom(seed);
  for (const [name, values] of weights) {
    if (name.startsWith('lag.')) continue;
    for (let q = 0; q < values.length; q++) values[q] += 0.2 * (2 * random.uniform() - 1);
  }
}

const cases: Case[] = [
  { label: 'compact LSTM, primal (N = 7 ≤ L − 1 = 11)', config: { lookback: 12, lagForm: 'compact', cell: 'lstm', units: 3, volHidden: 2 }, n: 7 },
  { label: 'compact LSTM, dual (N = 15 > L − 1 = 9)', config: { lookback: 10, lagForm: 'compact', cell: 'lstm', units: 3, volHidden: 2 }, n: 15 },
  { label: 'per-lag GRU, dual (N = 12 > L − 1 = 7)', config: { lookback: 8, lagForm: 'per-lag', cell: 'gru', units: 3, volHidden: 2 }, n: 12 },
];

describe('cleaner graph vs float64 reference', () => {
  for (const { label, config, n } of cases) {
    it(`${label}: loss and gradients`, () => {
      const model = createCleanerModel(config, 5);
      try {
        const weights = cleanerWeightValues(model);
        perturbWeights(weights, 9);
        assignCleanerWeights(model, weights);
        const exact = cleanerWeightValues(model);
        const { past, future, lookback } = problem(config, n, 11);
        let value = 0;
        let grads: Float64Array[] = [];
        tf.tidy(() => {
          const result = tf.variableGrads(
            () => cleanerBatchLoss(model, tf.tensor3d(Float32Array.from(past), [BATCH, lookback, n]), tf.tensor3d(Float32Array.from(future), [BATCH, HORIZON, n])),
            model.variables as tf.Variable[],
          );
          value = result.value.dataSync()[0];
          grads = model.variables.map((variable) => Float64Array.from(result.grads[variable.name].dataSync()));
        });
        // The graph reads float32 copies of the returns; the reference gets the same rounded values.
        const pastRounded = Float64Array.from(Float32Array.from(past));
        const futureRounded = Float64Array.from(Float32Array.from(future));
        const reference = float64Loss(model.config, exact, pastRounded, futureRounded, lookback, n);
        const lossTolerance = 1e-5;
        expect(Math.abs(value - reference) / reference, `loss ${value} vs float64 ${reference}, tolerance ${lossTolerance} relative`).toBeLessThan(lossTolerance);

        // Central differences of the float64 loss, step 1e-5·max(1, |θ|): truncation and rounding ≪ 1e-6 relative.
        // The analytic side is a float32 graph (observed agreement ≈ 1e-7 of the scale): tolerance 1e-4 of the weight's largest gradient.
        let checked = 0;
        model.names.forEach((name, k) => {
          const values = exact.get(name) as Float64Array;
          const gradient = grads[k];
          const scale = Math.max(...Array.from(gradient, Math.abs), 1e-3);
          const picks = values.length <= 6 ? Array.from(values.keys()) : [0, Math.floor(values.length / 2), values.length - 1];
          for (const q of picks) {
            const original = values[q];
            const step = 1e-5 * Math.max(1, Math.abs(original));
            values[q] = original + step;
            const up = float64Loss(model.config, exact, pastRounded, futureRounded, lookback, n);
            values[q] = original - step;
            const down = float64Loss(model.config, exact, pastRounded, futureRounded, lookback, n);
            values[q] = original;
            const numeric = (up - down) / (2 * step);
            const difference = Math.abs(gradient[q] - numeric);
            expect(difference, `${name}[${q}]: autodiff ${gradient[q]} vs central difference ${numeric}, |Δ| ${difference} > 1e-4 × ${scale}`).toBeLessThan(1e-4 * scale);
            checked++;
          }
        });
        expect(checked).toBeGreaterThan(20);
        const lagName = model.config.lagForm === 'compact' ? 'lag.c' : 'lag.beta';
        const lagGradient = grads[model.names.indexOf(lagName)];
        expect(Math.max(...Array.from(lagGradient, Math.abs)), `${lagName} gradient must reach the lag transform`).toBeGreaterThan(1e-6);
      } finally {
        model.dispose();
      }
    });
  }
});
