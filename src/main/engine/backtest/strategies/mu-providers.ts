/**
 * Expected-return providers for the mean–variance strategy: given the universe's window (and the
 * view, for providers that read features), return μ̂ for the k universe assets, per period.
 */

import type { PastView, UniverseWindow } from '../past-view';

/** μ̂ of the k universe assets, length k, in the returns' per-period units. */
export type MuProvider = (window: UniverseWindow, view: PastView) => Float64Array;

/** Names usable in a JSON strategy spec. */
export type MuProviderName = 'historical-mean';

/** μ̂_j = (1/L) Σ_t r_tj over the lookback window: the plug-in estimate. */
export const historicalMean: MuProvider = (window) => {
  const { returns, t, k } = window;
  const mu = new Float64Array(k);
  for (let row = 0; row < t; row++) for (let j = 0; j < k; j++) mu[j] += returns[row * k + j];
  for (let j = 0; j < k; j++) mu[j] /= t;
  return mu;
};

export const MU_PROVIDERS: Readonly<Record<MuProviderName, MuProvider>> = { 'historical-mean': historicalMean };
