/**
 * The one transaction-cost object shared by the optimiser and the simulator (cvxportfolio's
 * convention: the same cost model prices trades in the policy and in the simulation, Boyd et al.,
 * "Multi-period trading via convex optimization", Found. Trends Optim. 3(1), 2017, §2.3).
 *
 * Costs are linear in the traded weight: trading Δw (fractions of portfolio value) costs
 * κ·‖Δw‖₁ of portfolio value, with κ = (proportional + slippage) bps / 10⁴. The mean–variance QP's
 * turnover term κ‖w − w_prev‖₁ (METHODS.md §1) takes `kappa()` unchanged, so the cost the optimiser
 * trades off is exactly the cost the simulator charges.
 */

/** Hyper-parameters of {@link createCostModel}; both in basis points of traded value. */
export interface CostModelOptions {
  /** Commission / half-spread per unit traded, bps (≥ 0). */
  readonly proportionalBps: number;
  /** Market-impact / slippage allowance per unit traded, bps (≥ 0); default 0. */
  readonly slippageBps?: number;
}

/** A linear transaction-cost model. Plain data plus pure functions; round-trips through JSON. */
export interface CostModel {
  readonly proportionalBps: number;
  readonly slippageBps: number;
  /** κ = (proportionalBps + slippageBps)/10⁴: return units per unit of ‖Δw‖₁. */
  kappa(): number;
  /**
   * Cost of moving from `current` to `target` weights, as a fraction of portfolio value:
   * κ·Σ_i |target_i − current_i|. Both length n; neither is mutated.
   */
  cost(target: Float64Array, current: Float64Array): number;
  /** `{ proportionalBps, slippageBps }`, the JSON form `createCostModel` accepts back. */
  toJSON(): { proportionalBps: number; slippageBps: number };
}

function assertBps(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`costModel.${name} must be a finite number of basis points ≥ 0, got ${String(value)}`);
  }
  if (value >= 1e4) throw new Error(`costModel.${name} = ${value} bps is 100 % or more of the traded value`);
  return value;
}

/** Σ_i |a_i − b_i| after checking both have the same length and finite entries. */
export function l1Distance(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) throw new Error(`weights have lengths ${a.length} and ${b.length}: they must match`);
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const difference = Math.abs(a[i] - b[i]);
    if (!Number.isFinite(difference)) throw new Error(`weights[${i}] are ${a[i]} and ${b[i]}: both must be finite`);
    total += difference;
  }
  return total;
}

/**
 * Builds the cost model.
 *
 * @throws when a bps value is missing, negative, not finite, or ≥ 10⁴ (a cost of the whole trade).
 */
export function createCostModel(options: CostModelOptions): CostModel {
  if (options === null || typeof options !== 'object') throw new Error('costModel options must be an object with proportionalBps');
  const proportionalBps = assertBps(options.proportionalBps, 'proportionalBps');
  const slippageBps = assertBps(options.slippageBps ?? 0, 'slippageBps');
  const kappa = (proportionalBps + slippageBps) / 1e4;
  return Object.freeze({
    proportionalBps,
    slippageBps,
    kappa: () => kappa,
    cost: (target: Float64Array, current: Float64Array) => kappa * l1Distance(target, current),
    toJSON: () => ({ proportionalBps, slippageBps }),
  });
}
