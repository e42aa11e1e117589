/**
 * The data behind the learned cleaner's interpretability views (issue 8, item 6), on one window:
 * - lag weights: the cleaner's per-lag weights against an EWMA with the same half-life;
 * - eigenvalue map: sample correlation eigenvalue → cleaned value, for the cleaner, QIS and RIE;
 * - volatility map: each asset's sample volatility → the cleaner's marginal volatility.
 *
 * Conventions. Lag 1 is the most recent day. Weights are variance weights: a return scaled by α_t
 * enters a covariance with weight α_t², which is what an EWMA's λ^(t−1) weighs. Both profiles are
 * normalised to sum 1 over the L lags. The half-life is the lag by which half of the weight has
 * accumulated (linear interpolation between lags), which for an untruncated EWMA is its half-life.
 * QIS and RIE are applied to the standardised window (each column divided by its sample standard
 * deviation), so both work on the correlation scale, and their map is the Rayleigh quotient
 * u_kᵀ Ĉ u_k of the cleaned matrix along each sample correlation eigenvector u_k — exactly their
 * cleaned eigenvalue for QIS, and RIE's after its unit-diagonal renormalisation. Volatilities are
 * annualised with √`periodsPerYear`.
 */

import { cleanCovariance } from '../cleaner/clean-covariance';
import type { CleanedCovariance } from '../cleaner/clean-covariance';
import type { CleanerModel } from '../cleaner/cleaner-model';
import { qis } from '../risk/estimators/qis';
import { rie } from '../risk/estimators/rie';
import { columnVariances, demeanColumns } from '../risk/estimators/demean';
import { gramSpectrum } from '../risk/estimators/spectrum';
import { assertReturns } from '../risk/estimators/validate-returns';
import { riskQuadForm } from '../risk/risk-ops';

export interface LagWeightsView {
  /** 1..L. */
  readonly lags: number[];
  /** α_t² / Σα², length L. */
  readonly learned: number[];
  /** λ^(t−1) / Σλ^(s−1) with λ = 2^(−1/halfLife), length L. */
  readonly ewma: number[];
  /** Lags by which half of the learned weight has accumulated. */
  readonly halfLife: number;
}

export interface EigenvalueMapSeries {
  readonly name: string;
  /** [sample eigenvalue, cleaned eigenvalue] pairs, sample eigenvalues ascending. */
  readonly points: [number, number][];
}

export interface VolatilityMapView {
  readonly assets: string[];
  /** √A · sample standard deviation (divisor T − 1), per asset. */
  readonly sample: number[];
  /** √A · the cleaner's marginal volatility, per asset. */
  readonly marginal: number[];
}

/**
 * @param alpha - α_t for t = 1..L, finite, not all 0.
 * @throws on an empty or non-finite profile.
 */
export function lagWeightsView(alpha: Float64Array): LagWeightsView {
  const l = alpha.length;
  if (l === 0) throw new Error('alpha is empty: the lag profile needs at least one lag');
  let total = 0;
  for (let k = 0; k < l; k++) {
    if (!Number.isFinite(alpha[k])) throw new Error(`alpha[${k}] is ${alpha[k]}: lag weights must be finite`);
    total += alpha[k] * alpha[k];
  }
  if (!(total > 0)) throw new Error('alpha is all zeros: the lag profile has no weight');
  const learned = Array.from(alpha, (a) => (a * a) / total);
  let halfLife = l;
  let cumulative = 0;
  for (let k = 0; k < l; k++) {
    if (cumulative + learned[k] >= 0.5) {
      halfLife = k + (0.5 - cumulative) / learned[k];
      break;
    }
    cumulative += learned[k];
  }
  const lambda = Math.pow(2, -1 / halfLife);
  const raw = Array.from({ length: l }, (_, k) => Math.pow(lambda, k));
  const sum = raw.reduce((a, b) => a + b, 0);
  return { lags: Array.from({ length: l }, (_, k) => k + 1), learned, ewma: raw.map((w) => w / sum), halfLife };
}

function standardise(returns: Float64Array, t: number, n: number): { z: Float64Array; std: Float64Array } {
  const y = demeanColumns(returns, t, n);
  const variances = columnVariances(y, t, n, t - 1);
  const std = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    if (!(variances[j] > 0)) throw new Error(`returns column ${j} has zero variance: its correlations are undefined`);
    std[j] = Math.sqrt(variances[j]);
  }
  const z = new Float64Array(t * n);
  for (let r = 0; r < t; r++) for (let j = 0; j < n; j++) z[r * n + j] = y[r * n + j] / std[j];
  return { z, std };
}

