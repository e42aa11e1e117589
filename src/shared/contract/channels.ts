/**
 * The IPC contract: every request channel once, with its request and response schema, and every
 * push event with its payload schema. The preload, the Electron handlers, the web host and the
 * renderer's client are all derived from this table.
 */
import { z } from 'zod';
import { ingestOptionsSchema, ingestPreviewSchema } from '../domain/ingest-report';
import { CleanerViewsRequestSchema, CleanerViewsSchema } from '../domain/cleaner-views';
import { AttributeRequestSchema, ExplainPresetSchema, ExplainRecordSchema, ExplainRequestSchema, ExplainSummarySchema } from '../domain/explain';
import {
  AppInfoSchema,
  PipelinePresetSchema,
  PipelineDetailSchema,
  PipelineSummarySchema,
  PipelineVersionSchema,
  RunDetailSchema,
  ReportExportSchema,
  RunSeriesSchema,
  RunSummarySchema,
  RunsComparisonSchema,
  DatasetDetailSchema,
  DatasetSeriesSchema,
  DatasetSummarySchema,
  ErrorInfoSchema,
  JobSummarySchema,
} from './schemas';

const Empty = z.object({}).strict();
const DatasetId = z.object({ id: z.string().min(1) }).strict();

export const channels = {
  'app.info': { request: Empty, response: AppInfoSchema },
  'datasets.list': { request: Empty, response: z.array(DatasetSummarySchema) },
  'datasets.get': { request: DatasetId, response: DatasetDetailSchema },
  'datasets.series': {
    request: z
      .object({
        id: z.string().min(1),
        assets: z.array(z.string()).max(50).optional(),
        maxPoints: z.number().int().min(10).max(5000).default(800),
      })
      .strict(),
    response: DatasetSeriesSchema,
  },
  'datasets.delete': { request: DatasetId, response: z.object({ deleted: z.boolean() }) },
  /** Reads the start of a chosen file: detected settings (each overridable), first rows, ambiguities. */
  'datasets.preview': {
    request: z.object({ fileRef: z.string().min(1), options: ingestOptionsSchema.optional() }).strict(),
    response: ingestPreviewSchema,
  },
  /** Starts an import job for a file the user chose (see `files.*`); the result arrives as a job event. */
  'datasets.import': {
    request: z
      .object({
        fileRef: z.string().min(1),
        name: z.string().trim().min(1).max(200).optional(),
        options: ingestOptionsSchema.optional(),
        force: z.boolean().optional(),
      })
      .strict(),
    response: z.object({ jobId: z.string() }),
  },
  /** Desktop only: shows the native open dialog and returns a reference to the chosen file. */
  'files.open': {
    request: z.object({ title: z.string().optional() }).strict(),
    response: z.object({ fileRef: z.string(), name: z.string() }).nullable(),
  },
  /** Desktop only: a file the user dropped on the window, by the path the preload read from it. */
  'files.dropped': {
    request: z.object({ path: z.string().min(1) }).strict(),
    response: z.object({ fileRef: z.string(), name: z.string() }),
  },
  'pipelines.presets': { request: Empty, response: z.array(PipelinePresetSchema) },
  /** Saved pipelines, most recently saved first. */
  'pipelines.list': { request: Empty, response: z.array(PipelineSummarySchema) },
  /** One version of a saved pipeline (the latest without `version`). */
  'pipelines.get': { request: z.object({ id: z.string().min(1), version: z.number().int().min(1).optional() }).strict(), response: PipelineDetailSchema },
  /** Validates and saves a spec: a new pipeline without `id`, else a new version when the spec changed. Invalid specs fail with code `invalid-spec` and `details.problems` (path + message). */
  'pipelines.save': {
    request: z.object({ id: z.string().min(1).optional(), spec: z.unknown() }).strict(),
    response: z.object({ id: z.string(), version: z.number().int().min(1), created: z.boolean() }),
  },
  /** Copies one version of a pipeline into a new pipeline named "<name> (copy)". */
  'pipelines.duplicate': { request: z.object({ id: z.string().min(1), version: z.number().int().min(1).optional() }).strict(), response: z.object({ id: z.string(), version: z.number().int().min(1) }) },
  'pipelines.delete': { request: z.object({ id: z.string().min(1) }).strict(), response: z.object({ deleted: z.boolean() }) },
  /** A pipeline's versions, newest first. */
  'pipelines.versions': { request: z.object({ id: z.string().min(1) }).strict(), response: z.array(PipelineVersionSchema) },
  'runs.list': { request: Empty, response: z.array(RunSummarySchema) },
  'runs.get': { request: z.object({ id: z.string().min(1) }).strict(), response: RunDetailSchema },
  'runs.series': {
    request: z.object({ id: z.string().min(1), maxPoints: z.number().int().min(10).max(5000).default(600), maxAssets: z.number().int().min(1).max(30).default(10) }).strict(),
    response: RunSeriesSchema,
  },
  /** Compares two or more succeeded runs on their common periods (the first is the baseline). */
  'runs.compare': { request: z.object({ ids: z.array(z.string().min(1)).min(2).max(6) }).strict(), response: RunsComparisonSchema },
  /** Starts a pipeline run; its progress and outcome arrive as job events. */
  'runs.start': {
    request: z.object({ spec: z.unknown(), dataset: z.string().min(1).optional(), macro: z.string().min(1).optional() }).strict(),
    response: z.object({ jobId: z.string() }),
  },
  /** PDF audit report of one or more runs (the first is the comparison baseline): saved where the user chooses (desktop) or returned for download (web). */
  'reports.export': {
    request: z.object({ runIds: z.array(z.string().min(1)).min(1).max(6) }).strict(),
    response: z.union([z.object({ savedTo: z.string() }), z.object({ fileName: z.string(), base64: z.string() }), z.object({ cancelled: z.literal(true) })]),
  },
  /** Audit reports exported so far, newest first. */
  'reports.list': { request: Empty, response: z.array(ReportExportSchema) },
  /** Starts an attribution job (saliency, integrated gradients or expected gradients) of one run or two side by side; the stored record's id is the job result `{ id }`. */
  'explain.attribute': { request: AttributeRequestSchema, response: z.object({ jobId: z.string() }) },
  /** Starts a counterfactual macro-scenario job (METHODS §5); the stored record's id is the job result `{ id }`. */
  'explain.start': { request: ExplainRequestSchema, response: z.object({ jobId: z.string() }) },
  /** Stored attributions and explanations of a run (as first or second run), newest first. */
  'explain.list': { request: z.object({ runId: z.string().min(1) }).strict(), response: z.array(ExplainSummarySchema) },
  'explain.get': { request: z.object({ id: z.string().min(1) }).strict(), response: ExplainRecordSchema },
  /** The four published questions as ready-made requests. */
  'explain.presets': { request: Empty, response: z.array(ExplainPresetSchema) },
  /** The learned covariance cleaner's views on one window of a daily prices dataset (issue 8, item 6). */
  'cleaner.views': { request: CleanerViewsRequestSchema, response: CleanerViewsSchema },
  'jobs.list': { request: Empty, response: z.array(JobSummarySchema) },
  'jobs.get': { request: z.object({ id: z.string().min(1) }).strict(), response: JobSummarySchema },
  'jobs.cancel': { request: z.object({ id: z.string().min(1) }).strict(), response: z.object({ cancelled: z.boolean() }) },
} as const;

export const events = {
  'job.progress': z.object({ jobId: z.string(), kind: z.string(), progress: z.number(), stage: z.string() }),
  /** One training epoch of a running job, sent for every epoch so the UI can draw the loss curve as it grows. */
  'job.epoch': z.object({ jobId: z.string(), kind: z.string(), stage: z.string(), epoch: z.number().int(), trainLoss: z.number(), valLoss: z.number().nullable(), gradNorm: z.number() }),
  'job.finished': z.object({ jobId: z.string(), kind: z.string(), result: z.unknown() }),
  'job.failed': z.object({ jobId: z.string(), kind: z.string(), error: ErrorInfoSchema, state: z.enum(['failed', 'cancelled']) }),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** What every transport returns: a value or a typed error, never a thrown exception. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: z.infer<typeof ErrorInfoSchema> };

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** The API surface the renderer sees, whatever the transport. */
export interface Api {
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Envelope<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Desktop only: the file-system path of a File the user dropped (Electron's webUtils). */
  pathForFile?(file: File): string;
}
