/**
 * Which cleaner the evaluation, the views and the `learned-cleaner` node use: the shipped weights
 * (`resources/models/cleaner-v1.json`) when present, else a freshly initialised model with the
 * default config and seed 0, labelled as untrained so no figure passes for a trained model's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCleanerModel, loadCleaner } from '../engine/cleaner/cleaner-model';
import type { CleanerModel } from '../engine/cleaner/cleaner-model';

export const SHIPPED_CLEANER_FILE = join('models', 'cleaner-v1.json');

export interface CleanerSource {
  readonly model: CleanerModel;
  /** 'shipped' (trained weights from resources) or 'untrained' (initial weights, seed 0). */
  readonly source: 'shipped' | 'untrained';
  /** One line for tables and pages, e.g. `shipped weights (resources/models/cleaner-v1.json)`. */
  readonly description: string;
}

/** Needs a tfjs backend registered (the model's weights are tfjs variables). Reads one small file. */
export function loadCleanerSource(resourcesDir: string): CleanerSource {
  const path = join(resourcesDir, SHIPPED_CLEANER_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return { model: createCleanerModel({}, 0), source: 'untrained', description: `untrained (initial weights, seed 0: ${SHIPPED_CLEANER_FILE} not found)` };
  }
  return { model: loadCleaner(JSON.parse(text)), source: 'shipped', description: `shipped weights (resources/${SHIPPED_CLEANER_FILE})` };
}
