/** `compare` job: equal weight vs decoupled vs end-to-end on the seeded synthetic universe (METHODS §1). */
import { runCompare, type CompareOptions } from '../../engine/learn/compare/run-compare';
import type { JobContext } from '../protocol';

/** The comparison and the training histories; the full backtests stay in the worker. */
export function compareJob(raw: unknown, context: JobContext): unknown {
  const result = runCompare(raw as CompareOptions, (fraction, stage) => context.progress(fraction, stage));
  return { options: result.options, split: result.split, rows: result.rows, universe: result.universe, training: result.training };
}
