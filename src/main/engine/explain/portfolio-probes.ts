/**
 * Probing functions of METHODS §5 as functions of portfolio weights, with their gradients with
 * respect to the weights (to be chained through the QP layer's backward pass, dG/dm =
 * (dw/dm)ᵀ·∇_w G), and the concentration statistics the report shows beside them.
 * - benchmark: (wᵀr − b)², ∇ = 2(wᵀr − b)·r;
 * - entropy H(w) = −Σ w_i ln w_i over w_i > 0 (0·ln 0 = 0), ∇_i = −(ln w_i + 1) for w_i > 0 and 0
 *   for w_i = 0: the one-sided derivative there is infinite, but an asset held at its lower bound
 *   0 is in the QP's active set, where dw_i/dμ = 0, so that entry never reaches dG/dm;
 * - divergence ‖w₁ − w₂‖₁ with the subgradient sign(w₁ − w₂) (0 where they agree);
 * - portfolio return wᵀr, ∇ = r (the return gap between two pipelines is a difference of two).
 */

function assertWeights(w: Float64Array, name: string): void {
  if (w.length < 1) throw new Error(`${name} is empty`);
  for (let i = 0; i < w.length; i++) {
    if (!Number.isFinite(w[i])) throw new Error(`${name}[${i}] is ${w[i]}: must be finite`);
  }
}

function assertSameLength(a: Float64Array, b: Float64Array, nameA: string, nameB: string): void {
  if (a.length !== b.length) throw new Error(`${nameB} has length ${b.length}, expected ${nameA}'s length ${a.length}`);
}

/** wᵀr and its gradient r (a copy). */
export function portfolioReturn(w: Float64Array, r: Float64Array): { value: number; gradient: Float64Array } {
  assertWeights(w, 'w');
  assertSameLength(w, r, 'w', 'r');
  assertWeights(r, 'r');
  let value = 0;
  for (let i = 0; i < w.length; i++) value += w[i] * r[i];
  return { value, gradient: Float64Array.from(r) };
}

/**
 * Benchmark probe (wᵀr − b)².
 *
 * @param r - realised (or scenario) asset returns, length n.
 * @param b - the benchmark return, same units as r.
 */
export function benchmarkGap(w: Float64Array, r: Float64Array, b: number): { value: number; gradient: Float64Array } {
  if (!Number.isFinite(b)) throw new Error(`b = ${b}: must be finite`);
  const { value: ret } = portfolioReturn(w, r);
  const gap = ret - b;
  return { value: gap * gap, gradient: r.map((ri) => 2 * gap * ri) };
}

/**
 * Shannon entropy of long-only weights (nats); maximal ln n at equal weights.
 *
 * @param w - weights ≥ 0, length n.
 * @throws on a negative weight (entropy is defined for long-only portfolios).
 */
export function weightEntropy(w: Float64Array): { value: number; gradient: Float64Array } {
  assertWeights(w, 'w');
  let value = 0;
  const gradient = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) {
    if (w[i] < 0) throw new Error(`w[${i}] = ${w[i]}: entropy needs long-only weights`);
    if (w[i] > 0) {
      const log = Math.log(w[i]);
      value -= w[i] * log;
      gradient[i] = -(log + 1);
    }
  }
  return { value, gradient };
}

/**
 * ‖w₁ − w₂‖₁ with the subgradient sign(w₁ − w₂) with respect to w₁ (its negative is w₂'s).
 */
export function weightDivergence(w1: Float64Array, w2: Float64Array): { value: number; gradient: Float64Array } {
  assertWeights(w1, 'w1');
  assertSameLength(w1, w2, 'w1', 'w2');
  assertWeights(w2, 'w2');
  let value = 0;
  const gradient = new Float64Array(w1.length);
  for (let i = 0; i < w1.length; i++) {
    const d = w1[i] - w2[i];
    value += Math.abs(d);
    gradient[i] = Math.sign(d);
  }
  return { value, gradient };
}

/** Concentration statistics of a portfolio. */
export interface Concentration {
  /** Herfindahl–Hirschman index Σ w_i². */
  readonly hhi: number;
  /** Effective number of holdings 1/HHI. */
  readonly effectiveN: number;
  /** max_i w_i. */
  readonly maxWeight: number;
  /** Sum of the 10 largest weights (all of them when n < 10). */
  readonly top10Weight: number;
  /** H(w) in nats. */
  readonly entropy: number;
}

/**
 * Concentration of long-only weights (METHODS §5 concentration question: effective holdings 36 → 7).
 *
 * @throws on empty, non-finite, negative or all-zero weights.
 */
export function concentration(w: Float64Array): Concentration {
  const entropy = weightEntropy(w).value;
  let hhi = 0;
  for (let i = 0; i < w.length; i++) hhi += w[i] * w[i];
  if (!(hhi > 0)) throw new Error('w is all zero: concentration is undefined');
  const sorted = Float64Array.from(w).sort().reverse();
  let top10Weight = 0;
  for (let i = 0; i < Math.min(10, sorted.length); i++) top10Weight += sorted[i];
  return { hhi, effectiveN: 1 / hhi, maxWeight: sorted[0], top10Weight, entropy };
}
