/**
 * Records of the walk-forward backtest: the data it reads, the strategy interface, the options and
 * the result. Timing convention throughout: row s of `returns` is the simple return of period s,
 * earned from the close of s − 1 to the close of s, and `dates[s]` labels the close of s. A
 * rebalance "at t" happens at the close of t, after r_t is known, and first earns r_{t+1}.
 */

import type { CostModel } from './cost-model';
import type { PastView } from './past-view';

/** A named T × width block of per-date data (macro state, flattened characteristics, …). */
export interface FeatureBlock {
  /** T × width row-major, aligned with `returns`' rows; NaN allowed (the strategy decides). */
  readonly values: Float64Array;
  readonly width: number;
}

/** The panel a backtest runs on. Nothing in it is mutated. */
export interface BacktestData {
  /**
   * Simple returns (0.01 = 1 %), T × N row-major, oldest first. NaN marks a missing return (asset
   * not listed or not trading); ±Infinity and values below −1 are rejected.
   */
  readonly returns: Float64Array;
  readonly t: number;
  readonly n: number;
  /** Period labels, length T, strictly increasing as strings (ISO dates, `YYYY-MM`, `YYYYMM`). */
  readonly dates: readonly string[];
  /** Asset names, length N; default `asset 0`, `asset 1`, …. */
  readonly assets?: readonly string[];
  /**
   * Risk-free simple return per period, length T, finite; default 0. Cash (1 − Σw) earns it and
   * Sharpe / Sortino are computed on returns in excess of it.
   */
  readonly riskFree?: Float64Array;
  /** Extra per-date data a strategy may read through the view, past-only like the returns. */
  readonly features?: Readonly<Record<string, FeatureBlock>>;
}

/** What a strategy knows besides the data at a rebalance. */
export interface RebalanceContext {
  /** 0-based position of this rebalance in the schedule. */
  readonly rebalance: number;
  /** Retrain hint from `options.retrainEvery`: true at the first rebalance and when due. */
  readonly retrain: boolean;
  /** The drifted weights held just before trading, length N (a copy): w_prev of the turnover term. */
  readonly previousWeights: Float64Array;
  /** The simulator's cost model; optimisers take `costModel.kappa()` as their turnover penalty. */
  readonly costModel: CostModel;
  /** The budget Σw the simulator requires, or null when it requires none. */
  readonly budget: number | null;
}

/** A strategy's answer at one rebalance. */
export interface StrategyDecision {
  /** Target weights, length N, fractions of portfolio value (cash is 1 − Σw). */
  readonly weights: Float64Array;
  /**
   * `ok` (default), or a solver status. `ok`, `solved` and `solved-inaccurate` are executed; any
   * other status is a failed rebalance: the simulator keeps the drifted weights and records it.
   */
  readonly status?: string;
  /** Scalars worth keeping per date (shrinkage, predicted return, iterations, …). */
  readonly diagnostics?: Readonly<Record<string, number | string | boolean>>;
}

/**
 * A strategy: called once per rebalance, in date order, with a view of the data up to and including
 * that date and nothing after it. May keep state between calls (e.g. a model refitted when
 * `context.retrain`).
 */
export interface Strategy {
  readonly name: string;
  /** JSON-serialisable configuration, stored with a run so it can be replayed. */
  readonly spec?: Readonly<Record<string, unknown>>;
  rebalance(view: PastView, context: RebalanceContext): StrategyDecision;
}

/** A stateless strategy given as a bare function. */
export type StrategyFunction = (view: PastView, context: RebalanceContext) => StrategyDecision;

/** Data frequency; sets the annualisation factor A (periods per year). */
export type Frequency = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'annual';

/** A = 252 trading days, 52 weeks, 12 months, 4 quarters, 1 year. */
export const PERIODS_PER_YEAR: Readonly<Record<Frequency, number>> = Object.freeze({
  daily: 252,
  weekly: 52,
  monthly: 12,
  quarterly: 4,
  annual: 1,
});

/** A row of the panel, by index (0-based) or by date label. */
export type DateRef = number | string;

export interface WalkForwardOptions {
  /** Data frequency (annualisation), or an explicit number of periods per year > 0. */
  readonly frequency: Frequency | number;
  /**
   * Periods in the estimation window L ≥ 1 ending at the rebalance date (inclusive). It defines the
   * investable universe: assets with a finite return in every row of the window.
   */
  readonly lookback: number;
  /** Minimum periods of history before the first rebalance; default (and at least) `lookback`. */
  readonly warmup?: number;
  /** Rebalance every k ≥ 1 periods from the first rebalance; default 1. Ignored with `rebalanceAt`. */
  readonly rebalanceEvery?: number;
  /** Explicit rebalance dates (rows or exact labels), strictly increasing, inside [start − 1, end − 1]. */
  readonly rebalanceAt?: readonly DateRef[];
  /**
   * Retrain hint: `context.retrain` is true at the first rebalance and then at the first rebalance
   * at least this many periods after the last retrain. Default: every rebalance.
   */
  readonly retrainEvery?: number;
  /**
   * First out-of-sample period (row, or the first label ≥ this string). The first rebalance is at
   * the row before it. Default: as early as the warm-up allows.
   */
  readonly start?: DateRef;
  /** Last out-of-sample period, inclusive (row, or the last label ≤ this string). Default: T − 1. */
  readonly end?: DateRef;
  /** The cost model, shared with the strategy through the context. */
  readonly costModel: CostModel;
  /** Required Σw of executed targets, or null for none; default 1. */
  readonly budget?: number | null;
  /**
   * |Σw − budget| allowed; default 1e-4. The QP reports unpolished ADMM points as `solved` once
   * its scaled residuals pass ε = 1e-6, and their budget row was measured up to 2.8e-6 off on
   * monthly industry data; 1e-4 accepts that while catching unnormalised weights.
   */
  readonly budgetTolerance?: number;
  /** Weights held before the first rebalance, length N; default all cash (zeros). */
  readonly initialWeights?: Float64Array;
}

