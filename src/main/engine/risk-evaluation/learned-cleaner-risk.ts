/**
 * The learned covariance cleaner (METHODS.md §3) as a {@link RiskFit}: the dense Σ̃ that
 * `cleanCovariance` returns for the last `model.config.lookback` rows, in the returns' units squared.
 * The window must be complete: a missing or constant column is an error (as for the estimators),
 * so the model's GMV never silently runs on fewer assets than the universe.
 */
import { cleanCovariance } from '../cleaner/clean-covariance';
import type { CleanerModel } from '../cleaner/cleaner-model';
import type { RiskCandidate, RiskFit } from './risk-candidates';

export function learnedCleanerFit(model: CleanerModel): RiskFit {
  return (returns, t, n) => cleanCovariance(model, returns, t, n).riskModel;
}

/** The cleaner as a comparison candidate, id `learned-cleaner`. */
export function learnedCleanerCandidate(model: CleanerModel, label = 'Learned cleaner'): RiskCandidate {
  return { id: 'learned-cleaner', label, fit: learnedCleanerFit(model) };
}
