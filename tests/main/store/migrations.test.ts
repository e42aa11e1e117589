import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, type Db } from '../../../src/main/store/database';
import { MIGRATIONS } from '../../../src/main/store/migrations';

const dirs: string[] = [];
function tempDb(name = 'store.db'): string {
  const dir = mkdtempSync(join(tmpdir(), 'pa-store-'));
  dirs.push(dir);
  return join(dir, name);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tables(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
}

describe('migrations', () => {
  it('are numbered 1..N without gaps, each with a name', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    for (const migration of MIGRATIONS) expect(migration.name).toMatch(/^[a-z_-]+$/);
  });

  it('1 creates datasets and their values, with the matrix size checked', () => {
    const db = openDatabase(':memory:', { migrateTo: 1 });
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(expect.arrayContaining(['datasets', 'dataset_values']));
    expect(tables(db)).not.toContain('jobs');
    db.prepare(`INSERT INTO datasets VALUES ('d','n','prices','daily',1,1,'2020-01-01','2020-01-01',0,'f',1,'h','t','{}','{}')`).run();
    expect(() => db.prepare(`INSERT INTO dataset_values VALUES ('d','[]','[]',NULL,1,2,?)`).run(Buffer.alloc(8))).toThrow(/CHECK/);
  });

  it('2 creates jobs with a closed set of states', () => {
    const db = openDatabase(':memory:', { migrateTo: 2 });
    expect(schemaVersion(db)).toBe(2);
    expect(() => db.prepare(`INSERT INTO jobs (id, kind, label, state, params_json, created_at) VALUES ('j','k','l','exploded','{}','t')`).run()).toThrow(/CHECK/);
  });

  it('3 creates settings; a reopened store does not re-run migrations', () => {
    const path = tempDb();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.prepare("INSERT INTO settings VALUES ('k', '1')").run();
    db.close();
    const again = openDatabase(path);
    expect(schemaVersion(again)).toBe(MIGRATIONS.length);
    expect((again.prepare('SELECT COUNT(*) AS c FROM schema_migrations').get() as { c: number }).c).toBe(MIGRATIONS.length);
    again.close();
  });

  it('4 creates runs and their series, with blob sizes checked and series deleted with the run', () => {
    const db = openDatabase(':memory:', { migrateTo: 4 });
    expect(schemaVersion(db)).toBe(4);
    db.prepare(`INSERT INTO jobs (id, kind, label, state, params_json, created_at) VALUES ('j','pipeline-run','l','running','{}','t')`).run();
    db.prepare(`INSERT INTO runs (id, name, job_id, state, spec_json, seed, datasets_json, created_at) VALUES ('r','n','j','running','{}',1,'[]','t')`).run();
    const insert = db.prepare(`INSERT INTO run_series VALUES ('r', 2, 3, 1, '[]', '[]', ?, ?, ?, ?, '[]', NULL)`);
    expect(() => insert.run(Buffer.alloc(16), Buffer.alloc(16), Buffer.alloc(16), Buffer.alloc(8))).toThrow(/CHECK/);
    insert.run(Buffer.alloc(16), Buffer.alloc(16), Buffer.alloc(16), Buffer.alloc(24));
    db.prepare("DELETE FROM runs WHERE id = 'r'").run();
    expect((db.prepare('SELECT COUNT(*) AS c FROM run_series').get() as { c: number }).c).toBe(0);
    expect(() => db.prepare(`INSERT INTO runs (id, name, job_id, state, spec_json, seed, datasets_json, created_at) VALUES ('x','n','j','exploded','{}',1,'[]','t')`).run()).toThrow(/CHECK/);
  });

  it('upgrades an older store in place and runs in WAL mode with foreign keys', () => {
    const path = tempDb();
    openDatabase(path, { migrateTo: 1 }).close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
