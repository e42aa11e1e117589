/**
 * The stretch-move ensemble (gradient-free) on targets with known laws (METHODS §5 "sampler
 * sanity"): G ≡ 0 returns the prior (the quadratic case is in stretch-move-quadratic.test.ts).
 * Prior: a VAR(1) fitted on a simulated 9-variable panel, tilted to its last month.
 */

import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import type { GibbsTarget } from '../../../src/main/engine/explain/gibbs-target';
import { runStretchMove, STRETCH_ACCEPTANCE_BAND } from '../../../src/main/engine/explain/stretch-move';
import { expectGaussianDraws } from './expect-gaussian-draws';
import { K, simulatedPrior } from './gaussian-fixtures';

const { prior } = simulatedPrior();

describe('runStretchMove', () => {
  it('G ≡ 0 returns the prior (40 walkers, a = 2): moments, KS, gates, acceptance in [0.20, 0.50]', () => {
    const result = runStretchMove({ probe: { value: () => 0 }, tau: 1, prior }, { seed: 31 });
    expect(result.acceptance).toBeGreaterThanOrEqual(STRETCH_ACCEPTANCE_BAND[0]);
    expect(result.acceptance).toBeLessThanOrEqual(STRETCH_ACCEPTANCE_BAND[1]);
    expectGaussianDraws(result, prior.mean, prior.covariance, 'stretch, G ≡ 0', 2);
  });

  it('is deterministic for a seed and rejects odd or too few walkers, a ≤ 1 and bad starts', () => {
    const target: GibbsTarget = { probe: { value: () => 0 }, tau: 1, prior };
    const first = runStretchMove(target, { draws: 20, burnIn: 5, seed: 4 });
    expect(runStretchMove(target, { draws: 20, burnIn: 5, seed: 4 }).samples).toEqual(first.samples);
    expect(() => runStretchMove(target, { walkers: 41 })).toThrow(/walkers = 41: must be even/);
    expect(() => runStretchMove(target, { walkers: 16 })).toThrow(/chains = 16: must be an integer ≥ 18/);
    expect(() => runStretchMove(target, { scale: 1 })).toThrow(/scale = 1/);
    const starts = new Float64Array(40 * K);
    const random = createRandom(2);
    for (let q = 0; q < starts.length; q++) starts[q] = random.normal();
    const startsCopy = Float64Array.from(starts);
    runStretchMove(target, { draws: 10, burnIn: 0, initialStates: starts });
    expect(starts, 'initial states not mutated').toEqual(startsCopy);
    starts[5] = Number.NaN;
    expect(() => runStretchMove(target, { initialStates: starts })).toThrow(/initialStates\[0, 5\] is NaN/);
  });
});
