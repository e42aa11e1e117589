/**
 * Explaining a pipeline (ARCHITECTURE "explain/", METHODS §5): gradient attributions, the VAR(1)
 * prior, probing functions of the weights, the Gibbs-tilted target, MALA and stretch-move samplers, their convergence diagnostics, and the
 * reading of a counterfactual distribution (shifts, plausibility, historical analogs).
 */

export { coordinateDraws } from './chain-samples';
export type { ChainSamples } from './chain-samples';
export { bulkEss, essOfChains, meanEss } from './effective-sample-size';
export {
  gaussianGradLogDensity,
  gaussianLaw,
  gaussianLogDensity,
  gaussianMahalanobisSquared,
  sampleGaussian,
} from './gaussian-law';
export type { GaussianLaw } from './gaussian-law';
export { gibbsLogDensity, gibbsTiltedGradient } from './gibbs-target';
export type { GibbsTarget, ProbingFunction } from './gibbs-target';
export { expectedGradients, gradientSaliency, integratedGradients, integratedGradientsJoint } from './integrated-gradients';
export type { Attribution, DifferentiableFunction, IntegratedGradientsOptions } from './integrated-gradients';
export { kolmogorovUpperTail, ksTestNormal } from './ks-test';
export { MALA_ACCEPTANCE_BAND, runMala } from './mala';
export type { MalaOptions, MalaResult } from './mala';
export { DEFAULT_DIAGNOSTIC_GATES, diagnoseSamples, scalarDiagnostics } from './mcmc-diagnostics';
export type { CoordinateDiagnostics, DiagnosticGates, SamplerDiagnostics } from './mcmc-diagnostics';
export { normalQuantile } from './normal-quantile';
export { benchmarkGap, concentration, portfolioReturn, weightDivergence, weightEntropy } from './portfolio-probes';
export type { Concentration } from './portfolio-probes';
export { summariseScenario } from './scenario-summary';
export type { HistoricalAnalog, ScenarioSummary, ScenarioSummaryOptions, VariableShift } from './scenario-summary';
export { medianOf, rankNormalisedSplitRhat, rankNormalScores, rhatOfChains, splitChains, splitRhat } from './split-rhat';
export { runStretchMove, STRETCH_ACCEPTANCE_BAND } from './stretch-move';
export type { StretchMoveOptions, StretchMoveResult } from './stretch-move';
export { var1Prior } from './var1-prior';
export type { Var1Prior } from './var1-prior';
