/**
 * Audit reports: read the runs and their datasets from the store (main process), render the PDF in
 * a worker, and either write it where the user chose (desktop, atomically) or hand the bytes to
 * the browser as a download (web mode).
 */
import { basename } from 'node:path';
import { AppError } from '../../shared/contract/dispatch';
import type { ReportExport } from '../../shared/contract/schemas';
import { loadReportData, writeFileAtomic } from '../report';
import { APP_VERSION } from '../platform/version';
import type { Store } from '../store/store';
import type { JobsService } from './jobs-service';

/** Settings key of the export history, and how many exports it keeps. */
const EXPORTS_KEY = 'reports.exports';
const MAX_EXPORTS = 200;

export class ReportsService {
  constructor(
    private readonly store: Store,
    private readonly jobs: JobsService,
    private readonly tfBackend: () => Promise<string>,
  ) {}

  async render(runIds: string[]): Promise<Buffer> {
    let data;
    try {
      data = loadReportData(this.store, runIds);
    } catch (error) {
      throw new AppError('not-found', (error as Error).message);
    }
    const params = { data, appVersion: APP_VERSION, tfBackend: await this.tfBackend(), generatedAt: new Date().toISOString() };
    const bytes = (await this.jobs.start('render-report', `Audit report of ${runIds.length} run(s)`, params, (raw) => raw).done) as Uint8Array;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  defaultFileName(runIds: string[]): string {
    const first = this.store.runs.resolve(runIds[0]);
    const stem = (first?.name ?? 'runs').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').toLowerCase();
    return `audit-report-${stem}${runIds.length > 1 ? `-and-${runIds.length - 1}-more` : ''}.pdf`;
  }

  async save(runIds: string[], path: string): Promise<void> {
    const pdf = await this.render(runIds);
    await writeFileAtomic(path, pdf);
    this.recordExport(runIds, basename(path), pdf.byteLength, path);
  }

  /** Adds an export to the history (kept in settings, newest first, at most 200). */
  recordExport(runIds: string[], fileName: string, bytes: number, savedTo: string | null): void {
    const runs = runIds.map((id) => {
      const run = this.store.runs.resolve(id);
      return { id: run?.id ?? id, name: run?.name ?? 'deleted run' };
    });
    const entry: ReportExport = { at: new Date().toISOString(), runs, fileName, bytes, savedTo };
    this.store.settings.set(EXPORTS_KEY, [entry, ...this.exports()].slice(0, MAX_EXPORTS));
  }

  /** Reports exported so far, newest first. */
  exports(): ReportExport[] {
    const stored = this.store.settings.get<unknown>(EXPORTS_KEY);
    return Array.isArray(stored) ? (stored as ReportExport[]) : [];
  }
}
