/**
 * `portfolio-audit train-cleaner` end to end through runCli (in process; the job runs in the real
 * worker pool): import, train, resume and flag errors.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { createRandom } from '../../../src/main/engine/data/random';

const dir = mkdtempSync(join(tmpdir(), 'pa-cli-cleaner-'));
const db = join(dir, 'store.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ENTRY = new URL('../../../src/main/cli-entry.ts', import.meta.url).href;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...args], ENTRY, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Weekday closes of 8 one-factor stocks, 2011-01-03 … 2016-06-30. */
function writePrices(path: string): void {
  const random = createRandom(6);
  const n = 8;
  const lines = [`date,${Array.from({ length: n }, (_, j) => `S${j}`).join(',')}`];
  const price = new Array<number>(n).fill(50);
  for (let day = Date.parse('2011-01-03T00:00:00Z'); day <= Date.parse('2016-06-30T00:00:00Z'); day += 86_400_000) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const f = random.normal();
    for (let j = 0; j < n; j++) price[j] *= 1 + 0.01 * (0.7 * f + random.normal());
    lines.push(`${new Date(day).toISOString().slice(0, 10)},${price.map((p) => p.toFixed(4)).join(',')}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

describe('portfolio-audit train-cleaner', { timeout: 60_000 }, () => {
  it('trains on the imported daily prices, reports the validation losses, and has nothing to resume afterwards', async () => {
    const csv = join(dir, 'prices.csv');
    writePrices(csv);
    expect((await cli('import', csv, '--name', 'SYN', '--kind', 'prices')).code).toBe(0);
    const run = await cli('train-cleaner', '--lookback', '20', '--epochs', '1', '--steps', '1', '--batch', '2', '--min-assets', '4', '--max-assets', '8', '--horizon', '5', '--step', '60', '--seed', '4', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { stopReason: string; epochs: number; settings: { config: { lookback: number }; seed: number }; validation: { samples: number }; baselines: { ledoitWolf: { loss: number } }; bestValLoss: number };
    expect(result.stopReason).toBe('completed');
    expect(result.epochs).toBe(1);
    expect(result.settings.config.lookback).toBe(20);
    expect(result.settings.seed).toBe(4);
    expect(result.validation.samples).toBeGreaterThan(5);
    expect(result.bestValLoss).toBeGreaterThan(0);
    expect(result.baselines.ledoitWolf.loss).toBeGreaterThan(0);
    const resume = await cli('train-cleaner', '--resume');
    expect(resume.code).not.toBe(0);
    expect(resume.stderr).toContain('Nothing to resume: no unfinished cleaner training with a checkpoint in this store');
  });

  it('flag errors name the flag', async () => {
    const bad = await cli('train-cleaner', '--epochs', 'two');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--epochs must be a non-negative integer, got two');
    const fixed = await cli('train-cleaner', '--resume', '--lookback', '30');
    expect(fixed.stderr).toContain("--resume continues with the checkpoint's settings: drop --lookback");
    const tooShort = await cli('train-cleaner', '--lookback', '2');
    expect(tooShort.stderr).toContain('config.lookback must be an integer ≥ 3, got 2');
  });
});
