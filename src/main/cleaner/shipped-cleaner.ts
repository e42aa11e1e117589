/**
 * The cleaner shipped with the app: `resources/models/cleaner-v1.json` (weights and config, written
 * by scripts/train-shipped-cleaner.ts; its model card is `cleaner-v1.md` beside it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCleaner } from '../engine/cleaner/cleaner-model';
import type { CleanerModel } from '../engine/cleaner/cleaner-model';

/** Path of the shipped weights relative to the resources folder. */
export const SHIPPED_CLEANER_RELATIVE_PATH = join('models', 'cleaner-v1.json');

/**
 * Loads the shipped cleaner. Needs a tfjs backend registered (the weights become tfjs variables);
 * the caller disposes the model.
 *
 * @param resourcesDir - `runtimeLayout(...).resourcesDir`.
 * @throws when the file is missing or unreadable, is not JSON, or is not a valid serialised cleaner
 *   (the message names the file and the problem).
 */
export function loadShippedCleaner(resourcesDir: string): CleanerModel {
  const path = join(resourcesDir, SHIPPED_CLEANER_RELATIVE_PATH);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`The shipped cleaner ${path} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`The shipped cleaner ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  try {
    return loadCleaner(json);
  } catch (error) {
    throw new Error(`The shipped cleaner ${path} is invalid: ${(error as Error).message}`, { cause: error });
  }
}
