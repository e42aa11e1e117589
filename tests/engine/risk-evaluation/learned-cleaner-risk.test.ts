import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { cleanCovariance } from '../../../src/main/engine/cleaner/clean-covariance';
import { createCleanerModel } from '../../../src/main/engine/cleaner/cleaner-model';
import { createRandom } from '../../../src/main/engine/data/random';
import { minimumVariance } from '../../../src/main/engine/portfolio/minimum-variance';
import { evaluateRiskModels } from '../../../src/main/engine/risk-evaluation/evaluate-risk-models';
import { learnedCleanerCandidate, learnedCleanerFit } from '../../../src/main/engine/risk-evaluation/learned-cleaner-risk';

const t = 80;
const n = 10;
const random = createRandom(11);
const returns = Float64Array.from({ length: t * n }, () => 0.01 * random.normal());
const model = createCleanerModel({ lookback: 20 }, 3);

describe('the learned cleaner as a risk model', () => {
  it('its Σ̃ gives, through the closed-form GMV, the GMV weights of the cleaner’s own forward pass', () => {
    const window = returns.slice(0, 20 * n);
    const weights = minimumVariance(learnedCleanerFit(model)(window, 20, n)).weights;
    const own = cleanCovariance(model, window, 20, n).gmvWeights;
    for (let i = 0; i < n; i++) {
      const difference = Math.abs(weights[i] - own[i]);
      expect(difference, `w[${i}]: ${weights[i]} vs ${own[i]}, |Δ| = ${difference} > 1e-10`).toBeLessThanOrEqual(1e-10);
    }
  });

  it('runs in the comparison without a failed rebalance, long-short and long-only', () => {
    const dates = Array.from({ length: t }, (_, s) => new Date(Date.UTC(2020, 0, 1 + s)).toISOString().slice(0, 10));
    const assets = Array.from({ length: n }, (_, j) => `A${j}`);
    const result = evaluateRiskModels({ returns, t, n, dates, assets }, { sizes: [n], seed: 0, start: dates[20], lookback: 20, rebalanceEvery: 10, candidates: [learnedCleanerCandidate(model)] });
    expect(result.rows.map((row) => [row.model, row.construction, row.failedRebalances])).toEqual([
      ['learned-cleaner', 'long-short', 0],
      ['learned-cleaner', 'long-only', 0],
    ]);
    for (const row of result.rows) expect(row.volatility).toBeGreaterThan(0);
  });
});
