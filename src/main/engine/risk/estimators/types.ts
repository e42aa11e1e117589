/**
 * Shapes shared by every covariance estimator in this folder.
 */

import type { RiskModel } from '../risk-model';

/** What every estimator returns: the fitted model and its fitted scalar parameters. */
export interface EstimatorResult {
  /** Σ̂ in the units of the returns squared (e.g. monthly returns → monthly variance). */
  readonly model: RiskModel;
  /** Fitted parameters by name, e.g. `shrinkage`, `halfLife`, `rank`, `edge`. */
  readonly params: Record<string, number>;
}

/** Options accepted through the registry; each estimator reads the ones it needs. */
export interface EstimatorOptions {
  /** EWMA half-life in observations (> 0). Required by `ewma`. */
  readonly halfLife?: number;
  /** Number of principal components k. Required by `pca`. */
  readonly factors?: number;
}
