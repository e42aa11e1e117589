/**
 * The compare experiment on a small universe: same seed → identical metrics and histories, another
 * seed → different; every row's figures are the simulator's and consistent with its net returns;
 * the end-to-end fit (started from the decoupled one) never scores worse on validation than its
 * start; progress, cancel and bad options.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCompare } from '../../../src/main/engine/learn/compare/run-compare';
import type { CompareOptions, CompareResult } from '../../../src/main/engine/learn/compare/run-compare';
import { splitDecisionMonths } from '../../../src/main/engine/learn/compare/compare-data';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SMALL: CompareOptions = { seed: 1, nAssets: 16, nMonths: 140, lookback: 36, endToEndEpochs: 8, decoupledEpochs: 40, patience: 4 };

function figures(result: CompareResult) {
  return { rows: result.rows, training: result.training, netReturns: Object.values(result.backtests).map((backtest) => Array.from(backtest.netReturns)) };
}

/** The universe's row labels: `YYYY-MM` from January 2000. */
const label = (row: number): string => `${2000 + Math.floor(row / 12)}-${String((row % 12) + 1).padStart(2, '0')}`;

describe('runCompare', () => {
  const progress: [number, string][] = [];
  const first = runCompare(SMALL, (fraction, stage) => progress.push([fraction, stage]));

  it('same seed → identical metrics, histories and return series', () => {
    const second = runCompare(SMALL);
    expect(figures(second)).toEqual(figures(first));
    expect(second.options).toEqual(first.options);
  });

  it('another seed → different numbers', () => {
    const other = runCompare({ ...SMALL, seed: 2, endToEndEpochs: 2 });
    expect(other.rows[0].sharpe).not.toBe(first.rows[0].sharpe);
  });

  it('rows are the simulator metrics over the test period, for the three strategies', () => {
    expect(first.rows.map((row) => row.strategy)).toEqual(['equal-weight', 'decoupled', 'end-to-end']);
    const split = splitDecisionMonths(140, 36, 0.5, 0.2, 12);
    expect(first.split.test).toEqual(split.test);
    for (const row of first.rows) {
      const backtest = first.backtests[row.strategy];
      expect(backtest.metrics.periods).toBe(split.test.length);
      expect(backtest.dates[0]).toBe(label(split.testStart));
      const net = Array.from(backtest.netReturns);
      const mean = net.reduce((a, b) => a + b, 0) / net.length;
      const std = Math.sqrt(net.reduce((a, b) => a + (b - mean) ** 2, 0) / (net.length - 1));
      expect(Math.abs(row.sharpe! - (Math.sqrt(12) * mean) / std), `${row.strategy} Sharpe vs recomputed`).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(row.annualisedReturn - 12 * mean)).toBeLessThanOrEqual(1e-14);
      expect(row.failedRebalances).toBe(0);
    }
    expect(first.rows[0].testMse).toBeNull();
    expect(first.rows[1].testMse).toBeGreaterThan(0);
    expect(first.rows[2].testMse).toBeGreaterThan(0);
  });

  it('end-to-end starts from the decoupled fit and keeps its best validation Sharpe', () => {
    const { endToEnd } = first.training;
    expect(endToEnd.bestValLoss!).toBeLessThanOrEqual(endToEnd.initial.valLoss!);
    expect(endToEnd.solver.statuses.solved).toBeGreaterThan(0);
    expect(endToEnd.solver.statuses['max-iterations']).toBe(0);
  });

  it('reports progress from 0 to 1', () => {
    expect(progress[0][0]).toBe(0);
    expect(progress[progress.length - 1]).toEqual([1, 'done']);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
  });

  it('cancels when asked, and rejects bad options with clear errors', () => {
    let polls = 0;
    expect(() => runCompare({ ...SMALL, shouldStop: () => ++polls > 2 })).toThrow(/cancelled/);
    expect(() => runCompare({ ...SMALL, wMax: 0.05 })).toThrow(/wMax = 0.05/);
    expect(() => runCompare({ ...SMALL, nMonths: 50 })).toThrow(/nMonths = 50 with lookback 36 leaves 14 decision months, split 7 \/ 2 \/ 5; need at least 12 training/);
    expect(() => runCompare({ ...SMALL, seed: -1 })).toThrow(/seed = -1/);
    expect(() => runCompare({ ...SMALL, tc: -0.1 })).toThrow(/tc = -0.1/);
    expect(() => runCompare({ ...SMALL, endToEndRisk: 'head' })).toThrow(/needs predictor 'mlp'/);
  });
});