/**
 * Sample correlation eigenvalues of the window and the QIS and RIE maps on it.
 *
 * @param returns - T × N row-major, finite, T ≥ 12 (QIS's minimum) and no constant column.
 * @returns `sample` (ascending, the m = min(N, T − 1) non-null ones) and one series per estimator.
 */
export function shrinkageEigenvalueMaps(returns: Float64Array, t: number, n: number): { sample: number[]; series: EigenvalueMapSeries[] } {
  assertReturns(returns, t, n, 'shrinkageEigenvalueMaps');
  const { z } = standardise(returns, t, n);
  const spectrum = gramSpectrum(demeanColumns(z, t, n), t, n, t - 1);
  const { m, vectors, values } = spectrum;
  const fits = [
    { name: 'QIS', model: qis(z, t, n).model },
    { name: 'RIE', model: rie(z, t, n).model },
  ];
  const u = new Float64Array(n);
  const series = fits.map(({ name, model }) => {
    const points: [number, number][] = [];
    for (let k = 0; k < m; k++) {
      for (let i = 0; i < n; i++) u[i] = vectors[i * m + k];
      points.push([values[k], riskQuadForm(model, u)]);
    }
    return { name, points };
  });
  return { sample: Array.from(values), series };
}

/** The cleaner's own (sample → cleaned) pairs, sorted by sample eigenvalue. */
export function cleanerEigenvalueSeries(output: Pick<CleanedCovariance, 'sampleEigenvalues' | 'cleanedEigenvalues'>, name = 'Learned cleaner'): EigenvalueMapSeries {
  const { sampleEigenvalues: x, cleanedEigenvalues: y } = output;
  if (x.length !== y.length) throw new Error(`sampleEigenvalues (${x.length}) and cleanedEigenvalues (${y.length}) must have the same length`);
  const order = Array.from(x, (_, k) => k).sort((a, b) => x[a] - x[b]);
  return { name, points: order.map((k) => [x[k], y[k]]) };
}

/**
 * @param returns - T × N row-major daily returns of the window, finite.
 * @param marginalVols - the cleaner's per-asset volatility, length N, in the returns' (daily) units;
 *   annualised here like the sample volatility.
 */
export function volatilityMapView(returns: Float64Array, t: number, n: number, assets: readonly string[], marginalVols: Float64Array, periodsPerYear = 252): VolatilityMapView {
  assertReturns(returns, t, n, 'volatilityMapView');
  if (assets.length !== n || marginalVols.length !== n) throw new Error(`assets (${assets.length}) and marginalVols (${marginalVols.length}) must have length N = ${n}`);
  const variances = columnVariances(demeanColumns(returns, t, n), t, n, t - 1);
  return {
    assets: [...assets],
    sample: Array.from(variances, (v) => Math.sqrt(periodsPerYear * v)),
    marginal: Array.from(marginalVols, (v) => Math.sqrt(periodsPerYear) * v),
  };
}

/** All three views of one window. */
export interface CleanerViewsData {
  /** N assets and L rows the views were computed on. */
  readonly n: number;
  readonly lookback: number;
  readonly lagWeights: LagWeightsView;
  /** Sample → cleaned maps: the learned cleaner, QIS and RIE. */
  readonly eigenvalues: EigenvalueMapSeries[];
  readonly volatility: VolatilityMapView;
}

/**
 * The cleaner applied to the last `model.config.lookback` rows of `returns`, beside QIS and RIE on
 * the same rows.
 *
 * @param returns - T × N row-major daily simple returns, T ≥ the model's lookback, finite and
 *   non-constant over the window (the cleaner's own checks apply).
 */
export function cleanerViews(model: CleanerModel, returns: Float64Array, t: number, n: number, assets: readonly string[], periodsPerYear = 252): CleanerViewsData {
  if (assets.length !== n) throw new Error(`assets has length ${assets.length}, expected N = ${n}`);
  const cleaned = cleanCovariance(model, returns, t, n);
  const lookback = model.config.lookback;
  const window = returns.slice((t - lookback) * n);
  const shrinkage = shrinkageEigenvalueMaps(window, lookback, n);
  return {
    n,
    lookback,
    lagWeights: lagWeightsView(cleaned.lagWeights.alpha),
    eigenvalues: [cleanerEigenvalueSeries(cleaned), ...shrinkage.series],
    volatility: volatilityMapView(window, lookback, n, assets, cleaned.marginalVols, periodsPerYear),
  };
}
