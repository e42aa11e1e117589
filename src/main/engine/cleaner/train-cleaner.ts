/**
 * Trains the covariance cleaner end to end on realised GMV variance (Bongiorno, Manolakis &
 * Mantegna, arXiv 2507.01918, METHODS.md §3): each step draws `batchSize` rebalance dates of the
 * training period and one universe size N ∈ [minAssets, maxAssets] shared by the batch, then takes
 * an Adam step (cleaner-adam.ts) on the mean of N·wᵀΣ_f·w. After each epoch the loss on a fixed
 * validation set (every `step`-th date of the validation period, N and assets drawn once from the
 * seed) decides the best weights, which the result carries.
 *
 * Periods (cleaner-windows.ts): training samples end (future included) by `trainEnd`; validation
 * samples start at `valStart` and end by `valEnd`; nothing after `valEnd` is read, so a test period
 * after it stays untouched.
 *
 * Determinism and resume: epoch e draws its samples from a generator seeded by (seed, e) alone, and
 * the weights and Adam moments live in float64 here, so a checkpoint (taken after every epoch)
 * holds the whole state; resuming from it gives bit-for-bit the weights of an uninterrupted run.
 *
 * Deviation from the paper: default learning rate 3e-4 instead of 1e-4, because a run here has a
 * budget of minutes on two shared cores, not hours on a GPU (1e-3 pushed the compact lag
 * coefficient c₄ below zero within 80 steps). Steps whose loss or gradient is not finite are
 * skipped and counted rather than applied.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Variable } from '@tensorflow/tfjs-core';
import { createRandom } from '../data/random';
import { adamStep, createAdamState, gradientNorm } from './cleaner-adam';
import type { AdamState } from './cleaner-adam';
import { resolveCleanerConfig } from './cleaner-config';
import type { CleanerConfig } from './cleaner-config';
import { cleanerBatchLoss } from './cleaner-graph';
import { assignCleanerWeights, cleanerWeightValues, createCleanerModel } from './cleaner-model';
import type { CleanerModel } from './cleaner-model';
import { gatherBatch, periodSlots, sampleAssets } from './cleaner-windows';
import type { ReturnsPanel, SampleSlot, WindowBatch, WindowShape } from './cleaner-windows';

/** Options of {@link trainCleaner}; every field has a default. */
export interface TrainCleanerOptions {
  /** Architecture (lookback lives here, default 252). */
  readonly config?: Partial<CleanerConfig>;
  /** Seed of the initial weights, the samples and the validation set (default 0). */
  readonly seed?: number;
  /** Epochs to run in total (default 20). */
  readonly epochs?: number;
  /** Adam steps per epoch (default 16). */
  readonly stepsPerEpoch?: number;
  /** Samples per step (default 4). */
  readonly batchSize?: number;
  /** Adam step size (default 3e-4; module comment). */
  readonly learningRate?: number;
  /** Global gradient-norm clip (default 1, as the paper). */
  readonly clipNorm?: number;
  /** Smallest universe size (default 50). */
  readonly minAssets?: number;
  /** Largest universe size (default 400). */
  readonly maxAssets?: number;
  /** h, future days scored per sample (default 21). */
  readonly horizon?: number;
  /** Spacing in trading days of validation dates (default 21). */
  readonly step?: number;
  /** Last day of the training period (default '2012-12-31'). */
  readonly trainEnd?: string;
  /** First rebalance date of the validation period (default '2013-01-01'). */
  readonly valStart?: string;
  /** Last day of the validation period (default '2015-12-31'). */
  readonly valEnd?: string;
}

/** Options with every default filled in (stored in checkpoints). */
export type TrainCleanerSettings = Required<Omit<TrainCleanerOptions, 'config'>> & { readonly config: CleanerConfig };

/** One epoch's figures. */
export interface CleanerEpochRecord {
  /** 1-based. */
  readonly epoch: number;
  /** Mean batch loss over the epoch's taken steps (at the weights each step differentiated). */
  readonly trainLoss: number;
  /** Mean validation loss after the epoch. */
  readonly valLoss: number;
  /** Mean global gradient norm before clipping. */
  readonly gradNorm: number;
  /** Steps skipped because their loss or gradient was not finite (no update is made). */
  readonly skippedSteps: number;
  /** Wall time of the epoch in ms. */
  readonly elapsedMs: number;
}

