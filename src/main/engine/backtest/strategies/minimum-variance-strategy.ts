/**
 * Global minimum variance over the universe with a named covariance estimator (the "GMV with
 * sample / Ledoit–Wolf / QIS / NLS / RIE" comparisons of the issue). Long-only by default, through
 * the project QP; `longOnly: false` without a cap uses the closed form Σ̂⁻¹1/(1ᵀΣ̂⁻¹1).
 */

import type { EstimatorName, EstimatorOptions } from '../../risk/estimators/index';
import { minimumVariance } from '../../portfolio/minimum-variance';
import type { QpSettings } from '../../qp/qp-types';
import type { Strategy } from '../types';
import { assertEstimatorName, estimatorDiagnostics, fitUniverseRisk, scatterWeights } from './universe-fit';

export type MinimumVarianceSpec = {
  readonly kind: 'gmv';
  readonly estimator: EstimatorName;
  readonly estimatorOptions?: EstimatorOptions;
  /** Default true. */
  readonly longOnly?: boolean;
  /** One cap for every asset, w_i ≤ upper (forces the QP). */
  readonly upper?: number;
  readonly settings?: Partial<QpSettings>;
};

/**
 * @returns a strategy passing the construction's status through (`ok` for the closed form, the QP
 *   status otherwise), so an infeasible cap shows up as a failed rebalance, not as NaN weights.
 * @throws at construction on an unknown estimator or a non-finite cap.
 */
export function minimumVarianceStrategy(options: Omit<MinimumVarianceSpec, 'kind'>): Strategy {
  const estimator = assertEstimatorName(options?.estimator, 'minimumVarianceStrategy');
  const longOnly = options.longOnly ?? true;
  if (options.upper !== undefined && !(typeof options.upper === 'number' && Number.isFinite(options.upper))) {
    throw new Error(`minimumVarianceStrategy: upper must be a finite number, got ${String(options.upper)}`);
  }
  const spec: MinimumVarianceSpec = { ...options, kind: 'gmv', estimator, longOnly };
  return {
    name: `gmv(${estimator})`,
    spec,
    rebalance(view) {
      const window = view.universeReturns();
      const fitted = fitUniverseRisk(window, estimator, options.estimatorOptions);
      const result = minimumVariance(fitted.model, {
        longOnly,
        ...(options.upper !== undefined ? { upper: options.upper } : {}),
        ...(options.settings ? { settings: options.settings } : {}),
      });
      const details = result.details ?? {};
      const qp = details.qp as { iterations?: number } | undefined;
      return {
        weights: scatterWeights(result.weights, window.indices, view.n),
        status: result.status,
        diagnostics: {
          universe: window.k,
          ...(Number.isFinite(details.variance) ? { predictedVariance: details.variance as number } : {}),
          ...(qp?.iterations !== undefined ? { iterations: qp.iterations } : {}),
          ...estimatorDiagnostics(fitted),
        },
      };
    },
  };
}
