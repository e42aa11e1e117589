/**
 * The report's sensitivity section: a real sensitivity-optimiser run (Ken French 10 industries,
 * monthly, Fama–French factors and the FRED 10-year yield as drivers) stored like the runs service
 * stores it, loaded back, and written as a PDF whose text carries the driver tables and both figure
 * captions; a run of another optimiser adds no section.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../../src/main/engine/pipeline/run-pipeline';
import { ingestFile } from '../../../src/main/ingest';
import { loadReportData } from '../../../src/main/report/load-report-data';
import { sensitivitySection } from '../../../src/main/report/sections/sensitivity-section';
import { writeAuditReport } from '../../../src/main/report/write-audit-report';
import { runRecord } from '../../../src/main/services/run-record';
import { parsePipelineSpec } from '../../../src/shared/pipeline/spec';
import { createReportStore, DEMO_FILE, type ReportStore } from './report-store';
import { pdfText } from './pdf-tools';

const DATA = join(process.cwd(), '../shared/data');
let fixture: ReportStore;
let out: string;
let sensitivityRun: string;
let equalWeight: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  fixture = await createReportStore();
  out = mkdtempSync(join(tmpdir(), 'pa-report-sens-'));
  const panel = (await ingestFile(DEMO_FILE, { kind: 'returns' })).panel;
  const drivers = { FF: (await ingestFile(join(DATA, 'factors/F-F_Research_Data_Factors.CSV'))).panel, DGS10: (await ingestFile(join(DATA, 'rates_credit_vol/DGS10.csv'))).panel };
  const parsed = parsePipelineSpec({
    name: 'FF10 sensitivity',
    seed: 2,
    data: { kind: 'dataset', dataset: fixture.datasetId, frequency: 'monthly' },
    risk: { kind: 'estimator', estimator: 'ledoit-wolf', lookback: 60 },
    optimiser: { kind: 'sensitivity', drivers: [{ dataset: 'FF' }, { dataset: 'DGS10' }], window: 60, hidden: [8], epochs: 40 },
    backtest: { start: '2015-01', end: '2020-12', retrainEvery: 24, costBps: 10 },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const result = runPipeline(parsed.spec, { primary: panel, drivers, driverLabels: { FF: 'F-F_Research_Data_Factors', DGS10: 'DGS10' } });
  const jobId = randomUUID();
  sensitivityRun = randomUUID();
  fixture.store.jobs.create(jobId, 'pipeline-run', 'Run FF10 sensitivity', null);
  fixture.store.runs.start({ id: sensitivityRun, name: parsed.spec.name, jobId, spec: parsed.spec, seed: parsed.spec.seed, datasets: [{ role: 'primary', id: fixture.datasetId, name: 'FF10 monthly', sha256: fixture.sha256 }] });
  const record = runRecord(result);
  fixture.store.runs.succeed(sensitivityRun, record.metrics, record.summary, record.series);
  equalWeight = fixture.run({ name: 'FF10 equal weight', optimiser: { kind: 'equal-weight' }, backtest: { start: '2015-01', end: '2020-12' } });
}, 60_000);

afterAll(() => {
  fixture.dispose();
  rmSync(out, { recursive: true, force: true });
});

describe('sensitivity report section', { timeout: 60_000 }, () => {
  it('loads the stored diagnostics: ten industries, four drivers built, the last window complete', () => {
    const [run] = loadReportData(fixture.store, [sensitivityRun]).runs;
    expect(run.sensitivity?.drivers.map((driver) => driver.name)).toEqual(['Mkt-RF', 'SMB', 'HML', 'DGS10']);
    expect(run.sensitivity?.drivers[0].source).toBe('F-F_Research_Data_Factors:Mkt-RF');
    expect(run.sensitivity?.lastWindow?.assets).toHaveLength(10);
    expect(run.sensitivity?.lastWindow?.linkage).toHaveLength(9);
    expect(run.sensitivity?.fits).toHaveLength(3);
  });

  it('writes the driver tables and both figures into the PDF', async () => {
    const path = join(out, 'sensitivity.pdf');
    await writeAuditReport(fixture.store, [sensitivityRun], path, { appVersion: 'test', tfBackend: 'cpu (test)', generatedAt: new Date('2024-05-01T09:30:00Z') });
    const text = pdfText(path).replace(/\s+/g, ' ');
    expect(text).toContain('Run A: sensitivity allocation');
    expect(text).toContain('F-F_Research_Data_Factors:Mkt-RF');
    expect(text).toContain('Sensitivity map at 2020-11');
    expect(text).toContain('Dendrogram of sensitivity distances at 2020-11');
    expect(text).toMatch(/Mkt-RF \d+ % \d+ % \d\.\d\d yes/);
  });

  it('adds nothing for runs of other optimisers', () => {
    expect(sensitivitySection(loadReportData(fixture.store, [equalWeight]))).toEqual([]);
    expect(sensitivitySection(loadReportData(fixture.store, [equalWeight, sensitivityRun]))).not.toEqual([]);
  });
});
