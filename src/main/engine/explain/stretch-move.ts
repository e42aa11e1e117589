/**
 * Affine-invariant ensemble sampler with the stretch move (Goodman & Weare 2010, CAMCoS 5(1),
 * eqs. 7–10), gradient-free, in the parallel form of Foreman-Mackey et al. 2013 (PASP 125, §3):
 * the walkers are split into two halves; each walker X_j of one half moves along the line through a
 * walker X_p drawn uniformly from the other half,
 *   Y = X_p + z·(X_j − X_p),  z ~ g(z) ∝ 1/√z on [1/a, a]  (z = ((a − 1)u + 1)²/a, u ~ U(0, 1)),
 * accepted with probability min(1, z^{k−1}·p_τ(Y)/p_τ(X_j)). Updating one half with the other held
 * fixed keeps the joint ensemble law ∏ p_τ invariant. The move is affine invariant, so it needs no
 * preconditioner and no tuning beyond a (METHODS §5: a = 2, 40 walkers, acceptance [0.20, 0.50]).
 *
 * Walkers are not independent chains: their draws are correlated across the ensemble. The
 * diagnostics treat each walker as a chain, as is common practice; R̂ then checks that every walker
 * has forgotten its start.
 */

import { createRandom } from '../data/random';
import { sampleGaussian } from './gaussian-law';
import { assertGibbsTarget, gibbsLogDensity } from './gibbs-target';
import type { GibbsTarget } from './gibbs-target';
import { assertChainCount, assertInitialStates } from './chain-samples';
import type { ChainSamples } from './chain-samples';

/** Options of {@link runStretchMove}. */
export interface StretchMoveOptions {
  /** Number of walkers, even and ≥ 2k; default 40. */
  readonly walkers?: number;
  /**
   * Draws kept per walker after burn-in; default 5000. Stretch-move autocorrelation times grow
   * with the dimension (about 100 sweeps per walker for a 9-variable Gaussian here), and R̂ over
   * walkers needs tens of effective draws per walker to fall below 1.05.
   */
  readonly draws?: number;
  /** Ensemble sweeps discarded; default 1000. */
  readonly burnIn?: number;
  /** Stretch scale a > 1; default 2. */
  readonly scale?: number;
  /** Seed of the one stream driving the ensemble; default 1. */
  readonly seed?: number;
  /** Starting walkers, walkers × k row-major; default independent prior draws. */
  readonly initialStates?: Float64Array;
  /** Called after each sweep with (sweeps done, sweeps in total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Output of {@link runStretchMove}; `chains` counts walkers. */
export interface StretchMoveResult extends ChainSamples {
  /** Post-burn-in acceptance rate over all walkers. */
  readonly acceptance: number;
}

/** The band METHODS §5 asks the stretch move's acceptance rate to fall in. */
export const STRETCH_ACCEPTANCE_BAND: readonly [number, number] = [0.2, 0.5];

/**
 * Runs the stretch-move ensemble on p_τ; only G is called (no gradient).
 *
 * @returns draws walkers × draws × k row-major, G at every draw, and the acceptance rate.
 * @throws on malformed options (odd or too few walkers, a ≤ 1) or a starting walker where G is not finite.
 */
export function runStretchMove(target: GibbsTarget, options: StretchMoveOptions = {}): StretchMoveResult {
  assertGibbsTarget(target, 'runStretchMove');
  const k = target.prior.k;
  const walkers = assertChainCount(options.walkers ?? 40, 2 * k);
  if (walkers % 2 !== 0) throw new Error(`walkers = ${walkers}: must be even (two halves)`);
  const draws = options.draws ?? 5000;
  if (!Number.isInteger(draws) || draws < 1) throw new Error(`draws = ${draws}: must be an integer ≥ 1`);
  const burnIn = options.burnIn ?? 1000;
  if (!Number.isInteger(burnIn) || burnIn < 0) throw new Error(`burnIn = ${burnIn}: must be an integer ≥ 0`);
  const a = options.scale ?? 2;
  if (!(Number.isFinite(a) && a > 1)) throw new Error(`scale = ${a}: must be finite and > 1`);
  if (options.initialStates !== undefined) assertInitialStates(options.initialStates, walkers, k);
  const random = createRandom(options.seed ?? 1);

  const positions = new Float64Array(walkers * k);
  const logDensity = new Float64Array(walkers);
  const objectiveNow = new Float64Array(walkers);
  for (let w = 0; w < walkers; w++) {
    const start = options.initialStates !== undefined ? options.initialStates.subarray(w * k, (w + 1) * k) : sampleGaussian(target.prior, random);
    positions.set(start, w * k);
    const value = gibbsLogDensity(target, positions.slice(w * k, (w + 1) * k));
    if (!Number.isFinite(value.logDensity)) throw new Error(`runStretchMove: G at the initial state of walker ${w} is ${value.objective}, must be finite`);
    logDensity[w] = value.logDensity;
    objectiveNow[w] = value.objective;
  }

  const half = walkers / 2;
  const samples = new Float64Array(walkers * draws * k);
  const objective = new Float64Array(walkers * draws);
  let accepted = 0;
  const proposal = new Float64Array(k);
  const sweeps = burnIn + draws;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let side = 0; side < 2; side++) {
      const own = side * half;
      const other = (1 - side) * half;
      for (let j = own; j < own + half; j++) {
        const partner = other + Math.floor(random.uniform() * half);
        const u = random.uniform();
        const z = ((a - 1) * u + 1) ** 2 / a;
        for (let i = 0; i < k; i++) proposal[i] = positions[partner * k + i] + z * (positions[j * k + i] - positions[partner * k + i]);
        const value = gibbsLogDensity(target, proposal);
        const logAlpha = (k - 1) * Math.log(z) + value.logDensity - logDensity[j];
        if (Number.isFinite(value.logDensity) && Math.log(random.uniform()) < logAlpha) {
          positions.set(proposal, j * k);
          logDensity[j] = value.logDensity;
          objectiveNow[j] = value.objective;
          if (sweep >= burnIn) accepted++;
        }
      }
    }
    if (sweep >= burnIn) {
      const d = sweep - burnIn;
      for (let w = 0; w < walkers; w++) {
        samples.set(positions.subarray(w * k, (w + 1) * k), (w * draws + d) * k);
        objective[w * draws + d] = objectiveNow[w];
      }
    }
    options.onProgress?.(sweep + 1, sweeps);
  }
  return { k, chains: walkers, draws, samples, objective, acceptance: accepted / (walkers * draws) };
}
