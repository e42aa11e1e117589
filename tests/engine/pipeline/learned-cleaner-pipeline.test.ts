/**
 * A pipeline whose risk node is the learned cleaner runs walk-forward on a small daily price panel,
 * and its GMV weights are the closed form on the cleaner's Σ̃ of the same window.
 */
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { cleanCovariance } from '../../../src/main/engine/cleaner/clean-covariance';
import { createCleanerModel } from '../../../src/main/engine/cleaner/cleaner-model';
import { createRandom } from '../../../src/main/engine/data/random';
import { runPipeline } from '../../../src/main/engine/pipeline/run-pipeline';
import { minimumVariance } from '../../../src/main/engine/portfolio/minimum-variance';
import type { Panel } from '../../../src/shared/domain/panel';
import { parsePipelineSpec, type PipelineSpec } from '../../../src/shared/pipeline/spec';

const T = 160;
const N = 8;
const random = createRandom(21);
const dates = Array.from({ length: T }, (_, s) => new Date(Date.UTC(2019, 0, 1 + s)).toISOString().slice(0, 10));
const prices = new Float64Array(T * N);
for (let j = 0; j < N; j++) prices[j] = 50 + 10 * j;
for (let s = 1; s < T; s++) {
  const market = 0.01 * random.normal();
  for (let j = 0; j < N; j++) prices[s * N + j] = prices[(s - 1) * N + j] * (1 + 0.5 * market + 0.01 * (1 + j / N) * random.normal());
}
const primary: Panel = { kind: 'prices', frequency: 'daily', dates, assets: Array.from({ length: N }, (_, j) => `S${j}`), values: prices };
const cleaner = createCleanerModel({ lookback: 40 }, 5);

function spec(overrides: { risk?: Record<string, unknown>; optimiser?: Record<string, unknown>; frequency?: string } = {}): PipelineSpec {
  const parsed = parsePipelineSpec({
    name: 'cleaner GMV',
    seed: 1,
    data: { kind: 'dataset', dataset: 'prices', frequency: overrides.frequency ?? 'daily' },
    risk: { kind: 'learned-cleaner', lookback: 40, ...overrides.risk },
    optimiser: overrides.optimiser ?? { kind: 'minimum-variance', longOnly: false },
    backtest: { start: dates[60], rebalanceEvery: 21, costBps: 0 },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.spec;
}

describe('risk node learned-cleaner', () => {
  it('parses with the shipped model and a 252-day window by default', () => {
    const parsed = parsePipelineSpec({ name: 'x', seed: 1, data: { kind: 'dataset', dataset: 'p', frequency: 'daily' }, risk: { kind: 'learned-cleaner' }, optimiser: { kind: 'minimum-variance' } });
    expect(parsed.ok && parsed.spec.risk).toEqual({ kind: 'learned-cleaner', lookback: 252, model: 'shipped' });
  });

  it('runs long-short GMV on the cleaner’s Σ̃: the first target equals the closed form on that window', () => {
    const result = runPipeline(spec(), { primary, cleaner });
    const { backtest } = result;
    expect(backtest.metrics.failedRebalances).toBe(0);
    expect(backtest.rebalances.length).toBe(5);
    // The first rebalance is at the close of row 59 of the prices, row 58 of the returns: the window is returns rows 19..58.
    const returns = new Float64Array(40 * N);
    for (let r = 0; r < 40; r++) for (let j = 0; j < N; j++) returns[r * N + j] = prices[(20 + r) * N + j] / prices[(19 + r) * N + j] - 1;
    const expected = minimumVariance(cleanCovariance(cleaner, returns, 40, N).riskModel).weights;
    for (let j = 0; j < N; j++) {
      const difference = Math.abs(backtest.weights[j] - expected[j]);
      expect(difference, `w[${j}]: ${backtest.weights[j]} vs ${expected[j]}, |Δ| = ${difference} > 1e-12`).toBeLessThanOrEqual(1e-12);
    }
  });

  it('runs long-only through the QP: weights ≥ 0 summing to 1', () => {
    const { backtest } = runPipeline(spec({ optimiser: { kind: 'minimum-variance', longOnly: true } }), { primary, cleaner });
    expect(backtest.metrics.failedRebalances).toBe(0);
    for (let r = 0; r < backtest.rebalances.length; r++) {
      const row = backtest.weights.subarray(r * N, (r + 1) * N);
      expect(Math.min(...row)).toBeGreaterThanOrEqual(-1e-6);
      expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-6);
    }
  });

  it('says what is wrong: no model, monthly data, a window shorter than the model, another optimiser', () => {
    expect(() => runPipeline(spec(), { primary })).toThrow(/no cleaner model was provided/);
    expect(() => runPipeline(spec({ frequency: 'monthly' }), { primary, cleaner })).toThrow(/reads daily returns/);
    expect(() => runPipeline(spec({ risk: { lookback: 30 } }), { primary, cleaner })).toThrow(/risk.lookback 30 is shorter than the cleaner's lookback of 40/);
    expect(() => runPipeline(spec({ optimiser: { kind: 'erc' } }), { primary, cleaner })).toThrow(/works with optimiser.kind minimum-variance, not erc/);
  });
});
