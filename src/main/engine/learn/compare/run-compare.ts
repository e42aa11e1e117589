/**
 * The `compare` experiment (issue 5 item 6, METHODS.md §1): does training the predictor for
 * decision quality beat training it for forecast accuracy? On one seeded synthetic factor universe:
 *
 * - equal weight (1/N over the universe);
 * - decoupled: the predictor fitted by MSE on next-month returns (early stopping on validation
 *   MSE), μ̂ and Ledoit–Wolf Σ̂ into the mean–variance QP;
 * - end-to-end: the same architecture, initialised from the decoupled fit (or from the seed), trained
 *   for the negative annualised net Sharpe of the training period through the QP layer (early
 *   stopping on validation Sharpe), then μ̂ with the same Ledoit–Wolf Σ̂ (or its own risk head).
 *
 * Evaluation: ONE chronological split of the decision months, training | validation | test (./compare-data);
 * models are fitted once on training (+ validation for stopping) and frozen; the test period is
 * run by the walk-forward simulator (../../backtest) — past-only view, weights drifting between
 * monthly rebalances, the one cost model at tc per unit traded charged by the simulator and, as κ,
 * by the optimiser — and the rows are its metrics. Not a rolling refit: one fit, one test period.
 */

import { runWalkForward } from '../../backtest/run-walk-forward';
import { createCostModel } from '../../backtest/cost-model';
import { equalWeightStrategy } from '../../backtest/strategies/equal-weight-strategy';
import type { BacktestResult, Strategy } from '../../backtest/types';
import { createRandom } from '../../data/random';
import { describeFactorUniverse, simulateFactorUniverse } from '../../data/synthetic-universe';
import { targetScale } from '../learning-panel';
import type { LearningPanel } from '../learning-panel';
import { linearPredictor } from '../predictors/linear-predictor';
import { mlpPredictor } from '../predictors/mlp-predictor';
import { restorePredictor } from '../predictors/create-predictor';
import type { Predictor } from '../predictors/predictor';
import { predictorStrategy } from '../predictor-strategy';
import { ledoitWolfRisk } from '../risk-factors';
import { trainDecoupled } from '../train-decoupled';
import { MIN_END_TO_END_MONTHS, trainEndToEnd } from '../train-end-to-end';
import type { EndToEndTrainingResult } from '../train-end-to-end';
import type { TrainingHistory } from '../training-loop';
import { CHARACTERISTICS_BLOCK, splitDecisionMonths, universeBacktestData, universePanel } from './compare-data';
import type { CompareSplit } from './compare-data';
import { testMse } from './test-mse';

export interface CompareOptions {
  /** Seed of everything: the universe, the initial weights, the mini-batch shuffles. */
  readonly seed: number;
  /** Risk aversion γ of the QP (no ½); default 8. */
  readonly gamma?: number;
  /** Proportional cost per unit of ‖Δw‖₁ (0.005 = 50 bps), charged in training and by the simulator; default 0.005. */
  readonly tc?: number;
  /** Per-asset weight cap; default none. */
  readonly wMax?: number;
  /** Optimiser turnover penalty κ; default tc (the simulator's cost). */
  readonly kappa?: number;
  /** Default 40. */
  readonly nAssets?: number;
  /** Months simulated; default 240. */
  readonly nMonths?: number;
  /** Covariance window (months); default 60. */
  readonly lookback?: number;
  /** Shares of the decision months for training and validation (the rest is test); default 0.5, 0.2. */
  readonly trainFraction?: number;
  readonly validationFraction?: number;
  /** Predictor architecture for both trained strategies; default `linear`. */
  readonly predictor?: 'linear' | 'mlp';
  /** MLP hidden widths; default [16]. */
  readonly hidden?: readonly number[];
  /** End-to-end Σ̂: Ledoit–Wolf (default, the decoupled one) or an MLP risk head with `riskFactors` factors. */
  readonly endToEndRisk?: 'ledoit-wolf' | 'head';
  /** k of the risk head; default 3. */
  readonly riskFactors?: number;
  /** Start end-to-end from the decoupled fit (default) or from fresh seeded weights. */
  readonly endToEndInit?: 'decoupled' | 'seed';
  readonly decoupledEpochs?: number;
  readonly endToEndEpochs?: number;
  readonly patience?: number;
  readonly decoupledLearningRate?: number;
  readonly endToEndLearningRate?: number;
  /** Polled between epochs; true cancels the run (it throws). */
  readonly shouldStop?: () => boolean;
}

export type CompareStrategyName = 'equal-weight' | 'decoupled' | 'end-to-end';

/** One strategy's out-of-sample figures (annualised; the simulator's definitions). */
export interface CompareRow {
  readonly strategy: CompareStrategyName;
  readonly sharpe: number | null;
  readonly annualisedReturn: number;
  readonly volatility: number | null;
  /** Mean one-way turnover ½‖Δw‖₁ per monthly rebalance. */
  readonly turnover: number;
  readonly maxDrawdown: number;
  /** Σ costs / years. */
  readonly annualisedCost: number;
  readonly failedRebalances: number;
  /** MSE of μ̂ against realised next returns over the test months (null for equal weight). */
  readonly testMse: number | null;
}

