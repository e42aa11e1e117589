/** Job records: every job is written when queued, so a crash or restart never loses one. */
import type { JobState, JobSummary } from '../../shared/contract/schemas';
import type { Db } from './database';

interface JobRow {
  id: string;
  kind: string;
  label: string;
  state: JobState;
  progress: number;
  stage: string;
  error: string | null;
  params_json: string;
  result_json: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

function toSummary(row: JobRow): JobSummary {
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    state: row.state,
    progress: row.progress,
    stage: row.stage,
    error: row.error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

export class JobsRepo {
  constructor(private readonly db: Db) {}

  create(id: string, kind: string, label: string, params: unknown): void {
    this.db
      .prepare(
        `INSERT INTO jobs (id, kind, label, state, params_json, created_at) VALUES (?, ?, ?, 'queued', ?, ?)`,
      )
      .run(id, kind, label, JSON.stringify(params ?? null), new Date().toISOString());
  }

  markRunning(id: string): void {
    this.db.prepare(`UPDATE jobs SET state = 'running', started_at = ? WHERE id = ?`).run(new Date().toISOString(), id);
  }

  progress(id: string, progress: number, stage: string): void {
    this.db.prepare('UPDATE jobs SET progress = ?, stage = ? WHERE id = ?').run(progress, stage, id);
  }

  finish(id: string, state: Exclude<JobState, 'queued' | 'running'>, outcome: { error?: string; result?: unknown }): void {
    this.db
      .prepare('UPDATE jobs SET state = ?, error = ?, result_json = ?, finished_at = ?, progress = CASE WHEN ? THEN 1 ELSE progress END WHERE id = ?')
      .run(
        state,
        outcome.error ?? null,
        outcome.result === undefined ? null : JSON.stringify(outcome.result),
        new Date().toISOString(),
        state === 'succeeded' ? 1 : 0,
        id,
      );
  }

  /** Jobs left queued or running by a previous process are marked interrupted, never left stuck. */
  markInterrupted(): number {
    return this.db
      .prepare(
        `UPDATE jobs SET state = 'interrupted', finished_at = ?, error = COALESCE(error, 'The app stopped while this job was running.')
         WHERE state IN ('queued', 'running')`,
      )
      .run(new Date().toISOString()).changes;
  }

  get(id: string): JobSummary | undefined {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row ? toSummary(row) : undefined;
  }

  result(id: string): unknown {
    const row = this.db.prepare('SELECT result_json FROM jobs WHERE id = ?').get(id) as Pick<JobRow, 'result_json'> | undefined;
    return row?.result_json ? (JSON.parse(row.result_json) as unknown) : undefined;
  }

  list(limit = 100): JobSummary[] {
    const rows = this.db.prepare('SELECT * FROM jobs ORDER BY created_at DESC LIMIT ?').all(limit) as JobRow[];
    return rows.map(toSummary);
  }
}
