/**
 * Distance of a polished solution from degeneracy: the smallest primal slack of a free coordinate
 * (to its bounds and, with κ > 0, to its kink) or of an inactive group, and the smallest dual slack
 * of a fixed coordinate or active group (its dual's distance to the edge of its normal cone).
 * Finite differences are valid at points where this margin dwarfs the step's effect on w.
 */
import type { MeanVarianceProblem, QpSolution } from '../../../src/main/engine/qp/qp-types';

function at(bound: Float64Array | number | null | undefined, i: number, fallback: number, nullValue: number): number {
  if (bound === undefined) return fallback;
  if (bound === null) return nullValue;
  return typeof bound === 'number' ? bound : bound[i];
}

export function degeneracyMargin(problem: MeanVarianceProblem, solution: QpSolution): number {
  const n = problem.mu.length;
  const kappa = problem.kappa ?? 0;
  const offset = problem.budget === null ? 0 : 1;
  const active = solution.activeSet;
  if (active === undefined) return 0;
  let margin = Infinity;
  for (let i = 0; i < n; i++) {
    const l = at(problem.lower, i, 0, -Infinity);
    const u = at(problem.upper, i, Infinity, Infinity);
    const p = problem.prev?.[i] ?? 0;
    const w = solution.w[i];
    const y = solution.y[offset + i];
    switch (active.assets[i]) {
      case 'free-up':
      case 'free-down':
        margin = Math.min(margin, w - l, u - w, kappa > 0 ? Math.abs(w - p) : Infinity);
        break;
      case 'lower':
        if (l !== u) margin = Math.min(margin, (kappa > 0 ? (l >= p ? kappa : -kappa) : 0) - y);
        break;
      case 'upper':
        if (l !== u) margin = Math.min(margin, y - (kappa > 0 ? (u <= p ? -kappa : kappa) : 0));
        break;
      case 'kink':
        margin = Math.min(margin, kappa - Math.abs(y));
        break;
    }
  }
  (problem.groups ?? []).forEach((group, g) => {
    const y = solution.y[offset + n + g];
    const sum = group.members.reduce((acc, i) => acc + solution.w[i], 0);
    const state = active.groups[g];
    if (state === 'inactive') margin = Math.min(margin, sum - group.min, group.max - sum);
    else if (group.min !== group.max) margin = Math.min(margin, Math.abs(y));
  });
  return margin;
}
