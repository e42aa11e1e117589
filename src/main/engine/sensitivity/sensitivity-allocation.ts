/**
 * Sensitivity-based hierarchical allocation (METHODS.md §4; Rodriguez Dominguez, "Portfolio
 * optimisation via the heterogeneous sensitivity of asset returns to common drivers", Machine
 * Learning with Applications, 2022): cluster the assets on the sensitivity distance
 * D_ij = ‖s_i − s_j‖₂ (./sensitivity-distance), take the dendrogram's leaf order, and allocate by
 * HRP's recursive bisection with inverse-variance cluster weights (López de Prado 2016; shared with
 * HRP in ../portfolio/recursive-bisection). Only the tree differs from HRP: assets that respond alike
 * to the common drivers share a branch, whatever their return correlation.
 *
 * Labelling: as for HRP, the leaf order puts the lower-indexed leaf of a leaf–leaf merge first and the
 * list is bisected in halves, so the weights are permutation-equivariant for relabellings that keep
 * the relative order of each such pair (and no tied distances).
 */

import { hierarchicalClusteringInPlace } from '../portfolio/hierarchical-clustering';
import type { LinkageMethod } from '../portfolio/hierarchical-clustering';
import { recursiveBisection } from '../portfolio/recursive-bisection';
import { assertCorrelationCovariance, assertRiskModel } from '../portfolio/types';
import type { AllocationResult, CorrelationCovariance } from '../portfolio/types';
import type { RiskModel } from '../risk/risk-model';
import { sensitivityDistance } from './sensitivity-distance';

export interface SensitivityAllocationOptions {
  /** Linkage rule of the clustering on D; default `single` (as HRP). */
  readonly linkage?: LinkageMethod;
}

const LINKAGES: readonly LinkageMethod[] = ['single', 'complete', 'average', 'ward'];

/**
 * Long-only weights, Σ w = 1.
 *
 * @param sensitivities - N × D row-major signed averaged sensitivities (./sensitivities), finite.
 * @param risk - Σ of the same N assets, as a risk model or correlation + variances; every Σ_ii > 0.
 * @returns `details`: `linkage` ((N − 1) × 4, scipy convention), `order` (leaf order),
 *   `linkageMethod`, `distance` (N × N).
 * @throws when the sensitivities' length is not a positive multiple of N = risk.n, on non-finite
 *   input, an unknown linkage, or a non-positive variance.
 */
export function sensitivityAllocation(
  sensitivities: Float64Array,
  risk: RiskModel | CorrelationCovariance,
  options: SensitivityAllocationOptions = {},
): AllocationResult {
  const linkageMethod = options.linkage ?? 'single';
  if (!LINKAGES.includes(linkageMethod)) throw new Error(`options.linkage must be one of ${LINKAGES.join(', ')}, got ${String(linkageMethod)}`);
  if (risk !== null && typeof risk === 'object' && risk.kind === 'correlation') assertCorrelationCovariance(risk, 'risk');
  else assertRiskModel(risk);
  const n = risk.n;
  if (!(sensitivities instanceof Float64Array) || sensitivities.length === 0 || sensitivities.length % n !== 0) {
    throw new Error(`sensitivities has length ${sensitivities?.length}, not a positive multiple of N = ${n} (risk.n)`);
  }
  const distance = sensitivityDistance(sensitivities, sensitivities.length / n);
  const dendrogram = hierarchicalClusteringInPlace(Float64Array.from(distance), n, linkageMethod);
  const weights = recursiveBisection(risk, dendrogram.order);
  return {
    weights,
    status: 'ok',
    details: { linkage: dendrogram.linkage, order: dendrogram.order, linkageMethod, distance },
  };
}
