/**
 * Covariance estimators (METHODS.md §2). Every estimator has the signature
 * `(returns, t, n, options?) → { model: RiskModel, params }`.
 *
 * Conventions shared by all of them:
 * - Input: `returns` is T × N row-major (T observations in rows, oldest first; N assets in
 *   columns), finite (a NaN/±Infinity is reported by row and column), T ≥ 2; never mutated.
 * - Columns are demeaned (EWMA: by the weighted mean) and the divisor is n = T − 1, as in the
 *   authors' code for Ledoit–Wolf, QIS and NLS (scikit-learn's LedoitWolf divides by T instead).
 *   c = N/(T − 1) for QIS/NLS; q = N/T for the correlation cleaners (RIE, clipping), as METHODS.
 * - Units: those of the returns squared; nothing is annualised.
 * - Structure: when T < N everything is computed in the T × T dual (eigendecomposition of YYᵀ,
 *   eigenvectors mapped back with Yᵀ) and the result is a factor model
 *   Σ̂ = diag(d) + U·diag(s)·Uᵀ of rank ≤ T; no N × N matrix is ever formed. When N ≤ T the
 *   N × N eigendecomposition is used and the result is dense, except where a factor form is exact
 *   and smaller (PCA always; clipping whenever it clips).
 * - Positive definiteness: every estimator but `sample`/`ewma` with T ≤ N returns a positive
 *   definite Σ̂ for returns of full rank.
 * - Deviation forced by the factor form: when T < N, QIS, NLS and RIE raise non-null shrunk
 *   eigenvalues that fall below the null-space value to that value (factor variances must be ≥ 0);
 *   `params.clamped` reports how many. With N ≤ T the published formulas are used as they are.
 *
 * `ESTIMATORS` maps the CLI names (`portfolio-audit cov --estimator <name>`) to the functions.
 */

import { eigenvalueClipping } from './eigenvalue-clipping';
import { ewmaCovariance } from './ewma-covariance';
import { ledoitWolf } from './ledoit-wolf';
import { nonlinearShrinkage } from './nonlinear-shrinkage';
import { pcaFactor } from './pca-factor';
import { qis } from './qis';
import { rie } from './rie';
import { sampleCovariance } from './sample-covariance';
import type { EstimatorOptions, EstimatorResult } from './types';
import { requireOption } from './validate-returns';

export { eigenvalueClipping } from './eigenvalue-clipping';
export { ewmaCovariance } from './ewma-covariance';
export type { EwmaOptions } from './ewma-covariance';
export { ledoitWolf } from './ledoit-wolf';
export { nonlinearShrinkage } from './nonlinear-shrinkage';
export { pcaFactor } from './pca-factor';
export type { PcaOptions } from './pca-factor';
export { qis } from './qis';
export { rie } from './rie';
export { sampleCovariance } from './sample-covariance';
export type { EstimatorOptions, EstimatorResult } from './types';

/** Estimator names as the CLI and pipeline specs spell them. */
export type EstimatorName = 'sample' | 'ewma' | 'ledoit-wolf' | 'qis' | 'nls' | 'rie' | 'clip' | 'pca';

/** An estimator called through the registry; options it does not use are ignored. */
export type Estimator = (returns: Float64Array, t: number, n: number, options?: EstimatorOptions) => EstimatorResult;

/** Every estimator by name. `ewma` requires `options.halfLife`, `pca` requires `options.factors`. */
export const ESTIMATORS: Readonly<Record<EstimatorName, Estimator>> = {
  sample: (returns, t, n) => sampleCovariance(returns, t, n),
  ewma: (returns, t, n, options) =>
    ewmaCovariance(returns, t, n, { halfLife: requireOption(options?.halfLife, 'halfLife', 'ewma') }),
  'ledoit-wolf': (returns, t, n) => ledoitWolf(returns, t, n),
  qis: (returns, t, n) => qis(returns, t, n),
  nls: (returns, t, n) => nonlinearShrinkage(returns, t, n),
  rie: (returns, t, n) => rie(returns, t, n),
  clip: (returns, t, n) => eigenvalueClipping(returns, t, n),
  pca: (returns, t, n, options) => pcaFactor(returns, t, n, { factors: requireOption(options?.factors, 'factors', 'pca') }),
};
