/**
 * Pipeline runs. A run row is written when the run starts (so a crash leaves it visible and is
 * marked interrupted at the next start); its results and series are written in one transaction.
 */
import type { RunProgressLog } from '../../shared/contract/schemas';
import type { Db } from './database';

export type RunState = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface RunDatasetRef {
  role: 'primary' | 'macro' | 'driver';
  id: string;
  name: string;
  sha256: string;
}

export interface RunSummaryRow {
  id: string;
  name: string;
  jobId: string;
  state: RunState;
  seed: number;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
  metrics: Record<string, unknown> | null;
  datasets: RunDatasetRef[];
}

export interface RunSeries {
  dates: string[];
  assets: string[];
  netReturns: Float64Array;
  grossReturns: Float64Array;
  costs: Float64Array;
  /** Rebalances × assets, row-major. */
  weights: Float64Array;
  rebalances: unknown[];
  training: unknown;
}

interface RunRow {
  id: string;
  name: string;
  job_id: string;
  state: RunState;
  spec_json: string;
  seed: number;
  datasets_json: string;
  created_at: string;
  finished_at: string | null;
  error: string | null;
  metrics_json: string | null;
  summary_json: string | null;
}

function blob(values: Float64Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

function floats(buffer: Buffer): Float64Array {
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return new Float64Array(copy.buffer);
}

function toSummary(row: RunRow): RunSummaryRow {
  return {
    id: row.id,
    name: row.name,
    jobId: row.job_id,
    state: row.state,
    seed: row.seed,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    error: row.error,
    metrics: row.metrics_json ? (JSON.parse(row.metrics_json) as Record<string, unknown>) : null,
    datasets: JSON.parse(row.datasets_json) as RunDatasetRef[],
  };
}

export class RunsRepo {
  constructor(private readonly db: Db) {}

  start(run: { id: string; name: string; jobId: string; spec: unknown; seed: number; datasets: RunDatasetRef[] }): void {
    this.db
      .prepare(`INSERT INTO runs (id, name, job_id, state, spec_json, seed, datasets_json, created_at) VALUES (?, ?, ?, 'running', ?, ?, ?, ?)`)
      .run(run.id, run.name, run.jobId, JSON.stringify(run.spec), run.seed, JSON.stringify(run.datasets), new Date().toISOString());
  }

  succeed(id: string, metrics: unknown, summary: unknown, series: RunSeries): void {
    const weightsLength = series.rebalances.length * series.assets.length;
    if (series.weights.length !== weightsLength) throw new Error(`run ${id}: ${series.weights.length} weights for ${series.rebalances.length} rebalances × ${series.assets.length} assets`);
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO run_series (run_id, periods, assets, rebalances, dates_json, assets_json, net_returns, gross_returns, costs, weights, rebalances_json, training_json)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(
          id,
          series.dates.length,
          series.assets.length,
          series.rebalances.length,
          JSON.stringify(series.dates),
          JSON.stringify(series.assets),
          blob(series.netReturns),
          blob(series.grossReturns),
          blob(series.costs),
          blob(series.weights),
          JSON.stringify(series.rebalances),
          series.training === undefined ? null : JSON.stringify(series.training),
        );
      this.db
        .prepare(`UPDATE runs SET state = 'succeeded', finished_at = ?, metrics_json = ?, summary_json = ? WHERE id = ?`)
        .run(new Date().toISOString(), JSON.stringify(metrics), JSON.stringify(summary), id);
    })();
  }

  /**
   * Keeps the partial log of a run still running in its summary (replaced by the real summary when
   * it succeeds), so a run the app stopped mid-way shows how far it got.
   */
  recordProgress(id: string, log: RunProgressLog): void {
    this.db.prepare(`UPDATE runs SET summary_json = ? WHERE id = ? AND state = 'running'`).run(JSON.stringify({ progressLog: log }), id);
  }

  fail(id: string, state: 'failed' | 'cancelled' | 'interrupted', error: string): void {
    this.db.prepare('UPDATE runs SET state = ?, error = ?, finished_at = ? WHERE id = ?').run(state, error, new Date().toISOString(), id);
  }

  markInterrupted(): number {
    return this.db
      .prepare(`UPDATE runs SET state = 'interrupted', finished_at = ?, error = COALESCE(error, 'The app stopped while this run was in progress.') WHERE state = 'running'`)
      .run(new Date().toISOString()).changes;
  }

  list(limit = 200): RunSummaryRow[] {
    return (this.db.prepare('SELECT * FROM runs ORDER BY created_at DESC LIMIT ?').all(limit) as RunRow[]).map(toSummary);
  }

  /** The run with its spec; `summary` once it succeeded, else `progressLog` (how far it got) when one was kept. */
  get(id: string): (RunSummaryRow & { spec: unknown; summary: unknown; progressLog: RunProgressLog | null }) | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    if (!row) return undefined;
    const stored = row.summary_json ? (JSON.parse(row.summary_json) as unknown) : null;
    const succeeded = row.state === 'succeeded';
    const progressLog = !succeeded ? ((stored as { progressLog?: RunProgressLog } | null)?.progressLog ?? null) : null;
    return { ...toSummary(row), spec: JSON.parse(row.spec_json) as unknown, summary: succeeded ? stored : null, progressLog };
  }

  resolve(idOrPrefix: string): RunSummaryRow | undefined {
    const rows = this.db.prepare("SELECT * FROM runs WHERE id = ? OR id LIKE ? || '%' LIMIT 2").all(idOrPrefix, idOrPrefix) as RunRow[];
    return rows.length === 1 ? toSummary(rows[0]) : undefined;
  }

  series(id: string): RunSeries | undefined {
    const row = this.db.prepare('SELECT * FROM run_series WHERE run_id = ?').get(id) as
      | { dates_json: string; assets_json: string; net_returns: Buffer; gross_returns: Buffer; costs: Buffer; weights: Buffer; rebalances_json: string; training_json: string | null }
      | undefined;
    if (!row) return undefined;
    return {
      dates: JSON.parse(row.dates_json) as string[],
      assets: JSON.parse(row.assets_json) as string[],
      netReturns: floats(row.net_returns),
      grossReturns: floats(row.gross_returns),
      costs: floats(row.costs),
      weights: floats(row.weights),
      rebalances: JSON.parse(row.rebalances_json) as unknown[],
      training: row.training_json ? (JSON.parse(row.training_json) as unknown) : undefined,
    };
  }
}
