/**
 * `portfolio-audit train-cleaner [--dataset ID] [--lookback L] [--epochs E] [--seed s] [--steps S]
 * [--batch B] [--lr η] [--min-assets a] [--max-assets b] [--horizon h] [--step k] [--resume] [--json]`
 *
 * Trains the learned covariance cleaner (METHODS.md §3) in a `train-cleaner` job on a stored daily
 * prices (or returns) dataset, the one with the most assets when --dataset is not given. Every epoch
 * is checkpointed in the store; Ctrl-C cancels, and `--resume` continues the most recent unfinished
 * run from its last checkpoint (its settings come from the checkpoint; --epochs may extend it).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { DatasetSummary } from '../../../shared/contract/schemas';
import { resolveTrainSettings } from '../../engine/cleaner/train-cleaner';
import type { TrainCleanerOptions } from '../../engine/cleaner/train-cleaner';
import { JobFailure } from '../../jobs/job-pool';
import type { TrainCleanerJobParams, TrainCleanerJobResult } from '../../jobs/kinds/train-cleaner-job';
import { CleanerRepo } from '../../store/cleaner-repo';
import { UsageError, type CliContext } from '../cli-context';
import { progressBar } from '../progress';
import { formatTable } from '../table';

const USAGE = 'train-cleaner [--dataset ID] [--lookback L] [--epochs E] [--seed s] [--steps S] [--batch B] [--lr η] [--min-assets a] [--max-assets b] [--horizon h] [--step k] [--resume] [--json]';

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new UsageError(`--${flag} must be a non-negative integer, got ${value}`);
  return parsed;
}

function positive(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new UsageError(`--${flag} must be a number > 0, got ${value}`);
  return parsed;
}

function pickDataset(context: CliContext, reference: string | undefined): DatasetSummary {
  const app = context.app();
  if (reference !== undefined) return app.datasets.resolve(reference);
  const candidates = app.datasets.list().filter((d) => d.frequency === 'daily' && (d.kind === 'prices' || d.kind === 'returns'));
  if (candidates.length === 0) throw new UsageError('No daily prices dataset is imported: import one first, e.g. portfolio-audit import sp500_adjclose_1999_2021_wide.csv.gz');
  return candidates.reduce((best, d) => (d.assets > best.assets ? d : best));
}

const fixed = (value: number | null, digits = 4): string => (value === null ? '—' : value.toFixed(digits));

export async function trainCleanerCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      dataset: { type: 'string' },
      lookback: { type: 'string' },
      epochs: { type: 'string' },
      seed: { type: 'string' },
      steps: { type: 'string' },
      batch: { type: 'string' },
      lr: { type: 'string' },
      'min-assets': { type: 'string' },
      'max-assets': { type: 'string' },
      horizon: { type: 'string' },
      step: { type: 'string' },
      resume: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 0) throw new UsageError(`train-cleaner takes no positional arguments: portfolio-audit ${USAGE}`);
  const epochs = integer(values.epochs, 'epochs');
  const app = context.app();
  const repo = new CleanerRepo(app.store.db);

  let modelId: string;
  let datasetId: string;
  let options: TrainCleanerOptions;
  if (values.resume) {
    const fixedByCheckpoint = (['lookback', 'seed', 'steps', 'batch', 'lr', 'min-assets', 'max-assets', 'horizon', 'step'] as const).filter((flag) => values[flag] !== undefined);
    if (fixedByCheckpoint.length > 0) throw new UsageError(`--resume continues with the checkpoint's settings: drop ${fixedByCheckpoint.map((flag) => `--${flag}`).join(', ')} (only --epochs may change)`);
    const datasetFilter = values.dataset === undefined ? undefined : app.datasets.resolve(values.dataset).id;
    const row = repo.resumable(datasetFilter);
    if (!row || row.datasetId === null) throw new UsageError('Nothing to resume: no unfinished cleaner training with a checkpoint in this store');
    modelId = row.id;
    datasetId = row.datasetId;
    options = row.settings;
    repo.restart(modelId);
  } else {
    const dataset = pickDataset(context, values.dataset);
    try {
      options = resolveTrainSettings({
        ...(values.lookback === undefined ? {} : { config: { lookback: integer(values.lookback, 'lookback') as number } }),
        ...(epochs === undefined ? {} : { epochs }),
        ...(values.seed === undefined ? {} : { seed: integer(values.seed, 'seed') as number }),
        ...(values.steps === undefined ? {} : { stepsPerEpoch: integer(values.steps, 'steps') as number }),
        ...(values.batch === undefined ? {} : { batchSize: integer(values.batch, 'batch') as number }),
        ...(values.lr === undefined ? {} : { learningRate: positive(values.lr, 'lr') as number }),
        ...(values['min-assets'] === undefined ? {} : { minAssets: integer(values['min-assets'], 'min-assets') as number }),
        ...(values['max-assets'] === undefined ? {} : { maxAssets: integer(values['max-assets'], 'max-assets') as number }),
        ...(values.horizon === undefined ? {} : { horizon: integer(values.horizon, 'horizon') as number }),
        ...(values.step === undefined ? {} : { step: integer(values.step, 'step') as number }),
      });
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError((error as Error).message);
    }
    modelId = randomUUID();
    datasetId = dataset.id;
    repo.create({ id: modelId, name: `cleaner on ${dataset.name}`, datasetId, datasetSha256: dataset.sha256, settings: options as ReturnType<typeof resolveTrainSettings> });
  }

  const params: TrainCleanerJobParams = { storePath: app.store.path, modelId, datasetId, options, resume: values.resume, ...(epochs === undefined ? {} : { epochs }) };
  const bar = progressBar(!values.json);
  const started = app.jobs.start('train-cleaner', `Train covariance cleaner${values.resume ? ' (resume)' : ''}`, params, (raw) => raw as TrainCleanerJobResult, {
    onProgress: (fraction, stage) => bar.update(fraction, stage),
  });
  const unsubscribe = app.bus.subscribe((event, payload) => {
    const point = payload as { jobId?: string; epoch?: number; trainLoss?: number; valLoss?: number | null; gradNorm?: number };
    if (values.json || event !== 'job.epoch' || point.jobId !== started.jobId) return;
    bar.done();
    context.io.err(`epoch ${point.epoch}: train ${fixed(point.trainLoss ?? null)}, validation ${fixed(point.valLoss ?? null)}, gradient norm ${fixed(point.gradNorm ?? null, 3)}`);
  });
  const cancel = (): void => void app.jobs.cancel(started.jobId);
  process.once('SIGINT', cancel);
  try {
    const result = await started.done;
    bar.done();
    if (values.json) {
      context.json(result);
      return 0;
    }
    context.io.out(`Cleaner model ${result.modelId}: ${result.epochs} epochs (best ${result.bestEpoch}), ${result.parameters} parameters, ${(result.elapsedMs / 1000).toFixed(0)} s training on ${result.backend}`);
    context.io.out(
      formatTable(
        ['validation loss N·wᵀΣw', 'value', 'samples'],
        [
          ['cleaner (best epoch)', fixed(result.bestValLoss), String(result.validation.samples)],
          ['cleaner (initial weights)', fixed(result.initialValLoss), String(result.validation.samples)],
          ['sample covariance', fixed(result.baselines.sample.loss), `${result.baselines.sample.scored} (${result.baselines.sample.singular} singular)`],
          ['Ledoit–Wolf', fixed(result.baselines.ledoitWolf.loss), String(result.baselines.ledoitWolf.scored)],
        ],
      ),
    );
    return 0;
  } catch (error) {
    bar.done();
    if (error instanceof JobFailure && error.state === 'cancelled') {
      repo.stop(modelId, 'cancelled', null);
      context.io.err(`Cancelled after epoch ${repo.get(modelId)?.epochsDone ?? 0}; continue with: portfolio-audit train-cleaner --resume`);
      return 1;
    }
    repo.stop(modelId, 'failed', error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    unsubscribe();
    process.removeListener('SIGINT', cancel);
  }
}
