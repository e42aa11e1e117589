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

  validate(spec: unknown): PipelineSpec {
    const parsed = parsePipelineSpec(spec);
    if (!parsed.ok) throw new AppError('invalid-spec', `The pipeline spec is invalid:\n${describeProblems(parsed.problems)}`, { problems: parsed.problems });
    return parsed.spec;
  }

  start(request: RunRequest, options: StartOptions = {}): StartedJob<RunOutcome> {
    const spec = this.validate(request.spec);
    const refs: RunDatasetRef[] = [];
    const params: { spec: PipelineSpec; primary?: unknown; macro?: unknown } = { spec };
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
    }
    const runId = randomUUID();
    const started = this.jobs.start('pipeline-run', `Run ${spec.name}`, params, (raw) => this.storeResult(runId, spec, raw as PipelineRunResult), options);
    this.store.runs.start({ id: runId, name: spec.name, jobId: started.jobId, spec, seed: spec.seed, datasets: refs });
    const done = started.done.catch((error: unknown) => {
      const failure = error as { state?: 'failed' | 'cancelled'; message?: string };
      this.store.runs.fail(runId, failure.state === 'cancelled' ? 'cancelled' : 'failed', failure.message ?? String(error));
      throw error;
    });
    done.catch(() => undefined);
    return { jobId: started.jobId, done };
  }

  private storeResult(runId: string, spec: PipelineSpec, result: PipelineRunResult): RunOutcome {
    const { backtest } = result;
    const summary = {
      strategy: backtest.strategy,
      strategySpec: backtest.strategySpec ?? null,
      frequency: result.frequency,
      periodsPerYear: backtest.periodsPerYear,
      lookback: result.lookback,
      costModel: backtest.costModel,
      excluded: result.excluded,
      missingHeldReturns: backtest.missingHeldReturns,
    };
    this.store.runs.succeed(runId, backtest.metrics, summary, {
      dates: [...backtest.dates],
      assets: [...backtest.assets],
      netReturns: backtest.netReturns,
      grossReturns: backtest.grossReturns,
      costs: backtest.costs,
      weights: backtest.weights,
      rebalances: backtest.rebalances.map((record) => ({ ...record })),
      training: result.training,
    });
    return { runId, name: spec.name, metrics: backtest.metrics, assets: backtest.n, excluded: result.excluded.length, periods: backtest.dates.length };
  }
}