/** Everything needed to continue a run exactly (JSON-able). */
export interface CleanerCheckpoint {
  readonly format: 'portfolio-audit/cleaner-checkpoint';
  readonly version: 1;
  readonly settings: TrainCleanerSettings;
  /** Shape of the panel trained on, checked on resume. */
  readonly data: { readonly observations: number; readonly assets: number; readonly firstDate: string; readonly lastDate: string };
  /** Epochs completed; the next epoch's samples come from the generator seeded by (seed, epoch + 1). */
  readonly epoch: number;
  readonly weights: Record<string, number[]>;
  readonly adam: { readonly step: number; readonly m: Record<string, number[]>; readonly v: Record<string, number[]> };
  readonly best: { readonly epoch: number; readonly valLoss: number; readonly weights: Record<string, number[]> };
  readonly initialValLoss: number;
  readonly history: readonly CleanerEpochRecord[];
  /** Training wall time so far in ms (sum over sessions). */
  readonly elapsedMs: number;
}

/** Hooks of {@link trainCleaner}. */
export interface TrainCleanerHooks {
  /** Continue from this checkpoint instead of starting afresh (its settings win, except `epochs`). */
  readonly resume?: CleanerCheckpoint;
  /** Progress in [0, 1] with a short stage label, after every step. */
  readonly onProgress?: (fraction: number, stage: string) => void;
  readonly onEpoch?: (record: CleanerEpochRecord) => void;
  /** Called after every epoch with the state to store. */
  readonly onCheckpoint?: (checkpoint: CleanerCheckpoint) => void;
  /** Polled before every step; `aborted` stops after the last completed epoch's checkpoint. */
  readonly signal?: { readonly aborted: boolean };
}

/** What {@link trainCleaner} returns. */
export interface TrainCleanerResult {
  /** The model with the best validation weights (the caller disposes it). */
  readonly model: CleanerModel;
  readonly checkpoint: CleanerCheckpoint;
  readonly stopReason: 'completed' | 'cancelled';
  /** Validation samples and their universe sizes. */
  readonly validation: { readonly samples: number; readonly sizes: readonly number[]; readonly batches: readonly WindowBatch[] };
  /** Training candidate dates. */
  readonly trainingDates: number;
}

const defaults = {
  seed: 0,
  epochs: 20,
  stepsPerEpoch: 16,
  batchSize: 4,
  learningRate: 3e-4,
  clipNorm: 1,
  minAssets: 50,
  maxAssets: 400,
  horizon: 21,
  step: 21,
  trainEnd: '2012-12-31',
  valStart: '2013-01-01',
  valEnd: '2015-12-31',
} as const;

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Fills defaults and validates (messages name the option). */
export function resolveTrainSettings(options: TrainCleanerOptions = {}): TrainCleanerSettings {
  const settings = { ...defaults, ...options, config: resolveCleanerConfig(options.config) } as TrainCleanerSettings;
  if (!Number.isSafeInteger(settings.seed) || settings.seed < 0) throw new Error(`options.seed must be a non-negative safe integer, got ${settings.seed}`);
  for (const key of ['epochs', 'stepsPerEpoch', 'batchSize', 'horizon', 'step'] as const) {
    if (!Number.isInteger(settings[key]) || settings[key] < 1) throw new Error(`options.${key} must be a positive integer, got ${settings[key]}`);
  }
  if (settings.horizon < 2) throw new Error(`options.horizon must be ≥ 2, got ${settings.horizon}`);
  if (!Number.isInteger(settings.minAssets) || settings.minAssets < 2) throw new Error(`options.minAssets must be an integer ≥ 2, got ${settings.minAssets}`);
  if (!Number.isInteger(settings.maxAssets) || settings.maxAssets < settings.minAssets) throw new Error(`options.maxAssets must be an integer ≥ minAssets (${settings.minAssets}), got ${settings.maxAssets}`);
  for (const key of ['learningRate', 'clipNorm'] as const) {
    if (!Number.isFinite(settings[key]) || settings[key] <= 0) throw new Error(`options.${key} must be a finite number > 0, got ${settings[key]}`);
  }
  for (const key of ['trainEnd', 'valStart', 'valEnd'] as const) {
    if (typeof settings[key] !== 'string' || !ISO.test(settings[key])) throw new Error(`options.${key} must be an ISO date YYYY-MM-DD, got ${String(settings[key])}`);
  }
  if (!(settings.trainEnd < settings.valStart && settings.valStart <= settings.valEnd)) {
    throw new Error(`periods must be ordered trainEnd < valStart ≤ valEnd, got ${settings.trainEnd}, ${settings.valStart}, ${settings.valEnd}`);
  }
  return settings;
}

/** The generator of epoch e: a function of (seed, e) only, so a resumed run draws the same samples. */
function epochRandom(seed: number, epoch: number): ReturnType<typeof createRandom> {
  return createRandom((seed % 2 ** 31) * 65_536 + epoch);
}

