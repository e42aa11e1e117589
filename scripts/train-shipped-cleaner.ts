/**
 * Trains the shipped covariance cleaner (resources/models/cleaner-v1.json) on the S&P 500 adjusted
 * panel with fixed settings, checkpointing after every epoch to a file so a killed run resumes
 * where it stopped, then writes the weights and prints the model card's figures as JSON.
 *
 *   npx tsx scripts/train-shipped-cleaner.ts <prices.csv.gz> <checkpoint.json> <out-dir> [epochs]
 *
 * `epochs` (default 20) ends the run earlier or later; equal to the checkpoint's epoch it only
 * writes the outputs from the checkpoint's best weights.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile } from '../src/main/ingest';
import { simpleReturns } from '../src/main/engine/data/returns';
import { cleanerBaselines } from '../src/main/engine/cleaner/cleaner-baselines';
import { cleanerLossFloat64 } from '../src/main/engine/cleaner/cleaner-float64';
import { cleanerParameterCount, cleanerWeightValues, serializeCleaner } from '../src/main/engine/cleaner/cleaner-model';
import { trainCleaner } from '../src/main/engine/cleaner/train-cleaner';
import type { CleanerCheckpoint, TrainCleanerOptions } from '../src/main/engine/cleaner/train-cleaner';
import { selectTfBackend } from '../src/main/platform/tf-backend';

export const SHIPPED_OPTIONS: TrainCleanerOptions = { seed: 1, epochs: 20, stepsPerEpoch: 20, batchSize: 4, learningRate: 3e-4 };

async function main(): Promise<void> {
  const [dataPath, checkpointPath, outDir, epochs] = process.argv.slice(2);
  const backend = await selectTfBackend();
  const sha256 = createHash('sha256').update(readFileSync(dataPath)).digest('hex');
  const { panel } = await ingestFile(dataPath);
  const returns = simpleReturns(panel);
  const resume = existsSync(checkpointPath) ? (JSON.parse(readFileSync(checkpointPath, 'utf8')) as CleanerCheckpoint) : undefined;
  const options = epochs === undefined ? SHIPPED_OPTIONS : { ...SHIPPED_OPTIONS, epochs: Number(epochs) };
  const result = trainCleaner({ dates: returns.dates, assets: returns.assets.length, values: returns.values }, options, {
    ...(resume ? { resume } : {}),
    onEpoch: (record) => console.error(JSON.stringify(record)),
    onCheckpoint: (checkpoint) => {
      writeFileSync(`${checkpointPath}.tmp`, JSON.stringify(checkpoint));
      renameSync(`${checkpointPath}.tmp`, checkpointPath);
    },
  });
  const { settings } = result.checkpoint;
  const baselines = cleanerBaselines(result.validation.batches, { lookback: settings.config.lookback, horizon: settings.horizon }, settings.config.returnScale);
  writeFileSync(join(outDir, 'cleaner-v1.json'), `${JSON.stringify(serializeCleaner(result.model))}\n`);
  const weights = cleanerWeightValues(result.model);
  const modelPerSample = result.validation.batches.map((batch) => cleanerLossFloat64(result.model.config, weights, batch.past, batch.future, settings.horizon, batch.n));
  const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
  const scoredBySample = baselines.sample.perSample.flatMap((loss, k) => (loss === null ? [] : [k]));
  const comparison = {
    allSamples: { samples: modelPerSample.length, cleaner: mean(modelPerSample), ledoitWolf: mean(baselines.ledoitWolf.perSample as number[]) },
    sampleCovarianceDefined: {
      samples: scoredBySample.length,
      cleaner: mean(scoredBySample.map((k) => modelPerSample[k])),
      ledoitWolf: mean(scoredBySample.map((k) => baselines.ledoitWolf.perSample[k] as number)),
      sample: mean(scoredBySample.map((k) => baselines.sample.perSample[k] as number)),
    },
    cleanerBeatsLedoitWolf: modelPerSample.filter((loss, k) => loss < (baselines.ledoitWolf.perSample[k] as number)).length,
  };
  const summary = {
    backend,
    data: { path: dataPath, sha256, observations: returns.dates.length, assets: returns.assets.length, first: returns.dates[0], last: returns.dates.at(-1) },
    settings,
    parameters: cleanerParameterCount(result.model),
    trainingDates: result.trainingDates,
    validation: { samples: result.validation.samples, sizes: result.validation.sizes },
    initialValLoss: result.checkpoint.initialValLoss,
    best: { epoch: result.checkpoint.best.epoch, valLoss: result.checkpoint.best.valLoss },
    history: result.checkpoint.history,
    elapsedMs: result.checkpoint.elapsedMs,
    baselines: { sample: { ...baselines.sample, perSample: undefined }, ledoitWolf: { ...baselines.ledoitWolf, perSample: undefined } },
    comparison,
    perSample: { sizes: result.validation.sizes, dates: result.validation.batches.map((batch) => batch.dates[0]), cleaner: modelPerSample, sample: baselines.sample.perSample, ledoitWolf: baselines.ledoitWolf.perSample },
  };
  console.log(JSON.stringify(summary, null, 2));
  result.model.dispose();
}

await main();