export interface CompareResult {
  /** Every option with its default filled in (JSON; replays the run). */
  readonly options: Required<Omit<CompareOptions, 'wMax' | 'shouldStop'>> & { readonly wMax: number | null };
  readonly split: CompareSplit & { readonly dates: { train: [string, string]; validation: [string, string]; test: [string, string] } };
  readonly rows: readonly CompareRow[];
  readonly training: { readonly decoupled: TrainingHistory; readonly endToEnd: EndToEndTrainingResult };
  readonly backtests: Readonly<Record<CompareStrategyName, BacktestResult>>;
  /** The data-generating process in words. */
  readonly universe: string;
}

/** Called with the fraction done in [0, 1] and a readable stage. */
export type CompareProgress = (fraction: number, stage: string) => void;

type Resolved = CompareResult['options'];

function resolve(options: CompareOptions): Resolved {
  if (options === null || typeof options !== 'object') throw new Error('runCompare: options must be an object with a seed');
  const tc = options.tc ?? 0.005;
  const resolved: Resolved = {
    seed: options.seed,
    gamma: options.gamma ?? 8,
    tc,
    wMax: options.wMax ?? null,
    kappa: options.kappa ?? tc,
    nAssets: options.nAssets ?? 40,
    nMonths: options.nMonths ?? 240,
    lookback: options.lookback ?? 60,
    trainFraction: options.trainFraction ?? 0.5,
    validationFraction: options.validationFraction ?? 0.2,
    predictor: options.predictor ?? 'linear',
    hidden: [...(options.hidden ?? [16])],
    endToEndRisk: options.endToEndRisk ?? 'ledoit-wolf',
    riskFactors: options.riskFactors ?? 3,
    endToEndInit: options.endToEndInit ?? 'decoupled',
    decoupledEpochs: options.decoupledEpochs ?? 200,
    endToEndEpochs: options.endToEndEpochs ?? 30,
    patience: options.patience ?? 8,
    decoupledLearningRate: options.decoupledLearningRate ?? 0.02,
    endToEndLearningRate: options.endToEndLearningRate ?? 0.02,
  };
  if (!Number.isSafeInteger(resolved.seed) || resolved.seed < 0) throw new Error(`seed = ${resolved.seed}: must be a non-negative safe integer`);
  if (!(Number.isFinite(tc) && tc >= 0 && tc < 1)) throw new Error(`tc = ${tc}: the cost per unit traded must be in [0, 1)`);
  if (!['linear', 'mlp'].includes(resolved.predictor)) throw new Error(`predictor must be 'linear' or 'mlp', got ${String(resolved.predictor)}`);
  if (!['ledoit-wolf', 'head'].includes(resolved.endToEndRisk)) throw new Error(`endToEndRisk must be 'ledoit-wolf' or 'head', got ${String(resolved.endToEndRisk)}`);
  if (resolved.endToEndRisk === 'head' && resolved.predictor !== 'mlp') throw new Error("endToEndRisk 'head' needs predictor 'mlp' (the linear head has no risk head)");
  if (!['decoupled', 'seed'].includes(resolved.endToEndInit)) throw new Error(`endToEndInit must be 'decoupled' or 'seed', got ${String(resolved.endToEndInit)}`);
  if (!Number.isInteger(resolved.lookback) || resolved.lookback < 2) throw new Error(`lookback = ${resolved.lookback}: must be an integer ≥ 2`);
  if (resolved.wMax !== null && !(resolved.wMax > 0 && resolved.nAssets * resolved.wMax >= 1)) {
    throw new Error(`wMax = ${resolved.wMax}: must be > 0 with nAssets·wMax ≥ 1 (nAssets = ${resolved.nAssets})`);
  }
  return resolved;
}

function newPredictor(options: Resolved, returnScale: number, seed: number): Predictor {
  if (options.predictor === 'linear') return linearPredictor({ nFeatures: 4, returnScale, seed });
  const riskFactors = options.endToEndRisk === 'head' ? options.riskFactors : 0;
  return mlpPredictor({ nFeatures: 4, hidden: options.hidden, riskFactors, returnScale, seed });
}

/**
 * Runs the experiment. Needs a tfjs backend to be set (cpu or wasm); same seed and backend → the
 * same numbers.
 *
 * @throws on invalid options, a universe too short for the split, a cancelled run, or a training
 *   failure (infeasible QP, non-finite loss).
 */
