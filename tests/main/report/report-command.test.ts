/** `portfolio-audit report`: the command the lead wires into the CLI, run against a real store. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliContext, UsageError } from '../../../src/main/cli/cli-context';
import { reportCommand } from '../../../src/main/cli/commands/report-command';
import { runtimeLayout } from '../../../src/main/platform/layout';
import { createReportStore, type ReportStore } from './report-store';
import { pdfText } from './pdf-tools';

let fixture: ReportStore;
let runId: string;
let out: string;

beforeAll(async () => {
  fixture = await createReportStore();
  runId = fixture.run({ name: 'FF10 inverse volatility', seed: 2, risk: { kind: 'estimator', estimator: 'sample', lookback: 36 }, optimiser: { kind: 'inverse-volatility' }, backtest: { start: '2010-01', end: '2020-12', costBps: 5 } });
  fixture.store.close();
  out = mkdtempSync(join(tmpdir(), 'pa-report-cli-'));
});

afterAll(() => {
  fixture.dispose();
  rmSync(out, { recursive: true, force: true });
});

async function report(...args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const context = new CliContext(runtimeLayout(new URL('../../../src/main/cli-entry.ts', import.meta.url).href), join(fixture.dir, 'store.db'), { out: (text) => lines.push(text), err: (text) => lines.push(text) });
  try {
    return { code: await reportCommand(args, context), lines };
  } finally {
    await context.close();
  }
}

describe('reportCommand', { timeout: 60_000 }, () => {
  it('writes the report of a run given by id prefix and says where', async () => {
    const path = join(out, 'run.pdf');
    const { code, lines } = await report(runId.slice(0, 8), '--out', path);
    expect(code).toBe(0);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^Wrote ${path} \\(\\d+ kB\\): audit report of 1 run$`))]);
    expect(pdfText(path)).toContain('FF10 inverse volatility');
  });

  it('reports an unknown run id by name and writes no file', async () => {
    const path = join(out, 'missing.pdf');
    await expect(report('0000dead', '--out', path)).rejects.toThrow('no run has the id or unique id prefix "0000dead"');
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a missing --out, a non-PDF name and no run id as usage errors', async () => {
    await expect(report(runId)).rejects.toThrow(UsageError);
    await expect(report(runId, '--out', join(out, 'x.txt'))).rejects.toThrow('give a file name ending in .pdf');
    await expect(report('--out', join(out, 'y.pdf'))).rejects.toThrow('at least one run id');
  });
});
