/**
 * The pipeline's stages and, per stage, the node kinds a user can pick, each with its zod schema.
 * Plain JSON that round-trips, so a stored run replays from its spec and seed. Defaults live in the
 * schemas so a minimal spec is complete after parsing.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'expected YYYY-MM or YYYY-MM-DD');
const bps = z.number().min(0).max(10_000);

export const ESTIMATOR_NAMES = ['sample', 'ewma', 'ledoit-wolf', 'qis', 'nls', 'rie', 'clip', 'pca'] as const;
export const CHARACTERISTICS = ['momentum-12-1', 'reversal-1m', 'volatility', 'beta', 'max-daily-return'] as const;

export const DataNodeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('dataset'),
      /** Dataset id, unique id prefix or exact name (prices or returns). */
      dataset: z.string().min(1),
      /** Optional macro panel (e.g. FRED-MD) for macro features. */
      macro: z.string().min(1).optional(),
      /** Daily prices are resampled to month ends for a monthly pipeline. */
      frequency: z.enum(['monthly', 'daily']).default('monthly'),
      /** Assets observed on fewer than this share of the backtest window's dates are left out. */
      minCoverage: z.number().min(0).max(1).default(0.9),
    })
    .strict(),
  z
    .object({
      kind: z.literal('synthetic'),
      nAssets: z.number().int().min(2).max(2000).default(40),
      nMonths: z.number().int().min(24).max(2400).default(240),
    })
    .strict(),
]);

export const FeaturesNodeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('price-characteristics'),
      characteristics: z.array(z.enum(CHARACTERISTICS)).min(1).default([...CHARACTERISTICS]),
      /** Macro variables (column names of the macro dataset), interacted with the characteristics. */
      macro: z.array(z.string().min(1)).default([]),
    })
    .strict(),
  z.object({ kind: z.literal('synthetic-characteristics') }).strict(),
]);

export const PredictorNodeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('historical-mean'), window: z.number().int().min(2).default(60) }).strict(),
  z.object({ kind: z.literal('linear'), l2: z.number().min(0).default(1e-3) }).strict(),
  z
    .object({
      kind: z.literal('mlp'),
      hidden: z.array(z.number().int().min(1).max(1024)).min(1).max(4).default([32]),
      /** Rank k of the learned risk head Σ̂ = F·Fᵀ + diag(d); 0 for no risk head. */
      riskFactors: z.number().int().min(0).max(50).default(0),
      l2: z.number().min(0).default(1e-4),
    })
    .strict(),
]);

export const RiskNodeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('estimator'),
      estimator: z.enum(ESTIMATOR_NAMES).default('ledoit-wolf'),
      /** Observations in the estimation window. */
      lookback: z.number().int().min(3).default(60),
      halfLife: z.number().positive().optional(),
      factors: z.number().int().min(1).optional(),
    })
    .strict(),
  /** The MLP predictor's own risk head (end-to-end pipelines). */
  z.object({ kind: z.literal('learned-head') }).strict(),
  /** The learned covariance cleaner (METHODS.md §3) on daily returns; minimum-variance optimiser only. */
  z
    .object({
      kind: z.literal('learned-cleaner'),
      /** Daily observations in the window: at least the model's lookback (252 for the shipped model). */
      lookback: z.number().int().min(3).default(252),
      /** Whose weights: the model shipped in resources/models. */
      model: z.enum(['shipped']).default('shipped'),
    })
    .strict(),
]);

const DriverColumnRefSchema = z
  .object({
    /** Dataset id, unique id prefix or exact name. */
    dataset: z.string().min(1),
    /** Column; default: every factor but RF, the CLOSE of an OHLC file, else every column. */
    column: z.string().min(1).optional(),
  })
  .strict();

