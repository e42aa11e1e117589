/**
 * Inference: a trained cleaner (METHODS.md §3) applied to one window of daily returns gives a
 * float64 covariance as a {@link DenseRiskModel}, with what the interpretability views need (the
 * sample → cleaned eigenvalue map, marginal volatilities, lag weights).
 *
 * Units: the model works in lag-transformed units and its loss is scale-free (GMV weights do not
 * depend on Σ's level), so the returned covariance is rescaled to the units of the input returns
 * squared by matching its mean variance to the window's mean sample variance (divisor L).
 *
 * Bad input: fewer rows than the lookback → error; NaN or ±Infinity → error naming the cell, or with
 * `missing: 'drop'` the asset is dropped (reported in `assets`); a column that does not vary over the
 * window → error naming it, or dropped with `missing: 'drop'`; fewer than 2 usable assets → error.
 */

import { denseRiskModel } from '../risk/risk-model';
import type { DenseRiskModel } from '../risk/risk-model';
import { cleanerForward } from './cleaner-float64';
import { lagCoefficientsFromWeights } from './lag-transform';
import type { LagCoefficients } from './lag-transform';
import type { CleanerModel } from './cleaner-model';
import { cleanerWeightValues } from './cleaner-model';

/** Options of {@link cleanCovariance}. */
export interface CleanCovarianceOptions {
  /** 'error' (default): any NaN/∞ or constant column throws; 'drop': such assets are left out. */
  readonly missing?: 'error' | 'drop';
}

/** Result of {@link cleanCovariance}; every per-asset array follows `assets`. */
export interface CleanedCovariance {
  /** Indices (into the input's columns) of the assets kept, ascending. */
  readonly assets: readonly number[];
  /** Σ̃, n × n over the kept assets, in the input returns' units squared. */
  readonly riskModel: DenseRiskModel;
  /** Sample correlation eigenvalues of the lag-transformed window, descending, length n. */
  readonly sampleEigenvalues: Float64Array;
  /** Cleaned correlation eigenvalues at the same positions (sum n). */
  readonly cleanedEigenvalues: Float64Array;
  /** Sample volatility per asset of the raw window (divisor L), input units. */
  readonly sampleVols: Float64Array;
  /** The model's marginal volatility per asset (√diag Σ̃), input units. */
  readonly marginalVols: Float64Array;
  /** Lag weights α_t and clipping β_t, index 0 = lag 1 (the most recent day). */
  readonly lagWeights: LagCoefficients;
  /** The model's GMV weights over the kept assets (sum 1), as in its training loss. */
  readonly gmvWeights: Float64Array;
}

function usableAssets(window: Float64Array, t: number, n: number, start: number, missing: 'error' | 'drop'): number[] {
  const keep: number[] = [];
  for (let j = 0; j < n; j++) {
    let bad = -1;
    let constant = true;
    const first = window[start * n + j];
    for (let row = start; row < t; row++) {
      const value = window[row * n + j];
      if (!Number.isFinite(value)) {
        bad = row;
        break;
      }
      if (value !== first) constant = false;
    }
    if (bad >= 0) {
      if (missing === 'error') throw new Error(`returns[${bad}, ${j}] is ${window[bad * n + j]}: the window must be finite (or pass missing: 'drop')`);
      continue;
    }
    if (constant) {
      if (missing === 'error') throw new Error(`returns column ${j} has zero variance over the last ${t - start} rows (or pass missing: 'drop')`);
      continue;
    }
    keep.push(j);
  }
  return keep;
}

/**
 * Cleans the covariance of the last `lookback` rows of a window.
 *
 * @param model - a created, loaded or trained cleaner.
 * @param returns - T × N row-major daily simple returns (decimals), oldest row first; only the last
 *   L = model.config.lookback rows are read. Not mutated.
 * @throws when T < L, N < 2, arguments are malformed, or (see module comment) the window has
 *   missing or constant columns.
 */
