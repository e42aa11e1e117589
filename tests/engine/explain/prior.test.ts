/**
 * The Gaussian law (log-density and gradient against scipy, gradient against central differences)
 * and the anchor-tilted VAR(1) prior of METHODS §5 (mean, covariance, and the product identity
 * N(μ*, Σ*)·N(m̄, Σ*) ∝ N((μ* + m̄)/2, ½Σ*)).
 */

import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import { fitVar1, var1Stationary } from '../../../src/main/engine/data/var1';
import {
  gaussianGradLogDensity,
  gaussianLaw,
  gaussianLogDensity,
  gaussianMahalanobisSquared,
  sampleGaussian,
} from '../../../src/main/engine/explain/gaussian-law';
import { var1Prior } from '../../../src/main/engine/explain/var1-prior';
import { expectClose, expectScalarClose } from '../linalg/assert-close';
import { loadExplainFixture } from './explain-fixture';
import { K, simulatedVar1 } from './gaussian-fixtures';

const { gaussian } = loadExplainFixture();

describe('gaussianLaw', () => {
  const law = gaussianLaw(Float64Array.from(gaussian.mean), Float64Array.from(gaussian.covariance), gaussian.k);
  const k = gaussian.k;
  const points = Float64Array.from(gaussian.points);

  it('log-density and gradient match scipy.stats.multivariate_normal and −Σ⁻¹(m − μ) to 1e-12', () => {
    for (let p = 0; p < points.length / k; p++) {
      const m = points.slice(p * k, (p + 1) * k);
      expectScalarClose(gaussianLogDensity(law, m), gaussian.logDensity[p], 1e-12, 1e-13, `log density ${p}`);
      expectClose(gaussianGradLogDensity(law, m), gaussian.gradient.slice(p * k, (p + 1) * k), 1e-12, 1e-13, `gradient ${p}`);
    }
  });

  it('gradient matches central differences of the log-density (h = 1e-5, tol 1e-7)', () => {
    const m = points.slice(0, k);
    const gradient = gaussianGradLogDensity(law, m);
    const h = 1e-5;
    const numeric = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      const up = Float64Array.from(m);
      const down = Float64Array.from(m);
      up[i] += h;
      down[i] -= h;
      numeric[i] = (gaussianLogDensity(law, up) - gaussianLogDensity(law, down)) / (2 * h);
    }
    expectClose(gradient, numeric, 1e-7, 1e-8, 'FD gradient');
  });

  it('draws have the law’s mean and covariance within Monte Carlo error (20,000 draws, 5 standard errors)', () => {
    const random = createRandom(3);
    const n = 20000;
    const sums = new Float64Array(k);
    const draws: Float64Array[] = [];
    for (let d = 0; d < n; d++) {
      const x = sampleGaussian(law, random);
      draws.push(x);
      for (let i = 0; i < k; i++) sums[i] += x[i];
    }
    for (let i = 0; i < k; i++) {
      const sd = Math.sqrt(law.covariance[i * k + i]);
      expectScalarClose(sums[i] / n, law.mean[i], 0, (5 * sd) / Math.sqrt(n), `mean ${i}`);
      for (let j = 0; j <= i; j++) {
        let cross = 0;
        for (const x of draws) cross += (x[i] - law.mean[i]) * (x[j] - law.mean[j]);
        const sij = law.covariance[i * k + j];
        const se = Math.sqrt((law.covariance[i * k + i] * law.covariance[j * k + j] + sij * sij) / n);
        expectScalarClose(cross / n, sij, 0, 5 * se, `covariance ${i},${j}`);
      }
    }
  });

  it('Mahalanobis distance of μ + Lz is ‖z‖²', () => {
    const z = Float64Array.from([0.3, -1.2, 0.5, 2]);
    const m = Float64Array.from(law.mean);
    for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) m[i] += law.factor[i * k + j] * z[j];
    expectScalarClose(gaussianMahalanobisSquared(law, m), 0.09 + 1.44 + 0.25 + 4, 1e-12, 0, 'd²');
  });

  it('rejects non-finite, asymmetric, non-positive-definite and mis-shaped input without mutating it', () => {
    const mean = Float64Array.from(gaussian.mean);
    const covariance = Float64Array.from(gaussian.covariance);
    expect(() => gaussianLaw(mean, covariance.slice(1), k)).toThrow(/covariance has length 15/);
    expect(() => gaussianLaw(mean.slice(1), covariance, k)).toThrow(/mean has length 3/);
    const nan = Float64Array.from(covariance);
    nan[5] = Number.NaN;
    expect(() => gaussianLaw(mean, nan, k)).toThrow(/covariance\[1, 1\] is NaN/);
    const asymmetric = Float64Array.from(covariance);
    asymmetric[1] += 0.1;
    expect(() => gaussianLaw(mean, asymmetric, k)).toThrow(/not symmetric/);
    expect(() => gaussianLaw(Float64Array.from([0, 0]), Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/not positive definite/);
    expect(() => gaussianLogDensity(law, Float64Array.from([0, 0, Number.POSITIVE_INFINITY, 0]))).toThrow(/m\[2\] is Infinity/);
    expect(mean).toEqual(Float64Array.from(gaussian.mean));
    expect(covariance).toEqual(Float64Array.from(gaussian.covariance));
  });
});

describe('var1Prior', () => {
  const { fit, data } = simulatedVar1();
  const anchor = data.slice(data.length - K);
  const { stationary, prior } = var1Prior(fit, anchor);
  const reference = var1Stationary(fit);

  it('is N(μ*, Σ*) and N((μ* + m̄)/2, ½Σ*) exactly', () => {
    expectClose(stationary.mean, reference.mean, 0, 0, 'μ*');
    expectClose(stationary.covariance, reference.covariance, 0, 0, 'Σ*');
    expectClose(prior.mean, reference.mean.map((v, i) => 0.5 * (v + anchor[i])), 1e-15, 0, 'prior mean');
    expectClose(prior.covariance, reference.covariance.map((v) => 0.5 * v), 0, 0, 'prior covariance');
  });

  it('is the normalised product N(μ*, Σ*)·N(m̄, Σ*): the log-ratio is the same at every m (1e-9)', () => {
    const anchorLaw = gaussianLaw(anchor, stationary.covariance, K);
    const random = createRandom(11);
    let first = Number.NaN;
    for (let trial = 0; trial < 5; trial++) {
      const m = sampleGaussian(stationary, random);
      const ratio = gaussianLogDensity(stationary, m) + gaussianLogDensity(anchorLaw, m) - gaussianLogDensity(prior, m);
      if (trial === 0) first = ratio;
      else expectScalarClose(ratio, first, 1e-9, 1e-9, `log-ratio at draw ${trial}`);
    }
  });

  it('rejects a non-stationary fit and a malformed anchor', () => {
    const walk = new Float64Array(40 * 2);
    const random = createRandom(5);
    for (let t = 1; t < 40; t++) for (let j = 0; j < 2; j++) walk[t * 2 + j] = 1.02 * walk[(t - 1) * 2 + j] + 0.5 + random.normal();
    const explosive = fitVar1(walk, 40, 2);
    expect(explosive.stationary).toBe(false);
    expect(() => var1Prior(explosive, new Float64Array(2))).toThrow(/not stationary/);
    expect(() => var1Prior(fit, new Float64Array(K - 1))).toThrow(/anchor has length 8/);
    const bad = Float64Array.from(anchor);
    bad[4] = Number.NaN;
    expect(() => var1Prior(fit, bad)).toThrow(/anchor\[4\] is NaN/);
  });
});
