import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';

const SP500 = join(process.cwd(), '../shared/data/equities/sp500_adjclose_1999_2021_wide.csv.gz');

let testApp: TestApp;
beforeEach(() => {
  testApp = createTestApp();
});
afterEach(async () => {
  await testApp.dispose();
});

function smallCsv(): string {
  const path = join(testApp.dir, 'small.csv');
  writeFileSync(path, 'date,AAA,BBB\n2020-01-02,10,20\n2020-01-03,11,\n2020-01-06,12,22\n');
  return path;
}

describe('import as a job', () => {
  it('parses in a worker and stores the dataset in one go', async () => {
    const { app } = testApp;
    const { jobId, done } = app.datasets.startImport({ path: smallCsv() });
    const { dataset } = await done;
    expect(dataset).toMatchObject({ name: 'small', kind: 'prices', assets: 2, observations: 3, firstDate: '2020-01-02', lastDate: '2020-01-06' });
    expect(app.store.jobs.get(jobId)).toMatchObject({ state: 'succeeded', progress: 1 });
    expect(Array.from(app.store.datasets.panel(dataset.id)?.values ?? [])).toEqual([10, 20, 11, Number.NaN, 12, 22]);
  });

  it('refuses a second import of the identical file with the same settings, naming the first', async () => {
    const { app } = testApp;
    const path = smallCsv();
    await app.datasets.startImport({ path }).done;
    await expect(app.datasets.startImport({ path }).done).rejects.toMatchObject({ info: { code: 'already-imported', message: expect.stringContaining('small.csv') } });
    const forced = await app.datasets.startImport({ path, force: true }).done;
    expect(forced.identicalTo).toHaveLength(1);
  });

  it('a job killed mid-way stores nothing, and the app and store stay healthy', async () => {
    if (!existsSync(SP500)) throw new Error(`missing test data ${SP500}`);
    const { app } = testApp;
    let cancelled = false;
    const started = app.datasets.startImport(
      { path: SP500 },
      {
        onProgress: (progress) => {
          if (!cancelled && progress > 0) {
            cancelled = true;
            app.jobs.cancel(started.jobId);
          }
        },
      },
    );
    await expect(started.done).rejects.toMatchObject({ state: 'cancelled' });
    expect(app.store.jobs.get(started.jobId)?.state).toBe('cancelled');
    expect(app.datasets.list()).toEqual([]);
    expect(app.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const after = await app.datasets.startImport({ path: smallCsv() }).done;
    expect(after.dataset.assets).toBe(2);
  });

  it('a job left running when the app stopped shows as interrupted after a restart', async () => {
    testApp.app.store.jobs.create('left-over', 'ingest', 'Import big.csv', { path: 'big.csv' });
    testApp.app.store.jobs.markRunning('left-over');
    const app = await testApp.reopen();
    expect(app.interruptedAtStart).toBe(1);
    expect(app.jobs.get('left-over')).toMatchObject({ state: 'interrupted', error: expect.stringContaining('stopped') });
  });

  it('a bad file fails its job with a one-line message naming it, and stores nothing', async () => {
    const { app } = testApp;
    const empty = join(testApp.dir, 'empty.csv');
    writeFileSync(empty, '');
    await expect(app.datasets.startImport({ path: empty }).done).rejects.toMatchObject({ state: 'failed', info: { message: expect.stringMatching(/^empty\.csv: .*empty/) } });
    expect(app.datasets.list()).toEqual([]);
  });

  it('seeds the shipped demo datasets once', async () => {
    const { app } = testApp;
    expect(await app.seedDemo()).toBe(2);
    expect(await app.seedDemo()).toBe(0);
    const names = app.datasets.list().map((d) => `${d.name}|${d.assets}|${d.firstDate}|${d.lastDate}|${d.kind}`).sort();
    expect(names).toEqual([
      'Demo · Ken French 10 industries (daily returns)|10|1926-07-01|2020-10-30|returns',
      'Demo · Ken French 10 industries (monthly returns)|10|1926-07|2021-04|returns',
    ]);
  });
});
