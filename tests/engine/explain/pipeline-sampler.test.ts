/**
 * Sampler correctness on the real probe path (METHODS §5 "Sampler sanity"): a frozen pipeline
 * (synthetic-frozen.ts) through pipelineMap, questionProbe and the job's explainPipeline / runMala.
 * - G ≡ 0 (μ̂ does not depend on m): explainPipeline's tilted law is the prior — its per-variable
 *   mean, sd and quantiles, and runMala's draws with the same target pass moments + KS;
 * - benchmark G = (wᵀr − b)² with w(m) affine (interior QP): a quadratic G, whose tilt is the
 *   closed-form Gaussian (quadratic-target.ts's closedForm with B = 2aaᵀ);
 * - a pipeline without gradients falls back to the stretch move and still reports diagnostics.
 */
import { describe, expect, it } from 'vitest';
import { fitVar1 } from '../../../src/main/engine/data/var1';
import { createRandom } from '../../../src/main/engine/data/random';
import { explainPipeline } from '../../../src/main/engine/explain/explain-pipeline';
import { sampleGaussian } from '../../../src/main/engine/explain/gaussian-law';
import { runMala } from '../../../src/main/engine/explain/mala';
import { normalQuantile } from '../../../src/main/engine/explain/normal-quantile';
import { pipelineMap, type PipelineMap } from '../../../src/main/engine/explain/pipeline-probe';
import { questionProbe } from '../../../src/main/engine/explain/question-probe';
import { var1Prior } from '../../../src/main/engine/explain/var1-prior';
import { expectScalarClose } from '../linalg/assert-close';
import { expectGaussianDraws } from './expect-gaussian-draws';
import { K } from './gaussian-fixtures';
import { closedForm } from './quadratic-target';
import { syntheticFrozen } from './synthetic-frozen';

const CHAINS = 4;
const STEPS = 1200;

function priorOf(map: PipelineMap) {
  const { frozen } = map;
  return var1Prior(fitVar1(frozen.macroHistory, frozen.historyMonths.length, K), frozen.anchorMacro);
}

