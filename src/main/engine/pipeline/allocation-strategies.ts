/**
 * Strategies for the risk-only constructions the backtester does not ship (HRP, ERC): fit the
 * chosen estimator on the universe's window, allocate, scatter back to the full asset list.
 */
import type { EstimatorName, EstimatorOptions } from '../risk/estimators';
import { equalRiskContribution } from '../portfolio/equal-risk-contribution';
import { hierarchicalRiskParity } from '../portfolio/hierarchical-risk-parity';
import type { AllocationResult } from '../portfolio/types';
import type { RiskModel } from '../risk/risk-model';
import type { Strategy } from '../backtest/types';
import { estimatorDiagnostics, fitUniverseRisk, scatterWeights } from '../backtest/strategies/universe-fit';

function riskAllocationStrategy(name: string, estimator: EstimatorName, options: EstimatorOptions | undefined, allocate: (model: RiskModel) => AllocationResult): Strategy {
  return {
    name,
    spec: { kind: name, estimator, ...(options ? { estimatorOptions: options } : {}) },
    rebalance(view) {
      const window = view.universeReturns();
      const fitted = fitUniverseRisk(window, estimator, options);
      const result = allocate(fitted.model);
      return {
        weights: scatterWeights(result.weights, window.indices, view.n),
        status: result.status,
        diagnostics: { universe: window.k, ...estimatorDiagnostics(fitted) },
      };
    },
  };
}

export function hrpStrategy(estimator: EstimatorName, options: EstimatorOptions | undefined, linkage: 'single' | 'average' | 'complete' | 'ward'): Strategy {
  return riskAllocationStrategy(`hrp(${estimator}, ${linkage})`, estimator, options, (model) => hierarchicalRiskParity(model, { linkage }));
}

export function ercStrategy(estimator: EstimatorName, options: EstimatorOptions | undefined): Strategy {
  return riskAllocationStrategy(`erc(${estimator})`, estimator, options, (model) => equalRiskContribution(model));
}
