/**
 * Pipeline runs: validate the spec, resolve its datasets, run it as a job, and store the spec,
 * seed, dataset hashes, metrics, weights over time, returns and statuses in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/contract/dispatch';
import { describeProblems, parsePipelineSpec, type PipelineSpec } from '../../shared/pipeline/spec';
import type { PipelineRunResult } from '../engine/pipeline/run-pipeline';
import type { RunDatasetRef } from '../store/runs-repo';
import type { Store } from '../store/store';
import type { RunDetail, RunSeriesView, RunSummary, RunsComparisonView } from '../../shared/contract/schemas';
import type { RunsComparison } from '../engine/stats';
import { runSeriesView } from './run-views';
import { runRecord, type PipelineJobResult } from './run-record';
import { RunProgressRecorder } from './run-progress-log';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetsService } from './datasets-service';
import type { JobsService, StartOptions, StartedJob } from './jobs-service';

export interface RunRequest {
  spec: unknown;
  /** Overrides `spec.data.dataset` (id, id prefix or name). */
  dataset?: string;
  /** Overrides `spec.data.macro`. */
  macro?: string;
}

export interface RunOutcome {
  runId: string;
  name: string;
  metrics: PipelineRunResult['backtest']['metrics'];
  assets: number;
  excluded: number;
  periods: number;
}

export class RunsService {
  constructor(
    private readonly store: Store,
    private readonly jobs: JobsService,
    private readonly datasets: DatasetsService,
  ) {}

  list(): RunSummary[] {
    return this.store.runs.list();
  }

  detail(id: string): RunDetail {
    const run = this.store.runs.get(id);
    if (!run) throw new AppError('not-found', `No run with id ${id}`);
    return run;
  }

  series(id: string, maxPoints: number, maxAssets: number): RunSeriesView {
    const series = this.store.runs.series(id);
    if (!series) throw new AppError('not-found', `Run ${id} has no results (it did not succeed)`);
    const periodsPerYear = (this.store.runs.get(id)?.summary as { periodsPerYear?: number } | null)?.periodsPerYear ?? 12;
    return runSeriesView(series, maxPoints, maxAssets, periodsPerYear);
  }

  /** Aligns the runs on their common periods and tests each Sharpe against the first run's, in a worker. */
  async compare(ids: string[]): Promise<RunsComparisonView> {
    const loaded = ids.map((id) => {
      const run = this.store.runs.get(id);
      const series = this.store.runs.series(id);
      if (!run || !series) throw new AppError('not-found', `Run ${id} does not exist or did not succeed`);
      return { run, series, periodsPerYear: (run.summary as { periodsPerYear?: number } | null)?.periodsPerYear ?? 12 };
    });
    const periodsPerYear = loaded[0].periodsPerYear;
    if (loaded.some((item) => item.periodsPerYear !== periodsPerYear)) throw new AppError('incomparable', 'These runs have different frequencies; compare runs of the same frequency.');
    const common = loaded.map((item) => new Set(item.series.dates)).reduce((a, b) => new Set([...a].filter((date) => b.has(date))));
    const dates = loaded[0].series.dates.filter((date) => common.has(date));
    if (dates.length < 12) throw new AppError('incomparable', `These runs share only ${dates.length} periods; at least 12 are needed to compare them.`);
    const aligned = loaded.map(({ run, series }) => {
      const index = new Map(series.dates.map((date, i) => [date, i]));
      return { id: run.id, name: run.name, netReturns: Float64Array.from(dates, (date) => series.netReturns[index.get(date) as number]) };
    });
    const result = (await this.jobs.start('compare-runs', `Compare ${aligned.length} runs`, { series: aligned.map(({ name, netReturns }) => ({ name, netReturns })), periodsPerYear }, (raw) => raw).done) as RunsComparison;
    const curves = aligned.map(({ name, netReturns }) => {
      const view = runSeriesView({ dates, assets: [], netReturns, grossReturns: netReturns, costs: netReturns, weights: new Float64Array(0), rebalances: [], training: undefined }, 600, 1);
      return { name, dates: view.dates, equity: view.equity, drawdown: view.drawdown };
    });
    return {
      firstDate: dates[0],
      lastDate: dates[dates.length - 1],
      periods: dates.length,
      periodsPerYear,
      runs: result.runs.map((summary, i) => ({ ...summary, id: aligned[i].id })),
      comparisons: result.comparisons.map((c) => ({
        name: c.name,
        baselineName: c.baselineName,
        differences: { ...c.differences },
        jobsonKorkieMemmel: { statistic: c.jobsonKorkieMemmel.statistic, pValue: c.jobsonKorkieMemmel.pValue },
        bootstrap: { pValue: c.bootstrap.pValue, lower: c.bootstrap.interval[0], upper: c.bootstrap.interval[1], confidenceLevel: c.bootstrap.confidenceLevel, blockLength: c.bootstrap.blockLength, resamples: c.bootstrap.resamples },
      })),
      curves,
    };
  }

