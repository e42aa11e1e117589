/**
 * The cleaner's loss, N·wᵀΣ_f·w (cleaner-float64.ts), for the GMV portfolios of classical
 * estimators on the same samples: the yardstick of the model card's validation loss. The sample
 * covariance has no GMV portfolio once N ≥ L (it is singular); those samples are counted, not scored.
 */

import { ledoitWolf } from '../risk/estimators/ledoit-wolf';
import { sampleCovariance } from '../risk/estimators/sample-covariance';
import type { EstimatorResult } from '../risk/estimators/types';
import { riskSolver } from '../risk/risk-ops';
import { realisedVariance } from './cleaner-float64';
import type { WindowBatch, WindowShape } from './cleaner-windows';

/** Mean loss of one estimator over the samples it could score. */
export interface BaselineLoss {
  /** Mean N·wᵀΣ_f·w over scored samples; null when none could be scored. */
  readonly loss: number | null;
  /** Samples scored. */
  readonly scored: number;
  /** Samples whose covariance was singular (no GMV). */
  readonly singular: number;
  /** Each sample's loss in batch order, null where singular. */
  readonly perSample: readonly (number | null)[];
}

/** Baseline losses of the sample covariance and Ledoit–Wolf (2004) shrinkage. */
export interface CleanerBaselines {
  readonly sample: BaselineLoss;
  readonly ledoitWolf: BaselineLoss;
}

function gmvLoss(estimate: EstimatorResult, n: number, future: Float64Array, horizon: number, scale: number): number | null {
  const solver = riskSolver(estimate.model);
  if (solver.status !== 'ok') return null;
  const x = solver.solve(new Float64Array(n).fill(1));
  let total = 0;
  for (let i = 0; i < n; i++) total += x[i];
  const w = x.map((value) => value / total);
  return n * realisedVariance(w, future, horizon, n, scale);
}

/**
 * Scores both estimators on batches of samples (each sample's past window → Σ̂ → GMV → loss on its
 * future), with the same annualising `scale` as the cleaner's loss.
 */
export function cleanerBaselines(batches: readonly WindowBatch[], shape: WindowShape, scale: number): CleanerBaselines {
  const totals = { sample: { sum: 0, scored: 0, singular: 0, perSample: [] as (number | null)[] }, ledoitWolf: { sum: 0, scored: 0, singular: 0, perSample: [] as (number | null)[] } };
  for (const batch of batches) {
    const { n } = batch;
    for (let b = 0; b < batch.batch; b++) {
      const past = batch.past.subarray(b * shape.lookback * n, (b + 1) * shape.lookback * n);
      const future = batch.future.subarray(b * shape.horizon * n, (b + 1) * shape.horizon * n);
      const estimates = { sample: sampleCovariance(past, shape.lookback, n), ledoitWolf: ledoitWolf(past, shape.lookback, n) };
      for (const key of ['sample', 'ledoitWolf'] as const) {
        const loss = gmvLoss(estimates[key], n, future, shape.horizon, scale);
        totals[key].perSample.push(loss);
        if (loss === null) totals[key].singular += 1;
        else {
          totals[key].sum += loss;
          totals[key].scored += 1;
        }
      }
    }
  }
  const summary = (total: { sum: number; scored: number; singular: number; perSample: (number | null)[] }): BaselineLoss => ({
    loss: total.scored > 0 ? total.sum / total.scored : null,
    scored: total.scored,
    singular: total.singular,
    perSample: total.perSample,
  });
  return { sample: summary(totals.sample), ledoitWolf: summary(totals.ledoitWolf) };
}
