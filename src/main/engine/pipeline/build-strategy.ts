/**
 * The spec's predictor, risk and optimiser nodes → one backtest strategy. Pipelines that train a
 * predictor are built by the training module; this covers every pipeline that does not.
 */
import type { PipelineSpec } from '../../../shared/pipeline/spec';
import type { EstimatorName, EstimatorOptions } from '../risk/estimators';
import { equalWeightStrategy, inverseVolatilityStrategy, meanVarianceStrategy, minimumVarianceStrategy } from '../backtest/strategies';
import { historicalMean, type MuProvider } from '../backtest/strategies/mu-providers';
import type { Strategy } from '../backtest/types';
import { ercStrategy, hrpStrategy } from './allocation-strategies';
import type { CleanerModel } from '../cleaner/cleaner-model';
import { learnedCleanerGmvStrategy } from './learned-cleaner-strategy';
import type { DriverReport } from '../sensitivity/driver-panel';
import { sensitivityStrategy } from './sensitivity-strategy';

export interface RiskChoice {
  estimator: EstimatorName;
  options: EstimatorOptions | undefined;
}

export function riskChoice(spec: PipelineSpec): RiskChoice {
  if (spec.risk.kind !== 'estimator') return { estimator: 'ledoit-wolf', options: undefined };
  const options: EstimatorOptions = {
    ...(spec.risk.halfLife !== undefined ? { halfLife: spec.risk.halfLife } : {}),
    ...(spec.risk.factors !== undefined ? { factors: spec.risk.factors } : {}),
  };
  return { estimator: spec.risk.estimator, options: Object.keys(options).length > 0 ? options : undefined };
}

/** The historical mean over the predictor's own window (shorter than or equal to the lookback). */
function historicalMeanOver(window: number): MuProvider {
  return (universe, view) => {
    if (window >= universe.t) return historicalMean(universe, view);
    const rows = universe.returns.subarray((universe.t - window) * universe.k);
    return historicalMean({ ...universe, returns: rows, t: window }, view);
  };
}

/** @param driverReports - how the sensitivity optimiser's drivers were built (./sensitivity-drivers), kept for its views. */
/** The `learned-cleaner` risk node: daily data, minimum variance, a window covering the model's lookback. */
function learnedCleanerStrategy(spec: PipelineSpec, cleaner: CleanerModel | undefined): Strategy {
  if (spec.risk.kind !== 'learned-cleaner') throw new Error('risk.kind must be learned-cleaner');
  if (!cleaner) throw new Error('risk.kind learned-cleaner: no cleaner model was provided to the engine');
  if (spec.data.kind !== 'dataset' || spec.data.frequency !== 'daily') throw new Error("risk.kind learned-cleaner reads daily returns: use a dataset with data.frequency 'daily'");
  if (spec.risk.lookback < cleaner.config.lookback) throw new Error(`risk.lookback ${spec.risk.lookback} is shorter than the cleaner's lookback of ${cleaner.config.lookback} days`);
  if (spec.optimiser.kind !== 'minimum-variance') throw new Error(`risk.kind learned-cleaner works with optimiser.kind minimum-variance, not ${spec.optimiser.kind}`);
  return learnedCleanerGmvStrategy(cleaner, { longOnly: spec.optimiser.longOnly, ...(spec.optimiser.upper !== undefined ? { upper: spec.optimiser.upper } : {}) });
}

/** @param cleaner - the deserialised cleaner, required by (and only read for) a `learned-cleaner` risk node. */
export function buildStrategy(spec: PipelineSpec, driverReports: readonly DriverReport[] = [], cleaner?: CleanerModel): Strategy {
  if (spec.risk.kind === 'learned-cleaner' && spec.training.kind === 'none') return learnedCleanerStrategy(spec, cleaner);
  const { estimator, options } = riskChoice(spec);
  const optimiser = spec.optimiser;
  if (spec.training.kind !== 'none') {
    throw new Error(`training.kind: ${spec.training.kind} pipelines are built by the training module`);
  }
  switch (optimiser.kind) {
    case 'equal-weight':
      return equalWeightStrategy();
    case 'inverse-volatility':
      return inverseVolatilityStrategy({ estimator, ...(options ? { estimatorOptions: options } : {}) });
    case 'minimum-variance':
      return minimumVarianceStrategy({ estimator, longOnly: optimiser.longOnly, ...(options ? { estimatorOptions: options } : {}), ...(optimiser.upper !== undefined ? { upper: optimiser.upper } : {}) });
    case 'hrp':
      return hrpStrategy(estimator, options, optimiser.linkage);
    case 'erc':
      return ercStrategy(estimator, options);
    case 'sensitivity':
      return sensitivityStrategy(spec, estimator, options, driverReports);
    case 'mean-variance': {
      if (spec.predictor.kind !== 'historical-mean') throw new Error(`predictor.kind: ${spec.predictor.kind} is not a fixed forecast; it needs training`);
      return meanVarianceStrategy({
        estimator,
        ...(options ? { estimatorOptions: options } : {}),
        gamma: optimiser.gamma,
        lower: optimiser.lower,
        upper: optimiser.upper,
        costAversion: optimiser.turnoverPenalty ? 1 : 0,
        mu: historicalMeanOver(spec.predictor.window),
      });
    }
  }
}
