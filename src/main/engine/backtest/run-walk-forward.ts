/**
 * The walk-forward simulator: calls a strategy at each rebalance with the past only, trades to its
 * targets at the close, charges the shared cost model, lets weights drift with returns until the
 * next rebalance, and reports the net return series and its metrics.
 *
 * Accounting, per out-of-sample period s (following the convention of METHODS.md §1):
 *   gross_s = Σ_i w_i r_{s,i} + (1 − Σ_i w_i)·rf_s,   net_s = gross_s − cost charged at the close of s − 1,
 *   w_i ← w_i (1 + r_{s,i}) / (1 + gross_s)   (drift; cash drifts alike at rf_s),
 * where w are the weights held during s and cost = κ‖w_target − w_drifted‖₁ from `options.costModel`.
 * The cost is subtracted from the next period's return (additive, as the end-to-end loss does),
 * so the compounded cost·gross cross term is not modelled.
 *
 * Policies:
 * - Universe: at a rebalance at t the investable assets are those with a finite return in every
 *   row of the lookback window ending at t; a target weight on any other asset is an error.
 * - Missing return of a held asset inside a holding period: taken as 0 (price carried forward) and
 *   counted in `missingHeldReturns` / `missingHeldByAsset`.
 * - Failed solve: a status other than `ok` / `solved` / `solved-inaccurate` keeps the drifted
 *   weights (no trade, no cost), records the status, and counts in `failedRebalances`; the metrics
 *   stay finite because the portfolio keeps earning its held returns.
 */

import { l1Distance } from './cost-model';
import type { CostModel } from './cost-model';
import { computeMetrics, drawdownSeries, equityCurve } from './metrics';
import { PastView } from './past-view';
import { resolveSchedule } from './schedule';
import { PERIODS_PER_YEAR } from './types';
import type {
  BacktestData,
  BacktestResult,
  ProgressCallback,
  RebalanceRecord,
  Strategy,
  StrategyDecision,
  StrategyFunction,
  WalkForwardOptions,
} from './types';
import { checkBacktestData } from './validate-data';

/** Statuses whose weights are traded; every other status is a failed rebalance. */
export const EXECUTABLE_STATUSES: ReadonlySet<string> = new Set(['ok', 'solved', 'solved-inaccurate']);

function periodsPerYearOf(frequency: WalkForwardOptions['frequency']): number {
  if (typeof frequency === 'number') {
    if (!(Number.isFinite(frequency) && frequency > 0)) throw new Error(`options.frequency = ${frequency}: periods per year must be finite and > 0`);
    return frequency;
  }
  if (typeof frequency === 'string' && Object.prototype.hasOwnProperty.call(PERIODS_PER_YEAR, frequency)) return PERIODS_PER_YEAR[frequency];
  throw new Error(`options.frequency must be one of ${Object.keys(PERIODS_PER_YEAR).join(', ')} or a number of periods per year, got ${String(frequency)}`);
}

function asStrategy(strategy: Strategy | StrategyFunction): Strategy {
  if (typeof strategy === 'function') return { name: strategy.name || 'strategy', rebalance: strategy };
  if (strategy === null || typeof strategy !== 'object' || typeof strategy.rebalance !== 'function') {
    throw new Error('strategy must be a function or an object with a rebalance(view, context) method');
  }
  return strategy;
}

function assertCostModel(costModel: CostModel | undefined): CostModel {
  if (costModel === undefined || costModel === null || typeof costModel.kappa !== 'function' || typeof costModel.cost !== 'function') {
    throw new Error('options.costModel is required: build it with createCostModel({ proportionalBps, slippageBps })');
  }
  return costModel;
}

