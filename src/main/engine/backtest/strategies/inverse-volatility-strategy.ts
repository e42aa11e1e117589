/**
 * Inverse-volatility (w ∝ 1/σ̂_i) or inverse-variance (w ∝ 1/σ̂_i²) weights over the universe, with
 * σ̂_i² the diagonal of a named covariance estimator fitted on the lookback window.
 */

import type { EstimatorName, EstimatorOptions } from '../../risk/estimators/index';
import { inverseVolatility } from '../../portfolio/inverse-volatility';
import type { Strategy } from '../types';
import { assertEstimatorName, estimatorDiagnostics, fitUniverseRisk, scatterWeights } from './universe-fit';

export type InverseVolatilitySpec = {
  readonly kind: 'inverse-volatility';
  /** Default `sample` (variance with divisor L − 1). */
  readonly estimator?: EstimatorName;
  readonly estimatorOptions?: EstimatorOptions;
  /** `volatility` (default) or `variance`. */
  readonly scheme?: 'volatility' | 'variance';
};

/** @throws at construction on an unknown estimator name; at a rebalance when a variance is 0. */
export function inverseVolatilityStrategy(options: Omit<InverseVolatilitySpec, 'kind'> = {}): Strategy {
  const estimator = assertEstimatorName(options.estimator ?? 'sample', 'inverseVolatilityStrategy');
  const scheme = options.scheme ?? 'volatility';
  const spec: InverseVolatilitySpec = {
    kind: 'inverse-volatility',
    estimator,
    scheme,
    ...(options.estimatorOptions ? { estimatorOptions: { ...options.estimatorOptions } } : {}),
  };
  return {
    name: `inverse-${scheme}(${estimator})`,
    spec,
    rebalance(view) {
      const window = view.universeReturns();
      const fitted = fitUniverseRisk(window, estimator, options.estimatorOptions);
      const { weights, status } = inverseVolatility(fitted.model, { scheme });
      return {
        weights: scatterWeights(weights, window.indices, view.n),
        status,
        diagnostics: { universe: window.k, ...estimatorDiagnostics(fitted) },
      };
    },
  };
}
