/**
 * Zod schemas of the values that cross the process boundary. Plain JSON only: no typed arrays,
 * no Dates (ISO strings instead), so the same schemas serve Electron IPC and the WebSocket.
 */
import { z } from 'zod';
import { DATASET_KINDS, FREQUENCIES } from '../domain/panel';

/** Attribution and counterfactual-explanation schemas (issue 7) live with their domain. */
export * from '../domain/explain';

export const DatasetKindSchema = z.enum(DATASET_KINDS);
export const FrequencySchema = z.enum(FREQUENCIES);

export const DatasetSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: DatasetKindSchema,
  frequency: FrequencySchema,
  assets: z.number().int().nonnegative(),
  observations: z.number().int().nonnegative(),
  firstDate: z.string(),
  lastDate: z.string(),
  missingShare: z.number().min(0).max(1),
  sourceName: z.string(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type DatasetSummary = z.infer<typeof DatasetSummarySchema>;

export const DatasetDetailSchema = DatasetSummarySchema.extend({
  assetNames: z.array(z.string()),
  coverage: z.array(z.number().min(0).max(1)),
  report: z.unknown(),
  provenance: z.unknown(),
});
export type DatasetDetail = z.infer<typeof DatasetDetailSchema>;

/** Values for charting: downsampled to at most `maxPoints` dates; `null` marks a missing value. */
export const DatasetSeriesSchema = z.object({
  dates: z.array(z.string()),
  series: z.array(z.object({ name: z.string(), values: z.array(z.number().nullable()) })),
});
export type DatasetSeries = z.infer<typeof DatasetSeriesSchema>;

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export const JobStateSchema = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobStateSchema>;

export const JobSummarySchema = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  state: JobStateSchema,
  progress: z.number().min(0).max(1),
  stage: z.string(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobSummary = z.infer<typeof JobSummarySchema>;

export const AppInfoSchema = z.object({
  appVersion: z.string(),
  mode: z.enum(['desktop', 'web', 'cli']),
  storePath: z.string(),
  tf: z.object({ backend: z.string(), detail: z.string(), version: z.string() }),
  versions: z.record(z.string(), z.string()),
  jobWorkers: z.number().int().positive(),
  demoCitation: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const ErrorInfoSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

export const RunStateSchema = z.enum(['running', 'succeeded', 'failed', 'cancelled', 'interrupted']);

export const RunSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  jobId: z.string(),
  state: RunStateSchema,
  seed: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  /** Backtest metrics (see the engine's BacktestMetrics); null until the run succeeds. */
  metrics: z.record(z.string(), z.unknown()).nullable(),
  datasets: z.array(z.object({ role: z.enum(['primary', 'macro', 'driver']), id: z.string(), name: z.string(), sha256: z.string() })),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** How far a run got: stages reached (in order, when, at what progress), epochs per training stage, the last epoch and progress. */
export const RunProgressLogSchema = z.object({
  stages: z.array(z.object({ stage: z.string(), at: z.string(), progress: z.number() })),
  epochs: z.record(z.string(), z.number().int()),
  lastEpoch: z.object({ stage: z.string(), epoch: z.number(), trainLoss: z.number(), valLoss: z.number().nullable() }).nullable(),
  progress: z.number(),
  stage: z.string(),
  updatedAt: z.string(),
});
export type RunProgressLog = z.infer<typeof RunProgressLogSchema>;

/** `progressLog`: the partial log of a run that is running or did not finish (null once it succeeded, or when none was kept). */
export const RunDetailSchema = RunSummarySchema.extend({ spec: z.unknown(), summary: z.unknown(), progressLog: RunProgressLogSchema.nullable() });
export type RunDetail = z.infer<typeof RunDetailSchema>;

/** One exported audit report: when, of which runs (the first is the baseline), the file and where it went (null: downloaded by the browser). */
export const ReportExportSchema = z.object({
  at: z.string(),
  runs: z.array(z.object({ id: z.string(), name: z.string() })),
  fileName: z.string(),
  bytes: z.number().int(),
  savedTo: z.string().nullable(),
});
export type ReportExport = z.infer<typeof ReportExportSchema>;

/** A run's series for charts, downsampled to at most `maxPoints` periods. */
export const RunSeriesSchema = z.object({
  dates: z.array(z.string()),
  equity: z.array(z.number()),
  drawdown: z.array(z.number()),
  /** Weights after each rebalance for the largest holdings; the rest summed as "other". */
  weights: z.object({ dates: z.array(z.string()), assets: z.array(z.string()), values: z.array(z.array(z.number())) }),
  statuses: z.record(z.string(), z.number()),
  /** Training curves of the first fit, one per stage (decoupled, end-to-end); empty without training. */
  training: z.array(
    z.object({
      stage: z.string(),
      fitDate: z.string(),
      epochs: z.array(z.number()),
      trainLoss: z.array(z.number()),
      valLoss: z.array(z.number().nullable()),
      gradNorm: z.array(z.number()),
      bestEpoch: z.number(),
    }),
  ),
  /** Number of fits (initial training plus scheduled refits). */
  fits: z.number().int(),
  /** Annualised Sharpe of the trailing `window` net returns (12 monthly, 63 daily), downsampled; null before the window fills. */
  rollingSharpe: z.object({ window: z.number().int(), dates: z.array(z.string()), values: z.array(z.number().nullable()) }),
  /** One-way turnover ½‖Δw‖₁ per rebalance (thinned keeping each stretch's largest trade) and its mean over all rebalances. */
  turnover: z.object({ dates: z.array(z.string()), values: z.array(z.number()), mean: z.number() }),
  /** Assets in the run; above 12 the weights are drawn as `heatmap`. */
  assetCount: z.number().int(),
  /** Largest holdings (rows) × periods of consecutive rebalances (columns) of mean weights, for runs with more than 12 assets; else null. */
  heatmap: z.object({ dates: z.array(z.string()), assets: z.array(z.string()), values: z.array(z.array(z.number())) }).nullable(),
});
export type RunSeriesView = z.infer<typeof RunSeriesSchema>;

export const PipelinePresetSchema = z.object({ id: z.string(), spec: z.unknown() });

/** A saved pipeline (the editor's list): its latest version's name and how many versions it has. */
export const PipelineSummarySchema = z.object({ id: z.string(), name: z.string(), latestVersion: z.number().int().min(1), createdAt: z.string(), updatedAt: z.string() });
export type PipelineSummary = z.infer<typeof PipelineSummarySchema>;

/** One version of a saved pipeline with its (validated, normalised) spec. */
export const PipelineDetailSchema = PipelineSummarySchema.extend({ version: z.number().int().min(1), spec: z.unknown(), savedAt: z.string() });
export type PipelineDetail = z.infer<typeof PipelineDetailSchema>;

export const PipelineVersionSchema = z.object({ version: z.number().int().min(1), name: z.string(), createdAt: z.string() });
export type PipelineVersion = z.infer<typeof PipelineVersionSchema>;


/** Runs aligned on their common periods; tests of each run's Sharpe against the first run's. */
export const RunsComparisonSchema = z.object({
  firstDate: z.string(),
  lastDate: z.string(),
  periods: z.number().int(),
  periodsPerYear: z.number(),
  runs: z.array(z.object({ id: z.string(), name: z.string(), annualisedReturn: z.number(), volatility: z.number(), sharpe: z.number(), maxDrawdown: z.number() })),
  comparisons: z.array(
    z.object({
      name: z.string(),
      baselineName: z.string(),
      differences: z.object({ annualisedReturn: z.number(), volatility: z.number(), sharpe: z.number(), maxDrawdown: z.number() }),
      /** Jobson–Korkie test with Memmel's correction (assumes normal returns). */
      jobsonKorkieMemmel: z.object({ statistic: z.number(), pValue: z.number() }),
      /** Ledoit–Wolf studentised circular block bootstrap of the Sharpe difference. */
      bootstrap: z.object({ pValue: z.number(), lower: z.number(), upper: z.number(), confidenceLevel: z.number(), blockLength: z.number().int(), resamples: z.number().int() }),
    }),
  ),
  /** Equity and drawdown of each run over the common periods, downsampled. */
  curves: z.array(z.object({ name: z.string(), dates: z.array(z.string()), equity: z.array(z.number()), drawdown: z.array(z.number()) })),
});
export type RunsComparisonView = z.infer<typeof RunsComparisonSchema>;
