/**
 * Baseline strategies built on the portfolio constructions, and `baselineStrategy(spec)`, which
 * rebuilds one from its JSON spec (every strategy's `spec` round-trips through it).
 */

import type { Strategy } from '../types';
import { equalWeightStrategy } from './equal-weight-strategy';
import type { EqualWeightSpec } from './equal-weight-strategy';
import { inverseVolatilityStrategy } from './inverse-volatility-strategy';
import type { InverseVolatilitySpec } from './inverse-volatility-strategy';
import { meanVarianceStrategy } from './mean-variance-strategy';
import type { MeanVarianceSpec } from './mean-variance-strategy';
import { minimumVarianceStrategy } from './minimum-variance-strategy';
import type { MinimumVarianceSpec } from './minimum-variance-strategy';

export { equalWeightStrategy } from './equal-weight-strategy';
export type { EqualWeightSpec } from './equal-weight-strategy';
export { inverseVolatilityStrategy } from './inverse-volatility-strategy';
export type { InverseVolatilitySpec } from './inverse-volatility-strategy';
export { minimumVarianceStrategy } from './minimum-variance-strategy';
export type { MinimumVarianceSpec } from './minimum-variance-strategy';
export { meanVarianceStrategy } from './mean-variance-strategy';
export type { MeanVarianceSpec, MeanVarianceStrategyOptions } from './mean-variance-strategy';
export { historicalMean, MU_PROVIDERS } from './mu-providers';
export type { MuProvider, MuProviderName } from './mu-providers';

export type BaselineStrategySpec = EqualWeightSpec | InverseVolatilitySpec | MinimumVarianceSpec | MeanVarianceSpec;

/**
 * The strategy a spec describes.
 *
 * @throws on an unknown `kind` (naming the known ones) and on whatever the factory rejects.
 */
export function baselineStrategy(spec: BaselineStrategySpec): Strategy {
  if (spec === null || typeof spec !== 'object') throw new Error('strategy spec must be an object with a kind');
  const { kind, ...options } = spec;
  switch (kind) {
    case 'equal-weight':
      return equalWeightStrategy();
    case 'inverse-volatility':
      return inverseVolatilityStrategy(options as Omit<InverseVolatilitySpec, 'kind'>);
    case 'gmv':
      return minimumVarianceStrategy(options as Omit<MinimumVarianceSpec, 'kind'>);
    case 'mean-variance':
      return meanVarianceStrategy(options as Omit<MeanVarianceSpec, 'kind'>);
    default:
      throw new Error(`strategy spec kind must be one of equal-weight, inverse-volatility, gmv, mean-variance, got ${String(kind)}`);
  }
}