function toRecord(values: ReadonlyMap<string, Float64Array>): Record<string, number[]> {
  return Object.fromEntries([...values].map(([name, array]) => [name, Array.from(array)]));
}

function toMap(record: Record<string, number[]>, names: readonly string[], what: string): Map<string, Float64Array> {
  return new Map(
    names.map((name) => {
      const values = record[name];
      if (!Array.isArray(values)) throw new Error(`checkpoint ${what}.${name} is missing`);
      return [name, Float64Array.from(values)];
    }),
  );
}

function drawBatch(panel: ReturnsPanel, shape: WindowShape, slots: readonly SampleSlot[], settings: TrainCleanerSettings, random: ReturnType<typeof createRandom>): WindowBatch {
  const picked = Array.from({ length: settings.batchSize }, () => slots[Math.floor(random.uniform() * slots.length)]);
  const wanted = settings.minAssets + Math.floor(random.uniform() * (settings.maxAssets - settings.minAssets + 1));
  const n = Math.min(wanted, ...picked.map((slot) => slot.eligible.length));
  return gatherBatch(panel, shape, picked, picked.map((slot) => sampleAssets(slot.eligible, n, random)));
}

function batchLoss(model: CleanerModel, batch: WindowBatch, shape: WindowShape): tf.Scalar {
  const past = tf.tensor3d(Float32Array.from(batch.past), [batch.batch, shape.lookback, batch.n]);
  const future = tf.tensor3d(Float32Array.from(batch.future), [batch.batch, shape.horizon, batch.n]);
  return cleanerBatchLoss(model, past, future);
}

/** Mean loss over validation batches (forward only). */
export function cleanerValidationLoss(model: CleanerModel, batches: readonly WindowBatch[], shape: WindowShape): number {
  let sum = 0;
  let count = 0;
  for (const batch of batches) {
    sum += tf.tidy(() => batchLoss(model, batch, shape).dataSync()[0]) * batch.batch;
    count += batch.batch;
  }
  return sum / count;
}

/** The fixed validation set: one single-sample batch per validation date, N and assets from the seed. */
export function validationBatches(panel: ReturnsPanel, settings: TrainCleanerSettings): WindowBatch[] {
  const shape = { lookback: settings.config.lookback, horizon: settings.horizon };
  const slots = periodSlots(panel, shape, settings.valStart, settings.valEnd, settings.step, settings.minAssets);
  if (slots.length === 0) throw new Error(`no validation sample fits in ${settings.valStart} … ${settings.valEnd} with lookback ${shape.lookback}, horizon ${shape.horizon} and ≥ ${settings.minAssets} complete assets`);
  const random = createRandom((settings.seed % 2 ** 31) * 65_536 + 65_535);
  return slots.map((slot) => {
    const wanted = settings.minAssets + Math.floor(random.uniform() * (settings.maxAssets - settings.minAssets + 1));
    const n = Math.min(wanted, slot.eligible.length);
    return gatherBatch(panel, shape, [slot], [sampleAssets(slot.eligible, n, random)]);
  });
}

/**
 * Trains (or resumes training of) a cleaner.
 *
 * @param panel - daily simple returns with NaN for missing; dates ascending.
 * @throws on invalid options, a panel too short or too sparse for any training or validation
 *   sample, or a resume checkpoint from another panel or format.
 */