export function runCompare(options: CompareOptions, onProgress?: CompareProgress): CompareResult {
  const resolved = resolve(options);
  const { gamma, tc, kappa, lookback } = resolved;
  const wMax = resolved.wMax ?? undefined;
  const report = (fraction: number, stage: string): void => onProgress?.(Math.min(1, fraction), stage);
  const cancelled = (): boolean => options.shouldStop?.() === true;
  const seeds = createRandom(resolved.seed);
  const universeSeed = seeds.nextUint32();
  const initSeed = seeds.nextUint32();
  const shuffleSeed = seeds.nextUint32();

  report(0, 'simulating the universe');
  const universe = simulateFactorUniverse({ nAssets: resolved.nAssets, nMonths: resolved.nMonths, seed: universeSeed });
  const split = splitDecisionMonths(resolved.nMonths, lookback, resolved.trainFraction, resolved.validationFraction, MIN_END_TO_END_MONTHS);
  report(0.02, 'Ledoit–Wolf covariances of the training and validation months');
  const withRisk = resolved.endToEndRisk === 'ledoit-wolf';
  const risk = (rows: readonly number[]) => (withRisk ? ledoitWolfRisk(universe.returns, universe.nMonths, universe.nAssets, rows, lookback) : undefined);
  const train: LearningPanel = universePanel(universe, split.train, risk(split.train));
  const validation: LearningPanel = universePanel(universe, split.validation, risk(split.validation));
  const test = universePanel(universe, split.test);
  const returnScale = targetScale(train);

  const decoupled = newPredictor(resolved, returnScale, initSeed);
  let endToEnd: Predictor | undefined;
  try {
    const common = { patience: resolved.patience, shouldStop: options.shouldStop };
    const decoupledHistory = trainDecoupled(decoupled, {
      ...common,
      train,
      validation,
      seed: shuffleSeed,
      batchMonths: 12,
      maxEpochs: resolved.decoupledEpochs,
      learningRate: resolved.decoupledLearningRate,
      onProgress: (fraction, stage) => report(0.05 + 0.15 * fraction, stage),
    });
    if (cancelled() || decoupledHistory.stopReason === 'cancelled') throw new Error('runCompare: cancelled');
    endToEnd = resolved.endToEndInit === 'decoupled' ? restorePredictor(decoupled.snapshot()) : newPredictor(resolved, returnScale, initSeed);
    const endToEndHistory = trainEndToEnd(endToEnd, {
      ...common,
      train,
      validation,
      gamma,
      kappa,
      ...(wMax !== undefined ? { wMax } : {}),
      tc,
      loss: 'sharpe',
      periodsPerYear: 12,
      risk: withRisk ? 'panel' : 'head',
      maxEpochs: resolved.endToEndEpochs,
      learningRate: resolved.endToEndLearningRate,
      onProgress: (fraction, stage) => report(0.2 + 0.65 * fraction, stage),
    });
    if (cancelled() || endToEndHistory.stopReason === 'cancelled') throw new Error('runCompare: cancelled');

    const data = universeBacktestData(universe);
    const costModel = createCostModel({ proportionalBps: tc * 1e4 });
    const strategies: Record<CompareStrategyName, Strategy> = {
      'equal-weight': equalWeightStrategy(),
      decoupled: predictorStrategy({ name: 'decoupled', predictor: decoupled, featureBlock: CHARACTERISTICS_BLOCK, gamma, kappa, ...(wMax !== undefined ? { wMax } : {}), risk: 'ledoit-wolf' }),
      'end-to-end': predictorStrategy({
        name: 'end-to-end',
        predictor: endToEnd,
        featureBlock: CHARACTERISTICS_BLOCK,
        gamma,
        kappa,
        ...(wMax !== undefined ? { wMax } : {}),
        risk: withRisk ? 'ledoit-wolf' : 'head',
      }),
    };
    const names = Object.keys(strategies) as CompareStrategyName[];
    const backtests = {} as Record<CompareStrategyName, BacktestResult>;
    names.forEach((name, index) => {
      report(0.85 + (0.15 * index) / names.length, `test period: ${name}`);
      backtests[name] = runWalkForward(data, strategies[name], { frequency: 'monthly', lookback, start: split.testStart, costModel });
    });
    const mse: Record<CompareStrategyName, number | null> = { 'equal-weight': null, decoupled: testMse(decoupled, test), 'end-to-end': testMse(endToEnd, test) };
    const rows = names.map((name): CompareRow => {
      const metrics = backtests[name].metrics;
      return {
        strategy: name,
        sharpe: metrics.sharpe,
        annualisedReturn: metrics.annualisedReturn,
        volatility: metrics.volatility,
        turnover: metrics.turnover,
        maxDrawdown: metrics.maxDrawdown,
        annualisedCost: metrics.annualisedCost,
        failedRebalances: metrics.failedRebalances,
        testMse: mse[name],
      };
    });
    report(1, 'done');
    const dates = data.dates;
    const span = (rows: readonly number[]): [string, string] => [dates[rows[0]], dates[rows[rows.length - 1]]];
    return {
      options: resolved,
      split: { ...split, dates: { train: span(split.train), validation: span(split.validation), test: span(split.test) } },
      rows,
      training: { decoupled: decoupledHistory, endToEnd: endToEndHistory },
      backtests,
      universe: describeFactorUniverse(universe.spec),
    };
  } finally {
    decoupled.dispose();
    endToEnd?.dispose();
  }
}
