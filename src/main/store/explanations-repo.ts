/**
 * Stored attributions and counterfactual explanations of runs (migration 6). A record belongs to
 * its run (and to the second run it was compared with): deleting either run deletes it. The
 * record's kind-specific list fields (method, question, gate verdicts) travel as `summary_json`, so
 * a list never parses the large result.
 */
import type { ExplainRecord, ExplainSummary } from '../../shared/domain/explain';
import type { Db } from './database';

interface Row {
  id: string;
  kind: ExplainSummary['kind'];
  run_id: string;
  versus_run_id: string | null;
  job_id: string;
  created_at: string;
  anchor: string;
  title: string;
  summary_json: string;
}

function toSummary(row: Row): ExplainSummary {
  const base = { id: row.id, runId: row.run_id, versusRunId: row.versus_run_id, jobId: row.job_id, createdAt: row.created_at, anchor: row.anchor, title: row.title };
  return { ...base, ...(JSON.parse(row.summary_json) as object), kind: row.kind } as ExplainSummary;
}

export class ExplanationsRepo {
  constructor(private readonly db: Db) {}

  /** Stores a finished record. */
  insert(record: ExplainRecord): void {
    const { id, kind, runId, versusRunId, jobId, createdAt, anchor, title, result } = record;
    const summary = kind === 'attribution' ? { method: record.method } : { question: record.question, passed: record.passed, implausible: record.implausible };
    this.db
      .prepare(
        `INSERT INTO explanations (id, kind, run_id, versus_run_id, job_id, created_at, anchor, title, summary_json, result_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, kind, runId, versusRunId, jobId, createdAt, anchor, title, JSON.stringify(summary), JSON.stringify(result));
  }

  /** Records of a run, as first or second run, newest first. */
  listForRun(runId: string): ExplainSummary[] {
    const rows = this.db
      .prepare('SELECT * FROM explanations WHERE run_id = ? OR versus_run_id = ? ORDER BY created_at DESC, id')
      .all(runId, runId) as Row[];
    return rows.map(toSummary);
  }

  get(id: string): ExplainRecord | undefined {
    const row = this.db.prepare('SELECT * FROM explanations WHERE id = ?').get(id) as (Row & { result_json: string }) | undefined;
    if (!row) return undefined;
    return { ...toSummary(row), result: JSON.parse(row.result_json) as unknown } as ExplainRecord;
  }
}
