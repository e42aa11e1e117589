/**
 * The equality-constrained KKT system on a free set F, shared by polishing and `qpBackward`:
 *
 *   [ H_FF   C_Fᵀ ] [x]   [r1]        H = 2γΣ (n × n, never formed for factor models),
 *   [ C_F     0   ] [λ] = [r2],       C_F: k equality rows (budget, active groups) restricted to F.
 *
 * Solved as OSQP's polish does (Stellato et al. 2020, §4.2): factor the δ-regularised system
 * [H_FF + δI, C_Fᵀ; C_F, −δI] and iterate refinement against the unregularised one, so a singular
 * H_FF (γ = 0, zero idiosyncratic variances) still gets a solution whenever the KKT matrix itself is
 * nonsingular. The regularised block is eliminated by a Schur complement on the k × k system
 * C_F(H_FF + δI)⁻¹C_Fᵀ + δI; H_FF + δI = diag(2γd_F + δ) + U_F·diag(2γs)·U_Fᵀ is a Woodbury solve
 * (O(|F|·r²) setup, O(|F|·r) per solve) when |F| > r, otherwise (and for dense models) Cholesky
 * on the explicit |F| × |F| block.
 */

import { cholesky, choleskySolve } from '../linalg/cholesky';
import type { RiskModel } from '../risk/risk-model';
import { addColumnCombination, projectOntoColumns } from './low-rank-kernels';
import { factorLowRank } from './low-rank-solver';

export interface ReducedKkt {
  /** |F|. */
  size: number;
  /** k. */
  constraints: number;
  /** Solves the unregularised system (after refinement); r1 length |F|, r2 length k. */
  solve(r1: Float64Array, r2: Float64Array): { x: Float64Array; lambda: Float64Array };
}

/** Loadings of the free assets, gathered once per factorisation: U_Fᵀ as r × |F| columns. */
function gatherFreeColumns(u: Float64Array, rank: number, free: Int32Array): Float64Array {
  const size = free.length;
  const cols = new Float64Array(rank * size);
  for (let a = 0; a < size; a++) {
    const row = free[a] * rank;
    for (let q = 0; q < rank; q++) cols[q * size + a] = u[row + q];
  }
  return cols;
}

/** x ↦ H_FF·x for x on F (length |F|), H = hessianScale·Σ; allocates only at creation. */
function hessianFreeOperator(risk: RiskModel, hessianScale: number, free: Int32Array): (x: Float64Array, out: Float64Array) => void {
  const size = free.length;
  if (risk.kind === 'factor') {
    const { rank, s, d } = risk;
    const cols = gatherFreeColumns(risk.u, rank, free);
    const exposure = new Float64Array(rank);
    const dFree = new Float64Array(size);
    for (let a = 0; a < size; a++) dFree[a] = d[free[a]];
    return (x, out) => {
      projectOntoColumns(cols, rank, size, x, exposure);
      for (let q = 0; q < rank; q++) exposure[q] *= s[q];
      for (let a = 0; a < size; a++) out[a] = dFree[a] * x[a];
      addColumnCombination(cols, rank, size, exposure, out);
      for (let a = 0; a < size; a++) out[a] *= hessianScale;
    };
  }
  const n = risk.n;
  return (x, out) => {
    for (let a = 0; a < size; a++) {
      const row = free[a] * n;
      let sum = 0;
      for (let b = 0; b < size; b++) sum += risk.sigma[row + free[b]] * x[b];
      out[a] = hessianScale * sum;
    }
  };
}

