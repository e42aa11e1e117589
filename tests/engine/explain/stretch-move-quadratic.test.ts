/**
 * The stretch-move ensemble on the quadratic probe: its Gibbs tilt is a Gaussian in closed form
 * (quadratic-target.ts), matched without gradients. A separate file keeps each under ~20 s.
 */

import { describe, expect, it } from 'vitest';
import { runStretchMove, STRETCH_ACCEPTANCE_BAND } from '../../../src/main/engine/explain/stretch-move';
import { expectGaussianDraws } from './expect-gaussian-draws';
import { simulatedPrior } from './gaussian-fixtures';
import { closedForm, quadratic } from './quadratic-target';

const { prior, stationary } = simulatedPrior();

describe('runStretchMove on a quadratic G', () => {
  it('quadratic G at τ = 0.5 matches its closed-form Gaussian without gradients', () => {
    const { a, b, probe } = quadratic(prior, stationary);
    const result = runStretchMove({ probe: { value: probe.value }, tau: 0.5, prior }, { seed: 37 });
    expect(result.acceptance).toBeGreaterThanOrEqual(STRETCH_ACCEPTANCE_BAND[0]);
    const expected = closedForm(prior, a, b, 0.5);
    expectGaussianDraws(result, expected.mean, expected.covariance, 'stretch, quadratic', 2);
  });

});
