/**
 * Mean–variance over the universe (METHODS.md §1): min_w −μ̂ᵀw + γ·wᵀΣ̂w + κ‖w − w_prev‖₁ with
 * 1ᵀw = budget and lower ≤ w ≤ upper, where Σ̂ is a named estimator on the lookback window, μ̂ comes
 * from a provider (historical mean by default), w_prev are the drifted weights held before the trade
 * and κ = costAversion · costModel.kappa() — the simulator's own cost coefficient, so the optimiser
 * prices trades as the simulator charges them. μ̂ and Σ̂ are per period while a trade is paid once;
 * `costAversion` (cvxportfolio's γ_trade) rescales κ, e.g. to 1/(holding periods) to amortise it.
 */

import type { EstimatorName, EstimatorOptions } from '../../risk/estimators/index';
import { meanVariance } from '../../portfolio/mean-variance';
import type { QpSettings } from '../../qp/qp-types';
import type { Strategy } from '../types';
import { MU_PROVIDERS } from './mu-providers';
import type { MuProvider, MuProviderName } from './mu-providers';
import { assertEstimatorName, estimatorDiagnostics, fitUniverseRisk, gatherWeights, scatterWeights } from './universe-fit';

export type MeanVarianceSpec = {
  readonly kind: 'mean-variance';
  readonly estimator: EstimatorName;
  readonly estimatorOptions?: EstimatorOptions;
  /** Risk aversion γ ≥ 0 (γ multiplies wᵀΣw without ½, per-period units). */
  readonly gamma: number;
  /** Default `historical-mean`. */
  readonly mu?: MuProviderName;
  /** One lower bound for every asset; default 0 (long-only); null = unbounded below. */
  readonly lower?: number | null;
  /** One cap for every asset; default none. */
  readonly upper?: number | null;
  /** Multiplier of costModel.kappa() in the objective; default 1, ≥ 0. */
  readonly costAversion?: number;
  readonly settings?: Partial<QpSettings>;
};

export interface MeanVarianceStrategyOptions extends Omit<MeanVarianceSpec, 'kind' | 'mu'> {
  /** A provider name, or a function (then the strategy's spec records `mu: 'custom'`). */
  readonly mu?: MuProviderName | MuProvider;
}

function optionalBound(value: unknown, name: string): number | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value !== 'number' || Number.isNaN(value)) throw new Error(`meanVarianceStrategy: ${name} must be a number or null, got ${String(value)}`);
  return value;
}

/**
 * @returns a strategy whose status is the QP's: an infeasible or unconverged solve is a failed
 *   rebalance (the simulator keeps the drifted weights and counts it).
 * @throws at construction on an unknown estimator or μ provider, γ < 0, or costAversion < 0;
 *   at a rebalance when the provider returns a μ̂ of the wrong length or with non-finite entries.
 */
export function meanVarianceStrategy(options: MeanVarianceStrategyOptions): Strategy {
  const estimator = assertEstimatorName(options?.estimator, 'meanVarianceStrategy');
  const { gamma } = options;
  if (typeof gamma !== 'number' || !Number.isFinite(gamma) || gamma < 0) {
    throw new Error(`meanVarianceStrategy: gamma must be a finite number ≥ 0, got ${String(gamma)}`);
  }
  const costAversion = options.costAversion ?? 1;
  if (!(Number.isFinite(costAversion) && costAversion >= 0)) {
    throw new Error(`meanVarianceStrategy: costAversion must be finite and ≥ 0, got ${String(costAversion)}`);
  }
  const lower = optionalBound(options.lower, 'lower');
  const upper = optionalBound(options.upper, 'upper');
  const muOption = options.mu ?? 'historical-mean';
  let provider: MuProvider;
  if (typeof muOption === 'function') {
    provider = muOption;
  } else if (Object.prototype.hasOwnProperty.call(MU_PROVIDERS, muOption)) {
    provider = MU_PROVIDERS[muOption];
  } else {
    throw new Error(`meanVarianceStrategy: mu must be one of ${Object.keys(MU_PROVIDERS).join(', ')} or a function, got ${String(muOption)}`);
  }
  const spec = { ...options, kind: 'mean-variance', estimator, gamma, costAversion, mu: typeof muOption === 'function' ? 'custom' : muOption };
  return {
    name: `mean-variance(${estimator}, γ=${gamma})`,
    spec,
    rebalance(view, context) {
      const window = view.universeReturns();
      const fitted = fitUniverseRisk(window, estimator, options.estimatorOptions);
      const mu = provider(window, view);
      if (!(mu instanceof Float64Array) || mu.length !== window.k) {
        throw new Error(`the μ provider returned ${mu instanceof Float64Array ? `length ${mu.length}` : String(mu)}, expected a Float64Array of length k = ${window.k}`);
      }
      const result = meanVariance(mu, fitted.model, {
        gamma,
        budget: context.budget,
        lower: lower === undefined ? 0 : lower,
        upper: upper ?? null,
        prev: gatherWeights(context.previousWeights, window.indices),
        kappa: costAversion * context.costModel.kappa(),
        ...(options.settings ? { settings: options.settings } : {}),
      });
      const details = result.details ?? {};
      const qp = details.qp as { iterations?: number } | undefined;
      const finite = (key: string, value: unknown): Record<string, number> =>
        typeof value === 'number' && Number.isFinite(value) ? { [key]: value } : {};
      return {
        weights: scatterWeights(result.weights, window.indices, view.n),
        status: result.status,
        diagnostics: {
          universe: window.k,
          ...finite('predictedReturn', details.expectedReturn),
          ...finite('predictedVariance', details.variance),
          ...finite('objective', details.objective),
          ...finite('iterations', qp?.iterations),
          ...estimatorDiagnostics(fitted),
        },
      };
    },
  };
}
