/**
 * Dataset use-cases: import (parsing runs as a job in a worker; the store write is one
 * transaction in the main process), list, detail, chart series, delete.
 */
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DatasetDetail, DatasetSeries, DatasetSummary } from '../../shared/contract/schemas';
import { AppError } from '../../shared/contract/dispatch';
import { growthSeries } from '../../shared/charts/growth-series';
import type { IngestOptions, IngestPreview } from '../../shared/domain/ingest-report';
import type { IngestResult } from '../ingest';
import type { Store } from '../store/store';
import type { FilesService } from './files-service';
import type { JobsService, StartOptions, StartedJob } from './jobs-service';

export interface ImportRequest {
  path: string;
  /** Display name of the source (the uploaded file's own name in web mode). */
  sourceName?: string;
  name?: string;
  options?: IngestOptions;
  /** Import even when an identical file was imported with the same options. */
  force?: boolean;
}

export interface ImportOutcome {
  dataset: DatasetSummary;
  /** Earlier datasets made from a byte-identical file. */
  identicalTo: { id: string; name: string }[];
}

const DEFAULT_CHART_ASSETS = 8;

function stripExtensions(fileName: string): string {
  return fileName.replace(/\.gz$/i, '').replace(/\.(csv|txt|tsv)$/i, '');
}

export class DatasetsService {
  constructor(
    private readonly store: Store,
    private readonly jobs: JobsService,
    private readonly files: FilesService,
  ) {}

  list(): DatasetSummary[] {
    return this.store.datasets.list();
  }

  detail(id: string): DatasetDetail {
    const detail = this.store.datasets.detail(id);
    if (!detail) throw new AppError('not-found', `No dataset with id ${id}`);
    return detail;
  }

  resolve(idOrName: string): DatasetSummary {
    const summary = this.store.datasets.resolve(idOrName);
    if (!summary) throw new AppError('not-found', `No dataset "${idOrName}" (use its id, a unique id prefix or its exact name)`);
    return summary;
  }

  series(id: string, assets: string[] | undefined, maxPoints: number): DatasetSeries {
    const panel = this.store.datasets.panel(id);
    if (!panel) throw new AppError('not-found', `No dataset with id ${id}`);
    const columns = assets
      ? assets.map((asset) => {
          const index = panel.assets.indexOf(asset);
          if (index < 0) throw new AppError('not-found', `Dataset ${id} has no column "${asset}"`);
          return index;
        })
      : panel.assets.slice(0, DEFAULT_CHART_ASSETS).map((_, index) => index);
    return growthSeries(panel, columns, maxPoints);
  }

  delete(id: string): boolean {
    return this.store.datasets.delete(id);
  }

  /** Starts an import job; `done` resolves once the dataset is stored. */
  startImport(request: ImportRequest, options: StartOptions = {}): StartedJob<ImportOutcome> {
    const sourceName = request.sourceName ?? request.path.split(/[\\/]/).pop() ?? request.path;
    return this.jobs.start(
      'ingest',
      `Import ${sourceName}`,
      { path: request.path, options: request.options },
      (raw) => this.storeImported(raw as IngestResult, request, sourceName),
      options,
    );
  }

  /** Detected settings and the first rows of a chosen file, parsed in a worker. */
  async preview(fileRef: string, options: IngestOptions | undefined): Promise<IngestPreview> {
    const file = this.files.resolve(fileRef);
    const preview = (await this.jobs.start('ingest-preview', `Preview ${file.name}`, { path: file.path, options }, (raw) => raw as IngestPreview).done) as IngestPreview;
    return { ...preview, fileName: file.name };
  }

  /** The renderer's import: a file chosen through the dialog or uploaded, by reference. */
  importChosen(fileRef: string, name: string | undefined, options: IngestOptions | undefined, force = false): { jobId: string } {
    const file = this.files.resolve(fileRef);
    const started = this.startImport({ path: file.path, sourceName: file.name, name, options, force });
    void started.done
      .catch(() => undefined)
      .finally(() => {
        if (file.temporary) {
          this.files.release(fileRef);
          void rm(dirname(file.path), { recursive: true, force: true });
        }
      });
    return { jobId: started.jobId };
  }

  private storeImported(result: IngestResult, request: ImportRequest, sourceName: string): ImportOutcome {
    const { panel, report, provenance } = result;
    const identical = this.store.datasets.findBySha256(provenance.sha256);
    const sameOptions = identical.filter((existing) => {
      const detail = this.store.datasets.detail(existing.id);
      const previous = (detail?.provenance as { options?: unknown } | undefined)?.options;
      return JSON.stringify(previous) === JSON.stringify(provenance.options);
    });
    if (sameOptions.length > 0 && !request.force) {
      const first = sameOptions[0];
      throw new AppError(
        'already-imported',
        `${sourceName}: this exact file was already imported with the same settings as "${first.name}" (${first.id.slice(0, 8)}); import with --force to keep a second copy`,
        { existing: sameOptions.map((dataset) => dataset.id) },
      );
    }
    const dataset = this.store.datasets.insert({
      name: request.name ?? stripExtensions(sourceName),
      panel,
      sourceName,
      sourceSize: provenance.sizeBytes,
      sha256: provenance.sha256,
      report,
      provenance: { ...provenance, fileName: sourceName },
    });
    return { dataset, identicalTo: identical.map(({ id, name }) => ({ id, name })) };
  }
}
