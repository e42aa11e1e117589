/**
 * The Gibbs tilt p_τ(m) ∝ exp(−G(m)/τ)·p₀(m) (METHODS §5: the unique minimiser of
 * E_p[G] + τ·KL(p‖p₀)), shared by the samplers. Its unnormalised log-density is
 * log p_τ(m) = −G(m)/τ + log p₀(m) = −G̃(m)/τ with G̃ = G − τ·log p₀.
 */

import { gaussianGradLogDensity, gaussianLogDensity } from './gaussian-law';
import type { GaussianLaw } from './gaussian-law';

/**
 * A probing function G: ℝᵏ → ℝ over the macro state, with an optional exact gradient. MALA calls
 * `value(m)` and then `gradient(m)` at the same m, so a probe whose two share work (one QP solve
 * for w(m) and its backward pass) should keep its last m and reuse the solve.
 */
export interface ProbingFunction {
  /** G(m); a non-finite value marks m as impossible (zero target density). Must not mutate m. */
  readonly value: (m: Float64Array) => number;
  /** ∇G(m), length k; must not mutate m. Required by MALA, unused by the stretch move. */
  readonly gradient?: (m: Float64Array) => Float64Array;
}

/** The tilted target p_τ. */
export interface GibbsTarget {
  readonly probe: ProbingFunction;
  /** Temperature τ > 0. */
  readonly tau: number;
  /** The prior p₀. */
  readonly prior: GaussianLaw;
}

/**
 * Checks a target's shape: τ finite and > 0, callable G.
 *
 * @throws naming the offending field.
 */
export function assertGibbsTarget(target: GibbsTarget, who: string): void {
  if (!(Number.isFinite(target.tau) && target.tau > 0)) throw new Error(`${who}: tau = ${target.tau}, must be finite and > 0`);
  if (typeof target.probe?.value !== 'function') throw new Error(`${who}: probe.value must be a function G(m)`);
}

/** log p_τ(m) up to a constant, with G(m) alongside; −Infinity when G(m) is not finite. */
export function gibbsLogDensity(target: GibbsTarget, m: Float64Array): { logDensity: number; objective: number } {
  const objective = target.probe.value(m);
  if (!Number.isFinite(objective)) return { logDensity: Number.NEGATIVE_INFINITY, objective };
  return { logDensity: -objective / target.tau + gaussianLogDensity(target.prior, m), objective };
}

/**
 * ∇G̃(m) = ∇G(m) − τ∇log p₀(m) = ∇G(m) + τΣ₀⁻¹(m − μ₀), length k.
 *
 * @throws when the target has no gradient or ∇G(m) has the wrong length or is not finite.
 */
export function gibbsTiltedGradient(target: GibbsTarget, m: Float64Array): Float64Array {
  const { gradient } = target.probe;
  if (gradient === undefined) throw new Error('probe.gradient is required for a gradient-based sampler');
  const k = target.prior.k;
  const grad = gradient(m);
  if (grad.length !== k) throw new Error(`probe.gradient returned length ${grad.length}, expected k = ${k}`);
  const priorGrad = gaussianGradLogDensity(target.prior, m);
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    if (!Number.isFinite(grad[i])) throw new Error(`probe.gradient(m)[${i}] is ${grad[i]}: must be finite where G(m) is finite`);
    out[i] = grad[i] - target.tau * priorGrad[i];
  }
  return out;
}
