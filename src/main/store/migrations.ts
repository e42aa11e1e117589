/**
 * Numbered, append-only schema migrations. Never edit one that has shipped: add the next number.
 * Each runs in its own transaction together with its row in `schema_migrations`.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'datasets',
    sql: `
      CREATE TABLE datasets (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        frequency TEXT NOT NULL,
        n_assets INTEGER NOT NULL CHECK (n_assets >= 0),
        n_obs INTEGER NOT NULL CHECK (n_obs >= 0),
        first_date TEXT NOT NULL,
        last_date TEXT NOT NULL,
        missing_share REAL NOT NULL,
        source_name TEXT NOT NULL,
        source_size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL,
        report_json TEXT NOT NULL,
        provenance_json TEXT NOT NULL
      );
      CREATE INDEX datasets_sha256 ON datasets (sha256);
      CREATE TABLE dataset_values (
        dataset_id TEXT PRIMARY KEY REFERENCES datasets (id) ON DELETE CASCADE,
        assets_json TEXT NOT NULL,
        dates_json TEXT NOT NULL,
        transform_codes_json TEXT,
        rows INTEGER NOT NULL,
        cols INTEGER NOT NULL,
        matrix BLOB NOT NULL CHECK (length(matrix) = rows * cols * 8)
      );`,
  },
  {
    version: 2,
    name: 'jobs',
    sql: `
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        label TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued','running','succeeded','failed','cancelled','interrupted')),
        progress REAL NOT NULL DEFAULT 0,
        stage TEXT NOT NULL DEFAULT '',
        error TEXT,
        params_json TEXT NOT NULL,
        result_json TEXT,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      );
      CREATE INDEX jobs_state ON jobs (state);`,
  },
  {
    version: 3,
    name: 'settings',
    sql: `CREATE TABLE settings (key TEXT PRIMARY KEY, value_json TEXT NOT NULL);`,
  },
  {
    version: 4,
    name: 'runs',
    sql: `
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        job_id TEXT NOT NULL REFERENCES jobs (id),
        state TEXT NOT NULL CHECK (state IN ('running','succeeded','failed','cancelled','interrupted')),
        spec_json TEXT NOT NULL,
        seed INTEGER NOT NULL,
        datasets_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        error TEXT,
        metrics_json TEXT,
        summary_json TEXT
      );
      CREATE INDEX runs_created ON runs (created_at);
      CREATE TABLE run_series (
        run_id TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
        periods INTEGER NOT NULL,
        assets INTEGER NOT NULL,
        rebalances INTEGER NOT NULL,
        dates_json TEXT NOT NULL,
        assets_json TEXT NOT NULL,
        net_returns BLOB NOT NULL CHECK (length(net_returns) = periods * 8),
        gross_returns BLOB NOT NULL CHECK (length(gross_returns) = periods * 8),
        costs BLOB NOT NULL CHECK (length(costs) = periods * 8),
        weights BLOB NOT NULL CHECK (length(weights) = rebalances * assets * 8),
        rebalances_json TEXT NOT NULL,
        training_json TEXT
      );`,
  },
  {
    version: 5,
    name: 'pipelines',
    sql: `
      CREATE TABLE pipelines (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        latest_version INTEGER NOT NULL CHECK (latest_version >= 1)
      );
      CREATE TABLE pipeline_versions (
        pipeline_id TEXT NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
        version INTEGER NOT NULL CHECK (version >= 1),
        spec_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (pipeline_id, version)
      );`,
  },
  {
    version: 6,
    name: 'explanations',
    sql: `
      CREATE TABLE explanations (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('attribution','explanation')),
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        versus_run_id TEXT REFERENCES runs (id) ON DELETE CASCADE,
        job_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        anchor TEXT NOT NULL,
        title TEXT NOT NULL,
        summary_json TEXT NOT NULL,
        result_json TEXT NOT NULL
      );
      CREATE INDEX explanations_run ON explanations (run_id, created_at);
      CREATE INDEX explanations_versus ON explanations (versus_run_id);`,
  },
  {
    version: 7,
    name: 'cleaner_models',
    sql: `
      CREATE TABLE cleaner_models (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('training','trained','cancelled','failed')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        dataset_id TEXT REFERENCES datasets (id) ON DELETE SET NULL,
        dataset_sha256 TEXT,
        settings_json TEXT NOT NULL,
        epochs_done INTEGER NOT NULL DEFAULT 0 CHECK (epochs_done >= 0),
        best_epoch INTEGER,
        best_val_loss REAL,
        error TEXT,
        model_json TEXT,
        summary_json TEXT
      );
      CREATE INDEX cleaner_models_updated ON cleaner_models (updated_at);
      CREATE TABLE cleaner_checkpoints (
        model_id TEXT NOT NULL REFERENCES cleaner_models (id) ON DELETE CASCADE,
        epoch INTEGER NOT NULL CHECK (epoch >= 0),
        created_at TEXT NOT NULL,
        checkpoint_json TEXT NOT NULL,
        PRIMARY KEY (model_id, epoch)
      );`,
  },
];
