/**
 * Closed-form mean–variance weights with a shrunk covariance, the net return they earn, and the
 * gradient of the realised net Sharpe with respect to the return head θ and the shrinkage logit a
 * (METHODS §1, "Decision-aware shrinkage experiment"; hand-written float64 reverse mode).
 *
 * Decision j (shrinkage-problem.ts):
 *   μ̂_j = X_j θ,   Σ̂_j = (1 − δ_j)S_j + δ_j m̄_j I,   w_j = Σ̂_j⁻¹ μ̂_j / γ,
 * the maximiser of μ̂ᵀw − (γ/2)wᵀΣ̂w without constraints. Net return
 *   r_j = w_jᵀR_j − tc·‖w_j − w_{j−1}‖₁,
 * where the first decision of a window pays no cost (w_{−1} := w_0: the study compares
 * steady-state strategies, not the cost of building the first book). Net Sharpe is invariant to
 * a positive rescaling of every w_j (returns and costs scale alike), so γ and the norm of θ change
 * the reported return and volatility but not the Sharpe ratio; what δ and the direction of θ
 * change is the relative weighting across assets and months.
 *
 * Reverse pass, in S_j's eigenbasis (w̃ = Vᵀw, y = VᵀX θ, d = (1 − δ)λ + δm̄, so w̃ = y/(γd)):
 *   g_j = ∂J/∂w_j = G_j(R_j − tc·s_j) + G_{j+1}·tc·s_{j+1},  s_j = sign(w_j − w_{j−1}), G = ∂J/∂r,
 *   ∂J/∂θ = Σ_j (VᵀX)ᵀ (g̃_j ⊘ γd),   ∂J/∂δ = −Σ_j Σ_i g̃_{j,i} w̃_{j,i} (m̄_j − λ_{j,i})/d_{j,i},
 *   ∂J/∂a = ∂J/∂δ · δ(1 − δ) for δ = sigmoid(a).
 * |·| is differentiated as sign(·) (its derivative wherever it exists; the kink has measure zero).
 */

import { annualisedSharpe, annualisedSharpeGradient } from './net-sharpe';
import type { ShrinkageDecision, ShrinkageProblem } from './shrinkage-problem';
import { N_FEATURES } from './shrinkage-problem';

/** Settings shared by every evaluation. */
export interface ShrinkageCosts {
  /** Risk aversion γ > 0 (scales weights; Sharpe-neutral). */
  readonly gamma: number;
  /** Proportional cost per unit of one-way turnover ‖Δw‖₁ (0.005 = 50 bps). */
  readonly tc: number;
}

/** The path of a strategy over a window of decisions. */
export interface ShrinkagePath {
  /** Weights w_j, one length-N array per decision in the window. */
  readonly weights: Float64Array[];
  /** Net returns r_j, length = window size. */
  readonly netReturns: Float64Array;
  /** Turnover ‖w_j − w_{j−1}‖₁ (0 for the first decision of the window). */
  readonly turnover: Float64Array;
}

export function sigmoid(a: number): number {
  return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
}

/** w̃ = Vᵀw for θ and δ; returns w̃ and w. */
function decisionWeights(decision: ShrinkageDecision, theta: ArrayLike<number>, delta: number, gamma: number, n: number): { rotated: Float64Array; weights: Float64Array } {
  const p = N_FEATURES;
  const rotated = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    let y = 0;
    for (let c = 0; c < p; c++) y += decision.rotatedFeatures[q * p + c] * theta[c];
    const d = (1 - delta) * decision.eigenvalues[q] + delta * decision.target;
    rotated[q] = y / (gamma * d);
  }
  const weights = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    const wq = rotated[q];
    if (wq === 0) continue;
    for (let i = 0; i < n; i++) weights[i] += decision.eigenvectorsT[q * n + i] * wq;
  }
  return { rotated, weights };
}

/**
 * Weights and net returns over decisions [from, to) for θ and per-decision δ.
 *
 * @param deltas - δ_j for each decision in [from, to) (length to − from), each in [0, 1].
 * @param previous - w_{from−1}; omitted means the first decision pays no cost.
 */
