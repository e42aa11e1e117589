/**
 * The decision-aware shrinkage study's data, prepared once per universe (METHODS §1,
 * "Decision-aware shrinkage experiment").
 *
 * Timing: the universe has L + M months (L = covariance lookback, M = study months). Decision j
 * (j = 0…M−1) is taken at the end of universe month τ_j = L − 1 + j with information up to τ_j
 * only: the sample covariance S_j of returns rows τ_j − L + 1 … τ_j (demeaned, divisor L − 1, as
 * risk/estimators), the Ledoit–Wolf intensity δ_j^LW of the same window, and the features X_j of
 * the characteristics observed at τ_j. It earns the returns of row τ_j + 1 (R_j). Decisions
 * 0…M_train−1 form the training window, the rest the out-of-sample window.
 *
 * Features (p = 6, per asset): 1, the four observed characteristics, and quality × value, so the
 * linear head μ̂ = Xθ can represent the DGP's expected return up to characteristic noise.
 *
 * Each S_j = V_j Λ_j V_jᵀ is eigendecomposed once, because every shrunk matrix of the study,
 * Σ̂_δ = (1 − δ)S + δ·m̄·I with m̄ = tr S/N, shares S's eigenvectors: Σ̂_δ⁻¹ = V diag(1/d) Vᵀ with
 * d = (1 − δ)λ + δm̄, so weights and gradients for any δ cost O(N²) per decision, not O(N³).
 */

import type { FactorUniverse } from '../../data/synthetic-universe';
import { N_CHARACTERISTICS } from '../../data/synthetic-universe';
import { symmetricEigen } from '../../linalg/symmetric-eigen';
import { ledoitWolf } from '../../risk/estimators/ledoit-wolf';
import { sampleCovariance } from '../../risk/estimators/sample-covariance';

/** Number of features of the linear return head. */
export const N_FEATURES = 6;

/** Names of the features, in column order. */
export const FEATURE_NAMES = ['intercept', 'value', 'quality', 'momentum', 'low-volatility', 'quality×value'] as const;

/** One decision month, everything expressed where it is cheapest to use. */
export interface ShrinkageDecision {
  /** Eigenvalues λ of S_j, length N (ascending). */
  readonly eigenvalues: Float64Array;
  /** V_jᵀ, N × N row-major: row q is the q-th eigenvector. */
  readonly eigenvectorsT: Float64Array;
  /** m̄_j = tr(S_j)/N. */
  readonly target: number;
  /** Ledoit–Wolf shrinkage intensity of the same window. */
  readonly ledoitWolfDelta: number;
  /** Features X_j, N × p row-major. */
  readonly features: Float64Array;
  /** V_jᵀX_j, N × p row-major. */
  readonly rotatedFeatures: Float64Array;
  /** Next month's realised returns R_j, length N. */
  readonly nextReturns: Float64Array;
}

/** A universe prepared for the study. */
export interface ShrinkageProblem {
  readonly nAssets: number;
  /** Covariance lookback L (months). */
  readonly lookback: number;
  /** Decisions 0…M−1. */
  readonly decisions: readonly ShrinkageDecision[];
  /** M_train: decisions [0, M_train) train, [M_train, M) are out of sample. */
  readonly nTrain: number;
}

/** Features of asset i at universe month τ: 1, c (4), c_quality·c_value. */
function featureRow(universe: FactorUniverse, month: number, asset: number, out: Float64Array, offset: number): void {
  const base = (month * universe.nAssets + asset) * N_CHARACTERISTICS;
  const c = universe.characteristics;
  out[offset] = 1;
  for (let k = 0; k < N_CHARACTERISTICS; k++) out[offset + 1 + k] = c[base + k];
  out[offset + 5] = c[base + 1] * c[base];
}

/**
 * Prepares the study data.
 *
 * @param universe - a simulated universe with L + M months.
 * @param lookback - L ≥ N + 1, so that every S_j is non-singular and the plug-in (δ = 0) exists.
 * @param nTrain - M_train, in [2, M − 2].
 */
export function buildShrinkageProblem(universe: FactorUniverse, lookback: number, nTrain: number): ShrinkageProblem {
  const n = universe.nAssets;
  const months = universe.nMonths - lookback;
  if (!Number.isInteger(lookback) || lookback < n + 1) {
    throw new Error(`lookback = ${lookback}: the plug-in needs a non-singular sample covariance, so lookback ≥ nAssets + 1 = ${n + 1}`);
  }
  if (months < 4) throw new Error(`the universe has ${universe.nMonths} months, fewer than lookback + 4 = ${lookback + 4}`);
  if (!Number.isInteger(nTrain) || nTrain < 2 || nTrain > months - 2) {
    throw new Error(`nTrain = ${nTrain}: need an integer in [2, ${months - 2}] so both windows have at least 2 months`);
  }
  const p = N_FEATURES;
  const decisions: ShrinkageDecision[] = [];
  for (let j = 0; j < months; j++) {
    const tau = lookback - 1 + j;
    const window = universe.returns.subarray((tau - lookback + 1) * n, (tau + 1) * n);
    const lw = ledoitWolf(window, lookback, n);
    const { model } = sampleCovariance(window, lookback, n);
    if (model.kind !== 'dense') throw new Error('sample covariance with lookback > nAssets must be dense');
    const s = model.sigma;
    const { values, vectors } = symmetricEigen(s, n);
    const eigenvectorsT = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let q = 0; q < n; q++) eigenvectorsT[q * n + i] = vectors[i * n + q];
    let trace = 0;
    for (let i = 0; i < n; i++) trace += s[i * n + i];
    const features = new Float64Array(n * p);
    for (let i = 0; i < n; i++) featureRow(universe, tau, i, features, i * p);
    const rotatedFeatures = new Float64Array(n * p);
    for (let q = 0; q < n; q++) {
      for (let i = 0; i < n; i++) {
        const v = eigenvectorsT[q * n + i];
        for (let c = 0; c < p; c++) rotatedFeatures[q * p + c] += v * features[i * p + c];
      }
    }
    decisions.push({
      eigenvalues: values,
      eigenvectorsT,
      target: trace / n,
      ledoitWolfDelta: lw.params.shrinkage,
      features,
      rotatedFeatures,
      nextReturns: universe.returns.slice((tau + 1) * n, (tau + 2) * n),
    });
  }
  return { nAssets: n, lookback, decisions, nTrain };
}
