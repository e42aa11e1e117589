/**
 * Preconditioned Metropolis-adjusted Langevin (MALA; Roberts & Tweedie 1996, Bernoulli 2(4);
 * preconditioned as in Girolami & Calderhead 2011, JRSS-B 73(2), §5 with a constant metric)
 * targeting the Gibbs tilt p_τ(m) ∝ exp(−G(m)/τ)·p₀(m) (METHODS §5).
 *
 * Proposal. With log p_τ = −G̃/τ and a constant preconditioner M = Σ* = L_M·L_Mᵀ, the Langevin
 * diffusion dm = M∇log p_τ dt + √2·M^{1/2}dW discretised with time step h = τη gives
 *   m' = m − ηM∇G̃(m) + √(2τη)·L_M·ξ,  ξ ~ N(0, I),
 * METHODS' formula, i.e. q(m'|m) = N(m'; m − ηM∇G̃(m), 2τηM). Any square root of M gives the same
 * law; we use the Cholesky factor.
 * Correction. Accept with probability min(1, α),
 *   log α = log p_τ(m') − log p_τ(m) + log q(m|m') − log q(m'|m),
 *   log q(b|a) = −‖L_M⁻¹(b − a + ηM∇G̃(a))‖² / (4τη) + const,
 * the constants (which depend only on η and M) cancelling. A proposal where G is not finite is
 * rejected.
 * Step size. Adapted only during burn-in, per chain, by Robbins–Monro on log η toward the
 * acceptance probability `targetAcceptance` (gain (t + 1)^{−0.6}, Andrieu & Thoms 2008, Stat.
 * Comput. 18, §4); frozen afterwards, so the kept draws come from one fixed, p_τ-invariant kernel.
 */

import { createRandom } from '../data/random';
import { cholesky } from '../linalg/cholesky';
import { solveLowerTriangular } from '../linalg/triangular';
import { sampleGaussian } from './gaussian-law';
import { assertGibbsTarget, gibbsLogDensity, gibbsTiltedGradient } from './gibbs-target';
import type { GibbsTarget } from './gibbs-target';
import { assertChainCount, assertInitialStates } from './chain-samples';
import type { ChainSamples } from './chain-samples';

/** Options of {@link runMala}. */
export interface MalaOptions {
  /** Number of independent chains; default 4. */
  readonly chains?: number;
  /** Draws kept per chain after burn-in; default 3000 (with the default burn-in, 4000 steps). */
  readonly draws?: number;
  /** Steps discarded per chain while η adapts; default 1000. */
  readonly burnIn?: number;
  /** Seed; chain c uses the stream `createRandom(seed + c)`. Default 1. */
  readonly seed?: number;
  /** Preconditioner M (Σ* in METHODS §5), k × k SPD; default the prior's covariance. */
  readonly preconditioner?: Float64Array;
  /** Initial η; default 0.5·k^{−1/3}/τ (proposal covariance k^{−1/3}·M). */
  readonly initialStepSize?: number;
  /** Acceptance probability the burn-in adapts toward; default 0.55, inside [0.40, 0.70]. */
  readonly targetAcceptance?: number;
  /** Starting states, chains × k row-major; default independent prior draws. */
  readonly initialStates?: Float64Array;
  /** Called after each step with (steps done, steps in total over all chains). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Output of {@link runMala}. */
export interface MalaResult extends ChainSamples {
  /** Post-burn-in acceptance rate per chain, length chains. */
  readonly acceptance: Float64Array;
  /** η per chain after burn-in adaptation, length chains. */
  readonly stepSize: Float64Array;
}

/** The band METHODS §5 asks MALA's acceptance rate to fall in. */
export const MALA_ACCEPTANCE_BAND: readonly [number, number] = [0.4, 0.7];

interface ChainState {
  m: Float64Array;
  logDensity: number;
  objective: number;
  /** ∇G̃(m), kept so the drift can be rebuilt at any η. */
  gradient: Float64Array;
}

function positiveInteger(value: number, name: string, allowZero = false): number {
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) throw new Error(`${name} = ${value}: must be an integer ≥ ${allowZero ? 0 : 1}`);
  return value;
}

/**
 * Runs preconditioned MALA chains on p_τ.
 *
 * @param target - G with its gradient (`probe.gradient` required), τ and the prior p₀ (k-dimensional).
 * @returns draws chains × draws × k row-major, G at every draw, acceptance rates and the adapted η.
 * @throws on malformed options, a missing gradient, a non-SPD preconditioner, or an initial
 *   state where G is not finite.
 */
