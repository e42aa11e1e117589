/**
 * The `sensitivity` optimiser node end to end on real data: the nine sector funds (monthly, from the
 * Yahoo exports) with the FRED 10-year yield, VIX and the Fama–French monthly factors as drivers.
 * The stored last window must reproduce the last rebalance exactly (same tree and weights when the
 * allocation is recomputed from the stored sensitivities and a fresh Ledoit–Wolf fit), runs replay
 * bit for bit from the seed, and the spec rules and missing datasets are reported by path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Panel } from '../../../src/shared/domain/panel';
import { parsePipelineSpec, type PipelineSpec } from '../../../src/shared/pipeline/spec';
import { ingestFile } from '../../../src/main/ingest';
import { runPipeline, type PipelineRunResult } from '../../../src/main/engine/pipeline/run-pipeline';
import { sensitivityAllocation } from '../../../src/main/engine/sensitivity/sensitivity-allocation';
import { ESTIMATORS } from '../../../src/main/engine/risk/estimators';
import { writeSectorEtfsCsv } from '../../../bench/_sector-etfs';

const DATA = join(__dirname, '../../../../shared/data');
const dir = mkdtempSync(join(tmpdir(), 'pa-sens-'));
let primary: Panel;
const drivers: Record<string, Panel> = {};

beforeAll(async () => {
  await tf.setBackend('cpu');
  primary = (await ingestFile(await writeSectorEtfsCsv(DATA, dir))).panel;
  drivers.DGS10 = (await ingestFile(join(DATA, 'rates_credit_vol/DGS10.csv'))).panel;
  drivers.VIX_History = (await ingestFile(join(DATA, 'rates_credit_vol/VIX_History.csv'))).panel;
  drivers.FF = (await ingestFile(join(DATA, 'factors/F-F_Research_Data_Factors.CSV'))).panel;
}, 20_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function spec(overrides: Record<string, unknown> = {}, seed = 3): PipelineSpec {
  const parsed = parsePipelineSpec({
    name: 'sector sensitivity',
    seed,
    data: { kind: 'dataset', dataset: 'sectors', frequency: 'monthly' },
    risk: { kind: 'estimator', estimator: 'ledoit-wolf', lookback: 36 },
    optimiser: { kind: 'sensitivity', drivers: [{ dataset: 'DGS10' }, { dataset: 'VIX_History', name: 'VIX' }, { dataset: 'FF' }], window: 36, lags: 1, hidden: [8], epochs: 60, ...overrides },
    backtest: { start: '2022-01', end: '2024-12', rebalanceEvery: 1, retrainEvery: 12, costBps: 10 },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.spec;
}

describe('sensitivity optimiser in a pipeline (sector funds, monthly, 2022–2024)', () => {
  let result: PipelineRunResult;
  beforeAll(() => {
    result = runPipeline(spec(), { primary, drivers });
  }, 30_000);

  it('invests fully at every rebalance and refits on the retrain schedule', () => {
    const { backtest } = result;
    expect(backtest.n).toBe(9);
    expect(backtest.metrics.failedRebalances).toBe(0);
    for (let r = 0; r < backtest.rebalances.length; r++) {
      const total = backtest.weights.subarray(r * 9, (r + 1) * 9).reduce((a, b) => a + b, 0);
      expect(Math.abs(total - 1), `rebalance ${r}: |Σw − 1| = ${Math.abs(total - 1)}`).toBeLessThan(1e-12);
    }
    expect(result.sensitivity?.fits.map((fit) => fit.date)).toEqual(backtest.rebalances.filter((record) => record.diagnostics.refitted === true).map((record) => record.date));
    expect(result.sensitivity?.fits.length).toBe(3);
  });

  it('reports the drivers as built: DGS10 in differences, VIX in log changes, three factors as returns', () => {
    expect(result.sensitivity?.drivers.map((driver) => [driver.name, driver.transform])).toEqual([
      ['DGS10', 'difference'],
      ['VIX', 'log-difference'],
      ['Mkt-RF', 'return'],
      ['SMB', 'return'],
      ['HML', 'return'],
    ]);
    // Ken French monthly ends 2024-08 in this vintage: the last four months are a stated gap.
    expect(result.sensitivity?.drivers.find((driver) => driver.name === 'HML')?.lastDate).toBe('2024-08-30');
  });

  it('the stored last window reproduces the last rebalance: same leaf order and weights from its sensitivities', () => {
    const last = result.sensitivity?.lastWindow;
    expect(last).toBeTruthy();
    if (!last) return;
    const { backtest } = result;
    expect(last.date).toBe(backtest.rebalances.at(-1)?.date);
    expect(last.assets).toHaveLength(9);
    expect(last.sensitivities).toHaveLength(9);
    expect(last.sensitivities[0]).toHaveLength(last.columns.length);
    expect(last.columns.length % 2).toBe(0);
    expect(last.linkage).toHaveLength(8);
    // Recompute from the panel: returns of the 36 months ending at the last rebalance, Ledoit–Wolf, bisection.
    const index = (backtest.rebalances.at(-1) as { index: number }).index;
    const returns = monthlyReturns();
    const window = returns.slice((index - 35) * 9, (index + 1) * 9);
    const risk = ESTIMATORS['ledoit-wolf'](window, 36, 9).model;
    const recomputed = sensitivityAllocation(Float64Array.from(last.sensitivities.flat()), risk, { linkage: 'single' });
    let worst = 0;
    last.weights.forEach((w, j) => (worst = Math.max(worst, Math.abs(w - recomputed.weights[j]))));
    expect(worst, `max |Δw| = ${worst} > 1e-12`).toBeLessThan(1e-12);
    expect(last.order).toEqual(Array.from(recomputed.details?.order as ArrayLike<number>));
  });

  it('replays bit for bit from the seed, and another seed changes the sensitivities', () => {
    const again = runPipeline(spec(), { primary, drivers });
    expect(Array.from(again.backtest.weights)).toEqual(Array.from(result.backtest.weights));
    const other = runPipeline(spec({}, 4), { primary, drivers });
    expect(other.sensitivity?.lastWindow?.sensitivities).not.toEqual(result.sensitivity?.lastWindow?.sensitivities);
  }, 30_000);

  it('refits off schedule when a fund joins the universe (1 of 9 is over the 10 % share), and only then', () => {
    // XLK without prices before 2019: its 36th monthly return, and so its entry, is at 2022-01-31.
    const j = primary.assets.indexOf('XLK');
    const values = Float64Array.from(primary.values, (value, k) => (Math.floor(k / 9) < primary.dates.findIndex((date) => date >= '2019-01-01') && k % 9 === j ? Number.NaN : value));
    const late = runPipeline(spec({}, 3), { primary: { ...primary, values }, drivers });
    expect(late.sensitivity?.fits.map((fit) => fit.date)).toEqual(['2021-12-31', '2022-01-31', '2022-12-30', '2023-12-29']);
    const first = late.backtest.rebalances[0];
    expect(first.universeSize).toBe(8);
    expect(late.backtest.weights[j]).toBe(0);
    expect(late.backtest.weights[9 + j]).toBeGreaterThan(0);
    expect(late.sensitivity?.lastWindow?.assets).toHaveLength(9);
  }, 30_000);

  it('a tenth asset joining (10 %, not over the share) waits at weight 0 for the next scheduled refit', () => {
    // A copy of XLB without prices before 2019 as a tenth column: it enters at 2022-01-31.
    const cutoff = primary.dates.findIndex((date) => date >= '2019-01-01');
    const b = primary.assets.indexOf('XLB');
    const values = new Float64Array(primary.dates.length * 10);
    primary.dates.forEach((_, t) => {
      values.set(primary.values.subarray(t * 9, t * 9 + 9), t * 10);
      values[t * 10 + 9] = t < cutoff ? Number.NaN : primary.values[t * 9 + b];
    });
    const late = runPipeline(spec({}, 3), { primary: { ...primary, assets: [...primary.assets, 'XLB copy'], values }, drivers });
    expect(late.sensitivity?.fits.map((fit) => fit.date)).toEqual(['2021-12-31', '2022-12-30', '2023-12-29']);
    const byDate = (date: string): number => late.backtest.rebalances.findIndex((record) => record.date === date);
    for (const date of ['2022-01-31', '2022-11-30']) {
      const r = byDate(date);
      expect(late.backtest.rebalances[r].universeSize, date).toBe(10);
      expect(late.backtest.rebalances[r].diagnostics.allocated, date).toBe(9);
      expect(late.backtest.weights[r * 10 + 9], date).toBe(0);
    }
    expect(late.backtest.weights[byDate('2022-12-30') * 10 + 9]).toBeGreaterThan(0);
  }, 30_000);

  it('the min-variance variant cuts the tree into the requested clusters and solves every rebalance', () => {
    const banded = runPipeline(spec({ variant: 'min-variance', clusters: 3 }), { primary, drivers });
    const last = banded.sensitivity?.lastWindow;
    expect(last?.labels).toHaveLength(9);
    expect(banded.backtest.metrics.failedRebalances).toBe(0);
    expect(new Set(last?.labels).size).toBe(3);
  }, 30_000);
});

/** Monthly simple returns of the month-end adjusted closes, row m − 1 = month m (as the pipeline's). */
function monthlyReturns(): Float64Array {
  const byMonth = new Map<string, number>();
  primary.dates.forEach((date, t) => byMonth.set(date.slice(0, 7), t));
  const rows = [...byMonth.values()];
  const returns = new Float64Array((rows.length - 1) * 9);
  for (let m = 1; m < rows.length; m++) for (let j = 0; j < 9; j++) returns[(m - 1) * 9 + j] = primary.values[rows[m] * 9 + j] / primary.values[rows[m - 1] * 9 + j] - 1;
  return returns;
}

describe('sensitivity optimiser: spec rules and inputs', () => {
  it('reports the connection problems by path', () => {
    const bad = parsePipelineSpec({
      name: 'bad',
      data: { kind: 'synthetic' },
      risk: { kind: 'estimator', lookback: 24 },
      optimiser: { kind: 'sensitivity', window: 36, drivers: [{ dataset: 'BAA', minus: { dataset: 'AAA' } }, { dataset: 'BAA', column: 'BAA', minus: { dataset: 'AAA', column: 'AAA' }, transform: 'return' }] },
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((problem) => problem.path.join('.')).sort()).toEqual(['data.kind', 'optimiser.drivers.0.minus', 'optimiser.drivers.1.transform', 'optimiser.window']);
  });

  it('names a driver dataset that was not provided', () => {
    expect(() => runPipeline(spec(), { primary, drivers: { DGS10: drivers.DGS10 } })).toThrow(/optimiser.drivers\[1\]: the driver dataset "VIX_History" was not provided/);
  });
});
