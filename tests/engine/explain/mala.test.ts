/**
 * Preconditioned MALA on targets with known laws (METHODS §5 "sampler sanity"):
 * G ≡ 0 returns the prior; G(m) = ½(m − a)ᵀB(m − a) gives the Gaussian with precision
 * Λ = B/τ + Σ₀⁻¹ and mean Λ⁻¹(Ba/τ + Σ₀⁻¹μ₀) (product of two Gaussian kernels).
 * Prior: a VAR(1) fitted on a simulated 9-variable panel, tilted to its last month.
 */

import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import { gaussianLaw, sampleGaussian } from '../../../src/main/engine/explain/gaussian-law';
import type { GibbsTarget, ProbingFunction } from '../../../src/main/engine/explain/gibbs-target';
import { MALA_ACCEPTANCE_BAND, runMala } from '../../../src/main/engine/explain/mala';
import { expectGaussianDraws } from './expect-gaussian-draws';
import { K, simulatedPrior } from './gaussian-fixtures';
import { closedForm, quadratic } from './quadratic-target';

const { prior, stationary } = simulatedPrior();
const zero: ProbingFunction = { value: () => 0, gradient: () => new Float64Array(K) };

describe('runMala', () => {
  it('G ≡ 0 returns the prior: moments within 5 MCSE, KS p > 0.01, gates and acceptance band met', () => {
    const result = runMala({ probe: zero, tau: 1, prior }, { chains: 4, draws: 3000, burnIn: 1000, seed: 17, preconditioner: stationary.covariance });
    for (const rate of result.acceptance) {
      expect(rate, `acceptance ${rate} in [0.40, 0.70]`).toBeGreaterThanOrEqual(MALA_ACCEPTANCE_BAND[0]);
      expect(rate).toBeLessThanOrEqual(MALA_ACCEPTANCE_BAND[1]);
    }
    expectGaussianDraws(result, prior.mean, prior.covariance, 'MALA, G ≡ 0');
  });

  for (const tau of [1, 0.2]) {
    it(`quadratic G at τ = ${tau} matches its closed-form Gaussian`, () => {
      const { a, b, probe } = quadratic(prior, stationary);
      const target: GibbsTarget = { probe, tau, prior };
      const result = runMala(target, { seed: 23, preconditioner: stationary.covariance });
      for (const rate of result.acceptance) expect(rate, `acceptance ${rate}`).toBeGreaterThanOrEqual(MALA_ACCEPTANCE_BAND[0]);
      const expected = closedForm(prior, a, b, tau);
      expectGaussianDraws(result, expected.mean, expected.covariance, `MALA, quadratic τ = ${tau}`);
      for (let q = 0; q < result.objective.length; q += 997) {
        expect(result.objective[q]).toBe(probe.value(result.samples.slice(q * K, (q + 1) * K)));
      }
    });
  }

  it('keeps the Metropolis correction exact at a fixed step twice the adapted one (acceptance ≈ 0.25)', () => {
    const { a, b, probe } = quadratic(prior, stationary);
    const expected = closedForm(prior, a, b, 1);
    const exact = gaussianLaw(expected.mean, expected.covariance, K);
    const random = createRandom(8);
    const starts = new Float64Array(4 * K);
    for (let c = 0; c < 4; c++) starts.set(sampleGaussian(exact, random), c * K);
    const result = runMala(
      { probe, tau: 1, prior },
      { burnIn: 0, draws: 5000, initialStepSize: 0.15, seed: 5, preconditioner: stationary.covariance, initialStates: starts },
    );
    expect(Array.from(result.stepSize)).toEqual([0.15, 0.15, 0.15, 0.15]);
    expect(Math.max(...result.acceptance), 'step above the adapted one').toBeLessThan(0.35);
    expectGaussianDraws(result, expected.mean, expected.covariance, 'MALA at a fixed large step');
  });

  it('is deterministic for a seed and adapts η only during burn-in', () => {
    const options = { chains: 2, draws: 50, burnIn: 30, seed: 9 };
    const first = runMala({ probe: zero, tau: 1, prior }, options);
    const second = runMala({ probe: zero, tau: 1, prior }, options);
    expect(second.samples).toEqual(first.samples);
    const frozen = runMala({ probe: zero, tau: 1, prior }, { ...options, burnIn: 0, initialStepSize: 0.3 });
    expect(Array.from(frozen.stepSize)).toEqual([0.3, 0.3]);
    expect(first.stepSize[0]).not.toBe(0.3);
  });

  it('reports progress and rejects a missing gradient, bad τ, a non-SPD preconditioner, bad starts', () => {
    const calls: number[] = [];
    runMala({ probe: zero, tau: 1, prior }, { chains: 1, draws: 5, burnIn: 2, onProgress: (done, total) => calls.push(done / total) });
    expect(calls.length).toBe(7);
    expect(calls[6]).toBe(1);
    expect(() => runMala({ probe: { value: () => 0 }, tau: 1, prior })).toThrow(/probe.gradient is required/);
    expect(() => runMala({ probe: zero, tau: 0, prior })).toThrow(/tau = 0/);
    expect(() => runMala({ probe: zero, tau: Number.NaN, prior })).toThrow(/tau = NaN/);
    expect(() => runMala({ probe: zero, tau: 1, prior }, { preconditioner: new Float64Array(K * K) })).toThrow(/preconditioner is not positive definite/);
    expect(() => runMala({ probe: zero, tau: 1, prior }, { chains: 2, initialStates: new Float64Array(K) })).toThrow(/initialStates has length 9/);
    expect(() => runMala({ probe: zero, tau: 1, prior }, { draws: 0 })).toThrow(/draws = 0/);
    const infinite: ProbingFunction = { value: () => Number.POSITIVE_INFINITY, gradient: () => new Float64Array(K) };
    expect(() => runMala({ probe: infinite, tau: 1, prior }, { chains: 1 })).toThrow(/initial state of chain 0 is Infinity/);
  });

  it('does not mutate its starting states, preconditioner or prior', () => {
    const starts = new Float64Array(2 * K);
    for (let c = 0; c < 2; c++) starts.set(prior.mean, c * K);
    const startsCopy = Float64Array.from(starts);
    const preconditioner = Float64Array.from(stationary.covariance);
    const priorMean = Float64Array.from(prior.mean);
    runMala({ probe: zero, tau: 1, prior }, { chains: 2, draws: 20, burnIn: 10, initialStates: starts, preconditioner });
    expect(starts).toEqual(startsCopy);
    expect(preconditioner).toEqual(stationary.covariance);
    expect(prior.mean).toEqual(priorMean);
  });

  it('never enters a region where G is not finite', () => {
    const wall: ProbingFunction = { value: (m) => (m[0] > prior.mean[0] ? Number.NaN : 0), gradient: () => new Float64Array(K) };
    const start = new Float64Array(2 * K);
    for (let c = 0; c < 2; c++) start.set(prior.mean.map((v, i) => (i === 0 ? v - 0.1 : v)), c * K);
    const result = runMala({ probe: wall, tau: 1, prior }, { chains: 2, draws: 500, burnIn: 100, initialStates: start });
    for (let q = 0; q < result.chains * result.draws; q++) expect(result.samples[q * K]).toBeLessThanOrEqual(prior.mean[0]);
  });
});
