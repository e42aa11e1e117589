/**
 * Learning (ARCHITECTURE "learn/", METHODS.md §1): cross-sectional predictors (a linear head, an
 * MLP with a low-rank risk head), the training losses, decoupled (MSE) and end-to-end (decision
 * loss through the differentiable QP) training, and the `compare` experiment.
 * The decision-aware shrinkage study lives in ./shrinkage-study.
 */

export { checkLearningPanel, checkTrainingPanels, panelMonths, targetScale } from './learning-panel';
export type { LearningPanel, MonthlyRisk } from './learning-panel';
export { mseLoss, negativeSharpeLoss, netReturns, realisedVarianceLoss, utilityLoss } from './losses';
export { createPredictor, predictMonth, restorePredictor } from './predictors/create-predictor';
export { glorotUniform, OUTPUT_GAIN } from './predictors/initialisers';
export { linearPredictor } from './predictors/linear-predictor';
export type { LinearCoefficients, LinearPredictor, LinearPredictorOptions } from './predictors/linear-predictor';
export { IDIO_FLOOR, mlpPredictor } from './predictors/mlp-predictor';
export type { MlpPredictorOptions } from './predictors/mlp-predictor';
export type { Predictor, PredictorConfig, PredictorOutput, PredictorSnapshot } from './predictors/predictor';
export { predictorStrategy } from './predictor-strategy';
export type { PredictorStrategyOptions } from './predictor-strategy';
export { ledoitWolfRisk, riskModelFactors } from './risk-factors';
export type { RiskFactors } from './risk-factors';
export { monthTensors, trainDecoupled } from './train-decoupled';
export type { DecoupledTrainingOptions } from './train-decoupled';
export { decideWeights, decisionLoss, MIN_END_TO_END_MONTHS, trainEndToEnd } from './train-end-to-end';
export type { DecisionLayerOptions, DecisionLoss, DecisionObjective, EndToEndTrainingOptions, EndToEndTrainingResult } from './train-end-to-end';
export { checkLoopOptions, runTrainingLoop } from './training-loop';
export type { EpochProgress, EpochRecord, StopReason, TrainingHistory, TrainingLoopOptions, TrainingProblem, TrainingProgress } from './training-loop';
export { runCompare } from './compare/run-compare';
export type { CompareOptions, CompareProgress, CompareResult, CompareRow, CompareStrategyName } from './compare/run-compare';
export { CHARACTERISTICS_BLOCK, splitDecisionMonths, universeBacktestData, universePanel } from './compare/compare-data';
export type { CompareSplit } from './compare/compare-data';
export { testMse } from './compare/test-mse';
