/**
 * The layout every sampler returns: `chains` sequences of `draws` states in ℝᵏ, row-major
 * chains × draws × k, with the probing function's value at every kept state.
 */

/** Draws of several chains (or ensemble walkers). */
export interface ChainSamples {
  /** Dimension k of the state. */
  readonly k: number;
  /** Number of chains (for the ensemble sampler: walkers). */
  readonly chains: number;
  /** Kept draws per chain. */
  readonly draws: number;
  /** chains × draws × k row-major: state d of chain c at ((c·draws) + d)·k. */
  readonly samples: Float64Array;
  /** G at every kept state, chains × draws row-major. */
  readonly objective: Float64Array;
}

/** @throws unless `chains` is an integer ≥ `minimum`. */
export function assertChainCount(chains: number, minimum: number): number {
  if (!Number.isInteger(chains) || chains < minimum) throw new Error(`chains = ${chains}: must be an integer ≥ ${minimum}`);
  return chains;
}

/** @throws unless `states` is chains × k and finite. */
export function assertInitialStates(states: Float64Array, chains: number, k: number): void {
  if (states.length !== chains * k) throw new Error(`initialStates has length ${states.length}, expected chains × k = ${chains} × ${k}`);
  for (let q = 0; q < states.length; q++) {
    if (!Number.isFinite(states[q])) throw new Error(`initialStates[${Math.floor(q / k)}, ${q % k}] is ${states[q]}: must be finite`);
  }
}

/**
 * One coordinate of the draws as chains × draws row-major, the layout of the diagnostics.
 *
 * @throws when the coordinate is out of range.
 */
export function coordinateDraws(result: ChainSamples, coordinate: number): Float64Array {
  const { k, chains, draws, samples } = result;
  if (!Number.isInteger(coordinate) || coordinate < 0 || coordinate >= k) throw new Error(`coordinate = ${coordinate}: must be an integer in [0, ${k})`);
  const out = new Float64Array(chains * draws);
  for (let q = 0; q < chains * draws; q++) out[q] = samples[q * k + coordinate];
  return out;
}
