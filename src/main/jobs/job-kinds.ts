/** The jobs a worker can run, by kind. Each takes JSON-able params and returns its result. */
import { ingestFile, previewFile } from '../ingest';
import type { IngestOptions } from '../../shared/domain/ingest-report';
import { selectTfBackend } from '../platform/tf-backend';
import type { JobRegistry } from './protocol';
import { covarianceJob } from './kinds/covariance-job';
import { qpJob } from './kinds/qp-job';
import { pipelineRunJob } from './kinds/pipeline-run-job';
import { shrinkStudyJob } from './kinds/shrink-study-job';
import { cleanerViewsJob } from './kinds/cleaner-views-job';
import { trainCleanerJob } from './kinds/train-cleaner-job';
import { compareJob } from './kinds/compare-job';
import { compareRunsJob } from './kinds/compare-runs-job';
import { renderReportJob } from './kinds/render-report-job';
import { attributeJob, explainJob } from './kinds/explain-job';

export interface IngestJobParams {
  path: string;
  options?: IngestOptions;
}

export const JOB_KINDS: JobRegistry = {
  ingest: async (params, context) => {
    const { path, options } = params as IngestJobParams;
    return ingestFile(path, options, (fraction, stage) => context.progress(fraction, stage));
  },
  'ingest-preview': async (params) => {
    const { path, options } = params as IngestJobParams;
    return previewFile(path, options);
  },
  'tf-backend': async () => selectTfBackend(),
  covariance: covarianceJob,
  qp: qpJob,
  'pipeline-run': async (params, context) => {
    const tfBackend = await selectTfBackend();
    return { ...pipelineRunJob(params, context), tfBackend };
  },
  'shrink-study': shrinkStudyJob,
  'cleaner-views': async (params) => (await selectTfBackend(), cleanerViewsJob(params)),
  'train-cleaner': trainCleanerJob,
  'compare-runs': (params) => compareRunsJob(params),
  'render-report': (params) => renderReportJob(params),
  explain: (params, context) => explainJob(params, context),
  attribute: (params, context) => attributeJob(params, context),
  compare: async (params, context) => {
    await selectTfBackend();
    return compareJob(params, context);
  },
};
