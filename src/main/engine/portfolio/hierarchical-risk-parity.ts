/**
 * Hierarchical Risk Parity (López de Prado, "Building diversified portfolios that outperform out of
 * sample", J. Portfolio Management 42(4), 2016): (1) tree clustering on the correlation distance
 * d_ij = √((1 − ρ_ij)/2), (2) quasi-diagonalisation (the dendrogram's leaf order), (3) recursive
 * bisection with inverse-variance cluster weights (see ./recursive-bisection).
 *
 * This construction DENSIFIES: clustering needs all n² correlations, so a factor model is expanded
 * to n × n (O(n²·r) time, 8·n² bytes; one n × n buffer is reused for the distances) and n is capped at
 * {@link HRP_MAX_ASSETS}. The bisection step itself uses Σ's structure (./recursive-bisection).
 *
 * Labelling: the leaf order follows scipy (the lower-indexed child first), and the paper bisects the
 * ordered list in halves rather than along the tree. Relabelling the assets therefore relabels the tree
 * exactly, but can flip the two leaves of a leaf–leaf merge in the order and so move a split: the
 * weights are permutation-equivariant only for relabellings that keep each such pair's relative order.
 */

import { riskDiagonal, riskToDense } from '../risk/risk-ops';
import type { RiskModel } from '../risk/risk-model';
import { hierarchicalClusteringInPlace } from './hierarchical-clustering';
import type { LinkageMethod } from './hierarchical-clustering';
import { recursiveBisection } from './recursive-bisection';
import { assertCorrelationCovariance, assertPositiveVariances, assertRiskModel } from './types';
import type { AllocationResult, CorrelationCovariance } from './types';

/** Largest universe HRP accepts: its n × n correlation matrix is 200 MB at n = 5000. */
export const HRP_MAX_ASSETS = 5000;

/** Largest universe for the O(n³) `correlation-euclidean` distance. */
export const HRP_MAX_ASSETS_EUCLIDEAN = 2000;

/**
 * - `correlation`: cluster on d_ij = √((1 − ρ_ij)/2) directly (as most HRP implementations do).
 * - `correlation-euclidean`: cluster on the paper's d̃_ij = ‖d_·i − d_·j‖₂, the Euclidean distance
 *   between columns of the correlation-distance matrix (López de Prado 2016, step 2 of tree
 *   clustering; what his Snippet 1 computes by passing the square matrix to scipy). O(n³).
 */
export type HrpDistance = 'correlation' | 'correlation-euclidean';

export interface HrpOptions {
  /** Linkage rule of the tree clustering; default `single`, as in the paper. */
  linkage?: LinkageMethod;
  /** Distance between assets; default `correlation`. */
  distance?: HrpDistance;
}

/** Overwrites the n × n correlation in `work` with √((1 − ρ)/2) (zero diagonal, clamped at 0). */
function correlationDistanceInPlace(work: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      work[i * n + j] = i === j ? 0 : Math.sqrt(Math.max(0, (1 - work[i * n + j]) / 2));
    }
  }
}

function euclideanBetweenColumns(distance: Float64Array, n: number): Float64Array {
  const result = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let total = 0;
      // Symmetric input: column i equals row i, so the inner loop runs over contiguous rows.
      for (let k = 0; k < n; k++) {
        const difference = distance[i * n + k] - distance[j * n + k];
        total += difference * difference;
      }
      result[i * n + j] = Math.sqrt(total);
      result[j * n + i] = result[i * n + j];
    }
  }
  return result;
}

function correlationFrom(input: RiskModel | CorrelationCovariance): Float64Array {
  const n = input.n;
  if (input.kind === 'correlation') return Float64Array.from(input.correlation);
  const variances = riskDiagonal(input);
  assertPositiveVariances(variances, 'risk');
  const work = riskToDense(input);
  const scale = variances.map(Math.sqrt);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) work[i * n + j] /= scale[i] * scale[j];
  }
  return work;
}

/**
 * HRP weights: long-only, Σ w = 1.
 *
 * @param input - Σ as a {@link RiskModel} (correlation derived from it) or as correlation + variances.
 * @returns `details`: `linkage` ((n − 1) × 4, scipy convention), `order` (leaf order), `linkageMethod`,
 *   `distance`.
 * @throws when n > {@link HRP_MAX_ASSETS} (or > {@link HRP_MAX_ASSETS_EUCLIDEAN} for the Euclidean
 *   distance), on invalid input, or when an asset has zero variance (its correlations are undefined).
 */
export function hierarchicalRiskParity(input: RiskModel | CorrelationCovariance, options: HrpOptions = {}): AllocationResult {
  const linkageMethod = options.linkage ?? 'single';
  const distance = options.distance ?? 'correlation';
  if (distance !== 'correlation' && distance !== 'correlation-euclidean') {
    throw new Error(`options.distance must be 'correlation' or 'correlation-euclidean', got ${String(distance)}`);
  }
  if (input !== null && typeof input === 'object' && input.kind === 'correlation') assertCorrelationCovariance(input);
  else assertRiskModel(input);
  const n = input.n;
  if (n > HRP_MAX_ASSETS) {
    throw new Error(`hierarchicalRiskParity refuses n = ${n} > ${HRP_MAX_ASSETS}: it needs the dense n × n correlation matrix (${((8 * n * n) / 1e9).toFixed(1)} GB)`);
  }
  if (distance === 'correlation-euclidean' && n > HRP_MAX_ASSETS_EUCLIDEAN) {
    throw new Error(`hierarchicalRiskParity with distance 'correlation-euclidean' refuses n = ${n} > ${HRP_MAX_ASSETS_EUCLIDEAN}: it costs O(n³)`);
  }
  const work = correlationFrom(input);
  correlationDistanceInPlace(work, n);
  const clusteringInput = distance === 'correlation' ? work : euclideanBetweenColumns(work, n);
  const dendrogram = hierarchicalClusteringInPlace(clusteringInput, n, linkageMethod);
  const weights = recursiveBisection(input, dendrogram.order);
  return {
    weights,
    status: 'ok',
    details: { linkage: dendrogram.linkage, order: dendrogram.order, linkageMethod, distance },
  };
}