function factorRegularisedHessian(
  risk: RiskModel,
  hessianScale: number,
  free: Int32Array,
  delta: number,
): ((b: Float64Array, out: Float64Array) => Float64Array) | null {
  const size = free.length;
  // Woodbury costs O(|F|·r² + r³), the explicit block O(|F|²·r + |F|³): take the smaller. Near an
  // optimum of a long-only problem |F| is often far below r.
  if (risk.kind === 'factor' && size > risk.rank) {
    const { rank, s, d } = risk;
    const diag = new Float64Array(size);
    for (let a = 0; a < size; a++) diag[a] = hessianScale * d[free[a]] + delta;
    const c = new Float64Array(rank);
    for (let q = 0; q < rank; q++) c[q] = hessianScale * s[q];
    const factor = factorLowRank(diag, gatherFreeColumns(risk.u, rank, free), c);
    if (factor === null) return null;
    return (b, out) => factor.solve(b, out);
  }
  const block = new Float64Array(size * size);
  if (risk.kind === 'factor') {
    const { rank, u, s, d } = risk;
    for (let a = 0; a < size; a++) {
      const rowA = free[a] * rank;
      for (let b = 0; b <= a; b++) {
        const rowB = free[b] * rank;
        let sum = 0;
        for (let q = 0; q < rank; q++) sum += u[rowA + q] * s[q] * u[rowB + q];
        block[a * size + b] = hessianScale * sum;
        block[b * size + a] = hessianScale * sum;
      }
      block[a * size + a] += hessianScale * d[free[a]] + delta;
    }
  } else {
    const n = risk.n;
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < size; b++) block[a * size + b] = hessianScale * risk.sigma[free[a] * n + free[b]];
      block[a * size + a] += delta;
    }
  }
  const factored = cholesky(block, size);
  if (factored.status !== 'ok') return null;
  const l = factored.factor;
  return (b, out) => choleskySolve(l, size, b, out);
}

/**
 * Factors the reduced KKT system.
 *
 * @param free - F, indices into 0..n−1 (may be empty).
 * @param constraintRows - k rows of C restricted to F, each length |F|.
 * @param delta - regularisation δ > 0.
 * @param refineIter - refinement steps against the unregularised system.
 * @returns null when the regularised system cannot be factored (Σ not PSD on F).
 */
export function factorReducedKkt(
  risk: RiskModel,
  hessianScale: number,
  free: Int32Array,
  constraintRows: Float64Array[],
  delta: number,
  refineIter: number,
): ReducedKkt | null {
  const size = free.length;
  const k = constraintRows.length;
  const factored = size > 0 ? factorRegularisedHessian(risk, hessianScale, free, delta) : (b: Float64Array) => b;
  if (factored === null) return null;
  const hSolve = factored;
  const hInvCt = constraintRows.map((row) => hSolve(row, new Float64Array(size)));
  const schur = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let sum = 0;
      for (let t = 0; t < size; t++) sum += constraintRows[a][t] * hInvCt[b][t];
      schur[a * k + b] = sum + (a === b ? delta : 0);
    }
  }
  let schurFactor: Float64Array = new Float64Array(0);
  if (k > 0) {
    const factored = cholesky(schur, k);
    if (factored.status !== 'ok') return null;
    schurFactor = factored.factor;
  }

  function solveRegularised(r1: Float64Array, r2: Float64Array): { x: Float64Array; lambda: Float64Array } {
    const x = size > 0 ? hSolve(r1, new Float64Array(size)) : new Float64Array(0);
    const lambda = new Float64Array(k);
    if (k === 0) return { x, lambda };
    for (let a = 0; a < k; a++) {
      let sum = -r2[a];
      for (let t = 0; t < size; t++) sum += constraintRows[a][t] * x[t];
      lambda[a] = sum;
    }
    choleskySolve(schurFactor, k, lambda, lambda);
    for (let a = 0; a < k; a++) {
      const column = hInvCt[a];
      for (let t = 0; t < size; t++) x[t] -= column[t] * lambda[a];
    }
    return { x, lambda };
  }

  const hx = new Float64Array(size);
  const applyHessian = hessianFreeOperator(risk, hessianScale, free);
  function solve(r1: Float64Array, r2: Float64Array): { x: Float64Array; lambda: Float64Array } {
    const solution = solveRegularised(r1, r2);
    const e1 = new Float64Array(size);
    const e2 = new Float64Array(k);
    for (let step = 0; step < refineIter; step++) {
      applyHessian(solution.x, hx);
      let residual = 0;
      for (let t = 0; t < size; t++) {
        let sum = r1[t] - hx[t];
        for (let a = 0; a < k; a++) sum -= constraintRows[a][t] * solution.lambda[a];
        e1[t] = sum;
        residual = Math.max(residual, Math.abs(sum));
      }
      for (let a = 0; a < k; a++) {
        let sum = r2[a];
        for (let t = 0; t < size; t++) sum -= constraintRows[a][t] * solution.x[t];
        e2[a] = sum;
        residual = Math.max(residual, Math.abs(sum));
      }
      if (residual === 0) break;
      const correction = solveRegularised(e1, e2);
      for (let t = 0; t < size; t++) solution.x[t] += correction.x[t];
      for (let a = 0; a < k; a++) solution.lambda[a] += correction.lambda[a];
    }
    return solution;
  }

  return { size, constraints: k, solve };
}