export function trainCleaner(panel: ReturnsPanel, options: TrainCleanerOptions = {}, hooks: TrainCleanerHooks = {}): TrainCleanerResult {
  const resume = hooks.resume;
  if (resume !== undefined && (resume.format !== 'portfolio-audit/cleaner-checkpoint' || resume.version !== 1)) throw new Error('hooks.resume is not a cleaner checkpoint (format/version)');
  const settings = resume ? resolveTrainSettings({ ...resume.settings, epochs: options.epochs ?? resume.settings.epochs }) : resolveTrainSettings(options);
  const data = { observations: panel.dates.length, assets: panel.assets, firstDate: panel.dates[0] ?? '', lastDate: panel.dates[panel.dates.length - 1] ?? '' };
  if (resume && JSON.stringify(resume.data) !== JSON.stringify(data)) throw new Error(`hooks.resume was trained on another panel (${JSON.stringify(resume.data)}), not this one (${JSON.stringify(data)})`);
  const shape: WindowShape = { lookback: settings.config.lookback, horizon: settings.horizon };
  const trainSlots = periodSlots(panel, shape, '0000-01-01', settings.trainEnd, 1, settings.minAssets);
  if (trainSlots.length === 0) throw new Error(`no training sample fits before ${settings.trainEnd} with lookback ${shape.lookback}, horizon ${shape.horizon} and ≥ ${settings.minAssets} complete assets`);
  const validation = validationBatches(panel, settings);

  const model = createCleanerModel(settings.config, settings.seed);
  try {
    const weights = resume ? toMap(resume.weights, model.names, 'weights') : cleanerWeightValues(model);
    const adam: AdamState = resume ? { step: resume.adam.step, m: toMap(resume.adam.m, model.names, 'adam.m'), v: toMap(resume.adam.v, model.names, 'adam.v') } : createAdamState(weights);
    assignCleanerWeights(model, weights);
    const history: CleanerEpochRecord[] = resume ? [...resume.history] : [];
    const initialValLoss = resume ? resume.initialValLoss : cleanerValidationLoss(model, validation, shape);
    let best = resume ? { epoch: resume.best.epoch, valLoss: resume.best.valLoss, weights: toMap(resume.best.weights, model.names, 'best.weights') } : { epoch: 0, valLoss: initialValLoss, weights: cleanerWeightValues(model) };
    let elapsedMs = resume ? resume.elapsedMs : 0;
    const snapshot = (epoch: number): CleanerCheckpoint => ({
      format: 'portfolio-audit/cleaner-checkpoint',
      version: 1,
      settings,
      data,
      epoch,
      weights: toRecord(weights),
      adam: { step: adam.step, m: toRecord(adam.m), v: toRecord(adam.v) },
      best: { epoch: best.epoch, valLoss: best.valLoss, weights: toRecord(best.weights) },
      initialValLoss,
      history: [...history],
      elapsedMs,
    });
    let checkpoint = resume ?? snapshot(0);
    let stopReason: TrainCleanerResult['stopReason'] = 'completed';
    const total = settings.epochs * settings.stepsPerEpoch;
    epochs: for (let epoch = checkpoint.epoch + 1; epoch <= settings.epochs; epoch++) {
      const started = Date.now();
      const random = epochRandom(settings.seed, epoch);
      let lossSum = 0;
      let normSum = 0;
      let taken = 0;
      let skipped = 0;
      for (let stepIndex = 0; stepIndex < settings.stepsPerEpoch; stepIndex++) {
        if (hooks.signal?.aborted) {
          stopReason = 'cancelled';
          break epochs;
        }
        const batch = drawBatch(panel, shape, trainSlots, settings, random);
        let gradients = new Map<string, Float64Array>();
        let loss = 0;
        tf.tidy(() => {
          const { value, grads } = tf.variableGrads(() => batchLoss(model, batch, shape), model.variables as Variable[]);
          loss = value.dataSync()[0];
          gradients = new Map(model.names.map((name, k) => [name, Float64Array.from(grads[model.variables[k].name].dataSync() as ArrayLike<number>)]));
        });
        const norm = gradientNorm(gradients);
        if (Number.isFinite(loss) && Number.isFinite(norm)) {
          lossSum += loss;
          normSum += adamStep(weights, gradients, adam, settings);
          assignCleanerWeights(model, weights);
          taken += 1;
        } else {
          skipped += 1;
        }
        const done = (epoch - 1) * settings.stepsPerEpoch + stepIndex + 1;
        hooks.onProgress?.(done / total, `epoch ${epoch}/${settings.epochs}, step ${stepIndex + 1}/${settings.stepsPerEpoch} (N = ${batch.n})`);
      }
      const valLoss = cleanerValidationLoss(model, validation, shape);
      if (valLoss < best.valLoss) best = { epoch, valLoss, weights: new Map([...weights].map(([name, values]) => [name, Float64Array.from(values)])) };
      const epochMs = Date.now() - started;
      elapsedMs += epochMs;
      const record: CleanerEpochRecord = { epoch, trainLoss: taken > 0 ? lossSum / taken : Number.NaN, valLoss, gradNorm: taken > 0 ? normSum / taken : Number.NaN, skippedSteps: skipped, elapsedMs: epochMs };
      history.push(record);
      checkpoint = snapshot(epoch);
      hooks.onEpoch?.(record);
      hooks.onCheckpoint?.(checkpoint);
    }
    assignCleanerWeights(model, best.weights);
    return {
      model,
      checkpoint,
      stopReason,
      validation: { samples: validation.length, sizes: validation.map((batch) => batch.n), batches: validation },
      trainingDates: trainSlots.length,
    };
  } catch (error) {
    model.dispose();
    throw error;
  }
}
