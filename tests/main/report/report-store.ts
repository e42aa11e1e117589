/**
 * A real store on disk with a real imported dataset (the Ken French 10-industry monthly demo file)
 * and real runs of the pipeline engine on it, stored the way the runs service stores them.
 */
import { runRecord } from '../../../src/main/services/run-record';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../../../src/main/engine/pipeline/run-pipeline';
import { ingestFile } from '../../../src/main/ingest';
import { parsePipelineSpec } from '../../../src/shared/pipeline/spec';
import { Store } from '../../../src/main/store/store';

export const DEMO_FILE = join(process.cwd(), 'resources/demo/ff-10-industry-monthly.csv.gz');

export interface ReportStore {
  store: Store;
  dir: string;
  datasetId: string;
  sha256: string;
  /** Runs one spec on the dataset and stores it; returns the run id. */
  run(spec: Record<string, unknown>): string;
  dispose(): void;
}

export async function createReportStore(): Promise<ReportStore> {
  const dir = mkdtempSync(join(tmpdir(), 'pa-report-'));
  const store = Store.open(join(dir, 'store.db'));
  const { panel, report, provenance } = await ingestFile(DEMO_FILE, { kind: 'returns' });
  const dataset = store.datasets.insert({ name: 'FF10 monthly', panel, sourceName: 'ff-10-industry-monthly.csv.gz', sourceSize: provenance.sizeBytes, sha256: provenance.sha256, report, provenance });
  const run = (raw: Record<string, unknown>): string => {
    const parsed = parsePipelineSpec({ ...raw, data: { kind: 'dataset', dataset: dataset.id, frequency: 'monthly', minCoverage: 0.9 } });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const spec = parsed.spec;
    const result = runPipeline(spec, { primary: panel });
    const jobId = randomUUID();
    const runId = randomUUID();
    store.jobs.create(jobId, 'pipeline-run', `Run ${spec.name}`, null);
    store.runs.start({ id: runId, name: spec.name, jobId, spec, seed: spec.seed, datasets: [{ role: 'primary', id: dataset.id, name: dataset.name, sha256: dataset.sha256 }] });
    const record = runRecord(result);
    store.runs.succeed(runId, record.metrics, record.summary, record.series);
    return runId;
  };
  return {
    store,
    dir,
    datasetId: dataset.id,
    sha256: dataset.sha256,
    run,
    dispose: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
