/**
 * HRP's allocation step: recursive bisection of the quasi-diagonalised asset order with
 * inverse-variance cluster weights (López de Prado, "Building diversified portfolios that outperform
 * out of sample", J. Portfolio Management 42(4), 2016, §"Recursive bisection", Snippet 3).
 *
 * Each list of assets is split into its first ⌊m/2⌋ and remaining members; the two halves share their
 * parent's weight in inverse proportion to their variances, α = 1 − V₀/(V₀ + V₁), where a half's
 * variance V = vᵀΣv is that of its own inverse-variance portfolio v ∝ 1/Σ_ii. Exported on its own so
 * that any ordering (e.g. from sensitivity distances, METHODS.md §4) can be allocated the same way.
 *
 * Cluster variances exploit the covariance's structure: O(m·r) for a factor model, O(m²) for a dense
 * or correlation input, so the whole step never forms Σ.
 */

import { riskDiagonal } from '../risk/risk-ops';
import type { RiskModel } from '../risk/risk-model';
import { assertPositiveVariances } from './types';
import type { CorrelationCovariance } from './types';

function clusterVariance(
  covariance: RiskModel | CorrelationCovariance,
  variances: Float64Array,
  members: Int32Array,
  start: number,
  end: number,
): number {
  let inverseTotal = 0;
  for (let p = start; p < end; p++) inverseTotal += 1 / variances[members[p]];
  const weight = (p: number): number => 1 / variances[members[p]] / inverseTotal;
  if (covariance.kind === 'factor') {
    const { rank, d, u, s } = covariance;
    const exposure = new Float64Array(rank);
    let total = 0;
    for (let p = start; p < end; p++) {
      const i = members[p];
      const v = weight(p);
      total += d[i] * v * v;
      for (let q = 0; q < rank; q++) exposure[q] += u[i * rank + q] * v;
    }
    for (let q = 0; q < rank; q++) total += s[q] * exposure[q] * exposure[q];
    return total;
  }
  const n = covariance.n;
  let total = 0;
  for (let p = start; p < end; p++) {
    const i = members[p];
    const vi = weight(p);
    let row = 0;
    for (let q = start; q < end; q++) {
      const j = members[q];
      const entry =
        covariance.kind === 'dense'
          ? covariance.sigma[i * n + j]
          : covariance.correlation[i * n + j] * Math.sqrt(variances[i] * variances[j]);
      row += entry * weight(q);
    }
    total += vi * row;
  }
  return total;
}

/**
 * Weights from recursive bisection of `order`.
 *
 * @param covariance - Σ as a risk model or correlation + variances; every Σ_ii must be > 0.
 *   Inputs are assumed validated by the caller (`hierarchicalRiskParity` does).
 * @param order - a permutation of 0..n−1 (the dendrogram's leaf order).
 * @returns long-only weights, length n, indexed by asset (not by position in `order`), Σ w = 1.
 * @throws when `order` is not a permutation of 0..n−1 or a variance is not positive.
 */
export function recursiveBisection(covariance: RiskModel | CorrelationCovariance, order: ArrayLike<number>): Float64Array {
  const n = covariance.n;
  if (order.length !== n) throw new Error(`order has length ${order.length}, expected n = ${n}`);
  const seen = new Uint8Array(n);
  const members = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const i = order[p];
    if (!Number.isInteger(i) || i < 0 || i >= n || seen[i]) throw new Error(`order is not a permutation of 0..${n - 1} (position ${p}: ${i})`);
    seen[i] = 1;
    members[p] = i;
  }
  const variances = covariance.kind === 'correlation' ? covariance.variances : riskDiagonal(covariance);
  assertPositiveVariances(variances, 'covariance');
  const weights = new Float64Array(n).fill(1);
  const pending: [number, number][] = [[0, n]];
  while (pending.length > 0) {
    const [start, end] = pending.pop() as [number, number];
    if (end - start < 2) continue;
    const middle = start + Math.floor((end - start) / 2);
    const leftVariance = clusterVariance(covariance, variances, members, start, middle);
    const rightVariance = clusterVariance(covariance, variances, members, middle, end);
    // Two riskless halves (possible only for a singular Σ) have no preference between them.
    const pairVariance = leftVariance + rightVariance;
    const alpha = pairVariance > 0 ? 1 - leftVariance / pairVariance : 0.5;
    for (let p = start; p < middle; p++) weights[members[p]] *= alpha;
    for (let p = middle; p < end; p++) weights[members[p]] *= 1 - alpha;
    pending.push([middle, end], [start, middle]);
  }
  return weights;
}