/** Called once per rebalance with the fraction done (0, 1] and a readable stage. */
export type ProgressCallback = (fraction: number, stage: string) => void;

/** What happened at one rebalance. */
export interface RebalanceRecord {
  /** Row of the panel and its label. */
  readonly index: number;
  readonly date: string;
  /** The strategy's status (`ok` when it gave none). */
  readonly status: string;
  /** False when the status was a failure and the drifted weights were kept. */
  readonly executed: boolean;
  readonly retrained: boolean;
  /** Number of assets in the universe (complete returns over the lookback window). */
  readonly universeSize: number;
  /** One-way turnover ½‖w_target − w_drifted‖₁ (0 when not executed). */
  readonly turnover: number;
  /** κ‖w_target − w_drifted‖₁, charged to the next period's return. */
  readonly cost: number;
  readonly diagnostics: Readonly<Record<string, number | string | boolean>>;
}

/**
 * Performance figures of the net returns. Annualisation uses A periods per year; a ratio whose
 * denominator is zero is `null` (undefined), never NaN or Infinity.
 */
export interface BacktestMetrics {
  /** Number of out-of-sample periods P. */
  readonly periods: number;
  readonly years: number;
  /** A · mean(r). */
  readonly annualisedReturn: number;
  /** CAGR: (Π(1 + r))^(A/P) − 1. */
  readonly cagr: number;
  /** √A · std(r), divisor P − 1; null when P < 2. */
  readonly volatility: number | null;
  /** √A · mean(r − r_f)/std(r − r_f) (divisor P − 1); null when P < 2 or the std is 0. */
  readonly sharpe: number | null;
  /** A·mean(r − r_f) / (√A · √(mean(min(r − r_f, 0)²))); null without a negative excess period. */
  readonly sortino: number | null;
  /** max_s (1 − E_s / max_{u≤s} E_u), E_0 = 1: a positive fraction. */
  readonly maxDrawdown: number;
  /** CAGR / maxDrawdown; null when there is no drawdown. */
  readonly calmar: number | null;
  /** Mean one-way turnover ½‖Δw‖₁ over scheduled rebalances (failed ones count 0). */
  readonly turnover: number;
  /** Σ one-way turnover / years. */
  readonly annualisedTurnover: number;
  /** Mean over rebalances of (Σ|w|)²/Σw² of the weights held after the rebalance (1/HHI); null if all cash. */
  readonly effectiveN: number | null;
  /** Fraction of periods with r > 0. */
  readonly hitRate: number;
  /** Σ costs (fraction of value, summed over periods) and that sum / years. */
  readonly totalCost: number;
  readonly annualisedCost: number;
  /** E_P = Π(1 + r). */
  readonly finalEquity: number;
  readonly rebalances: number;
  readonly failedRebalances: number;
  /** Count of each strategy status over the rebalances. */
  readonly statusCounts: Readonly<Record<string, number>>;
}

export interface BacktestResult {
  readonly strategy: string;
  readonly strategySpec?: Readonly<Record<string, unknown>>;
  readonly assets: readonly string[];
  readonly n: number;
  readonly periodsPerYear: number;
  readonly costModel: { proportionalBps: number; slippageBps: number };
  /** Labels of the P out-of-sample periods. */
  readonly dates: readonly string[];
  /** Per period, length P: gross return Σ w_i r_i + (1 − Σw) r_f, cost charged, net = gross − cost. */
  readonly grossReturns: Float64Array;
  readonly costs: Float64Array;
  readonly netReturns: Float64Array;
  /** Risk-free return per period, length P (zeros without `data.riskFree`). */
  readonly riskFree: Float64Array;
  /** E_s = Π_{u≤s}(1 + net_u), length P. */
  readonly equity: Float64Array;
  /** E_s / max_{u≤s} E_u − 1 (≤ 0), with E_0 = 1 in the running max; length P. */
  readonly drawdown: Float64Array;
  /** Weights held during each period (after the last trade, drifted to the period's start), P × N. */
  readonly holdings: Float64Array;
  /** Weights after each rebalance decision (target, or the drifted weights kept on failure), R × N. */
  readonly weights: Float64Array;
  readonly rebalances: readonly RebalanceRecord[];
  readonly metrics: BacktestMetrics;
  /**
   * Held assets whose return was missing (NaN) in a period: the return is taken as 0 (price
   * carried forward). Total count and count per asset (length N).
   */
  readonly missingHeldReturns: number;
  readonly missingHeldByAsset: readonly number[];
}
