/** Typed access to stored datasets. A dataset and its matrix are written in one transaction. */
import { randomUUID } from 'node:crypto';
import type { DatasetDetail, DatasetSummary } from '../../shared/contract/schemas';
import { missingShare, type DatasetKind, type Frequency, type Panel } from '../../shared/domain/panel';
import type { Db } from './database';

interface DatasetRow {
  id: string;
  name: string;
  kind: DatasetKind;
  frequency: Frequency;
  n_assets: number;
  n_obs: number;
  first_date: string;
  last_date: string;
  missing_share: number;
  source_name: string;
  source_size: number;
  sha256: string;
  created_at: string;
  report_json: string;
  provenance_json: string;
}

interface ValuesRow {
  assets_json: string;
  dates_json: string;
  transform_codes_json: string | null;
  rows: number;
  cols: number;
  matrix: Buffer;
}

export interface NewDataset {
  name: string;
  panel: Panel;
  sourceName: string;
  sourceSize: number;
  sha256: string;
  report: unknown;
  provenance: unknown;
}

function toSummary(row: DatasetRow): DatasetSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    frequency: row.frequency,
    assets: row.n_assets,
    observations: row.n_obs,
    firstDate: row.first_date,
    lastDate: row.last_date,
    missingShare: row.missing_share,
    sourceName: row.source_name,
    sha256: row.sha256,
    createdAt: row.created_at,
  };
}

/** Column coverage: share of non-missing values per asset. */
export function columnCoverage(panel: Panel): number[] {
  const t = panel.dates.length;
  const n = panel.assets.length;
  const present = new Array<number>(n).fill(0);
  for (let i = 0; i < t; i++) {
    for (let j = 0; j < n; j++) if (!Number.isNaN(panel.values[i * n + j])) present[j]++;
  }
  return present.map((count) => (t === 0 ? 0 : count / t));
}

export class DatasetsRepo {
  constructor(private readonly db: Db) {}

  insert(dataset: NewDataset): DatasetSummary {
    const { panel } = dataset;
    const t = panel.dates.length;
    const n = panel.assets.length;
    if (panel.values.length !== t * n) {
      throw new Error(`panel has ${panel.values.length} values for ${t} dates × ${n} assets`);
    }
    if (t === 0 || n === 0) throw new Error('a dataset needs at least one date and one column');
    const row: DatasetRow = {
      id: randomUUID(),
      name: dataset.name,
      kind: panel.kind,
      frequency: panel.frequency,
      n_assets: n,
      n_obs: t,
      first_date: panel.dates[0],
      last_date: panel.dates[t - 1],
      missing_share: missingShare(panel),
      source_name: dataset.sourceName,
      source_size: dataset.sourceSize,
      sha256: dataset.sha256,
      created_at: new Date().toISOString(),
      report_json: JSON.stringify(dataset.report ?? null),
      provenance_json: JSON.stringify(dataset.provenance ?? null),
    };
    const matrix = Buffer.from(panel.values.buffer, panel.values.byteOffset, panel.values.byteLength);
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO datasets (id, name, kind, frequency, n_assets, n_obs, first_date, last_date, missing_share,
             source_name, source_size, sha256, created_at, report_json, provenance_json)
           VALUES (@id, @name, @kind, @frequency, @n_assets, @n_obs, @first_date, @last_date, @missing_share,
             @source_name, @source_size, @sha256, @created_at, @report_json, @provenance_json)`,
        )
        .run(row);
      this.db
        .prepare(
          `INSERT INTO dataset_values (dataset_id, assets_json, dates_json, transform_codes_json, rows, cols, matrix)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          row.id,
          JSON.stringify(panel.assets),
          JSON.stringify(panel.dates),
          panel.transformCodes ? JSON.stringify(panel.transformCodes) : null,
          t,
          n,
          matrix,
        );
    })();
    return toSummary(row);
  }

  list(): DatasetSummary[] {
    const rows = this.db.prepare('SELECT * FROM datasets ORDER BY created_at DESC, name').all() as DatasetRow[];
    return rows.map(toSummary);
  }

  findBySha256(sha256: string): DatasetSummary[] {
    const rows = this.db.prepare('SELECT * FROM datasets WHERE sha256 = ? ORDER BY created_at').all(sha256) as DatasetRow[];
    return rows.map(toSummary);
  }

  summary(id: string): DatasetSummary | undefined {
    const row = this.db.prepare('SELECT * FROM datasets WHERE id = ?').get(id) as DatasetRow | undefined;
    return row ? toSummary(row) : undefined;
  }

  /** Resolves an id or an unambiguous id prefix or exact name (what a CLI user types). */
  resolve(idOrName: string): DatasetSummary | undefined {
    const exact = this.summary(idOrName);
    if (exact) return exact;
    const rows = this.db
      .prepare("SELECT * FROM datasets WHERE id LIKE ? || '%' OR name = ? LIMIT 2")
      .all(idOrName, idOrName) as DatasetRow[];
    return rows.length === 1 ? toSummary(rows[0]) : undefined;
  }

  panel(id: string): Panel | undefined {
    const meta = this.db.prepare('SELECT kind, frequency FROM datasets WHERE id = ?').get(id) as
      | Pick<DatasetRow, 'kind' | 'frequency'>
      | undefined;
    if (!meta) return undefined;
    const values = this.db.prepare('SELECT * FROM dataset_values WHERE dataset_id = ?').get(id) as ValuesRow;
    const copy = new Uint8Array(values.matrix.byteLength);
    copy.set(values.matrix);
    const transformCodes = values.transform_codes_json ? (JSON.parse(values.transform_codes_json) as number[]) : undefined;
    return {
      kind: meta.kind,
      frequency: meta.frequency,
      assets: JSON.parse(values.assets_json) as string[],
      dates: JSON.parse(values.dates_json) as string[],
      values: new Float64Array(copy.buffer, 0, values.rows * values.cols),
      ...(transformCodes ? { transformCodes } : {}),
    };
  }

  detail(id: string): DatasetDetail | undefined {
    const row = this.db.prepare('SELECT * FROM datasets WHERE id = ?').get(id) as DatasetRow | undefined;
    const panel = row ? this.panel(id) : undefined;
    if (!row || !panel) return undefined;
    return {
      ...toSummary(row),
      assetNames: [...panel.assets],
      coverage: columnCoverage(panel),
      report: JSON.parse(row.report_json) as unknown,
      provenance: JSON.parse(row.provenance_json) as unknown,
    };
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM datasets WHERE id = ?').run(id).changes > 0;
  }
}
