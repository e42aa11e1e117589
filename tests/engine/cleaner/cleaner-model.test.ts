/** Model creation, parameter counts, the JSON round trip and config validation. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanCovariance } from '../../../src/main/engine/cleaner/clean-covariance';
import { resolveCleanerConfig } from '../../../src/main/engine/cleaner/cleaner-config';
import { cleanerParameterCount, cleanerWeightValues, createCleanerModel, loadCleaner, serializeCleaner } from '../../../src/main/engine/cleaner/cleaner-model';
import { factorReturns } from './cleaner-helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('cleaner model', () => {
  it('parameter counts: 5 + BiLSTM 2·(4·4H + H·4H + 4H) + head (2H + 1) + vol head (3V + 1); per-lag adds 2L − 5; GRU (reset after) 2·(4·3H + H·3H + 6H)', () => {
    const cases = [
      { config: {}, expected: 5 + 2 * (4 * 64 + 16 * 64 + 64) + 33 + 25 },
      { config: { lagForm: 'per-lag' as const, lookback: 100 }, expected: 200 + 2 * (4 * 64 + 16 * 64 + 64) + 33 + 25 },
      { config: { cell: 'gru' as const }, expected: 5 + 2 * (4 * 48 + 16 * 48 + 96) + 33 + 25 },
    ];
    for (const { config, expected } of cases) {
      const model = createCleanerModel(config, 0);
      expect(cleanerParameterCount(model), JSON.stringify(config)).toBe(expected);
      model.dispose();
    }
  });

  it('the initial per-lag weights are the compact form at c = (2.8, 0.20, 0.85, 0.50, 0.05)', () => {
    const model = createCleanerModel({ lagForm: 'per-lag', lookback: 30 }, 0);
    const weights = cleanerWeightValues(model);
    for (const t of [1, 10, 30]) {
      const alpha = 2.8 * t ** -0.2;
      const beta = 0.85 - 0.5 * Math.exp(-0.05 * t);
      expect(Math.abs((weights.get('lag.alpha') as Float64Array)[t - 1] - alpha), `α at lag ${t}`).toBeLessThan(1e-6 * alpha);
      expect(Math.abs((weights.get('lag.beta') as Float64Array)[t - 1] - beta), `β at lag ${t}`).toBeLessThan(1e-6 * beta);
    }
    model.dispose();
  });

  it('same seed, same weights; another seed, other weights', () => {
    const [a, b, c] = [createCleanerModel({}, 7), createCleanerModel({}, 7), createCleanerModel({}, 8)];
    const [wa, wb, wc] = [a, b, c].map(cleanerWeightValues);
    expect(Array.from(wa.get('rnn.forward.kernel') as Float64Array)).toEqual(Array.from(wb.get('rnn.forward.kernel') as Float64Array));
    expect(Array.from(wa.get('head.kernel') as Float64Array)).not.toEqual(Array.from(wc.get('head.kernel') as Float64Array));
    [a, b, c].forEach((model) => model.dispose());
  });

  it('serialise → JSON text → load gives bit-identical weights and covariances, and leaks no tensor', () => {
    const before = tf.memory().numTensors;
    const model = createCleanerModel({ lookback: 15, cell: 'gru', lagForm: 'per-lag', units: 5 }, 4);
    const text = JSON.stringify(serializeCleaner(model));
    const loaded = loadCleaner(JSON.parse(text));
    expect(loaded.config).toEqual(model.config);
    const returns = factorReturns(15, 9, 3);
    const a = cleanCovariance(model, returns, 15, 9).riskModel.sigma;
    const b = cleanCovariance(loaded, returns, 15, 9).riskModel.sigma;
    expect(Array.from(b)).toEqual(Array.from(a));
    model.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('load errors name the problem and leak nothing', () => {
    const source = createCleanerModel({ lookback: 10 }, 1);
    const good = serializeCleaner(source);
    source.dispose();
    const before = tf.memory().numTensors;
    expect(() => loadCleaner(null)).toThrow('json must be a serialised cleaner object');
    expect(() => loadCleaner({ ...good, format: 'x' })).toThrow("json.format must be 'portfolio-audit/covariance-cleaner'");
    expect(() => loadCleaner({ ...good, version: 9 })).toThrow('json.version 9 is not supported');
    const { ['head.bias']: _dropped, ...missing } = good.weights;
    expect(() => loadCleaner({ ...good, weights: missing })).toThrow('json.weights.head.bias is missing');
    expect(() => loadCleaner({ ...good, weights: { ...good.weights, 'head.kernel': { shape: [3, 1], values: [0, 0, 0] } } })).toThrow('json.weights.head.kernel.shape must be [32, 1]');
    expect(() => loadCleaner({ ...good, weights: { ...good.weights, 'head.bias': { shape: [1], values: [Number.NaN] } } })).toThrow('weights.head.bias[0] is NaN');
    expect(() => loadCleaner({ ...good, config: { ...good.config, units: 0 } })).toThrow('config.units must be a positive integer');
    expect(tf.memory().numTensors, 'failed loads must dispose their half-built model').toBe(before);
  });

  it('config validation names the field', () => {
    expect(() => resolveCleanerConfig({ lookback: 2 })).toThrow('config.lookback must be an integer ≥ 3, got 2');
    expect(() => resolveCleanerConfig({ lagForm: 'exp' as never })).toThrow("config.lagForm must be 'compact' or 'per-lag'");
    expect(() => resolveCleanerConfig({ cell: 'rnn' as never })).toThrow("config.cell must be 'lstm' or 'gru'");
    expect(() => resolveCleanerConfig({ featureScale: [1, 1, 0] as never })).toThrow('config.featureScale must hold 4 numbers');
    expect(() => resolveCleanerConfig({ returnScale: -1 })).toThrow('config.returnScale must be a finite number > 0');
  });
});
