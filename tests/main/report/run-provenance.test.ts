/**
 * What issue 6 added to the report's per-run pages: the tfjs backend the run recorded (cover and
 * provenance), the rolling-Sharpe and turnover figures. A real run on the Ken French 10-industry
 * file, stored as the runs service stores a pipeline-run job's result, rendered and read back.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../../src/main/engine/pipeline/run-pipeline';
import { loadReportData } from '../../../src/main/report/load-report-data';
import { writeAuditReport } from '../../../src/main/report/write-audit-report';
import { runRecord } from '../../../src/main/services/run-record';
import { parsePipelineSpec } from '../../../src/shared/pipeline/spec';
import { ingestFile } from '../../../src/main/ingest';
import { createReportStore, DEMO_FILE, type ReportStore } from './report-store';
import { pdfText } from './pdf-tools';

const BACKEND = { backend: 'wasm', detail: 'WebAssembly; tfjs-node unavailable (test)', version: '4.22.0' };
const STAMP = { appVersion: '9.8.7-test', tfBackend: 'cpu (installation)', generatedAt: new Date('2024-05-01T09:30:00Z') };

let fixture: ReportStore;
let out: string;
let recorded: string;
let legacy: string;

beforeAll(async () => {
  fixture = await createReportStore();
  out = mkdtempSync(join(tmpdir(), 'pa-provenance-'));
  const { panel } = await ingestFile(DEMO_FILE, { kind: 'returns' });
  const raw = { name: 'FF10 GMV', seed: 5, risk: { kind: 'estimator', estimator: 'sample', lookback: 60 }, optimiser: { kind: 'minimum-variance', longOnly: true }, backtest: { start: '2000-01', end: '2010-12', costBps: 10 } };
  const parsed = parsePipelineSpec({ ...raw, data: { kind: 'dataset', dataset: fixture.datasetId, frequency: 'monthly', minCoverage: 0.9 } });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const result = runPipeline(parsed.spec, { primary: panel });
  recorded = randomUUID();
  fixture.store.jobs.create('job-recorded', 'pipeline-run', 'Run FF10 GMV', null);
  fixture.store.runs.start({ id: recorded, name: 'FF10 GMV', jobId: 'job-recorded', spec: parsed.spec, seed: 5, datasets: [] });
  const record = runRecord({ ...result, tfBackend: BACKEND });
  fixture.store.runs.succeed(recorded, record.metrics, record.summary, record.series);
  legacy = fixture.run(raw);
});

afterAll(() => {
  fixture.dispose();
  rmSync(out, { recursive: true, force: true });
});

describe('tfjs backend in the report', { timeout: 60_000 }, () => {
  it('reads the recorded backend, and null for a run stored without one', () => {
    const data = loadReportData(fixture.store, [recorded, legacy]);
    expect(data.runs.map((run) => run.tfBackend)).toEqual(['wasm, tfjs 4.22.0 (WebAssembly; tfjs-node unavailable (test))', null]);
  });

  it('prints it in the provenance section and draws the rolling Sharpe and turnover figures', async () => {
    const path = join(out, 'provenance.pdf');
    await writeAuditReport(fixture.store, [recorded], path, STAMP);
    const text = pdfText(path).replace(/\s+/g, ' ');
    expect(text).toContain('wasm, tfjs 4.22.0 (WebAssembly; tfjs-node unavailable (test)); no model trained');
    expect(text).toContain('Figure 3.1b — Run A: annualised Sharpe ratio of the trailing 12 periods of net returns');
    expect(text).toMatch(/Figure 3\.1d — Run A: one-way turnover \(half the sum of absolute weight changes\) at each rebalance and its mean, \d+\.\d+ %/);
  });
});