/** Throws unless a decision to be executed has N finite weights, zero outside the universe, and the budget. */
function checkTarget(
  decision: StrategyDecision,
  universe: Uint8Array,
  assets: readonly string[],
  budget: number | null,
  budgetTolerance: number,
  where: string,
): Float64Array {
  const { weights } = decision;
  const n = assets.length;
  if (!(weights instanceof Float64Array)) throw new Error(`${where}: weights must be a Float64Array of length N = ${n}`);
  if (weights.length !== n) throw new Error(`${where}: weights have length ${weights.length}, expected N = ${n}`);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(weights[i])) throw new Error(`${where}: weight of '${assets[i]}' (index ${i}) is ${weights[i]}, with status '${decision.status ?? 'ok'}'`);
    if (universe[i] === 0 && weights[i] !== 0) {
      throw new Error(`${where}: weight ${weights[i]} on '${assets[i]}' (index ${i}), which has a missing return in the lookback window; weights outside the universe must be 0`);
    }
    total += weights[i];
  }
  if (budget !== null && !(Math.abs(total - budget) <= budgetTolerance)) {
    throw new Error(`${where}: weights sum to ${total}, expected the budget ${budget} (tolerance ${budgetTolerance.toExponential()})`);
  }
  return weights.slice();
}

/**
 * Runs `strategy` walk-forward over `data`.
 *
 * @param onProgress - called after each rebalance with (done / total, `rebalance k/R at <date>`).
 * @returns the per-period series, the rebalance records, the weights and the metrics.
 * @throws on invalid data or options, data too short for the lookback, an empty universe at a
 *   rebalance, a strategy that throws or returns malformed weights (NaN, wrong length, off-budget,
 *   weight outside the universe) with an executable status, or a portfolio that loses all its value.
 */
