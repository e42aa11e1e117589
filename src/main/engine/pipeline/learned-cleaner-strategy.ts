/**
 * Minimum variance with the learned covariance cleaner as the risk model (pipeline risk node
 * `learned-cleaner`, METHODS.md §3): at each rebalance the cleaner reads the last
 * `model.config.lookback` daily returns of the universe and its Σ̃ goes to the closed-form GMV
 * (long-short) or the project QP (long-only and/or capped). The model is an argument: the engine
 * never reads weights from disk.
 */
import type { CleanerRunViews } from '../../../shared/domain/cleaner-views';
import type { CleanerModel } from '../cleaner/cleaner-model';
import { cleanerViews } from '../risk-evaluation/cleaner-views';
import { cleanCovariance } from '../cleaner/clean-covariance';
import { minimumVariance } from '../portfolio/minimum-variance';
import type { Strategy } from '../backtest/types';
import { scatterWeights } from '../backtest/strategies/universe-fit';

export interface LearnedCleanerGmvOptions {
  readonly longOnly: boolean;
  /** One cap w_i ≤ upper for every asset (forces the QP). */
  readonly upper?: number;
}

/** The strategy, plus the interpretability views of the last window it saw. */
export interface LearnedCleanerStrategy extends Strategy {
  /** The cleaner's views on the last rebalance's window; null before the first rebalance. */
  cleanerViews(): CleanerRunViews | null;
}

/** @throws at rebalance time when the window is shorter than the model's lookback. */
export function learnedCleanerGmvStrategy(model: CleanerModel, options: LearnedCleanerGmvOptions): LearnedCleanerStrategy {
  let last: { returns: Float64Array; t: number; k: number; assets: string[]; dates: readonly string[] } | null = null;
  return {
    cleanerViews() {
      if (!last) return null;
      const views = cleanerViews(model, last.returns, last.t, last.k, last.assets);
      const first = last.dates[last.dates.length - views.lookback];
      return { windowStart: first, date: last.dates[last.dates.length - 1], n: views.n, lookback: views.lookback, lagWeights: views.lagWeights, eigenvalues: views.eigenvalues, volatility: views.volatility };
    },
    name: 'gmv(learned-cleaner)',
    spec: { kind: 'gmv', risk: 'learned-cleaner', lookback: model.config.lookback, longOnly: options.longOnly, ...(options.upper !== undefined ? { upper: options.upper } : {}) },
    rebalance(view) {
      const window = view.universeReturns();
      last = { returns: window.returns, t: window.t, k: window.k, assets: window.indices.map((j) => view.assets[j]), dates: view.dates(window.t) };
      const cleaned = cleanCovariance(model, window.returns, window.t, window.k);
      const result = minimumVariance(cleaned.riskModel, { longOnly: options.longOnly, ...(options.upper !== undefined ? { upper: options.upper } : {}) });
      const variance = result.details?.variance;
      return {
        weights: scatterWeights(result.weights, window.indices, view.n),
        status: result.status,
        diagnostics: { universe: window.k, ...(typeof variance === 'number' && Number.isFinite(variance) ? { predictedVariance: variance } : {}) },
      };
    },
  };
}
