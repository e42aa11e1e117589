/**
 * The cleaner's trainer on a small synthetic panel: Adam against a hand computation, seeded
 * determinism, a resume from a checkpoint (through JSON) bit-identical to an uninterrupted run,
 * cancel, and option errors.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { adamStep, createAdamState } from '../../../src/main/engine/cleaner/cleaner-adam';
import { cleanerWeightValues } from '../../../src/main/engine/cleaner/cleaner-model';
import { trainCleaner } from '../../../src/main/engine/cleaner/train-cleaner';
import type { CleanerCheckpoint, TrainCleanerOptions } from '../../../src/main/engine/cleaner/train-cleaner';
import type { ReturnsPanel } from '../../../src/main/engine/cleaner/cleaner-windows';
import { factorReturns, isoDays } from './cleaner-helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const T = 260;
const N = 14;
const dates = isoDays(T, '2012-06-01');
const panel: ReturnsPanel = { dates, assets: N, values: factorReturns(T, N, 17) };
const options: TrainCleanerOptions = {
  config: { lookback: 12, units: 3, volHidden: 2 },
  seed: 5,
  epochs: 3,
  stepsPerEpoch: 2,
  batchSize: 2,
  minAssets: 4,
  maxAssets: 14,
  horizon: 5,
  step: 10,
  trainEnd: dates[149],
  valStart: dates[150],
  valEnd: dates[T - 1],
};

function finalWeights(run: ReturnType<typeof trainCleaner>): Record<string, number[]> {
  const values = cleanerWeightValues(run.model);
  run.model.dispose();
  return Object.fromEntries([...values].map(([name, array]) => [name, Array.from(array)]));
}

describe('Adam on float64 masters', () => {
  it('one step matches Kingma & Ba with bias correction; clipping rescales to the global norm', () => {
    const weights = new Map([['w', Float64Array.from([1, -2])]]);
    const state = createAdamState(weights);
    const norm = adamStep(weights, new Map([['w', Float64Array.from([3, 4])]]), state, { learningRate: 0.1, clipNorm: 1 });
    expect(norm).toBe(5);
    // g = (0.6, 0.8); m̂ = g, v̂ = g², step = 0.1·g/(|g| + 1e-7).
    const expected = [1 - (0.1 * 0.6) / (0.6 + 1e-7), -2 - (0.1 * 0.8) / (0.8 + 1e-7)];
    expect(Math.abs((weights.get('w') as Float64Array)[0] - expected[0])).toBeLessThan(1e-15);
    expect(Math.abs((weights.get('w') as Float64Array)[1] - expected[1])).toBeLessThan(1e-15);
    expect(state.step).toBe(1);
    expect(() => adamStep(weights, new Map([['w', Float64Array.from([Number.NaN, 0])]]), state, { learningRate: 0.1 })).toThrow('gradient of w[0] is NaN');
  });
});

describe('trainCleaner', { timeout: 30_000 }, () => {
  it('is deterministic for a seed, resumes bit for bit from a JSON checkpoint, and reports every epoch', () => {
    const epochs: number[] = [];
    const checkpoints: CleanerCheckpoint[] = [];
    const full = trainCleaner(panel, options, { onEpoch: (record) => epochs.push(record.epoch), onCheckpoint: (checkpoint) => checkpoints.push(JSON.parse(JSON.stringify(checkpoint)) as CleanerCheckpoint) });
    expect(full.stopReason).toBe('completed');
    expect(epochs).toEqual([1, 2, 3]);
    const history = full.checkpoint.history;
    for (const record of history) {
      expect(Number.isFinite(record.trainLoss) && Number.isFinite(record.valLoss) && record.gradNorm > 0, JSON.stringify(record)).toBe(true);
      expect(record.skippedSteps).toBe(0);
    }
    expect(full.validation.samples).toBeGreaterThan(3);
    const fullLast = full.checkpoint.weights;
    const fullBest = finalWeights(full);

    const again = trainCleaner(panel, options);
    expect(again.checkpoint.weights).toEqual(fullLast);
    expect(finalWeights(again)).toEqual(fullBest);

    const resumed = trainCleaner(panel, {}, { resume: checkpoints[0] });
    expect(resumed.checkpoint.epoch).toBe(3);
    expect(resumed.checkpoint.history).toHaveLength(3);
    expect(resumed.checkpoint.weights, 'resumed run must end at the same weights').toEqual(fullLast);
    expect(resumed.checkpoint.adam).toEqual(full.checkpoint.adam);
    expect(finalWeights(resumed)).toEqual(fullBest);
  });

  it('the best validation epoch is kept: its stored loss equals the minimum over initial and epoch losses', () => {
    const run = trainCleaner(panel, { ...options, epochs: 2 });
    const { history, best, initialValLoss } = run.checkpoint;
    expect(best.valLoss).toBe(Math.min(initialValLoss, ...history.map((record) => record.valLoss)));
    run.model.dispose();
  });

  it('cancel stops before the next step; the checkpoint is the last completed epoch', () => {
    const signal = { aborted: false };
    const run = trainCleaner(panel, options, { signal, onEpoch: (record) => (signal.aborted = record.epoch === 1) });
    expect(run.stopReason).toBe('cancelled');
    expect(run.checkpoint.epoch).toBe(1);
    run.model.dispose();
  });

  it('option and data errors name the problem; no tensor leaks', () => {
    const before = tf.memory().numTensors;
    expect(() => trainCleaner(panel, { ...options, epochs: 0 })).toThrow('options.epochs must be a positive integer, got 0');
    expect(() => trainCleaner(panel, { ...options, maxAssets: 2 })).toThrow('options.maxAssets must be an integer ≥ minAssets (4), got 2');
    expect(() => trainCleaner(panel, { ...options, valStart: dates[100] })).toThrow('periods must be ordered trainEnd < valStart ≤ valEnd');
    expect(() => trainCleaner(panel, { ...options, trainEnd: '2012-06-05' })).toThrow('no training sample fits before 2012-06-05');
    expect(() => trainCleaner(panel, { ...options, minAssets: 20, maxAssets: 30 })).toThrow('no training sample fits');
    const other = { ...panel, dates: isoDays(T, '2012-06-02') };
    const run = trainCleaner(panel, { ...options, epochs: 1 });
    const checkpoint = run.checkpoint;
    run.model.dispose();
    expect(() => trainCleaner(other, {}, { resume: checkpoint })).toThrow('hooks.resume was trained on another panel');
    expect(tf.memory().numTensors).toBe(before);
  });
});
