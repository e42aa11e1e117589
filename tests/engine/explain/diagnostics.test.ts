/**
 * R̂, ESS, the normal quantile and the KS test against tests/fixtures/explain.py (numpy/scipy,
 * FFT autocovariances), to 1e-10 relative; plus bad input.
 */

import { describe, expect, it } from 'vitest';
import { autocovariance } from '../../../src/main/engine/explain/autocovariance';
import { bulkEss, essOfChains, meanEss } from '../../../src/main/engine/explain/effective-sample-size';
import { kolmogorovUpperTail, ksTestNormal } from '../../../src/main/engine/explain/ks-test';
import { diagnoseSamples } from '../../../src/main/engine/explain/mcmc-diagnostics';
import { normalQuantile } from '../../../src/main/engine/explain/normal-quantile';
import { rankNormalisedSplitRhat, rankNormalScores, splitRhat } from '../../../src/main/engine/explain/split-rhat';
import { expectClose, expectScalarClose } from '../linalg/assert-close';
import { loadExplainFixture } from './explain-fixture';

const fixture = loadExplainFixture();

describe('normalQuantile', () => {
  it('matches scipy.special.ndtri to 1e-14 relative from p = 1e-300 to 1 − 1e-12', () => {
    for (const { p, x } of fixture.quantiles) expectScalarClose(normalQuantile(p), x, 1e-14, 1e-15, `Φ⁻¹(${p})`);
  });
  it('maps 0 and 1 to ∓∞ and rejects p outside [0, 1] or NaN', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(1.5)).toThrow(/p = 1.5/);
    expect(() => normalQuantile(Number.NaN)).toThrow(/p = NaN/);
  });
});

describe('R̂ and ESS against the numpy reference', () => {
  for (const c of fixture.diagnostics) {
    it(`${c.name}: split-R̂, rank-normalised R̂ (bulk, tail), bulk ESS, mean ESS, plain ESS to 1e-10`, () => {
      const values = Float64Array.from(c.values);
      const rank = rankNormalisedSplitRhat(values, c.chains, c.draws);
      expectScalarClose(splitRhat(values, c.chains, c.draws), c.splitRhat, 1e-10, 0, 'split-R̂');
      expectScalarClose(rank.bulk, c.rhatBulk, 1e-10, 0, 'bulk R̂');
      expectScalarClose(rank.tail, c.rhatTail, 1e-10, 0, 'tail R̂');
      expect(rank.rhat).toBe(Math.max(rank.bulk, rank.tail));
      expectScalarClose(bulkEss(values, c.chains, c.draws), c.essBulk, 1e-10, 0, 'bulk ESS');
      expectScalarClose(meanEss(values, c.chains, c.draws), c.essMean, 1e-10, 0, 'mean ESS');
      expectScalarClose(essOfChains(values, c.chains, c.draws), c.essPlain, 1e-10, 0, 'plain ESS');
    });
  }

  it('flags chains stuck at different levels (R̂ far above 1.05) and passes well-mixed ones', () => {
    const shifted = fixture.diagnostics.find((c) => c.name === 'shifted-3x300');
    const iid = fixture.diagnostics.find((c) => c.name === 'iid-4x400');
    if (shifted === undefined || iid === undefined) throw new Error('fixture cases missing');
    expect(splitRhat(Float64Array.from(shifted.values), 3, 300)).toBeGreaterThan(1.05);
    const result = diagnoseSamples({ k: 1, chains: 4, draws: 400, samples: Float64Array.from(iid.values), objective: new Float64Array(1600) });
    expect(result.worstRhat).toBeLessThan(1.05);
    expect(result.worstEss).toBeGreaterThan(1000);
    expect(result.passed).toBe(true);
  });

  it('gives tied values their average normal score', () => {
    const scores = rankNormalScores(Float64Array.from([3, 1, 3, 2]));
    expect(scores[0]).toBe(scores[2]);
    expectScalarClose(scores[0], normalQuantile((3.5 - 0.375) / 4.25), 1e-15, 0, 'tied score');
  });

  it('returns NaN for constant chains and rejects bad shapes or non-finite draws', () => {
    expect(splitRhat(new Float64Array(40).fill(2), 4, 10)).toBeNaN();
    expect(essOfChains(new Float64Array(40).fill(2), 4, 10)).toBeNaN();
    expect(() => splitRhat(new Float64Array(39), 4, 10)).toThrow(/length 39/);
    expect(() => bulkEss(new Float64Array(12), 4, 3)).toThrow(/draws = 3/);
    const bad = new Float64Array(40);
    bad[13] = Number.NaN;
    expect(() => meanEss(bad, 4, 10)).toThrow(/values\[1, 3\] is NaN/);
    bad[13] = Number.POSITIVE_INFINITY;
    expect(() => splitRhat(bad, 4, 10)).toThrow(/Infinity/);
  });

  it('does not mutate its input', () => {
    const values = Float64Array.from(fixture.diagnostics[0].values);
    const copy = Float64Array.from(values);
    rankNormalisedSplitRhat(values, 4, 400);
    bulkEss(values, 4, 400);
    expect(values).toEqual(copy);
  });
});

describe('Kolmogorov–Smirnov', () => {
  it('Kolmogorov upper tail matches scipy.stats.kstwobign.sf on both sides of the series switch', () => {
    for (const { lambda, sf } of fixture.kolmogorov) expectScalarClose(kolmogorovUpperTail(lambda), sf, 1e-10, 1e-15, `Q(${lambda})`);
  });
  it('statistic and asymptotic p-value match scipy.stats.kstest(method="asymp")', () => {
    for (const [index, c] of fixture.ks.entries()) {
      const result = ksTestNormal(Float64Array.from(c.values), c.mean, c.sd);
      expectScalarClose(result.statistic, c.statistic, 1e-13, 0, `D, case ${index}`);
      expectScalarClose(result.pValue, c.pValue, 1e-10, 1e-15, `p, case ${index}`);
    }
  });
  it('rejects empty input, non-finite values and sd ≤ 0', () => {
    expect(() => ksTestNormal(new Float64Array(0), 0, 1)).toThrow(/empty/);
    expect(() => ksTestNormal(Float64Array.from([0, Number.NaN]), 0, 1)).toThrow(/values\[1\] is NaN/);
    expect(() => ksTestNormal(Float64Array.from([0]), 0, 0)).toThrow(/sd = 0/);
  });
});

describe('autocovariance', () => {
  it('FFT route equals the lag sums (1/n)·Σ x_i x_{i+t} to 1e-13 of γ̂(0), for n = 1, 7, 64, 1000', () => {
    for (const n of [1, 7, 64, 1000]) {
      const x = Float64Array.from({ length: n }, (_, i) => Math.sin(1.3 * i) + 0.1 * ((i * 7919) % 13) - 0.6);
      const fast = autocovariance(x);
      const direct = Float64Array.from({ length: n }, (_, t) => {
        let sum = 0;
        for (let i = 0; i + t < n; i++) sum += x[i] * x[i + t];
        return sum / n;
      });
      expectClose(fast, direct, 0, 1e-13 * direct[0], `autocovariance n = ${n}`);
    }
  });
});
