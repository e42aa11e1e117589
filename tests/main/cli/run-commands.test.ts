import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'pa-cli-run-'));
const db = join(dir, 'store.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main/cli-entry.ts', '--db', db, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('portfolio-audit run, runs and shrink', { timeout: 120_000 }, () => {
  const demo = join(process.cwd(), 'resources/demo/ff-10-industry-monthly.csv.gz');

  it('runs a pipeline on an imported dataset, stores it, and replays to identical metrics', () => {
    expect(cli('import', demo, '--name', 'FF10', '--kind', 'returns').code).toBe(0);
    const spec = { name: 'FF10 GMV LW', seed: 3, data: { kind: 'dataset', dataset: 'FF10', frequency: 'monthly', minCoverage: 0.9 }, risk: { kind: 'estimator', estimator: 'ledoit-wolf', lookback: 60 }, optimiser: { kind: 'minimum-variance', longOnly: true }, backtest: { start: '2000-01', end: '2020-12', costBps: 10 } };
    const path = join(dir, 'gmv.json');
    writeFileSync(path, JSON.stringify(spec));
    const first = cli('run', path, '--json');
    expect(first.stderr).toBe('');
    const a = JSON.parse(first.stdout) as { runId: string; metrics: { sharpe: number; periods: number; statusCounts: Record<string, number> }; assets: number };
    expect(a.assets).toBe(10);
    expect(a.metrics.periods).toBe(252);
    expect(a.metrics.statusCounts).toEqual({ solved: 252 });
    const b = JSON.parse(cli('run', path, '--json').stdout) as typeof a;
    expect(b.runId).not.toBe(a.runId);
    expect(b.metrics).toEqual(a.metrics);
    const runs = JSON.parse(cli('runs', '--json').stdout) as { id: string; state: string; datasets: { sha256: string }[] }[];
    expect(runs.map((run) => run.state)).toEqual(['succeeded', 'succeeded']);
    expect(runs[0].datasets[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an invalid spec naming the field, and a too-short dataset with the periods needed', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', data: { kind: 'dataset', dataset: 'FF10' }, optimiser: { kind: 'mean-variance' } }));
    const invalid = cli('run', bad);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('predictor.kind: mean–variance needs a return forecast');
    const short = join(dir, 'short.json');
    writeFileSync(short, JSON.stringify({ name: 'x', data: { kind: 'dataset', dataset: 'FF10' }, risk: { kind: 'estimator', estimator: 'sample', lookback: 2000 }, optimiser: { kind: 'minimum-variance' } }));
    const result = cli('run', short);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/2000/);
    const states = (JSON.parse(cli('runs', '--json').stdout) as { state: string }[]).map((run) => run.state);
    expect(states[0]).toBe('failed');
  });

  it('shrink reports our figures beside the published ones, reproducibly', () => {
    const one = cli('shrink', '--n-seeds', '2', '--json');
    expect(one.stderr).toBe('');
    const a = JSON.parse(one.stdout) as { meanSharpe: Record<string, number>; published: Record<string, number>; seeds: unknown[] };
    expect(a.seeds).toHaveLength(2);
    expect(a.published).toMatchObject({ plugIn: 0.56, ledoitWolf: 1.85, decisionAware: 2.18 });
    expect((JSON.parse(cli('shrink', '--n-seeds', '2', '--json').stdout) as typeof a).meanSharpe).toEqual(a.meanSharpe);
  });

  it('compare: equal weight, decoupled and end-to-end out of sample, identical for the same seed', () => {
    const first = cli('compare', '--seed', '2', '--json');
    expect(first.stderr).toBe('');
    const a = JSON.parse(first.stdout) as { rows: { strategy: string; sharpe: number | null; testMse: number | null }[]; options: { seed: number } };
    expect(a.rows.map((row) => row.strategy)).toEqual(['equal-weight', 'decoupled', 'end-to-end']);
    expect(a.options.seed).toBe(2);
    for (const row of a.rows) expect(Number.isFinite(row.sharpe)).toBe(true);
    expect((JSON.parse(cli('compare', '--seed', '2', '--json').stdout) as typeof a).rows).toEqual(a.rows);
  });

  it('runs a pipeline with a trained predictor (end-to-end through the QP), stores its training history, and replays exactly', () => {
    const path = join(process.cwd(), 'examples/pipelines/synthetic-end-to-end.json');
    const a = JSON.parse(cli('run', path, '--json').stdout) as { runId: string; metrics: Record<string, unknown> };
    const b = JSON.parse(cli('run', path, '--json').stdout) as typeof a;
    expect(b.metrics).toEqual(a.metrics);
    expect(a.metrics.periods).toBe(96);
    const run = spawnSync('node', ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(db)});console.log(d.prepare('SELECT training_json FROM run_series WHERE run_id=?').get(${JSON.stringify(a.runId)}).training_json)`], { encoding: 'utf8' });
    type Fit = { date: string; histories: { decoupled: { history: unknown[] }; endToEnd: { history: { trainLoss: number; gradNorm: number }[] } } };
    const training = JSON.parse(run.stdout) as { fits: Fit[]; features: string[] };
    expect(training.features).toEqual(['value', 'quality', 'momentum', 'low-volatility']);
    // Trained before 2012-01, then refitted every 12 months on the expanding window: 96 months → 8 fits.
    expect(training.fits.map((f) => f.date)).toEqual(['2011-12', '2012-12', '2013-12', '2014-12', '2015-12', '2016-12', '2017-12', '2018-12']);
    for (const fit of training.fits) {
      expect(fit.histories.endToEnd.history.length).toBeGreaterThan(0);
      for (const epoch of fit.histories.endToEnd.history) expect(Number.isFinite(epoch.gradNorm)).toBe(true);
    }
  });
});
