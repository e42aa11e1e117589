/**
 * Audit reports: read the runs and their datasets from the store (main process), render the PDF in
 * a worker, and either write it where the user chose (desktop, atomically) or hand the bytes to
 * the browser as a download (web mode).
 */
import { AppError } from '../../shared/contract/dispatch';
import { loadReportData, writeFileAtomic } from '../report';
import { APP_VERSION } from '../platform/version';
import type { Store } from '../store/store';
import type { JobsService } from './jobs-service';

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
    await writeFileAtomic(path, await this.render(runIds));
  }
}
