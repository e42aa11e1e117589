/** The Reports page's history: every export is recorded with its runs, file, size and destination. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobsService } from '../../../src/main/services/jobs-service';
import { ReportsService } from '../../../src/main/services/reports-service';
import { Store } from '../../../src/main/store/store';

let dir: string;
let store: Store;
let reports: ReportsService;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pa-exports-'));
  store = Store.open(join(dir, 'store.db'));
  // Recording touches only the store; rendering (the jobs service) is not exercised here.
  reports = new ReportsService(store, {} as JobsService, async () => 'cpu');
  store.jobs.create('job-1', 'pipeline-run', 'Run A', null);
  store.runs.start({ id: 'run-aaaaaaaa', name: 'GMV sample', jobId: 'job-1', spec: {}, seed: 1, datasets: [] });
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('export history', () => {
  it('is empty at first, then lists exports newest first with run names resolved from id prefixes', () => {
    expect(reports.exports()).toEqual([]);
    reports.recordExport(['run-aaaa'], 'audit-report-gmv-sample.pdf', 123_456, null);
    reports.recordExport(['run-aaaaaaaa', 'gone'], 'two.pdf', 2_000, '/home/me/two.pdf');
    const history = reports.exports();
    expect(history.map((entry) => [entry.fileName, entry.bytes, entry.savedTo])).toEqual([
      ['two.pdf', 2_000, '/home/me/two.pdf'],
      ['audit-report-gmv-sample.pdf', 123_456, null],
    ]);
    expect(history[0].runs).toEqual([{ id: 'run-aaaaaaaa', name: 'GMV sample' }, { id: 'gone', name: 'deleted run' }]);
    expect(history[1].runs).toEqual([{ id: 'run-aaaaaaaa', name: 'GMV sample' }]);
    expect(Date.parse(history[0].at)).toBeGreaterThanOrEqual(Date.parse(history[1].at));
  });

  it('survives reopening the store and keeps the newest 200', () => {
    for (let i = 0; i < 205; i++) reports.recordExport(['run-aaaaaaaa'], `r${i}.pdf`, i, null);
    store.close();
    store = Store.open(join(dir, 'store.db'));
    const history = new ReportsService(store, {} as JobsService, async () => 'cpu').exports();
    expect(history.length).toBe(200);
    expect(history[0].fileName).toBe('r204.pdf');
    expect(history[199].fileName).toBe('r5.pdf');
  });
});
