/**
 * Sensitivity-based hierarchical allocation (METHODS.md §4): commonality driver selection, the
 * multi-head network and its averaged sensitivities, the sensitivity distance, the hierarchical
 * allocation and its convex (cluster-budgeted minimum-variance) variant.
 */
export { laggedInputs } from './lagged-inputs';
export type { LaggedInputs } from './lagged-inputs';
export { MIN_DRIVER_OBSERVATIONS, selectDrivers } from './select-drivers';
export type { DriverSelection, SelectDriversOptions } from './select-drivers';
export { sensitivities } from './sensitivities';
export { sensitivityAllocation } from './sensitivity-allocation';
export type { SensitivityAllocationOptions } from './sensitivity-allocation';
export { sensitivityDistance } from './sensitivity-distance';
export { cutTree, sensitivityMinimumVariance } from './sensitivity-minimum-variance';
export type { SensitivityMinimumVarianceOptions } from './sensitivity-minimum-variance';
export { createSensitivityNetwork, trainSensitivityNetwork } from './sensitivity-network';
export type { SensitivityNetwork, SensitivityNetworkOptions, TrainedSensitivityNetwork } from './sensitivity-network';
export { alignSeries, availableFrom, compoundReturns, DEFAULT_MAX_STALE_DAYS, gridKey } from './driver-alignment';
export type { AlignedSeries, GridFrequency } from './driver-alignment';
export { buildDriverPanel, defaultColumns, defaultTransform } from './driver-panel';
export type { DriverColumn, DriverGap, DriverPanel, DriverReport, DriverRequest, DriverTransform } from './driver-panel';
