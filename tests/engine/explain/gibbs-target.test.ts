/**
 * The Gibbs tilt's log-density and the tilted gradient ∇G̃ = ∇G − τ∇log p₀ that MALA's drift uses:
 * ∇G̃ must equal −τ·∇ log p_τ by central differences of gibbsLogDensity.
 */

import { describe, expect, it } from 'vitest';
import { gaussianLogDensity } from '../../../src/main/engine/explain/gaussian-law';
import { gibbsLogDensity, gibbsTiltedGradient } from '../../../src/main/engine/explain/gibbs-target';
import type { GibbsTarget, ProbingFunction } from '../../../src/main/engine/explain/gibbs-target';
import { expectClose, expectScalarClose } from '../linalg/assert-close';
import { K, simulatedPrior } from './gaussian-fixtures';

const { prior, stationary } = simulatedPrior();
const scale = Float64Array.from({ length: K }, (_, i) => 1 / Math.sqrt(stationary.covariance[i * K + i]));
/** A non-quadratic G: softplus of a weighted sum plus a quartic, in standardised units. */
const probe: ProbingFunction = {
  value: (m) => {
    let linear = 0;
    let quartic = 0;
    for (let i = 0; i < K; i++) {
      const z = (m[i] - prior.mean[i]) * scale[i];
      linear += (i % 2 === 0 ? 1 : -0.5) * z;
      quartic += z ** 4;
    }
    return Math.log1p(Math.exp(linear)) + 0.1 * quartic;
  },
  gradient: (m) => {
    let linear = 0;
    for (let i = 0; i < K; i++) linear += (i % 2 === 0 ? 1 : -0.5) * (m[i] - prior.mean[i]) * scale[i];
    const sigmoid = 1 / (1 + Math.exp(-linear));
    return Float64Array.from({ length: K }, (_, i) => {
      const z = (m[i] - prior.mean[i]) * scale[i];
      return (sigmoid * (i % 2 === 0 ? 1 : -0.5) + 0.4 * z ** 3) * scale[i];
    });
  },
};

describe('Gibbs target', () => {
  const target: GibbsTarget = { probe, tau: 0.3, prior };
  const m = prior.mean.map((v, i) => v + (0.7 - 0.15 * i) / scale[i]);

  it('log p_τ(m) = −G(m)/τ + log p₀(m), with G alongside', () => {
    const { logDensity, objective } = gibbsLogDensity(target, m);
    expect(objective).toBe(probe.value(m));
    expectScalarClose(logDensity, -objective / 0.3 + gaussianLogDensity(prior, m), 1e-15, 0, 'log p_τ');
  });

  it('∇G̃ = −τ∇log p_τ by central differences (h = 1e-6 sd, tol 1e-6 relative)', () => {
    const analytic = gibbsTiltedGradient(target, m);
    const numeric = Float64Array.from({ length: K }, (_, i) => {
      const h = 1e-6 / scale[i];
      const up = Float64Array.from(m);
      const down = Float64Array.from(m);
      up[i] += h;
      down[i] -= h;
      return (-0.3 * (gibbsLogDensity(target, up).logDensity - gibbsLogDensity(target, down).logDensity)) / (2 * h);
    });
    expectClose(analytic, numeric, 1e-6, 1e-6 * Math.max(...analytic.map(Math.abs)), '∇G̃');
  });

  it('a non-finite G is zero density; a bad gradient is an error naming the problem', () => {
    const nan: GibbsTarget = { probe: { value: () => Number.NaN }, tau: 1, prior };
    expect(gibbsLogDensity(nan, m).logDensity).toBe(Number.NEGATIVE_INFINITY);
    expect(() => gibbsTiltedGradient(nan, m)).toThrow(/probe.gradient is required/);
    const short: GibbsTarget = { probe: { value: () => 0, gradient: () => new Float64Array(3) }, tau: 1, prior };
    expect(() => gibbsTiltedGradient(short, m)).toThrow(/returned length 3, expected k = 9/);
    const infinite: GibbsTarget = { probe: { value: () => 0, gradient: () => new Float64Array(K).fill(Number.POSITIVE_INFINITY) }, tau: 1, prior };
    expect(() => gibbsTiltedGradient(infinite, m)).toThrow(/\[0\] is Infinity/);
  });
});