export function cleanCovariance(model: CleanerModel, returns: Float64Array, t: number, n: number, options: CleanCovarianceOptions = {}): CleanedCovariance {
  const lookback = model.config.lookback;
  const missing = options.missing ?? 'error';
  if (missing !== 'error' && missing !== 'drop') throw new Error(`options.missing must be 'error' or 'drop', got ${String(missing)}`);
  if (!(returns instanceof Float64Array)) throw new Error('returns must be a Float64Array (T × N row-major)');
  if (!Number.isInteger(t) || t < 1 || !Number.isInteger(n) || n < 1) throw new Error(`t and n must be positive integers, got t = ${t}, n = ${n}`);
  if (returns.length !== t * n) throw new Error(`returns has length ${returns.length}, expected T × N = ${t} × ${n} = ${t * n}`);
  if (t < lookback) throw new Error(`returns has ${t} observations, fewer than the model's lookback of ${lookback}`);
  const start = t - lookback;
  const assets = usableAssets(returns, t, n, start, missing);
  if (assets.length < 2) throw new Error(`only ${assets.length} asset(s) are usable in the window: the cleaner needs at least 2`);
  const m = assets.length;
  const window = new Float64Array(lookback * m);
  for (let row = 0; row < lookback; row++) {
    for (let k = 0; k < m; k++) window[row * m + k] = returns[(start + row) * n + assets[k]];
  }
  const pass = cleanerForward(model.config, cleanerWeightValues(model), window, m);
  const sampleVols = new Float64Array(m);
  let meanVariance = 0;
  for (let k = 0; k < m; k++) {
    let mean = 0;
    for (let row = 0; row < lookback; row++) mean += window[row * m + k];
    mean /= lookback;
    let variance = 0;
    for (let row = 0; row < lookback; row++) variance += (window[row * m + k] - mean) ** 2;
    sampleVols[k] = Math.sqrt(variance / lookback);
    meanVariance += variance / lookback / m;
  }
  const sigma = correlationModelCovariance(pass.vectors, pass.rank, pass.cleanedEigenvalues, pass.inverseVol, m);
  let meanDiagonal = 0;
  for (let i = 0; i < m; i++) meanDiagonal += sigma[i * m + i] / m;
  const level = meanVariance / meanDiagonal;
  for (let q = 0; q < sigma.length; q++) sigma[q] *= level;
  const marginalVols = new Float64Array(m);
  for (let i = 0; i < m; i++) marginalVols[i] = Math.sqrt(sigma[i * m + i]);
  return {
    assets,
    riskModel: denseRiskModel(sigma, m),
    sampleEigenvalues: pass.sampleEigenvalues,
    cleanedEigenvalues: pass.cleanedEigenvalues,
    sampleVols,
    marginalVols,
    lagWeights: pass.lag,
    gmvWeights: pass.gmvWeights,
  };
}

/** D·[V·diag(λ̃)·Vᵀ + λ̃₀(I − VVᵀ)]·D with D = diag(1/ψ), exactly symmetric. */
function correlationModelCovariance(vectors: Float64Array, rank: number, cleaned: Float64Array, inverseVol: Float64Array, n: number): Float64Array {
  const nullValue = rank < n ? cleaned[rank] : 0;
  const sigma = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < rank; k++) sum += vectors[i * rank + k] * vectors[j * rank + k] * (cleaned[k] - nullValue);
      if (i === j) sum += nullValue;
      const value = sum / (inverseVol[i] * inverseVol[j]);
      sigma[i * n + j] = value;
      sigma[j * n + i] = value;
    }
  }
  return sigma;
}

/** The model's lag weights α_t and clipping β_t, index 0 = lag 1 (for the lag-weight view). */
export function cleanerLagWeights(model: CleanerModel): LagCoefficients {
  return lagCoefficientsFromWeights(model.config, cleanerWeightValues(model));
}