describe('explain sampler on the pipeline probe path', () => {
  it('the QP stays interior over the prior, so w(m) is affine and G is what the closed forms assume', () => {
    const map = pipelineMap(syntheticFrozen(0.002));
    const { prior } = priorOf(map);
    const random = createRandom(5);
    let smallest = Infinity;
    for (let q = 0; q < 200; q++) {
      const e = map.evaluate(sampleGaussian(prior, random));
      expect(e.ok).toBe(true);
      smallest = Math.min(smallest, ...e.w);
    }
    expect(smallest, `smallest weight over 200 prior draws ${smallest}, must stay above 0.005`).toBeGreaterThan(0.005);
  });

  it('G ≡ 0: explainPipeline returns the prior (mean within 5 MCSE, sd and quantiles within Monte Carlo error)', () => {
    const map = pipelineMap(syntheticFrozen(0));
    const { prior } = priorOf(map);
    const result = explainPipeline([map], { question: 'concentration', direction: 'decrease', tau: 0.5, chains: CHAINS, steps: STEPS, seed: 3, nfci: null });
    expect(result.diagnostics.sampler).toBe('mala');
    expect(result.diagnostics.passed, `R̂ ${result.diagnostics.worstRhat}, ESS ${result.diagnostics.worstEss}`).toBe(true);
    expect(result.findings.some((f) => /does not vary under the prior/.test(f.message))).toBe(true);
    result.variables.forEach((v, j) => {
      const sd = Math.sqrt(prior.covariance[j * K + j]);
      const mean = prior.mean[j];
      expectScalarClose(v.posterior.mean, mean, 0, 5 * v.mcseMean, `${v.name}: mean (5 MCSE)`);
      // sd of the sample sd ≈ sd/√(2·ESS); a quantile's ≈ √(q(1 − q))/(φ(z_q)·√ESS)·sd.
      expectScalarClose(v.posterior.sd, sd, 0, (5 * sd) / Math.sqrt(2 * v.essBulk), `${v.name}: sd`);
      for (const [q, value] of [[0.05, v.posterior.q05], [0.5, v.posterior.q50], [0.95, v.posterior.q95]] as const) {
        const z = normalQuantile(q);
        const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        expectScalarClose(value, mean + z * sd, 0, (5 * sd * Math.sqrt(q * (1 - q))) / (density * Math.sqrt(v.essBulk)), `${v.name}: q${q}`);
      }
    });
  });

  it('G ≡ 0: runMala on the same target gives draws with the prior moments and a passing KS test per coordinate', () => {
    const map = pipelineMap(syntheticFrozen(0));
    const { prior } = priorOf(map);
    const probe = questionProbe([map], { question: 'concentration', direction: 'decrease' });
    const result = runMala({ probe: { value: probe.value, gradient: probe.gradient }, tau: 0.5, prior }, { chains: CHAINS, burnIn: STEPS / 4, draws: (3 * STEPS) / 4, seed: 9 });
    expectGaussianDraws(result, prior.mean, prior.covariance, 'G ≡ 0 through the pipeline');
  });

  it('quadratic G = (wᵀr − b)² with affine w(m): runMala and explainPipeline match the closed-form Gaussian', () => {
    const map = pipelineMap(syntheticFrozen(0.002));
    const { prior } = priorOf(map);
    const realised = map.frozen.realised;
    const anchor = map.frozen.anchorMacro;
    const outcomeAt = (m: Float64Array): number => map.evaluate(m).w.reduce((sum, w, i) => sum + w * realised[i], 0);
    const a = map.backward(map.evaluate(anchor), realised);
    // wᵀr = aᵀm + c₀ exactly, so G = ½(m − m*)ᵀ(2aaᵀ)(m − m*) with aᵀm* = b − c₀.
    let variance = 0;
    for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) variance += a[i] * prior.covariance[i * K + j] * a[j];
    // b one prior sd of wᵀr above the anchor's: the tilt moves the law without leaving the interior.
    const b = outcomeAt(anchor) + Math.sqrt(variance);
    const c0 = outcomeAt(anchor) - a.reduce((sum, ai, j) => sum + ai * anchor[j], 0);
    const norm2 = a.reduce((sum, ai) => sum + ai * ai, 0);
    const center = a.map((ai) => (ai * (b - c0)) / norm2);
    const bMatrix = new Float64Array(K * K);
    for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) bMatrix[i * K + j] = 2 * a[i] * a[j];
    const tau = variance;
    const expected = closedForm(prior, center, bMatrix, tau);
    const probe = questionProbe([map], { question: 'benchmark', direction: 'decrease', benchmark: b });
    const affine = map.frozen.anchorMacro.map((v, j) => v + 0.3 * Math.sqrt(prior.covariance[j * K + j]));
    expectScalarClose(outcomeAt(affine), c0 + a.reduce((sum, ai, j) => sum + ai * affine[j], 0), 0, 1e-10, 'wᵀr affine in m');
    const draws = runMala({ probe: { value: probe.value, gradient: probe.gradient }, tau, prior }, { chains: CHAINS, burnIn: STEPS / 4, draws: (3 * STEPS) / 4, seed: 21 });
    expectGaussianDraws(draws, expected.mean, expected.covariance, 'quadratic G through the pipeline');

    // explainPipeline divides G by its prior sd (probeScale): the same closed form with τ·probeScale.
    const explained = explainPipeline([map], { question: 'benchmark', direction: 'decrease', benchmark: b, tau: 1, chains: CHAINS, steps: STEPS, seed: 4, nfci: null });
    const scaled = closedForm(prior, center, bMatrix, explained.probeScale);
    explained.variables.forEach((v, j) => {
      expectScalarClose(v.posterior.mean, scaled.mean[j], 0, 5 * v.mcseMean, `explainPipeline ${v.name}: mean (5 MCSE)`);
      const sd = Math.sqrt(scaled.covariance[j * K + j]);
      expectScalarClose(v.posterior.sd, sd, 0, (5 * sd) / Math.sqrt(2 * v.essBulk), `explainPipeline ${v.name}: sd`);
    });
  });

  it('a pipeline without gradients falls back to the stretch move and reports diagnostics', () => {
    const map = pipelineMap(syntheticFrozen(0.002));
    const gradientFree: PipelineMap = {
      ...map,
      backward: () => {
        throw new Error('gradient unavailable: this predictor has no backward pass');
      },
    };
    const result = explainPipeline([gradientFree], { question: 'benchmark', direction: 'decrease', tau: 0.5, chains: CHAINS, steps: 400, seed: 5, nfci: null });
    const d = result.diagnostics;
    expect(d.sampler).toBe('stretch-move');
    expect(d.acceptance).toHaveLength(1);
    expect(d.acceptanceBand).toEqual([0.2, 0.5]);
    expect(Number.isFinite(d.worstRhat) && Number.isFinite(d.worstEss), `R̂ ${d.worstRhat}, ESS ${d.worstEss}`).toBe(true);
    expect(d.chains).toBeGreaterThanOrEqual(2 * K + 2);
    expect(result.findings.some((f) => /gradient-free stretch move was used/.test(f.message))).toBe(true);
    expect(result.variables.every((v) => Number.isFinite(v.posterior.mean) && Number.isFinite(v.rhat))).toBe(true);
  });
});
