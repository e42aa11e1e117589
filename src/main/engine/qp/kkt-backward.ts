/**
 * Vector–Jacobian products of the mean–variance QP by implicit differentiation of its KKT system at
 * the polished active set (Amos & Kolter, "OptNet", ICML 2017, §3; Agrawal et al., "Differentiable
 * convex optimization layers", NeurIPS 2019; METHODS.md §1).
 *
 * At the solution, with free set F (strictly inside the bounds and off the turnover kink), fixed set
 * X (at a bound or at w_i = prev_i) and equality rows C (budget and active groups), the KKT system is
 *   H_FF·w_F + C_Fᵀλ = μ_F − κ·s_F − H_FX·w_X,    C_F·w_F = b − C_X·w_X,    H = 2γΣ, s_F = sign(w_F − prev_F).
 * It is linear in (w_F, λ) with a locally constant active set, so for an upstream gradient g = dL/dw
 * one symmetric solve K·[a; β] = [g_F; 0] gives every product:
 *   dL/dμ = ã (a on F, 0 on X);   dL/dΣ = −γ(ã·wᵀ + w·ãᵀ);   dL/dγ = −2·ãᵀΣw;
 *   dL/dprev_i = g_i − (Hã)_i − (C_Xᵀβ)_i for kink coordinates, 0 otherwise.
 * For Σ = diag(d) + U·diag(s)·Uᵀ the Σ-gradient is contracted with the structure, never formed:
 *   dL/dd_i = −2γ·ã_i·w_i,   dL/dU = −2γ(ã·(Uᵀw)ᵀ + w·(Uᵀã)ᵀ)·diag(s),   dL/ds_k = −2γ(Uᵀã)_k(Uᵀw)_k.
 * The solve is the Woodbury reduced-KKT solve of ./reduced-kkt: O(n·r²).
 *
 * Degenerate points (the map w*(·) is not differentiable there; we return one one-sided derivative):
 * - a weakly active bound or group (active with zero multiplier) is treated as active, i.e. fixed;
 * - a coordinate at its L1 kink is treated as fixed at prev_i: no gradient flows through it to μ, Σ
 *   or γ, and dw_i/dprev_i = 1 (exact whenever the kink is strictly complementary, |y_i| < κ).
 * The active set is the one polishing verified (`solution.activeSet`).
 */

import { riskMatvec } from '../risk/risk-ops';
import { buildConstraintRows } from './constraint-rows';
import { normaliseProblem } from './normalise-problem';
import type { MeanVarianceProblem, QpGradients, QpSolution } from './qp-types';
import { factorReducedKkt } from './reduced-kkt';

/** Refinement steps of the backward solve (each costs one O(n·r) residual). */
const BACKWARD_REFINE_ITER = 5;

/**
 * dL/d(μ, prev, γ, Σ) given dL/dw at a polished solution of `problem`.
 *
 * @param problem - the problem `solution` solves (not mutated).
 * @param solution - a `solved`, polished solution (it carries the verified active set).
 * @param dw - dL/dw, length n.
 * @returns gradients; `factors`, `factorVariances`, `idio` for factor models (shapes n × r, r, n),
 *   `covariance` (n × n, symmetric) for dense ones.
 * @throws when the solution is not solved and polished, dw is malformed, or the reduced KKT
 *   system is singular (e.g. γ = 0 with more free assets than equality rows).
 */
