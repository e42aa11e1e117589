import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/shared/contract/dispatch';
import { AppError } from '../../../src/shared/contract/dispatch';
import { PipelinesService } from '../../../src/main/services/pipelines-service';
import { openDatabase, schemaVersion } from '../../../src/main/store/database';
import { Store } from '../../../src/main/store/store';
import { createTestApp, type TestApp } from '../helpers/test-app';

const preset = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../../../examples/pipelines/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('migration 5', () => {
  it('creates pipelines and versions; versions go with their pipeline and start at 1', () => {
    const db = openDatabase(':memory:', { migrateTo: 5 });
    expect(schemaVersion(db)).toBe(5);
    db.prepare(`INSERT INTO pipelines VALUES ('p', 'n', 't', 't', 1)`).run();
    db.prepare(`INSERT INTO pipeline_versions VALUES ('p', 1, '{}', 't')`).run();
    expect(() => db.prepare(`INSERT INTO pipeline_versions VALUES ('p', 0, '{}', 't')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO pipeline_versions VALUES ('p', 1, '{}', 't')`).run()).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO pipeline_versions VALUES ('nobody', 1, '{}', 't')`).run()).toThrow(/FOREIGN KEY/);
    db.prepare(`DELETE FROM pipelines WHERE id = 'p'`).run();
    expect((db.prepare('SELECT COUNT(*) AS c FROM pipeline_versions').get() as { c: number }).c).toBe(0);
    db.close();
  });
});

describe('PipelinesService', () => {
  let store: Store;
  let service: PipelinesService;
  beforeEach(() => {
    store = Store.open(':memory:');
    service = new PipelinesService(store);
  });
  afterEach(() => store.close());

  it('saves a new pipeline as version 1 with the parsed spec (defaults filled in)', () => {
    const saved = service.save({ name: 'Tiny', data: { kind: 'synthetic' }, optimiser: { kind: 'equal-weight' } });
    expect(saved).toMatchObject({ version: 1, created: true });
    const detail = service.get(saved.id);
    expect(detail).toMatchObject({ id: saved.id, name: 'Tiny', version: 1, latestVersion: 1 });
    expect(detail.spec).toMatchObject({ seed: 1, data: { kind: 'synthetic', nAssets: 40, nMonths: 240 }, backtest: { costBps: 10 } });
  });

  it('makes a new version only when the spec changed, and opens any old version', () => {
    const spec = preset('synthetic-decoupled');
    const { id } = service.save(spec);
    expect(service.save(spec, id)).toEqual({ id, version: 1, created: false });
    expect(service.save({ ...spec, seed: 7 }, id)).toEqual({ id, version: 2, created: true });
    expect(service.save({ ...spec, seed: 7, name: 'Renamed' }, id)).toEqual({ id, version: 3, created: true });
    expect(service.versions(id).map((v) => [v.version, v.name])).toEqual([
      [3, 'Renamed'],
      [2, spec.name],
      [1, spec.name],
    ]);
    expect(service.list()).toEqual([expect.objectContaining({ id, name: 'Renamed', latestVersion: 3 })]);
    expect((service.get(id, 1).spec as { seed: number }).seed).toBe(1);
    expect((service.get(id).spec as { seed: number }).seed).toBe(7);
    expect(() => service.get(id, 9)).toThrow(/no version 9/);
  });

  it('refuses an invalid spec with every problem and its path, and stores nothing', () => {
    const spec = preset('synthetic-decoupled');
    const bad = { ...spec, optimiser: { kind: 'mean-variance', gamma: -1 }, backtest: { costBps: 'x' } };
    let caught: unknown;
    try {
      service.save(bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const problems = ((caught as AppError).details as { problems: { path: (string | number)[] }[] }).problems.map((p) => p.path.join('.'));
    expect(problems).toEqual(expect.arrayContaining(['optimiser.gamma', 'backtest.costBps']));
    expect((caught as AppError).code).toBe('invalid-spec');
    expect(service.list()).toEqual([]);
  });

  it('duplicates a chosen version into a new pipeline and deletes a pipeline with its versions', () => {
    const spec = preset('synthetic-equal-weight');
    const { id } = service.save(spec);
    service.save({ ...spec, seed: 3, name: 'Second' }, id);
    const copy = service.duplicate(id, 1);
    expect(copy.version).toBe(1);
    expect(service.get(copy.id).spec).toMatchObject({ name: `${spec.name} (copy)`, seed: spec.seed });
    expect(service.delete(id)).toBe(true);
    expect(service.delete(id)).toBe(false);
    expect(() => service.versions(id)).toThrow(/No pipeline/);
    expect(() => service.save(spec, id)).toThrow(/No pipeline/);
    expect(service.list().map((p) => p.id)).toEqual([copy.id]);
  });
});

describe('pipelines channels', () => {
  let test: TestApp;
  beforeEach(() => {
    test = createTestApp();
  });
  afterEach(() => test.dispose());

  it('save → versions → get round-trip through dispatch, and an invalid spec is a typed error with paths', async () => {
    const handlers = test.app.handlers();
    const spec = preset('synthetic-equal-weight');
    const saved = await dispatch(handlers, 'pipelines.save', { spec });
    expect(saved).toMatchObject({ ok: true, data: { version: 1, created: true } });
    const id = (saved as { data: { id: string } }).data.id;
    await expect(dispatch(handlers, 'pipelines.save', { id, spec: { ...spec, seed: 2 } })).resolves.toMatchObject({ ok: true, data: { id, version: 2 } });
    await expect(dispatch(handlers, 'pipelines.versions', { id })).resolves.toMatchObject({ ok: true, data: [{ version: 2 }, { version: 1 }] });
    await expect(dispatch(handlers, 'pipelines.get', { id, version: 1 })).resolves.toMatchObject({ ok: true, data: { version: 1, latestVersion: 2, spec: { seed: spec.seed } } });
    const invalid = await dispatch(handlers, 'pipelines.save', { spec: { ...spec, name: '' } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-spec', details: { problems: [{ path: ['name'] }] } } });
    await expect(dispatch(handlers, 'pipelines.duplicate', { id })).resolves.toMatchObject({ ok: true, data: { version: 1 } });
    await expect(dispatch(handlers, 'pipelines.list', {})).resolves.toMatchObject({ ok: true, data: [{}, {}] });
    await expect(dispatch(handlers, 'pipelines.delete', { id })).resolves.toEqual({ ok: true, data: { deleted: true } });
    await expect(dispatch(handlers, 'pipelines.get', { id })).resolves.toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('saved pipelines survive a restart', async () => {
    const { id } = test.app.pipelines.save(preset('synthetic-decoupled'));
    const app = await test.reopen();
    expect(app.pipelines.get(id).name).toBe('Synthetic universe · decoupled');
  });
});
