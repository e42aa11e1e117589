/**
 * Shared steps of the baseline strategies: fit a named covariance estimator on the universe's
 * window, and scatter weights computed for the k universe assets back to all N assets (zeros
 * elsewhere, which is what the simulator requires outside the universe).
 */

import { ESTIMATORS } from '../../risk/estimators/index';
import type { EstimatorName, EstimatorOptions, EstimatorResult } from '../../risk/estimators/index';
import type { UniverseWindow } from '../past-view';

/** Throws unless `name` is a key of `ESTIMATORS`. */
export function assertEstimatorName(name: unknown, owner: string): EstimatorName {
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(ESTIMATORS, name)) {
    throw new Error(`${owner}: estimator must be one of ${Object.keys(ESTIMATORS).join(', ')}, got ${String(name)}`);
  }
  return name as EstimatorName;
}

/** Σ̂ of the universe's k assets from their `t × k` window (units of the returns squared, per period). */
export function fitUniverseRisk(window: UniverseWindow, estimator: EstimatorName, options?: EstimatorOptions): EstimatorResult {
  return ESTIMATORS[estimator](window.returns, window.t, window.k, options);
}

/** A length-N vector with `values[j]` at `indices[j]` and 0 elsewhere. */
export function scatterWeights(values: Float64Array, indices: readonly number[], n: number): Float64Array {
  const full = new Float64Array(n);
  for (let j = 0; j < indices.length; j++) full[indices[j]] = values[j];
  return full;
}

/** `full[indices[j]]` for each j: a length-N vector restricted to the universe. */
export function gatherWeights(full: Float64Array, indices: readonly number[]): Float64Array {
  return Float64Array.from(indices, (index) => full[index]);
}

/** Numeric estimator parameters as strategy diagnostics, prefixed so they cannot clash. */
export function estimatorDiagnostics(result: EstimatorResult): Record<string, number> {
  const diagnostics: Record<string, number> = {};
  for (const [key, value] of Object.entries(result.params)) diagnostics[`estimator.${key}`] = value;
  return diagnostics;
}