/** One driver of the sensitivity optimiser: a column (or columns) of an imported dataset, optionally minus another (a spread). */
export const SensitivityDriverSchema = DriverColumnRefSchema.extend({
  /** Subtracted level, e.g. AAA under BAA for the Baa − Aaa spread (needs one column on each side). */
  minus: DriverColumnRefSchema.optional(),
  /** `auto`: factor returns stay returns, VIX in log changes, other levels in changes. */
  transform: z.enum(['auto', 'difference', 'log-difference', 'return']).default('auto'),
  /** Display name; default the column (or `A−B` for a spread). */
  name: z.string().min(1).max(60).optional(),
}).strict();

export const OptimiserNodeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('equal-weight') }).strict(),
  z.object({ kind: z.literal('inverse-volatility') }).strict(),
  z.object({ kind: z.literal('minimum-variance'), longOnly: z.boolean().default(true), upper: z.number().positive().max(1).optional() }).strict(),
  z
    .object({
      kind: z.literal('mean-variance'),
      /** Risk aversion γ in −μᵀw + γ·wᵀΣw. */
      gamma: z.number().positive().default(8),
      lower: z.number().min(-1).max(1).default(0),
      upper: z.number().positive().max(1).default(1),
      /** Put the cost model's turnover penalty κ‖w − w_prev‖₁ into the objective. */
      turnoverPenalty: z.boolean().default(true),
    })
    .strict(),
  z.object({ kind: z.literal('hrp'), linkage: z.enum(['single', 'average', 'complete', 'ward']).default('single') }).strict(),
  z.object({ kind: z.literal('erc') }).strict(),
  z
    .object({
      kind: z.literal('sensitivity'),
      /** Common drivers (METHODS.md §4), each a column of an imported dataset. */
      drivers: z.array(SensitivityDriverSchema).min(1).max(40),
      /** Linkage of the clustering on the sensitivity distance. */
      linkage: z.enum(['single', 'average', 'ward']).default('single'),
      /** `hrp`: recursive bisection on the sensitivity tree; `min-variance`: QP with a weight band per cluster. */
      variant: z.enum(['hrp', 'min-variance']).default('hrp'),
      /** Clusters the tree is cut into for `min-variance` (capped at the universe size). */
      clusters: z.number().int().min(1).max(100).default(4),
      /** Periods the network is trained on, ending at the rebalance; at most the risk lookback. */
      window: z.number().int().min(12).default(60),
      /** Lags of the driver changes fed to the network. */
      lags: z.number().int().min(0).max(6).default(1),
      hidden: z.array(z.number().int().min(1).max(256)).max(3).default([16]),
      epochs: z.number().int().min(1).max(5000).default(300),
      learningRate: z.number().positive().default(1e-2),
      /** Share of assets a driver must reach (correlation or lag-1 predictability) to be kept. */
      minShare: z.number().gt(0).max(1).default(0.5),
    })
    .strict(),
]);

export const TrainingNodeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('decoupled'),
      epochs: z.number().int().min(1).max(5000).default(200),
      learningRate: z.number().positive().default(1e-2),
      patience: z.number().int().min(1).default(20),
      validationPeriods: z.number().int().min(1).default(24),
    })
    .strict(),
  z
    .object({
      kind: z.literal('end-to-end'),
      loss: z.enum(['sharpe', 'utility', 'variance']).default('sharpe'),
      epochs: z.number().int().min(1).max(5000).default(100),
      learningRate: z.number().positive().default(1e-2),
      patience: z.number().int().min(1).default(15),
      validationPeriods: z.number().int().min(1).default(24),
    })
    .strict(),
]);

export const BacktestNodeSchema = z
  .object({
    start: isoDate.optional(),
    end: isoDate.optional(),
    /** Rebalance every this many periods of the pipeline's frequency. */
    rebalanceEvery: z.number().int().min(1).default(1),
    /** Refit the predictor every this many rebalances (training pipelines). */
    retrainEvery: z.number().int().min(1).default(12),
    costBps: bps.default(10),
    slippageBps: bps.default(0),
  })
  .strict();
