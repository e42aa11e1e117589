/**
 * `train-cleaner` job: trains (or resumes) a covariance cleaner on a stored daily dataset. The worker
 * opens the store itself, because a cancel or a crash terminates it and every epoch's checkpoint
 * must already be on disk by then (the pool carries only progress, epochs and the final result).
 * It reads the panel, writes one checkpoint per epoch and the final weights (cleaner-repo.ts); the
 * result is the summary, not the weights.
 */
import type { Panel } from '../../../shared/domain/panel';
import { simpleReturns } from '../../engine/data/returns';
import { cleanerBaselines } from '../../engine/cleaner/cleaner-baselines';
import type { CleanerBaselines } from '../../engine/cleaner/cleaner-baselines';
import { cleanerParameterCount, serializeCleaner } from '../../engine/cleaner/cleaner-model';
import { trainCleaner } from '../../engine/cleaner/train-cleaner';
import type { CleanerEpochRecord, TrainCleanerOptions, TrainCleanerSettings } from '../../engine/cleaner/train-cleaner';
import type { ReturnsPanel } from '../../engine/cleaner/cleaner-windows';
import { selectTfBackend } from '../../platform/tf-backend';
import { CleanerRepo } from '../../store/cleaner-repo';
import { openDatabase } from '../../store/database';
import { DatasetsRepo } from '../../store/datasets-repo';
import type { JobContext } from '../protocol';

export interface TrainCleanerJobParams {
  storePath: string;
  /** The cleaner_models row to train into (created by the caller, or the one being resumed). */
  modelId: string;
  datasetId: string;
  options: TrainCleanerOptions;
  /** Continue from the model's stored checkpoint. */
  resume: boolean;
  /** Raises (or lowers) the number of epochs of a resumed run. */
  epochs?: number;
}

export interface TrainCleanerJobResult {
  modelId: string;
  stopReason: 'completed' | 'cancelled';
  settings: TrainCleanerSettings;
  parameters: number;
  epochs: number;
  bestEpoch: number;
  bestValLoss: number;
  initialValLoss: number;
  history: CleanerEpochRecord[];
  validation: { samples: number; sizes: readonly number[] };
  trainingDates: number;
  baselines: { sample: Omit<CleanerBaselines['sample'], 'perSample'>; ledoitWolf: Omit<CleanerBaselines['ledoitWolf'], 'perSample'> };
  elapsedMs: number;
  backend: string;
}

/** Daily returns for the trainer: a prices panel becomes simple returns; a returns panel is used as is. */
export function cleanerReturnsPanel(panel: Panel): ReturnsPanel {
  if (panel.frequency !== 'daily') throw new Error(`the cleaner trains on daily data; this dataset is ${panel.frequency}`);
  if (panel.kind !== 'prices' && panel.kind !== 'returns') throw new Error(`the cleaner trains on daily prices or returns; this dataset holds ${panel.kind}`);
  const returns = panel.kind === 'prices' ? simpleReturns(panel) : panel;
  return { dates: returns.dates, assets: returns.assets.length, values: returns.values };
}

export async function trainCleanerJob(raw: unknown, context: JobContext): Promise<TrainCleanerJobResult> {
  const params = raw as TrainCleanerJobParams;
  const backend = await selectTfBackend();
  const db = openDatabase(params.storePath);
  try {
    const repo = new CleanerRepo(db);
    const row = repo.get(params.modelId);
    if (!row) throw new Error(`No cleaner model with id ${params.modelId}`);
    const panel = new DatasetsRepo(db).panel(params.datasetId);
    if (!panel) throw new Error(`No dataset with id ${params.datasetId}`);
    const resume = params.resume ? repo.checkpoint(params.modelId) : undefined;
    if (params.resume && !resume) throw new Error(`cleaner model ${params.modelId} has no checkpoint to resume from`);
    const options = params.epochs === undefined ? params.options : { ...params.options, epochs: params.epochs };
    const result = trainCleaner(cleanerReturnsPanel(panel), options, {
      ...(resume ? { resume } : {}),
      onProgress: (fraction, stage) => context.progress(fraction, stage),
      onEpoch: (record) => context.epoch({ stage: 'cleaner', epoch: record.epoch, trainLoss: record.trainLoss, valLoss: record.valLoss, gradNorm: record.gradNorm }),
      onCheckpoint: (checkpoint) => repo.saveCheckpoint(params.modelId, checkpoint),
    });
    try {
      const { checkpoint } = result;
      const { settings } = checkpoint;
      const baselines = cleanerBaselines(result.validation.batches, { lookback: settings.config.lookback, horizon: settings.horizon }, settings.config.returnScale);
      const summary: TrainCleanerJobResult = {
        modelId: params.modelId,
        stopReason: result.stopReason,
        settings,
        parameters: cleanerParameterCount(result.model),
        epochs: checkpoint.epoch,
        bestEpoch: checkpoint.best.epoch,
        bestValLoss: checkpoint.best.valLoss,
        initialValLoss: checkpoint.initialValLoss,
        history: [...checkpoint.history],
        validation: { samples: result.validation.samples, sizes: result.validation.sizes },
        trainingDates: result.trainingDates,
        baselines: {
          sample: { loss: baselines.sample.loss, scored: baselines.sample.scored, singular: baselines.sample.singular },
          ledoitWolf: { loss: baselines.ledoitWolf.loss, scored: baselines.ledoitWolf.scored, singular: baselines.ledoitWolf.singular },
        },
        elapsedMs: checkpoint.elapsedMs,
        backend: backend.backend,
      };
      if (result.stopReason === 'completed') repo.finish(params.modelId, serializeCleaner(result.model), summary);
      else repo.stop(params.modelId, 'cancelled', null);
      return summary;
    } finally {
      result.model.dispose();
    }
  } finally {
    db.close();
  }
}
