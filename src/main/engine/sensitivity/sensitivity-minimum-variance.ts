/**
 * Convex variant of the sensitivity-based allocation (issue 9, item 4): long-only minimum variance
 * with one budget band per cluster of the sensitivity tree,
 *   min_w wᵀΣw  s.t.  Σ_i w_i = 1, w ≥ 0,  b_c(1 − band) ≤ Σ_{i∈c} w_i ≤ b_c(1 + band),
 * where the clusters come from cutting the dendrogram on D_ij = ‖s_i − s_j‖₂ into K groups and b_c is
 * the weight the hierarchical bisection (./sensitivity-allocation) gives cluster c. The tree fixes how
 * much capital each group of like-responding assets gets (diversification across driver responses);
 * inside that, and within the band, the QP (../qp) minimises variance.
 *
 * Deviation: the budgets bound cluster WEIGHTS, not cluster risk contributions. Risk-contribution
 * budgets are not convex constraints on w in general; weight budgets are linear and our QP takes them.
 */

import { solveMeanVarianceQp } from '../qp/solve-mean-variance-qp';
import type { QpGroup, QpSettings } from '../qp/qp-types';
import type { LinkageMethod } from '../portfolio/hierarchical-clustering';
import type { AllocationResult } from '../portfolio/types';
import { riskQuadForm } from '../risk/risk-ops';
import type { RiskModel } from '../risk/risk-model';
import { sensitivityAllocation } from './sensitivity-allocation';

export interface SensitivityMinimumVarianceOptions {
  /** K, the number of clusters the tree is cut into, 1 ≤ K ≤ N. */
  readonly clusters: number;
  /** Linkage rule of the clustering; default `single`. */
  readonly linkage?: LinkageMethod;
  /** Relative half-width of each cluster's band around b_c, in [0, 1]; default 0.25. */
  readonly band?: number;
  /** QP settings. */
  readonly settings?: Partial<QpSettings>;
}

/**
 * Cluster labels from undoing the last K − 1 merges of a scipy-convention linkage ((n − 1) × 4).
 *
 * @returns length n, labels 0..K−1 numbered by their lowest asset index.
 */
export function cutTree(linkage: Float64Array, n: number, clusters: number): Int32Array {
  if (!Number.isInteger(clusters) || clusters < 1 || clusters > n) throw new Error(`clusters = ${clusters}: must be an integer in [1, ${n}]`);
  if (linkage.length !== 4 * (n - 1)) throw new Error(`linkage has length ${linkage.length}, expected (n − 1) × 4 = ${4 * (n - 1)}`);
  const parent = new Int32Array(2 * n - 1);
  for (let k = 0; k < parent.length; k++) parent[k] = k;
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x];
    return x;
  };
  for (let k = 0; k < n - clusters; k++) {
    parent[find(linkage[4 * k])] = n + k;
    parent[find(linkage[4 * k + 1])] = n + k;
  }
  const labels = new Int32Array(n);
  const numbering = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    if (!numbering.has(root)) numbering.set(root, numbering.size);
    labels[i] = numbering.get(root) as number;
  }
  return labels;
}

/**
 * @param sensitivities - N × D row-major signed averaged sensitivities (./sensitivities), finite.
 * @param risk - Σ of the N assets; every Σ_ii > 0.
 * @returns the QP's weights and status (`solved`, … — passed through as `minimumVariance` does);
 *   `details`: `labels` (cluster of each asset), `budgets` (b_c, length K), `variance` (wᵀΣw),
 *   `order`, `linkage`, `qp` (solver info).
 * @throws on invalid input or options out of range.
 */
export function sensitivityMinimumVariance(
  sensitivities: Float64Array,
  risk: RiskModel,
  options: SensitivityMinimumVarianceOptions,
): AllocationResult {
  const band = options.band ?? 0.25;
  if (!(band >= 0 && band <= 1)) throw new Error(`options.band = ${band}: must be in [0, 1]`);
  const tree = sensitivityAllocation(sensitivities, risk, { linkage: options.linkage });
  const n = risk.n;
  const linkage = tree.details?.linkage as Float64Array;
  const labels = cutTree(linkage, n, options.clusters);
  const budgets = new Float64Array(options.clusters);
  for (let i = 0; i < n; i++) budgets[labels[i]] += tree.weights[i];
  const groups: QpGroup[] = Array.from(budgets, (budget, c) => ({
    members: Array.from(labels.keys()).filter((i) => labels[i] === c),
    min: budget * (1 - band),
    max: Math.min(1, budget * (1 + band)),
  }));
  const solution = solveMeanVarianceQp(
    { mu: new Float64Array(n), gamma: 1, risk, budget: 1, lower: 0, upper: null, groups },
    options.settings,
  );
  const solved = solution.status === 'solved' || solution.status === 'solved-inaccurate';
  return {
    weights: solution.w,
    status: solution.status,
    details: {
      labels,
      budgets,
      variance: solved ? riskQuadForm(risk, solution.w) : Number.NaN,
      order: tree.details?.order,
      linkage,
      qp: solution.info,
    },
  };
}
