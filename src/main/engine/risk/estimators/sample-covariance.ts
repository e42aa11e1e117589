/**
 * Sample covariance S = YᵀY/(T − 1), Y the column-demeaned returns.
 *
 * Representation: N ≤ T → dense N × N. T < N → the exact factor form d = 0, U = Yᵀ/√(T − 1)
 * (N × T), s = 1, so Σ = U·Uᵀ has rank ≤ T − 1 and no N × N matrix is formed. With T ≤ N the
 * sample covariance is singular: it is positive semi-definite, not definite.
 */

import { gemmTransA } from '../../linalg/gemm';
import { denseRiskModel, factorRiskModel } from '../risk-model';
import { demeanColumns, scaledTranspose } from './demean';
import type { EstimatorResult } from './types';
import { assertReturns } from './validate-returns';

/**
 * @param returns - T × N row-major, finite; not mutated.
 * @param t - T ≥ 2 observations.
 * @param n - N ≥ 1 assets.
 * @returns the model and `params.divisor` = T − 1.
 */
export function sampleCovariance(returns: Float64Array, t: number, n: number): EstimatorResult {
  assertReturns(returns, t, n, 'sample');
  const y = demeanColumns(returns, t, n);
  const divisor = t - 1;
  const params = { divisor };
  if (t < n) {
    return { model: factorRiskModel(new Float64Array(n), scaledTranspose(y, t, n, 1 / Math.sqrt(divisor)), new Float64Array(t).fill(1)), params };
  }
  const s = gemmTransA(y, y, t, n, n);
  for (let k = 0; k < s.length; k++) s[k] /= divisor;
  return { model: denseRiskModel(s, n), params };
}
