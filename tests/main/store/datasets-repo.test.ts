import { describe, expect, it } from 'vitest';
import { Store } from '../../../src/main/store/store';
import type { Panel } from '../../../src/shared/domain/panel';

function panel(): Panel {
  const values = new Float64Array([1.5, Number.NaN, -0.25, 1e-300, Number.MAX_VALUE, 3]);
  return { kind: 'prices', frequency: 'daily', dates: ['2020-01-01', '2020-01-02', '2020-01-03'], assets: ['A', 'B'], values };
}

const meta = { sourceName: 'p.csv', sourceSize: 10, sha256: 'abc', report: { rowsRead: 3 }, provenance: { options: {} } };

describe('DatasetsRepo', () => {
  it('stores the matrix as a Float64 blob and gives it back bit for bit, NaN included', () => {
    const store = Store.open(':memory:');
    const summary = store.datasets.insert({ name: 'P', panel: panel(), ...meta });
    expect(summary).toMatchObject({ assets: 2, observations: 3, firstDate: '2020-01-01', lastDate: '2020-01-03', missingShare: 1 / 6 });
    const back = store.datasets.panel(summary.id);
    expect(back?.assets).toEqual(['A', 'B']);
    expect(Array.from(back?.values ?? [])).toEqual(Array.from(panel().values));
    expect(store.datasets.detail(summary.id)?.coverage).toEqual([1, 2 / 3]);
    store.close();
  });

  it('writes a dataset and its matrix in one transaction: a failure leaves nothing', () => {
    const store = Store.open(':memory:');
    store.db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON dataset_values BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => store.datasets.insert({ name: 'P', panel: panel(), ...meta })).toThrow(/disk full/);
    expect(store.datasets.list()).toEqual([]);
    store.close();
  });

  it('refuses a panel whose matrix does not match its shape, and deletes with its values', () => {
    const store = Store.open(':memory:');
    expect(() => store.datasets.insert({ name: 'bad', panel: { ...panel(), values: new Float64Array(5) }, ...meta })).toThrow(/5 values for 3 dates × 2 assets/);
    const { id } = store.datasets.insert({ name: 'P', panel: panel(), ...meta });
    expect(store.datasets.findBySha256('abc').map((d) => d.id)).toEqual([id]);
    expect(store.datasets.resolve(id.slice(0, 6))?.id).toBe(id);
    expect(store.datasets.resolve('P')?.id).toBe(id);
    expect(store.datasets.delete(id)).toBe(true);
    expect((store.db.prepare('SELECT COUNT(*) AS c FROM dataset_values').get() as { c: number }).c).toBe(0);
    store.close();
  });
});

describe('JobsRepo', () => {
  it('marks jobs left running by a previous process as interrupted, keeping their progress', () => {
    const store = Store.open(':memory:');
    store.jobs.create('a', 'ingest', 'Import x', {});
    store.jobs.markRunning('a');
    store.jobs.progress('a', 0.4, 'parsing');
    store.jobs.create('b', 'ingest', 'Import y', {});
    store.jobs.finish('b', 'succeeded', { result: { ok: 1 } });
    expect(store.jobs.markInterrupted()).toBe(1);
    expect(store.jobs.get('a')).toMatchObject({ state: 'interrupted', progress: 0.4, stage: 'parsing' });
    expect(store.jobs.get('b')).toMatchObject({ state: 'succeeded', progress: 1 });
    expect(store.jobs.result('b')).toEqual({ ok: 1 });
    store.close();
  });
});

describe('RunsRepo', () => {
  it('stores a run and its series together and reads the series back exactly', () => {
    const store = Store.open(':memory:');
    store.jobs.create('j', 'pipeline-run', 'Run', {});
    store.runs.start({ id: 'r', name: 'EW', jobId: 'j', spec: { name: 'EW' }, seed: 4, datasets: [{ role: 'primary', id: 'd', name: 'D', sha256: 'h' }] });
    expect(store.runs.get('r')).toMatchObject({ state: 'running', seed: 4, spec: { name: 'EW' } });
    const series = { dates: ['2020-01', '2020-02'], assets: ['A', 'B'], netReturns: new Float64Array([0.01, -0.02]), grossReturns: new Float64Array([0.011, -0.02]), costs: new Float64Array([0.001, 0]), weights: new Float64Array([0.5, 0.5]), rebalances: [{ date: '2020-01' }], training: { loss: [1, 0.5] } };
    store.runs.succeed('r', { sharpe: 1.2 }, { strategy: 'ew' }, series);
    expect(store.runs.get('r')).toMatchObject({ state: 'succeeded', metrics: { sharpe: 1.2 }, summary: { strategy: 'ew' } });
    expect(store.runs.series('r')).toEqual(series);
    expect(() => store.runs.succeed('r', {}, {}, { ...series, weights: new Float64Array(3) })).toThrow(/3 weights for 1 rebalances × 2 assets/);
    expect(store.runs.resolve('r')?.id).toBe('r');
    store.close();
  });

  it('marks runs left running by a previous process as interrupted', () => {
    const store = Store.open(':memory:');
    store.jobs.create('j', 'pipeline-run', 'Run', {});
    store.runs.start({ id: 'r', name: 'EW', jobId: 'j', spec: {}, seed: 1, datasets: [] });
    expect(store.runs.markInterrupted()).toBe(1);
    expect(store.runs.get('r')).toMatchObject({ state: 'interrupted', error: expect.stringContaining('stopped') });
    store.close();
  });
});
