/**
 * The learned covariance cleaner (Bongiorno, Manolakis & Mantegna, arXiv 2507.01918, METHODS.md §3):
 * its config, weights, differentiable training graph, float64 inference and training loop.
 */
export { DEFAULT_CLEANER_CONFIG, INITIAL_LAG_COEFFICIENTS, resolveCleanerConfig } from './cleaner-config';
export type { CleanerConfig, LagForm } from './cleaner-config';
export {
  assignCleanerWeights,
  CLEANER_FORMAT,
  CLEANER_FORMAT_VERSION,
  cleanerParameterCount,
  cleanerWeightValues,
  createCleanerModel,
  loadCleaner,
  serializeCleaner,
} from './cleaner-model';
export type { CleanerModel, SerializedCleaner, SerializedWeight } from './cleaner-model';
export { cleanCovariance, cleanerLagWeights } from './clean-covariance';
export type { CleanCovarianceOptions, CleanedCovariance } from './clean-covariance';
export { compactLagCoefficients } from './lag-transform';
export type { LagCoefficients } from './lag-transform';
export { cleanerForward, cleanerLossFloat64, realisedVariance } from './cleaner-float64';
export type { CleanerPass } from './cleaner-float64';
export { cleanerBatchLoss, cleanerGmvTensor } from './cleaner-graph';
export { cleanerValidationLoss, resolveTrainSettings, trainCleaner, validationBatches } from './train-cleaner';
export type { CleanerCheckpoint, CleanerEpochRecord, TrainCleanerHooks, TrainCleanerOptions, TrainCleanerResult, TrainCleanerSettings } from './train-cleaner';
export { eligibleAssets, gatherBatch, periodSlots, sampleAssets } from './cleaner-windows';
export type { ReturnsPanel, SampleSlot, WindowBatch, WindowShape } from './cleaner-windows';
export { cleanerBaselines } from './cleaner-baselines';
export type { BaselineLoss, CleanerBaselines } from './cleaner-baselines';
