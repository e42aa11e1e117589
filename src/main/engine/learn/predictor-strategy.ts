/**
 * A trained predictor as a walk-forward strategy: at each rebalance it reads the current month's
 * per-asset features from the past-only view, predicts μ̂ (and, with `risk: 'head'`, Σ̂ = F·Fᵀ +
 * diag(d)), and solves the METHODS.md §1 mean–variance QP
 *   min −μ̂ᵀw + γ·wᵀΣ̂w + κ‖w − w_prev‖₁   s.t. 1ᵀw = budget, 0 ≤ w ≤ wMax
 * over the universe, with w_prev the drifted weights the simulator holds. With `risk:
 * 'ledoit-wolf'` Σ̂ is Ledoit–Wolf on the view's lookback window — the decoupled baseline's risk model.
 * The predictor is fixed (trained before the test period); the strategy never refits it.
 */

import { gatherWeights, scatterWeights } from '../backtest/strategies/universe-fit';
import type { Strategy } from '../backtest/types';
import { meanVariance } from '../portfolio/mean-variance';
import { ledoitWolf } from '../risk/estimators/ledoit-wolf';
import { factorRiskModel } from '../risk/risk-model';
import type { RiskModel } from '../risk/risk-model';
import { predictMonth } from './predictors/create-predictor';
import type { Predictor } from './predictors/predictor';

export interface PredictorStrategyOptions {
  /** Used as the strategy's name. */
  readonly name: string;
  readonly predictor: Predictor;
  /** Feature block of the backtest data: one row per date, width N·p, asset-major (i·p + f). */
  readonly featureBlock: string;
  readonly gamma: number;
  /** Optimiser turnover penalty κ ≥ 0 (per unit of ‖Δw‖₁). */
  readonly kappa: number;
  readonly wMax?: number;
  /** Σ̂: the predictor's risk head, or Ledoit–Wolf on the lookback window. */
  readonly risk: 'head' | 'ledoit-wolf';
}

/**
 * @throws at construction when `risk: 'head'` but the predictor has none, or γ, κ are invalid;
 *   at a rebalance when the feature block is missing, has the wrong width, or a universe asset's
 *   features are not finite.
 */
export function predictorStrategy(options: PredictorStrategyOptions): Strategy {
  const { predictor, featureBlock, gamma, kappa, wMax, risk } = options;
  const p = predictor.config.nFeatures;
  if (risk === 'head' && predictor.riskFactors === 0) throw new Error(`predictorStrategy '${options.name}': risk 'head' needs a predictor with a risk head`);
  if (!(Number.isFinite(gamma) && gamma > 0)) throw new Error(`predictorStrategy '${options.name}': gamma = ${gamma} must be finite and > 0`);
  if (!(Number.isFinite(kappa) && kappa >= 0)) throw new Error(`predictorStrategy '${options.name}': kappa = ${kappa} must be finite and ≥ 0`);
  return {
    name: options.name,
    spec: { kind: 'predictor-mean-variance', predictor: predictor.config, featureBlock, gamma, kappa, wMax: wMax ?? null, risk },
    rebalance(view, context) {
      const window = view.universeReturns();
      const block = view.feature(featureBlock, 1);
      if (block.width !== view.n * p) {
        throw new Error(`feature block '${featureBlock}' has width ${block.width}, expected N·p = ${view.n} × ${p}`);
      }
      const features = new Float64Array(window.k * p);
      window.indices.forEach((asset, j) => features.set(block.values.subarray(asset * p, (asset + 1) * p), j * p));
      const predicted = predictMonth(predictor, features, window.k);
      let model: RiskModel;
      if (risk === 'head' && predicted.factors !== undefined && predicted.idio !== undefined) {
        model = factorRiskModel(predicted.idio, predicted.factors, new Float64Array(predictor.riskFactors).fill(1));
      } else {
        model = ledoitWolf(window.returns, window.t, window.k).model;
      }
      const result = meanVariance(predicted.mu, model, {
        gamma,
        budget: context.budget,
        lower: 0,
        upper: wMax ?? null,
        prev: gatherWeights(context.previousWeights, window.indices),
        kappa,
      });
      let meanPrediction = 0;
      for (const value of predicted.mu) meanPrediction += value / predicted.mu.length;
      return {
        weights: scatterWeights(result.weights, window.indices, view.n),
        status: result.status,
        diagnostics: { universe: window.k, meanPredictedReturn: meanPrediction },
      };
    },
  };
}
