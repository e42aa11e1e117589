/**
 * The prior p₀ of the counterfactual explanations (METHODS §5; Ataş, Aydın, Kıral, Birbil,
 * arXiv 2606.25808): the stationary law N(μ*, Σ*) of a VAR(1) fitted on the macro panel, tilted to
 * the anchor month m̄ as N((μ* + m̄)/2, ½Σ*) — the normalised product N(μ*, Σ*)·N(m̄, Σ*), i.e. the
 * stationary law and a copy centred on the anchor weighted equally.
 */

import { var1Stationary } from '../data/var1';
import type { Var1Fit } from '../data/var1';
import { gaussianLaw } from './gaussian-law';
import type { GaussianLaw } from './gaussian-law';

/** The stationary law and the anchor-tilted prior. */
export interface Var1Prior {
  /** N(μ*, Σ*); its covariance Σ* is the samplers' preconditioner. */
  readonly stationary: GaussianLaw;
  /** p₀ = N((μ* + m̄)/2, ½Σ*). */
  readonly prior: GaussianLaw;
  /** m̄, length k (a copy). */
  readonly anchor: Float64Array;
}

/**
 * Stationary law of `fit` and the prior tilted to `anchor`.
 *
 * @param fit - a stationary VAR(1) fit (data/var1.ts) on k macro variables.
 * @param anchor - m̄, length k, in the units of the fitted panel.
 * @throws when the fit is not stationary, Σ* is not positive definite, or the anchor is malformed.
 */
export function var1Prior(fit: Var1Fit, anchor: Float64Array): Var1Prior {
  const { k } = fit;
  if (anchor.length !== k) throw new Error(`anchor has length ${anchor.length}, expected k = ${k}`);
  for (let i = 0; i < k; i++) {
    if (!Number.isFinite(anchor[i])) throw new Error(`anchor[${i}] is ${anchor[i]}: must be finite`);
  }
  const { mean, covariance } = var1Stationary(fit);
  const stationary = gaussianLaw(mean, covariance, k);
  const tiltedMean = new Float64Array(k);
  for (let i = 0; i < k; i++) tiltedMean[i] = 0.5 * (mean[i] + anchor[i]);
  const halfCovariance = covariance.map((value) => 0.5 * value);
  return { stationary, prior: gaussianLaw(tiltedMean, halfCovariance, k), anchor: Float64Array.from(anchor) };
}