export function qpBackward(problem: MeanVarianceProblem, solution: QpSolution, dw: Float64Array): QpGradients {
  const normalised = normaliseProblem(problem);
  const rows = buildConstraintRows(normalised);
  const { n, gamma, risk } = normalised;
  if (solution.status !== 'solved' || solution.activeSet === undefined) {
    throw new Error(`qpBackward needs a solved, polished solution (got status '${solution.status}', polished = ${solution.info.polished})`);
  }
  const active = solution.activeSet;
  if (solution.w.length !== n || active.assets.length !== n) throw new Error(`solution has length ${solution.w.length}, expected n = ${n}`);
  if (dw.length !== n) throw new Error(`dw has length ${dw.length}, expected n = ${n}`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(dw[i])) throw new Error(`dw[${i}] is ${dw[i]}: must be finite`);
  const w = solution.w;

  const freeList: number[] = [];
  for (let i = 0; i < n; i++) if (active.assets[i] === 'free-up' || active.assets[i] === 'free-down') freeList.push(i);
  const free = Int32Array.from(freeList);
  const position = new Int32Array(n).fill(-1);
  free.forEach((i, a) => (position[i] = a));

  const memberships: (Int32Array | null)[] = [];
  if (rows.budgetRow >= 0) memberships.push(null);
  active.groups.forEach((state, g) => {
    if (state !== 'inactive') memberships.push(normalised.groups[g].members);
  });
  const constraintRows = memberships.map((members) => {
    const row = new Float64Array(free.length);
    if (members === null) row.fill(1);
    else for (const i of members) if (position[i] >= 0) row[position[i]] = 1;
    return row;
  });

  const hessianScale = 2 * gamma;
  let diagScale = 0;
  for (let i = 0; i < n; i++) {
    const sii = risk.kind === 'factor' ? risk.d[i] : risk.sigma[i * n + i];
    diagScale = Math.max(diagScale, hessianScale * sii);
  }
  const system = factorReducedKkt(risk, hessianScale, free, constraintRows, 1e-9 * Math.max(1, diagScale), BACKWARD_REFINE_ITER);
  if (system === null) throw new Error('the reduced KKT system at the solution could not be factored (Σ not positive semidefinite on the free set)');
  const gFree = new Float64Array(free.length);
  free.forEach((i, a) => (gFree[a] = dw[i]));
  const { x: a, lambda: beta } = system.solve(gFree, new Float64Array(constraintRows.length));
  const aFull = new Float64Array(n);
  free.forEach((i, t) => (aFull[i] = a[t]));

  const hA = riskMatvec(risk, aFull, new Float64Array(n));
  const prev = new Float64Array(n);
  if (normalised.kappa > 0) {
    const rowShift = new Float64Array(n);
    memberships.forEach((members, k) => {
      if (members === null) for (let i = 0; i < n; i++) rowShift[i] += beta[k];
      else for (const i of members) rowShift[i] += beta[k];
    });
    for (let i = 0; i < n; i++) {
      if (active.assets[i] === 'kink') prev[i] = dw[i] - hessianScale * hA[i] - rowShift[i];
    }
  }
  let aSigmaW = 0;
  for (let i = 0; i < n; i++) aSigmaW += hA[i] * w[i];
  const gradients: QpGradients = { mu: aFull, prev, gamma: -2 * aSigmaW };

  if (risk.kind === 'dense') {
    const covariance = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) covariance[i * n + j] = -gamma * (aFull[i] * w[j] + w[i] * aFull[j]);
    }
    gradients.covariance = covariance;
    return gradients;
  }
  const { rank, u, s } = risk;
  const uTa = new Float64Array(rank);
  const uTw = new Float64Array(rank);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < rank; q++) {
      uTa[q] += u[i * rank + q] * aFull[i];
      uTw[q] += u[i * rank + q] * w[i];
    }
  }
  const factors = new Float64Array(n * rank);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < rank; q++) factors[i * rank + q] = -hessianScale * (aFull[i] * uTw[q] + w[i] * uTa[q]) * s[q];
  }
  const factorVariances = new Float64Array(rank);
  for (let q = 0; q < rank; q++) factorVariances[q] = -hessianScale * uTa[q] * uTw[q];
  const idio = new Float64Array(n);
  for (let i = 0; i < n; i++) idio[i] = -hessianScale * aFull[i] * w[i];
  gradients.factors = factors;
  gradients.factorVariances = factorVariances;
  gradients.idio = idio;
  return gradients;
}
