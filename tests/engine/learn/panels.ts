/** Learning panels for the training tests: a noiseless linear panel and slices of the synthetic universe. */
import { createRandom } from '../../../src/main/engine/data/random';
import { simulateFactorUniverse } from '../../../src/main/engine/data/synthetic-universe';
import { universePanel } from '../../../src/main/engine/learn/compare/compare-data';
import type { LearningPanel } from '../../../src/main/engine/learn/learning-panel';
import { ledoitWolfRisk } from '../../../src/main/engine/learn/risk-factors';

/** targets = X·β + b exactly, X ~ N(0, 1), T × n × p. */
export function noiselessPanel(seed: number, t: number, n: number, beta: readonly number[], bias: number): LearningPanel {
  const p = beta.length;
  const random = createRandom(seed);
  const features = Float64Array.from({ length: t * n * p }, () => random.normal());
  const targets = new Float64Array(t * n);
  for (let q = 0; q < t * n; q++) {
    let value = bias;
    for (let j = 0; j < p; j++) value += features[q * p + j] * beta[j];
    targets[q] = value;
  }
  return { t, n, p, features, targets };
}

/**
 * Training and validation panels of a simulated universe with Ledoit–Wolf risk on a `lookback`
 * window: decision rows lookback − 1 … lookback − 2 + train, then `validation` more.
 */
export function universePanels(seed: number, n: number, train: number, validation: number, lookback = 36): { train: LearningPanel; validation: LearningPanel } {
  const universe = simulateFactorUniverse({ nAssets: n, nMonths: lookback + train + validation + 1, seed });
  const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
  const trainRows = rows(lookback - 1, train);
  const validationRows = rows(lookback - 1 + train, validation);
  const risk = (r: number[]) => ledoitWolfRisk(universe.returns, universe.nMonths, n, r, lookback);
  return { train: universePanel(universe, trainRows, risk(trainRows)), validation: universePanel(universe, validationRows, risk(validationRows)) };
}