export function runMala(target: GibbsTarget, options: MalaOptions = {}): MalaResult {
  assertGibbsTarget(target, 'runMala');
  if (target.probe.gradient === undefined) throw new Error('runMala: probe.gradient is required (use runStretchMove for G without gradients)');
  const k = target.prior.k;
  const tau = target.tau;
  const chains = assertChainCount(options.chains ?? 4, 1);
  const draws = positiveInteger(options.draws ?? 3000, 'draws');
  const burnIn = positiveInteger(options.burnIn ?? 1000, 'burnIn', true);
  const seed = options.seed ?? 1;
  const targetAcceptance = options.targetAcceptance ?? 0.55;
  if (!(targetAcceptance > 0 && targetAcceptance < 1)) throw new Error(`targetAcceptance = ${targetAcceptance}: must lie in (0, 1)`);
  const initialStepSize = options.initialStepSize ?? (0.5 * Math.pow(k, -1 / 3)) / tau;
  if (!(Number.isFinite(initialStepSize) && initialStepSize > 0)) throw new Error(`initialStepSize = ${initialStepSize}: must be finite and > 0`);
  const preconditioner = options.preconditioner ?? target.prior.covariance;
  if (preconditioner.length !== k * k) throw new Error(`preconditioner has length ${preconditioner.length}, expected k × k = ${k * k}`);
  const factorResult = cholesky(preconditioner, k);
  if (factorResult.status !== 'ok') throw new Error(`preconditioner is not positive definite (Cholesky pivot ${factorResult.pivot})`);
  const factor = factorResult.factor;
  if (options.initialStates !== undefined) assertInitialStates(options.initialStates, chains, k);

  const samples = new Float64Array(chains * draws * k);
  const objective = new Float64Array(chains * draws);
  const acceptance = new Float64Array(chains);
  const stepSize = new Float64Array(chains);
  const totalSteps = chains * (burnIn + draws);
  let done = 0;

  const preconditionedDrift = (state: ChainState, eta: number): Float64Array => {
    const out = Float64Array.from(state.m);
    for (let i = 0; i < k; i++) {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += preconditioner[i * k + j] * state.gradient[j];
      out[i] -= eta * sum;
    }
    return out;
  };
  const logProposal = (to: Float64Array, driftFrom: Float64Array, eta: number): number => {
    const difference = new Float64Array(k);
    for (let i = 0; i < k; i++) difference[i] = to[i] - driftFrom[i];
    solveLowerTriangular(factor, k, difference, difference);
    let sum = 0;
    for (let i = 0; i < k; i++) sum += difference[i] * difference[i];
    return -sum / (4 * tau * eta);
  };

  for (let c = 0; c < chains; c++) {
    const random = createRandom(seed + c);
    const start = options.initialStates !== undefined ? options.initialStates.slice(c * k, (c + 1) * k) : sampleGaussian(target.prior, random);
    const first = gibbsLogDensity(target, start);
    if (!Number.isFinite(first.logDensity)) throw new Error(`runMala: G at the initial state of chain ${c} is ${first.objective}, must be finite`);
    let state: ChainState = { m: start, logDensity: first.logDensity, objective: first.objective, gradient: gibbsTiltedGradient(target, start) };
    let eta = initialStepSize;
    let accepted = 0;
    const xi = new Float64Array(k);
    for (let step = 0; step < burnIn + draws; step++) {
      const noiseScale = Math.sqrt(2 * tau * eta);
      const drift = preconditionedDrift(state, eta);
      for (let i = 0; i < k; i++) xi[i] = random.normal();
      const proposal = Float64Array.from(drift);
      for (let i = 0; i < k; i++) {
        let sum = 0;
        for (let j = 0; j <= i; j++) sum += factor[i * k + j] * xi[j];
        proposal[i] += noiseScale * sum;
      }
      const proposed = gibbsLogDensity(target, proposal);
      let acceptProbability = 0;
      let candidate: ChainState | undefined;
      if (Number.isFinite(proposed.logDensity)) {
        candidate = { m: proposal, logDensity: proposed.logDensity, objective: proposed.objective, gradient: gibbsTiltedGradient(target, proposal) };
        const reverseDrift = preconditionedDrift(candidate, eta);
        const logAlpha =
          proposed.logDensity - state.logDensity + logProposal(state.m, reverseDrift, eta) - logProposal(proposal, drift, eta);
        acceptProbability = logAlpha >= 0 ? 1 : Math.exp(logAlpha);
      }
      const accept = candidate !== undefined && random.uniform() < acceptProbability;
      if (accept && candidate !== undefined) state = candidate;
      if (step < burnIn) {
        eta *= Math.exp(Math.pow(step + 1, -0.6) * (acceptProbability - targetAcceptance));
      } else {
        if (accept) accepted++;
        const row = c * draws + (step - burnIn);
        samples.set(state.m, row * k);
        objective[row] = state.objective;
      }
      done++;
      options.onProgress?.(done, totalSteps);
    }
    acceptance[c] = accepted / draws;
    stepSize[c] = eta;
  }
  return { k, chains, draws, samples, objective, acceptance, stepSize };
}
