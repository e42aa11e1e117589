/**
 * Reading a counterfactual distribution (METHODS §5 "Reading the result"; issue 7 "Reading it"):
 * each macro variable's shift against the prior p₀ in p₀'s standard units, the generated median,
 * its plausibility as the percentile of its Mahalanobis distance (under the stationary law
 * N(μ*, Σ*)) among the historical months' distances, and the historical months nearest to the
 * generated median in that metric, the anchor excluded.
 */

import { medianOf } from './split-rhat';
import { gaussianMahalanobisSquared } from './gaussian-law';
import type { GaussianLaw } from './gaussian-law';
import type { ChainSamples } from './chain-samples';

/** Options of {@link summariseScenario}. */
export interface ScenarioSummaryOptions {
  /** Row of `history` that is the anchor month (excluded from the analogs); default none. */
  readonly anchorIndex?: number;
  /** Number of nearest historical months; default 5. */
  readonly nearest?: number;
  /** Percentile above which the generated median is flagged implausible; default 0.95. */
  readonly implausibleAbove?: number;
}

/** One macro variable's shift. */
export interface VariableShift {
  /** Pooled mean of the draws. */
  readonly mean: number;
  /** Pooled median of the draws. */
  readonly median: number;
  /** (mean − μ₀)/σ₀ with σ₀ = √(Σ₀)_jj of the prior p₀. */
  readonly shift: number;
}

/** A historical month close to the generated median. */
export interface HistoricalAnalog {
  /** Row of `history`. */
  readonly index: number;
  /** Mahalanobis distance under Σ* to the generated median. */
  readonly distance: number;
}

/** The reading of a counterfactual distribution. */
export interface ScenarioSummary {
  /** Length k. */
  readonly variables: readonly VariableShift[];
  /** Coordinate-wise median of the draws, length k. */
  readonly generatedMedian: Float64Array;
  /** Mahalanobis distance of the generated median from μ* under Σ*. */
  readonly medianDistance: number;
  /** Fraction of historical months whose own distance from μ* is ≤ medianDistance. */
  readonly distancePercentile: number;
  /** distancePercentile > implausibleAbove: a finding for the audit report. */
  readonly implausible: boolean;
  /** Nearest historical months to the generated median, closest first. */
  readonly analogs: readonly HistoricalAnalog[];
}

/**
 * Summarises sampler draws against the prior and history.
 *
 * @param result - draws (chains × draws × k) of the tilted distribution.
 * @param prior - p₀ (its mean and standard deviations define the shifts).
 * @param stationary - N(μ*, Σ*), the metric of plausibility and of the analog search.
 * @param history - the macro state by month, T × k row-major, finite (the panel the VAR was fitted on).
 * @throws on mismatched dimensions, an empty or non-finite history, or bad options.
 */
export function summariseScenario(
  result: ChainSamples,
  prior: GaussianLaw,
  stationary: GaussianLaw,
  history: Float64Array,
  t: number,
  options: ScenarioSummaryOptions = {},
): ScenarioSummary {
  const { k, chains, draws, samples } = result;
  if (prior.k !== k || stationary.k !== k) throw new Error(`prior has k = ${prior.k} and stationary k = ${stationary.k}, the draws k = ${k}`);
  if (!Number.isInteger(t) || t < 1) throw new Error(`t = ${t}: history needs at least one month`);
  if (history.length !== t * k) throw new Error(`history has length ${history.length}, expected t × k = ${t} × ${k}`);
  for (let q = 0; q < history.length; q++) {
    if (!Number.isFinite(history[q])) throw new Error(`history[${Math.floor(q / k)}, ${q % k}] is ${history[q]}: must be finite`);
  }
  const nearest = options.nearest ?? 5;
  if (!Number.isInteger(nearest) || nearest < 0) throw new Error(`nearest = ${nearest}: must be an integer ≥ 0`);
  const implausibleAbove = options.implausibleAbove ?? 0.95;
  if (!(implausibleAbove >= 0 && implausibleAbove <= 1)) throw new Error(`implausibleAbove = ${implausibleAbove}: must lie in [0, 1]`);
  const anchorIndex = options.anchorIndex;
  if (anchorIndex !== undefined && !(Number.isInteger(anchorIndex) && anchorIndex >= 0 && anchorIndex < t)) {
    throw new Error(`anchorIndex = ${anchorIndex}: must be an integer in [0, ${t})`);
  }

  const count = chains * draws;
  const generatedMedian = new Float64Array(k);
  const variables: VariableShift[] = [];
  const column = new Float64Array(count);
  for (let j = 0; j < k; j++) {
    let sum = 0;
    for (let q = 0; q < count; q++) {
      column[q] = samples[q * k + j];
      sum += column[q];
    }
    const mean = sum / count;
    const median = medianOf(column);
    generatedMedian[j] = median;
    variables.push({ mean, median, shift: (mean - prior.mean[j]) / Math.sqrt(prior.covariance[j * k + j]) });
  }

  const medianDistance = Math.sqrt(gaussianMahalanobisSquared(stationary, generatedMedian));
  let within = 0;
  const analogs: HistoricalAnalog[] = [];
  const difference = new Float64Array(k);
  for (let r = 0; r < t; r++) {
    const month = history.subarray(r * k, (r + 1) * k);
    if (Math.sqrt(gaussianMahalanobisSquared(stationary, month)) <= medianDistance) within++;
    if (r === anchorIndex) continue;
    // Shifted by μ* so the law's own centred distance measures month − median under Σ*.
    for (let j = 0; j < k; j++) difference[j] = stationary.mean[j] + month[j] - generatedMedian[j];
    analogs.push({ index: r, distance: Math.sqrt(gaussianMahalanobisSquared(stationary, difference)) });
  }
  analogs.sort((x, y) => x.distance - y.distance || x.index - y.index);
  const distancePercentile = within / t;
  return {
    variables,
    generatedMedian,
    medianDistance,
    distancePercentile,
    implausible: distancePercentile > implausibleAbove,
    analogs: analogs.slice(0, nearest),
  };
}
