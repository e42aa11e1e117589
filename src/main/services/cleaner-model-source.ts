/**
 * Which cleaner the evaluation and the views use: the shipped weights (`loadShippedCleaner`,
 * resources/models/cleaner-v1.json) when the file exists, else a freshly initialised model with the
 * default config and seed 0, labelled untrained so no figure passes for a trained model's.
 * Pipeline runs never take the fallback (see `pipeline-run-job`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadShippedCleaner, SHIPPED_CLEANER_RELATIVE_PATH } from '../cleaner/shipped-cleaner';
import { createCleanerModel } from '../engine/cleaner/cleaner-model';
import type { CleanerModel } from '../engine/cleaner/cleaner-model';

export interface CleanerSource {
  readonly model: CleanerModel;
  /** 'shipped' (trained weights from resources) or 'untrained' (initial weights, seed 0). */
  readonly source: 'shipped' | 'untrained';
  /** One line for tables and pages, e.g. `shipped weights (resources/models/cleaner-v1.json)`. */
  readonly description: string;
}

/** Needs a tfjs backend registered (the model's weights are tfjs variables). Reads one small file. */
export function loadCleanerSource(resourcesDir: string): CleanerSource {
  if (!existsSync(join(resourcesDir, SHIPPED_CLEANER_RELATIVE_PATH))) {
    return { model: createCleanerModel({}, 0), source: 'untrained', description: `untrained (initial weights, seed 0: resources/${SHIPPED_CLEANER_RELATIVE_PATH} not found)` };
  }
  return { model: loadShippedCleaner(resourcesDir), source: 'shipped', description: `shipped weights (resources/${SHIPPED_CLEANER_RELATIVE_PATH})` };
}
