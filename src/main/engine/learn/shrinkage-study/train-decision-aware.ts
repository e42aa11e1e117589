/**
 * Decision-aware training: θ and a (δ = sigmoid(a)) jointly by gradient ascent on the realised
 * net Sharpe (shrinkage-objective.ts), with Adam (Kingma & Ba 2015; β₁ = 0.9, β₂ = 0.999,
 * ε = 1e−8), full batch, and early stopping.
 *
 * Early stopping: the training decisions are split in time into a fitting part [0, M_fit), whose
 * net Sharpe is ascended, and a validation part [M_fit, M_train); the parameters kept are those of
 * the step (0 = the starting point) with the best validation net Sharpe. Without it, 7 parameters
 * fitted to a few dozen monthly returns chase in-sample noise (measured: training Sharpe far above
 * Ledoit–Wolf's, out-of-sample below it).
 *
 * The objective is invariant to the scale of θ, so Adam runs on φ = θ/‖θ₀‖ (‖φ₀‖ = 1): a step of
 * size η then means a relative change of θ of about η, whatever the units of the returns.
 */

import { annualisedSharpe } from './net-sharpe';
import type { ShrinkageCosts } from './shrinkage-objective';
import { shrinkageObjective, shrinkagePath, sigmoid } from './shrinkage-objective';
import type { ShrinkageProblem } from './shrinkage-problem';

/** Optimiser settings. */
export interface DecisionAwareTraining {
  /** Adam steps (full batch over the fitting part). */
  readonly iterations: number;
  /** Adam step size η. */
  readonly learningRate: number;
  /** M_fit: decisions [0, M_fit) are ascended, [M_fit, M_train) validate; 2 ≤ M_fit ≤ M_train − 2. */
  readonly fitDecisions: number;
}

/** Result of {@link trainDecisionAware}. */
export interface DecisionAwareFit {
  /** θ at the selected step. */
  readonly theta: Float64Array;
  readonly logit: number;
  readonly delta: number;
  /** The selected step (0 = the starting point). */
  readonly step: number;
  /** Net Sharpe of the fitting part at steps 0…iterations. */
  readonly fitHistory: Float64Array;
  /** Net Sharpe of the validation part at steps 0…iterations. */
  readonly validationHistory: Float64Array;
}

/**
 * @param thetaStart - θ₀ (e.g. least squares), non-zero.
 * @param logitStart - a₀.
 */
export function trainDecisionAware(
  problem: ShrinkageProblem,
  thetaStart: Float64Array,
  logitStart: number,
  costs: ShrinkageCosts,
  training: DecisionAwareTraining,
): DecisionAwareFit {
  const { iterations, learningRate, fitDecisions } = training;
  if (!Number.isInteger(fitDecisions) || fitDecisions < 2 || fitDecisions > problem.nTrain - 2) {
    throw new Error(`fitDecisions = ${fitDecisions}: need an integer in [2, ${problem.nTrain - 2}] so fitting and validation have 2 months each`);
  }
  const p = thetaStart.length;
  let scale = 0;
  for (const value of thetaStart) scale += value * value;
  scale = Math.sqrt(scale);
  if (!(scale > 0)) throw new Error('trainDecisionAware: thetaStart is zero, so the weights are zero');
  const size = p + 1;
  const params = new Float64Array(size);
  for (let c = 0; c < p; c++) params[c] = thetaStart[c] / scale;
  params[p] = logitStart;
  const first = new Float64Array(size);
  const second = new Float64Array(size);
  const theta = new Float64Array(p);
  const fitHistory = new Float64Array(iterations + 1);
  const validationHistory = new Float64Array(iterations + 1);
  const validationDeltas = new Float64Array(problem.nTrain - fitDecisions + 1);
  let best = { step: 0, value: -Infinity, theta: Float64Array.from(thetaStart), logit: logitStart };
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let step = 0; step <= iterations; step++) {
    // Step 0 evaluates θ₀ itself, so early stopping at 0 returns the start exactly.
    for (let c = 0; c < p; c++) theta[c] = step === 0 ? thetaStart[c] : params[c] * scale;
    const objective = shrinkageObjective(problem, theta, params[p], 0, fitDecisions, costs);
    validationDeltas.fill(sigmoid(params[p]));
    // The path starts one decision early so that the first validation month pays its cost.
    const path = shrinkagePath(problem, theta, validationDeltas, fitDecisions - 1, problem.nTrain, costs);
    const validation = annualisedSharpe(path.netReturns.subarray(1)).sharpe;
    fitHistory[step] = objective.value;
    validationHistory[step] = validation;
    if (validation > best.value) best = { step, value: validation, theta: Float64Array.from(theta), logit: params[p] };
    if (step === iterations) break;
    const t = step + 1;
    for (let c = 0; c < size; c++) {
      const gradient = c < p ? objective.gradTheta[c] * scale : objective.gradLogit;
      first[c] = beta1 * first[c] + (1 - beta1) * gradient;
      second[c] = beta2 * second[c] + (1 - beta2) * gradient * gradient;
      const mHat = first[c] / (1 - beta1 ** t);
      const vHat = second[c] / (1 - beta2 ** t);
      params[c] += (learningRate * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
  return { theta: best.theta, logit: best.logit, delta: sigmoid(best.logit), step: best.step, fitHistory, validationHistory };
}
