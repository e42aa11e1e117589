/**
 * The ADMM x-update's linear system (OSQP's reduced KKT form, Stellato et al. 2020, eq. 23):
 *   M = h·Σ + σ·I + Aᵀ·diag(ρ_rows)·A,   h = 2γ·(cost scale).
 * With A = [1ᵀ; I; group indicators] and Σ = diag(d) + U·diag(s)·Uᵀ this is
 *   M = diag(h·d + σ + ρ_assets) + W·diag(h·s, ρ_budget, ρ_groups)·Wᵀ,   W = [U | 1 | E_G],
 * diagonal plus rank r + 1 + #groups: Woodbury (./low-rank-solver) gives O(n·r²) per factorisation
 * (once per ρ) and O(n·r) per solve. Dense models build M explicitly and use Cholesky (small n only).
 */

import { cholesky, choleskySolve } from '../linalg/cholesky';
import type { RiskModel } from '../risk/risk-model';
import type { ConstraintRows } from './constraint-rows';
import { factorLowRank } from './low-rank-solver';

/** A factored M, ready for repeated solves. */
export interface XUpdateSystem {
  /** out = M⁻¹·b (length n); `out` may be `b`. */
  solve(b: Float64Array, out: Float64Array): Float64Array;
}

/**
 * Factors M. `hessianScale` is h in M = h·Σ + …; `rhoRows` holds ρ per constraint row.
 *
 * @throws when the dense Σ makes M indefinite (Σ is not positive semidefinite).
 */
export function factorXUpdateSystem(
  risk: RiskModel,
  hessianScale: number,
  sigma: number,
  rows: ConstraintRows,
  rhoRows: Float64Array,
): XUpdateSystem {
  const { n, assetOffset, budgetRow, groupOffset, groupMembers } = rows;
  if (risk.kind === 'factor') {
    const r = risk.rank;
    const hasBudget = budgetRow >= 0 ? 1 : 0;
    const width = r + hasBudget + groupMembers.length;
    const diag = new Float64Array(n);
    for (let i = 0; i < n; i++) diag[i] = hessianScale * risk.d[i] + sigma + rhoRows[assetOffset + i];
    const cols = new Float64Array(width * n);
    const c = new Float64Array(width);
    for (let i = 0; i < n; i++) {
      for (let q = 0; q < r; q++) cols[q * n + i] = risk.u[i * r + q];
    }
    for (let q = 0; q < r; q++) c[q] = hessianScale * risk.s[q];
    if (hasBudget) {
      cols.fill(1, r * n, (r + 1) * n);
      c[r] = rhoRows[budgetRow];
    }
    groupMembers.forEach((members, g) => {
      const column = r + hasBudget + g;
      for (let k = 0; k < members.length; k++) cols[column * n + members[k]] = 1;
      c[column] = rhoRows[groupOffset + g];
    });
    const factor = factorLowRank(diag, cols, c);
    if (factor === null) throw new Error('the x-update system could not be factored: its diagonal-plus-low-rank form is not positive definite');
    return factor;
  }

  const m = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) m[k] = hessianScale * risk.sigma[k];
  for (let i = 0; i < n; i++) m[i * n + i] += sigma + rhoRows[assetOffset + i];
  if (budgetRow >= 0) {
    const rho = rhoRows[budgetRow];
    for (let k = 0; k < n * n; k++) m[k] += rho;
  }
  groupMembers.forEach((members, g) => {
    const rho = rhoRows[groupOffset + g];
    for (let a = 0; a < members.length; a++) {
      for (let b = 0; b < members.length; b++) m[members[a] * n + members[b]] += rho;
    }
  });
  const factored = cholesky(m, n);
  if (factored.status !== 'ok') {
    throw new Error(
      `risk.sigma is not positive semidefinite: the x-update matrix lost positive definiteness at pivot ${factored.pivot} (value ${factored.value})`,
    );
  }
  const factor = factored.factor;
  return { solve: (b, out) => choleskySolve(factor, n, b, out) };
}
