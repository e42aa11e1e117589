/**
 * The risk models a minimum-variance comparison puts side by side, each reduced to one function
 * from a returns window to a {@link RiskModel}. The baselines are the estimators of METHODS.md §2;
 * the learned cleaner joins through `learnedCleanerCandidate` (learned-cleaner-risk.ts).
 */

import { ESTIMATORS } from '../risk/estimators/index';
import type { EstimatorName } from '../risk/estimators/index';
import type { RiskModel } from '../risk/risk-model';

/**
 * Σ̂ of a window: `returns` is T × N row-major (oldest first, finite, daily simple returns);
 * the model is in any positive multiple of the returns' units (GMV weights do not depend on it).
 */
export type RiskFit = (returns: Float64Array, t: number, n: number) => RiskModel;

/** One risk model of the comparison. */
export interface RiskCandidate {
  /** Stable key (`sample`, `ledoit-wolf`, …, `learned-cleaner`). */
  readonly id: string;
  /** Human-readable name, with any hyper-parameter (`PCA factor model (k = 5)`). */
  readonly label: string;
  readonly fit: RiskFit;
}

/** Number of principal components of the PCA baseline unless told otherwise. */
export const DEFAULT_PCA_FACTORS = 5;

const BASELINES: readonly { id: EstimatorName; label: string }[] = [
  { id: 'sample', label: 'Sample' },
  { id: 'ledoit-wolf', label: 'Ledoit–Wolf' },
  { id: 'qis', label: 'QIS' },
  { id: 'nls', label: 'Nonlinear shrinkage' },
  { id: 'rie', label: 'RIE' },
  { id: 'clip', label: 'Eigenvalue clipping' },
  { id: 'pca', label: 'PCA factor model' },
];

/**
 * Sample, Ledoit–Wolf, QIS, analytical nonlinear shrinkage, RIE, eigenvalue clipping and a PCA
 * factor model with `pcaFactors` components, in that order.
 */
export function baselineCandidates(options: { pcaFactors?: number } = {}): RiskCandidate[] {
  const factors = options.pcaFactors ?? DEFAULT_PCA_FACTORS;
  if (!Number.isInteger(factors) || factors < 1) throw new Error(`pcaFactors must be a positive integer, got ${factors}`);
  return BASELINES.map(({ id, label }) => ({
    id,
    label: id === 'pca' ? `${label} (k = ${factors})` : label,
    fit: (returns, t, n) => ESTIMATORS[id](returns, t, n, id === 'pca' ? { factors } : undefined).model,
  }));
}
