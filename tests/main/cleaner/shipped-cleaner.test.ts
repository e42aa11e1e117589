/** The shipped weights: they load, match the model card's architecture, and give a usable Σ̃ at a size beyond training. */
import { describe, expect, it } from 'vitest';
import { loadShippedCleaner } from '../../../src/main/cleaner/shipped-cleaner';
import { cleanCovariance } from '../../../src/main/engine/cleaner/clean-covariance';
import { cleanerParameterCount } from '../../../src/main/engine/cleaner/cleaner-model';
import { createRandom } from '../../../src/main/engine/data/random';
import { riskSolver } from '../../../src/main/engine/risk/risk-ops';
import { runtimeLayout } from '../../../src/main/platform/layout';
import { selectTfBackend } from '../../../src/main/platform/tf-backend';

describe('shipped cleaner', () => {
  it('resources/models/cleaner-v1.json: 2,751 parameters, lookback 252, a positive definite Σ̃ for N = 500 > 400', async () => {
    await selectTfBackend();
    const { resourcesDir } = runtimeLayout(new URL('../../../src/main/cli-entry.ts', import.meta.url).href);
    const model = loadShippedCleaner(resourcesDir);
    try {
      expect(cleanerParameterCount(model)).toBe(2751);
      expect(model.config).toMatchObject({ lagForm: 'compact', cell: 'lstm', lookback: 252, units: 16 });
      const t = 252;
      const n = 500;
      const random = createRandom(12);
      const returns = new Float64Array(t * n);
      for (let row = 0; row < t; row++) {
        const f = random.normal();
        for (let j = 0; j < n; j++) returns[row * n + j] = 0.01 * (0.8 * f + random.normal());
      }
      const result = cleanCovariance(model, returns, t, n);
      expect(riskSolver(result.riskModel).status).toBe('ok');
      const sum = result.cleanedEigenvalues.reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - n), `cleaned spectrum sums to ${sum}, expected ${n}`).toBeLessThan(1e-8 * n);
      expect(result.gmvWeights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    } finally {
      model.dispose();
    }
  });
});
