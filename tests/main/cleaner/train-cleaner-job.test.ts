/**
 * The train-cleaner job against a real store: it checkpoints every epoch into migration 7's tables,
 * finishes with loadable weights, and a run resumed from a stored checkpoint (as after a crash) ends
 * at exactly the weights of an uninterrupted run. Also the repo's resume lookup and the shipped
 * model loader's errors.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadShippedCleaner } from '../../../src/main/cleaner/shipped-cleaner';
import { loadCleaner } from '../../../src/main/engine/cleaner/cleaner-model';
import { resolveTrainSettings, trainCleaner } from '../../../src/main/engine/cleaner/train-cleaner';
import type { CleanerCheckpoint, TrainCleanerOptions } from '../../../src/main/engine/cleaner/train-cleaner';
import { createRandom } from '../../../src/main/engine/data/random';
import { cleanerReturnsPanel, trainCleanerJob } from '../../../src/main/jobs/kinds/train-cleaner-job';
import type { EpochPoint } from '../../../src/main/jobs/protocol';
import { selectTfBackend } from '../../../src/main/platform/tf-backend';
import { CleanerRepo } from '../../../src/main/store/cleaner-repo';
import { Store } from '../../../src/main/store/store';
import type { Panel } from '../../../src/shared/domain/panel';

const dir = mkdtempSync(join(tmpdir(), 'pa-cleaner-job-'));
const storePath = join(dir, 'store.db');
let store: Store;
let datasetId: string;

/** 600 consecutive days of 10 one-factor prices from 2012-05-01 (validation 2013–2015 defaults replaced below). */
function pricesPanel(): Panel {
  const t = 600;
  const n = 10;
  const random = createRandom(3);
  const first = Date.parse('2012-05-01T00:00:00Z');
  const dates = Array.from({ length: t }, (_, k) => new Date(first + k * 86_400_000).toISOString().slice(0, 10));
  const values = new Float64Array(t * n);
  for (let j = 0; j < n; j++) values[j] = 100;
  for (let row = 1; row < t; row++) {
    const f = random.normal();
    for (let j = 0; j < n; j++) values[row * n + j] = values[(row - 1) * n + j] * (1 + 0.01 * (0.8 * f + random.normal()));
  }
  return { kind: 'prices', frequency: 'daily', dates, assets: Array.from({ length: n }, (_, j) => `A${j}`), values };
}

const options: TrainCleanerOptions = { config: { lookback: 15, units: 3, volHidden: 2 }, seed: 2, epochs: 2, stepsPerEpoch: 2, batchSize: 2, minAssets: 4, maxAssets: 10, horizon: 5, step: 15, trainEnd: '2013-02-28', valStart: '2013-03-01', valEnd: '2013-12-20' };

function context(epochs: EpochPoint[]): { progress: (f: number, s: string) => void; epoch: (p: EpochPoint) => void } {
  return { progress: () => undefined, epoch: (point) => epochs.push(point) };
}

beforeAll(async () => {
  await selectTfBackend();
  store = Store.open(storePath);
  datasetId = store.datasets.insert({ name: 'synthetic', panel: pricesPanel(), sourceName: 'synthetic.csv', sourceSize: 1, sha256: 'f'.repeat(64), report: {}, provenance: {} }).id;
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('train-cleaner job', { timeout: 30_000 }, () => {
  it('trains into the store with an epoch event per epoch; a resumed crashed run ends at the same weights', async () => {
    const repo = new CleanerRepo(store.db);
    const settings = resolveTrainSettings(options);
    repo.create({ id: 'full', name: 'full', datasetId, datasetSha256: 'f'.repeat(64), settings });
    const epochs: EpochPoint[] = [];
    const result = await trainCleanerJob({ storePath, modelId: 'full', datasetId, options, resume: false }, context(epochs));
    expect(epochs.map((point) => point.epoch)).toEqual([1, 2]);
    expect(result.stopReason).toBe('completed');
    expect(result.epochs).toBe(2);
    expect(result.baselines.ledoitWolf.scored).toBe(result.validation.samples);
    const row = repo.get('full');
    expect(row?.state).toBe('trained');
    expect(row?.epochsDone).toBe(2);
    expect(repo.checkpoint('full'), 'a finished model keeps no checkpoint').toBeUndefined();
    const model = loadCleaner(repo.weights('full'));
    model.dispose();

    // A crash after epoch 1: the row is still `training` with epoch 1's checkpoint.
    repo.create({ id: 'crashed', name: 'crashed', datasetId, datasetSha256: 'f'.repeat(64), settings });
    let first: CleanerCheckpoint | undefined;
    const partial = trainCleaner(cleanerReturnsPanel(store.datasets.panel(datasetId) as Panel), { ...options, epochs: 1 }, { onCheckpoint: (checkpoint) => (first = checkpoint) });
    partial.model.dispose();
    repo.saveCheckpoint('crashed', first as CleanerCheckpoint);
    expect(repo.resumable()?.id).toBe('crashed');
    expect(repo.resumable(datasetId)?.epochsDone).toBe(1);
    const resumedEpochs: EpochPoint[] = [];
    await trainCleanerJob({ storePath, modelId: 'crashed', datasetId, options: settings, resume: true, epochs: 2 }, context(resumedEpochs));
    expect(resumedEpochs.map((point) => point.epoch)).toEqual([2]);
    expect(repo.get('crashed')?.state).toBe('trained');
    expect(repo.weights('crashed')?.weights).toEqual(repo.weights('full')?.weights);
    expect(repo.resumable()).toBeUndefined();
  });

  it('clear errors: unknown model, a resume without a checkpoint, a non-daily dataset', async () => {
    const repo = new CleanerRepo(store.db);
    await expect(trainCleanerJob({ storePath, modelId: 'nope', datasetId, options, resume: false }, context([]))).rejects.toThrow('No cleaner model with id nope');
    repo.create({ id: 'fresh', name: 'fresh', datasetId, datasetSha256: null, settings: resolveTrainSettings(options) });
    await expect(trainCleanerJob({ storePath, modelId: 'fresh', datasetId, options, resume: true }, context([]))).rejects.toThrow('cleaner model fresh has no checkpoint to resume from');
    expect(() => cleanerReturnsPanel({ ...pricesPanel(), frequency: 'monthly' })).toThrow('the cleaner trains on daily data; this dataset is monthly');
    expect(() => cleanerReturnsPanel({ ...pricesPanel(), kind: 'macro' })).toThrow('the cleaner trains on daily prices or returns; this dataset holds macro');
  });
});

describe('loadShippedCleaner', () => {
  it('loads a valid file and names the file and problem otherwise', () => {
    const resources = join(dir, 'resources');
    expect(() => loadShippedCleaner(resources)).toThrow(/cleaner-v1\.json cannot be read/);
    mkdirSync(join(resources, 'models'), { recursive: true });
    writeFileSync(join(resources, 'models', 'cleaner-v1.json'), '{not json');
    expect(() => loadShippedCleaner(resources)).toThrow(/cleaner-v1\.json is not valid JSON/);
    writeFileSync(join(resources, 'models', 'cleaner-v1.json'), JSON.stringify({ format: 'other' }));
    expect(() => loadShippedCleaner(resources)).toThrow(/cleaner-v1\.json is invalid: json.format must be/);
    writeFileSync(join(resources, 'models', 'cleaner-v1.json'), JSON.stringify(new CleanerRepo(store.db).weights('full')));
    const model = loadShippedCleaner(resources);
    expect(model.config.lookback).toBe(15);
    model.dispose();
  });
});
