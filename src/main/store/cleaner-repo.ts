/**
 * Trained (and training) covariance cleaners, migration 7. A model row is written when training
 * starts; after every epoch the trainer's checkpoint replaces the previous one in the same
 * transaction as the row's progress, so a killed process leaves a row in state `training` whose
 * checkpoint `train-cleaner --resume` continues from. The final weights (best validation epoch)
 * land in `model_json` when the run completes.
 */
import type { CleanerCheckpoint, TrainCleanerSettings } from '../engine/cleaner/train-cleaner';
import type { SerializedCleaner } from '../engine/cleaner/cleaner-model';
import type { Db } from './database';

export type CleanerModelState = 'training' | 'trained' | 'cancelled' | 'failed';

export interface CleanerModelRow {
  id: string;
  name: string;
  state: CleanerModelState;
  createdAt: string;
  updatedAt: string;
  datasetId: string | null;
  datasetSha256: string | null;
  settings: TrainCleanerSettings;
  epochsDone: number;
  bestEpoch: number | null;
  bestValLoss: number | null;
  error: string | null;
  /** Result summary (history, validation baselines), once trained. */
  summary: unknown;
}

export interface NewCleanerModel {
  id: string;
  name: string;
  datasetId: string | null;
  datasetSha256: string | null;
  settings: TrainCleanerSettings;
}

interface Row {
  id: string;
  name: string;
  state: CleanerModelState;
  created_at: string;
  updated_at: string;
  dataset_id: string | null;
  dataset_sha256: string | null;
  settings_json: string;
  epochs_done: number;
  best_epoch: number | null;
  best_val_loss: number | null;
  error: string | null;
  summary_json: string | null;
}

const COLUMNS = 'id, name, state, created_at, updated_at, dataset_id, dataset_sha256, settings_json, epochs_done, best_epoch, best_val_loss, error, summary_json';

function toSummary(row: Row): CleanerModelRow {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    datasetId: row.dataset_id,
    datasetSha256: row.dataset_sha256,
    settings: JSON.parse(row.settings_json) as TrainCleanerSettings,
    epochsDone: row.epochs_done,
    bestEpoch: row.best_epoch,
    bestValLoss: row.best_val_loss,
    error: row.error,
    summary: row.summary_json === null ? null : (JSON.parse(row.summary_json) as unknown),
  };
}

export class CleanerRepo {
  constructor(private readonly db: Db) {}

  create(model: NewCleanerModel, now = new Date().toISOString()): CleanerModelRow {
    this.db
      .prepare('INSERT INTO cleaner_models (id, name, state, created_at, updated_at, dataset_id, dataset_sha256, settings_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(model.id, model.name, 'training', now, now, model.datasetId, model.datasetSha256, JSON.stringify(model.settings));
    return this.get(model.id) as CleanerModelRow;
  }

  get(id: string): CleanerModelRow | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM cleaner_models WHERE id = ?`).get(id) as Row | undefined;
    return row ? toSummary(row) : undefined;
  }

  /** Newest first. */
  list(): CleanerModelRow[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM cleaner_models ORDER BY updated_at DESC, rowid DESC`).all() as Row[]).map(toSummary);
  }

  /** Stores an epoch's checkpoint as the model's only one and records the progress, atomically. */
  saveCheckpoint(modelId: string, checkpoint: CleanerCheckpoint, now = new Date().toISOString()): void {
    this.db.transaction(() => {
      const updated = this.db
        .prepare('UPDATE cleaner_models SET epochs_done = ?, best_epoch = ?, best_val_loss = ?, updated_at = ? WHERE id = ?')
        .run(checkpoint.epoch, checkpoint.best.epoch, checkpoint.best.valLoss, now, modelId);
      if (updated.changes !== 1) throw new Error(`No cleaner model with id ${modelId}`);
      this.db.prepare('DELETE FROM cleaner_checkpoints WHERE model_id = ?').run(modelId);
      this.db.prepare('INSERT INTO cleaner_checkpoints (model_id, epoch, created_at, checkpoint_json) VALUES (?, ?, ?, ?)').run(modelId, checkpoint.epoch, now, JSON.stringify(checkpoint));
    })();
  }

  checkpoint(modelId: string): CleanerCheckpoint | undefined {
    const row = this.db.prepare('SELECT checkpoint_json FROM cleaner_checkpoints WHERE model_id = ? ORDER BY epoch DESC LIMIT 1').get(modelId) as { checkpoint_json: string } | undefined;
    return row ? (JSON.parse(row.checkpoint_json) as CleanerCheckpoint) : undefined;
  }

  /** The most recently updated unfinished model with a checkpoint (optionally on one dataset). */
  resumable(datasetId?: string): CleanerModelRow | undefined {
    const row = this.db
      .prepare(
        `SELECT ${COLUMNS.split(', ').map((column) => `m.${column}`).join(', ')} FROM cleaner_models m
         WHERE m.state IN ('training', 'cancelled', 'failed') AND EXISTS (SELECT 1 FROM cleaner_checkpoints c WHERE c.model_id = m.id)
           AND (? IS NULL OR m.dataset_id = ?)
         ORDER BY m.updated_at DESC, m.rowid DESC LIMIT 1`,
      )
      .get(datasetId ?? null, datasetId ?? null) as Row | undefined;
    return row ? toSummary(row) : undefined;
  }

  /** Marks the model trained with its final weights and summary; drops its checkpoint. */
  finish(modelId: string, model: SerializedCleaner, summary: unknown, now = new Date().toISOString()): void {
    this.db.transaction(() => {
      const updated = this.db.prepare("UPDATE cleaner_models SET state = 'trained', model_json = ?, summary_json = ?, error = NULL, updated_at = ? WHERE id = ?").run(JSON.stringify(model), JSON.stringify(summary), now, modelId);
      if (updated.changes !== 1) throw new Error(`No cleaner model with id ${modelId}`);
      this.db.prepare('DELETE FROM cleaner_checkpoints WHERE model_id = ?').run(modelId);
    })();
  }

  /** Records a stop (cancel or failure); the checkpoint stays for a resume. */
  stop(modelId: string, state: 'cancelled' | 'failed', error: string | null, now = new Date().toISOString()): void {
    this.db.prepare('UPDATE cleaner_models SET state = ?, error = ?, updated_at = ? WHERE id = ?').run(state, error, now, modelId);
  }

  /** Back to `training` when a resume starts. */
  restart(modelId: string, now = new Date().toISOString()): void {
    this.db.prepare("UPDATE cleaner_models SET state = 'training', error = NULL, updated_at = ? WHERE id = ?").run(now, modelId);
  }

  /** The trained weights, or undefined while training or when absent. */
  weights(modelId: string): SerializedCleaner | undefined {
    const row = this.db.prepare('SELECT model_json FROM cleaner_models WHERE id = ?').get(modelId) as { model_json: string | null } | undefined;
    return row?.model_json ? (JSON.parse(row.model_json) as SerializedCleaner) : undefined;
  }
}