export function shrinkagePath(
  problem: ShrinkageProblem,
  theta: ArrayLike<number>,
  deltas: ArrayLike<number>,
  from: number,
  to: number,
  costs: ShrinkageCosts,
  previous?: Float64Array,
): ShrinkagePath {
  const n = problem.nAssets;
  const weights: Float64Array[] = [];
  const netReturns = new Float64Array(to - from);
  const turnover = new Float64Array(to - from);
  let last = previous;
  for (let j = from; j < to; j++) {
    const decision = problem.decisions[j];
    const { weights: w } = decisionWeights(decision, theta, deltas[j - from], costs.gamma, n);
    let gross = 0;
    let moved = 0;
    for (let i = 0; i < n; i++) {
      gross += w[i] * decision.nextReturns[i];
      if (last !== undefined) moved += Math.abs(w[i] - last[i]);
    }
    turnover[j - from] = moved;
    netReturns[j - from] = gross - costs.tc * moved;
    weights.push(w);
    last = w;
  }
  return { weights, netReturns, turnover };
}

/** Value and gradient of the training objective. */
export interface ShrinkageObjective {
  /** J = annualised net Sharpe over the window. */
  readonly value: number;
  /** ∂J/∂θ, length p. */
  readonly gradTheta: Float64Array;
  /** ∂J/∂a for δ = sigmoid(a). */
  readonly gradLogit: number;
}

/**
 * J(θ, a) = annualised net Sharpe over decisions [from, to) with one δ = sigmoid(a) for all of
 * them (the first decision pays no cost), and its exact gradient.
 *
 * @param theta - θ, length p = 6.
 */
export function shrinkageObjective(problem: ShrinkageProblem, theta: ArrayLike<number>, logit: number, from: number, to: number, costs: ShrinkageCosts): ShrinkageObjective {
  const n = problem.nAssets;
  const p = N_FEATURES;
  if (theta.length !== p) throw new Error(`theta has length ${theta.length}, expected ${p}`);
  if (!Number.isFinite(logit)) throw new Error(`logit is ${logit}: must be finite`);
  const delta = sigmoid(logit);
  const size = to - from;
  const rotated: Float64Array[] = [];
  const weights: Float64Array[] = [];
  const netReturns = new Float64Array(size);
  const signs: Float64Array[] = [];
  for (let j = from; j < to; j++) {
    const decision = problem.decisions[j];
    const current = decisionWeights(decision, theta, delta, costs.gamma, n);
    const sign = new Float64Array(n);
    let r = 0;
    for (let i = 0; i < n; i++) {
      r += current.weights[i] * decision.nextReturns[i];
      if (j > from) {
        const move = current.weights[i] - weights[j - from - 1][i];
        sign[i] = Math.sign(move);
        r -= costs.tc * Math.abs(move);
      }
    }
    netReturns[j - from] = r;
    rotated.push(current.rotated);
    weights.push(current.weights);
    signs.push(sign);
  }
  const value = annualisedSharpe(netReturns).sharpe;
  const bySharpe = annualisedSharpeGradient(netReturns);
  const gradTheta = new Float64Array(p);
  let gradDelta = 0;
  const g = new Float64Array(n);
  for (let j = from; j < to; j++) {
    const k = j - from;
    const decision = problem.decisions[j];
    for (let i = 0; i < n; i++) {
      g[i] = bySharpe[k] * (decision.nextReturns[i] - costs.tc * signs[k][i]);
      if (k + 1 < size) g[i] += bySharpe[k + 1] * costs.tc * signs[k + 1][i];
    }
    for (let q = 0; q < n; q++) {
      let gq = 0;
      for (let i = 0; i < n; i++) gq += decision.eigenvectorsT[q * n + i] * g[i];
      const d = (1 - delta) * decision.eigenvalues[q] + delta * decision.target;
      const u = gq / (costs.gamma * d);
      for (let c = 0; c < p; c++) gradTheta[c] += decision.rotatedFeatures[q * p + c] * u;
      gradDelta -= (gq * rotated[k][q] * (decision.target - decision.eigenvalues[q])) / d;
    }
  }
  return { value, gradTheta, gradLogit: gradDelta * delta * (1 - delta) };
}