export function runWalkForward(
  data: BacktestData,
  strategy: Strategy | StrategyFunction,
  options: WalkForwardOptions,
  onProgress?: ProgressCallback,
): BacktestResult {
  const panel = checkBacktestData(data);
  const policy = asStrategy(strategy);
  if (options === null || typeof options !== 'object') throw new Error('options must be an object with frequency, lookback and costModel');
  const periodsPerYear = periodsPerYearOf(options.frequency);
  const costModel = assertCostModel(options.costModel);
  const budget = options.budget === undefined ? 1 : options.budget;
  if (budget !== null && !Number.isFinite(budget)) throw new Error(`options.budget must be a finite number or null, got ${String(budget)}`);
  const budgetTolerance = options.budgetTolerance ?? 1e-4;
  if (!(Number.isFinite(budgetTolerance) && budgetTolerance >= 0)) throw new Error(`options.budgetTolerance must be finite and ≥ 0, got ${budgetTolerance}`);
  const { returns, n, dates, assets, riskFree, features } = panel;
  const schedule = resolveSchedule(dates, options);
  const { rebalanceRows, end, lookback } = schedule;

  let held: Float64Array = new Float64Array(n);
  if (options.initialWeights !== undefined) {
    const initial = options.initialWeights;
    if (!(initial instanceof Float64Array) || initial.length !== n) throw new Error(`options.initialWeights must be a Float64Array of length N = ${n}`);
    for (let i = 0; i < n; i++) if (!Number.isFinite(initial[i])) throw new Error(`options.initialWeights[${i}] is ${initial[i]}: must be finite`);
    held = initial.slice();
  }

  const first = rebalanceRows[0];
  const periods = end - first;
  const rebalanceCount = rebalanceRows.length;
  const grossReturns = new Float64Array(periods);
  const costs = new Float64Array(periods);
  const netReturns = new Float64Array(periods);
  const holdings = new Float64Array(periods * n);
  const weights = new Float64Array(rebalanceCount * n);
  const missingHeldByAsset = new Array<number>(n).fill(0);
  const records: RebalanceRecord[] = [];
  let missingHeldReturns = 0;
  let pendingCost = 0;
  let next = 0;

  for (let row = first; row <= end; row++) {
    if (row > first) {
      const p = row - first - 1;
      holdings.set(held, p * n);
      const rf = riskFree ? riskFree[row] : 0;
      let invested = 0;
      let gross = 0;
      for (let i = 0; i < n; i++) {
        const w = held[i];
        invested += w;
        if (w === 0) continue;
        const r = returns[row * n + i];
        if (Number.isNaN(r)) {
          missingHeldReturns++;
          missingHeldByAsset[i]++;
        } else {
          gross += w * r;
        }
      }
      gross += (1 - invested) * rf;
      if (!(1 + gross > 0)) throw new Error(`the portfolio lost all its value in ${dates[row]} (row ${row}): gross return ${gross}`);
      grossReturns[p] = gross;
      costs[p] = pendingCost;
      netReturns[p] = gross - pendingCost;
      pendingCost = 0;
      for (let i = 0; i < n; i++) {
        const r = returns[row * n + i];
        held[i] = (held[i] * (1 + (Number.isNaN(r) ? 0 : r))) / (1 + gross);
      }
    }
    if (next < rebalanceCount && rebalanceRows[next] === row) {
      const date = dates[row];
      const where = `strategy '${policy.name}' at ${date} (rebalance ${next + 1} of ${rebalanceCount})`;
      const view = new PastView(returns, n, dates, assets, row, lookback, riskFree, features);
      const universe = view.universe();
      let universeSize = 0;
      for (let i = 0; i < n; i++) universeSize += universe[i];
      if (universeSize === 0) {
        throw new Error(`empty universe at ${date}: every asset has a missing return in the ${lookback} periods ${dates[row + 1 - lookback]} … ${date}`);
      }
      let decision: StrategyDecision;
      try {
        decision = policy.rebalance(view, {
          rebalance: next,
          retrain: schedule.retrain[next],
          previousWeights: held.slice(),
          costModel,
          budget,
        });
      } catch (error) {
        throw new Error(`${where} threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      if (decision === null || typeof decision !== 'object') throw new Error(`${where} returned ${String(decision)}, expected { weights, status? }`);
      const status = decision.status ?? 'ok';
      if (typeof status !== 'string') throw new Error(`${where}: status must be a string, got ${String(status)}`);
      const executed = EXECUTABLE_STATUSES.has(status);
      let turnover = 0;
      let cost = 0;
      if (executed) {
        const target = checkTarget(decision, universe, assets, budget, budgetTolerance, where);
        turnover = 0.5 * l1Distance(target, held);
        cost = costModel.cost(target, held);
        if (!(Number.isFinite(cost) && cost >= 0)) throw new Error(`${where}: the cost model returned ${cost}`);
        pendingCost = cost;
        held = target;
      }
      weights.set(held, next * n);
      records.push({
        index: row,
        date,
        status,
        executed,
        retrained: schedule.retrain[next],
        universeSize,
        turnover,
        cost,
        diagnostics: { ...(decision.diagnostics ?? {}) },
      });
      next++;
      onProgress?.(next / rebalanceCount, `rebalance ${next}/${rebalanceCount} at ${date}`);
    }
  }

  const riskFreeOos: Float64Array = riskFree ? riskFree.slice(first + 1, end + 1) : new Float64Array(periods);
  const equity = equityCurve(netReturns);
  const metrics = computeMetrics(netReturns, riskFreeOos, costs, periodsPerYear, {
    turnover: records.map((record) => record.turnover),
    weights,
    n,
    statuses: records.map((record) => record.status),
    executed: records.map((record) => record.executed),
  });
  return {
    strategy: policy.name,
    ...(policy.spec ? { strategySpec: policy.spec } : {}),
    assets,
    n,
    periodsPerYear,
    costModel: { proportionalBps: costModel.proportionalBps, slippageBps: costModel.slippageBps },
    dates: dates.slice(first + 1, end + 1),
    grossReturns,
    costs,
    netReturns,
    riskFree: riskFreeOos,
    equity,
    drawdown: drawdownSeries(equity),
    holdings,
    weights,
    rebalances: records,
    metrics,
    missingHeldReturns,
    missingHeldByAsset,
  };
}
