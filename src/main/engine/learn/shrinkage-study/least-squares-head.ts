/**
 * The decoupled return head: θ by pooled ordinary least squares of next-month returns on the
 * features over the training decisions, min_θ Σ_{j<M_train} ‖R_j − X_jθ‖² (forecast accuracy,
 * METHODS §1 "decoupled"). Used by the plug-in and Ledoit–Wolf arms and as the decision-aware
 * arm's starting point.
 */

import { leastSquares } from '../../data/least-squares';
import type { ShrinkageProblem } from './shrinkage-problem';
import { N_FEATURES } from './shrinkage-problem';

/** θ_LS, length p, from decisions [0, nTrain). */
export function leastSquaresHead(problem: ShrinkageProblem): Float64Array {
  const n = problem.nAssets;
  const p = N_FEATURES;
  const rows = problem.nTrain * n;
  const x = new Float64Array(rows * p);
  const y = new Float64Array(rows);
  for (let j = 0; j < problem.nTrain; j++) {
    const decision = problem.decisions[j];
    x.set(decision.features, j * n * p);
    y.set(decision.nextReturns, j * n);
  }
  return leastSquares(x, y, rows, p, 1).coefficients;
}
