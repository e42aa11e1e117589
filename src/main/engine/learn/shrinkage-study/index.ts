/**
 * Decision-aware shrinkage study (METHODS §1): closed-form mean–variance weights with a shrunk
 * sample covariance, plug-in vs Ledoit–Wolf vs δ and θ learned for realised net Sharpe.
 */

export { leastSquaresHead } from './least-squares-head';
export { annualisedSharpe, annualisedSharpeGradient } from './net-sharpe';
export { runShrinkageStudy } from './run-shrinkage-study';
export type {
  ShrinkageArmResult,
  ShrinkageEdge,
  ShrinkageSeedResult,
  ShrinkageStudyOptions,
  ShrinkageStudyProgress,
  ShrinkageStudyResult,
} from './run-shrinkage-study';
export { shrinkageObjective, shrinkagePath, sigmoid } from './shrinkage-objective';
export type { ShrinkageCosts, ShrinkageObjective, ShrinkagePath } from './shrinkage-objective';
export { buildShrinkageProblem, FEATURE_NAMES, N_FEATURES } from './shrinkage-problem';
export type { ShrinkageDecision, ShrinkageProblem } from './shrinkage-problem';
export { trainDecisionAware } from './train-decision-aware';
export type { DecisionAwareFit, DecisionAwareTraining } from './train-decision-aware';
