/**
 * Saved pipelines and their versions. A pipeline is a name and a list of specs, version 1, 2, …;
 * a version is never changed once written, so a run or a report can always point at the spec it used.
 */
import type { Db } from './database';

export interface PipelineRow {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  latestVersion: number;
}

export interface PipelineVersionRow {
  version: number;
  name: string;
  createdAt: string;
}

export interface PipelineSpecRow extends PipelineRow {
  version: number;
  /** The spec as saved (already validated and normalised by the service). */
  spec: unknown;
  savedAt: string;
}

interface Row {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
  latest_version: number;
}

function toPipeline(row: Row): PipelineRow {
  return { id: row.id, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at, latestVersion: row.latest_version };
}

function specName(specJson: string): string {
  const name = (JSON.parse(specJson) as { name?: unknown }).name;
  return typeof name === 'string' ? name : '';
}

export class PipelinesRepo {
  constructor(private readonly db: Db) {}

  list(): PipelineRow[] {
    return (this.db.prepare('SELECT * FROM pipelines ORDER BY updated_at DESC, id').all() as Row[]).map(toPipeline);
  }

  find(id: string): PipelineRow | undefined {
    const row = this.db.prepare('SELECT * FROM pipelines WHERE id = ?').get(id) as Row | undefined;
    return row ? toPipeline(row) : undefined;
  }

  /** One version of a pipeline (the latest when `version` is omitted). */
  get(id: string, version?: number): PipelineSpecRow | undefined {
    const pipeline = this.find(id);
    if (!pipeline) return undefined;
    const row = this.db.prepare('SELECT version, spec_json, created_at FROM pipeline_versions WHERE pipeline_id = ? AND version = ?').get(id, version ?? pipeline.latestVersion) as
      | { version: number; spec_json: string; created_at: string }
      | undefined;
    return row ? { ...pipeline, version: row.version, spec: JSON.parse(row.spec_json) as unknown, savedAt: row.created_at } : undefined;
  }

  /** Newest first. */
  versions(id: string): PipelineVersionRow[] {
    const rows = this.db.prepare('SELECT version, spec_json, created_at FROM pipeline_versions WHERE pipeline_id = ? ORDER BY version DESC').all(id) as { version: number; spec_json: string; created_at: string }[];
    return rows.map((row) => ({ version: row.version, name: specName(row.spec_json), createdAt: row.created_at }));
  }

  create(id: string, name: string, spec: unknown): void {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO pipelines (id, name, created_at, updated_at, latest_version) VALUES (?, ?, ?, ?, 1)').run(id, name, now, now);
      this.db.prepare('INSERT INTO pipeline_versions (pipeline_id, version, spec_json, created_at) VALUES (?, 1, ?, ?)').run(id, JSON.stringify(spec), now);
    })();
  }

  /**
   * Appends a version unless the spec equals the latest one; returns the version that holds `spec`
   * and whether it was written now.
   */
  append(id: string, name: string, spec: unknown): { version: number; created: boolean } {
    const json = JSON.stringify(spec);
    return this.db.transaction(() => {
      const latest = this.db.prepare('SELECT p.latest_version AS v, pv.spec_json AS json FROM pipelines p JOIN pipeline_versions pv ON pv.pipeline_id = p.id AND pv.version = p.latest_version WHERE p.id = ?').get(id) as
        | { v: number; json: string }
        | undefined;
      if (!latest) throw new Error(`pipeline ${id} does not exist`);
      if (latest.json === json) return { version: latest.v, created: false };
      const version = latest.v + 1;
      const now = new Date().toISOString();
      this.db.prepare('INSERT INTO pipeline_versions (pipeline_id, version, spec_json, created_at) VALUES (?, ?, ?, ?)').run(id, version, json, now);
      this.db.prepare('UPDATE pipelines SET name = ?, updated_at = ?, latest_version = ? WHERE id = ?').run(name, now, version, id);
      return { version, created: true };
    })();
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM pipelines WHERE id = ?').run(id).changes > 0;
  }
}