  /** The example pipelines that ship with the app, by file name. */
  async presets(presetsDir: string): Promise<{ id: string; spec: unknown }[]> {
    const files = (await readdir(presetsDir).catch(() => [] as string[])).filter((file) => file.endsWith('.json')).sort();
    return Promise.all(files.map(async (file) => ({ id: file.replace(/\.json$/, ''), spec: JSON.parse(await readFile(join(presetsDir, file), 'utf8')) as unknown })));
  }

  validate(spec: unknown): PipelineSpec {
    const parsed = parsePipelineSpec(spec);
    if (!parsed.ok) throw new AppError('invalid-spec', `The pipeline spec is invalid:\n${describeProblems(parsed.problems)}`, { problems: parsed.problems });
    return parsed.spec;
  }

  start(request: RunRequest, options: StartOptions = {}): StartedJob<RunOutcome> {
    const spec = this.validate(request.spec);
    const refs: RunDatasetRef[] = [];
    const params: { spec: PipelineSpec; primary?: unknown; macro?: unknown; drivers?: Record<string, unknown>; driverLabels?: Record<string, string> } = { spec };
    if (spec.data.kind === 'dataset') {
      const primary = this.datasets.resolve(request.dataset ?? spec.data.dataset);
      spec.data.dataset = primary.id;
      refs.push({ role: 'primary', id: primary.id, name: primary.name, sha256: primary.sha256 });
      params.primary = this.store.datasets.panel(primary.id);
      const macroName = request.macro ?? spec.data.macro;
      if (macroName) {
        const macro = this.datasets.resolve(macroName);
        spec.data.macro = macro.id;
        refs.push({ role: 'macro', id: macro.id, name: macro.name, sha256: macro.sha256 });
        params.macro = this.store.datasets.panel(macro.id);
      }
      if (spec.optimiser.kind === 'sensitivity') {
        const drivers: Record<string, unknown> = {};
        const driverLabels: Record<string, string> = {};
        const resolveDriver = (ref: { dataset: string }): void => {
          const found = this.datasets.resolve(ref.dataset);
          ref.dataset = found.id;
          if (found.id in drivers) return;
          refs.push({ role: 'driver', id: found.id, name: found.name, sha256: found.sha256 });
          drivers[found.id] = this.store.datasets.panel(found.id);
          driverLabels[found.id] = found.name;
        };
        for (const driver of spec.optimiser.drivers) {
          resolveDriver(driver);
          if (driver.minus) resolveDriver(driver.minus);
        }
        Object.assign(params, { drivers, driverLabels });
      }
    }
    const runId = randomUUID();
    const log = new RunProgressRecorder((entry) => this.store.runs.recordProgress(runId, entry));
    const started = this.jobs.start('pipeline-run', `Run ${spec.name}`, params, (raw) => this.storeResult(runId, spec, raw as PipelineJobResult), {
      ...options,
      onProgress: (progress, stage) => {
        log.progress(progress, stage);
        options.onProgress?.(progress, stage);
      },
      onEpoch: (point) => {
        log.epoch(point);
        options.onEpoch?.(point);
      },
    });
    this.store.runs.start({ id: runId, name: spec.name, jobId: started.jobId, spec, seed: spec.seed, datasets: refs });
    const done = started.done.catch((error: unknown) => {
      const failure = error as { state?: 'failed' | 'cancelled'; code?: string; message?: string };
      // Quitting the app mid-run is not the user cancelling it: the run was interrupted, as after a crash.
      if (failure.code === 'pool-closed') this.store.runs.fail(runId, 'interrupted', 'The app stopped while this run was in progress.');
      else this.store.runs.fail(runId, failure.state === 'cancelled' ? 'cancelled' : 'failed', failure.message ?? String(error));
      throw error;
    });
    done.catch(() => undefined);
    return { jobId: started.jobId, done };
  }

  private storeResult(runId: string, spec: PipelineSpec, result: PipelineJobResult): RunOutcome {
    const { backtest } = result;
    const record = runRecord(result);
    this.store.runs.succeed(runId, record.metrics, record.summary, record.series);
    return { runId, name: spec.name, metrics: backtest.metrics, assets: backtest.n, excluded: result.excluded.length, periods: backtest.dates.length };
  }
}
