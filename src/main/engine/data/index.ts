/**
 * Data for learning (ARCHITECTURE "data/"): seeded randomness, synthetic factor universes, returns
 * and resampling, price-based characteristics, FRED-MD transforms, interactions and VAR(1).
 */

export { interactionFeatures, interactionNames } from './interactions';
export { leastSquares } from './least-squares';
export type { LeastSquaresFit } from './least-squares';
export { luSolve } from './lu-solve';
export { PRICE_CHARACTERISTIC_NAMES, priceCharacteristics } from './price-characteristics';
export type { PriceCharacteristicOptions, PriceCharacteristics } from './price-characteristics';
export { createRandom } from './random';
export type { Random } from './random';
export { rankNormalise } from './rank-normalise';
export { monthBlocks, monthOf, resampleMonthly } from './resample';
export type { MonthBlock } from './resample';
export { logReturns, simpleReturns } from './returns';
export type { MissingPriceRule } from './returns';
export { spectralRadius } from './spectral-radius';
export {
  CHARACTERISTIC_NAMES,
  DEFAULT_FACTOR_UNIVERSE_SPEC,
  describeFactorUniverse,
  factorCovariance,
  N_CHARACTERISTICS,
  N_UNPRICED,
  simulateFactorUniverse,
} from './synthetic-universe';
export type { FactorUniverse, FactorUniverseOptions, FactorUniverseSpec } from './synthetic-universe';
export { transformCodes, transformSeries } from './transform-codes';
export type { TransformCode } from './transform-codes';
export { fitVar1, stationaryCovariance, var1MahalanobisDistances, var1Stationary } from './var1';
export type { Var1Fit, Var1Stationary } from './var1';
