/**
 * A trained pipeline frozen at an anchor month (METHODS §5: π: m ↦ features(m) ↦ μ̂(m) ↦ w(m)).
 * The run is replayed deterministically from its spec and seed (the same code path as the stored
 * run, stopped after the anchor's rebalance), so the predictor is exactly the one trained at the
 * last refit at or before the anchor; the replay's decision at the anchor is kept to check that the
 * frozen map reproduces it.
 */
import type { PipelineSpec } from '../../../shared/pipeline/spec';
import type { Strategy } from '../backtest/types';
import { gatherWeights } from '../backtest/strategies/universe-fit';
import { runWalkForward } from '../backtest/run-walk-forward';
import { createCostModel } from '../backtest/cost-model';
import { monthOf } from '../data/resample';
import type { PredictorSnapshot } from '../learn/predictors/predictor';
import { prepareData, type PipelineInputs } from '../pipeline/prepare-data';
import { pipelineLookback } from '../pipeline/run-pipeline';
import { buildTrainedStrategy } from '../pipeline/trained-strategy';
import { ledoitWolf } from '../risk/estimators/ledoit-wolf';
import type { RiskModel } from '../risk/risk-model';

/** Everything the probe needs about the pipeline at the anchor; arrays are over the anchor's universe. */
export interface FrozenPipeline {
  readonly anchor: string;
  /** Month of the last (re)fit at or before the anchor. */
  readonly fitMonth: string;
  /** Universe assets at the anchor, length n. */
  readonly assets: string[];
  readonly n: number;
  /** Characteristics per asset c_i (the main-effect columns of x), n × c. */
  readonly characteristics: Float64Array;
  readonly characteristicNames: string[];
  /** Macro variable names, length l ≥ 1. */
  readonly macroNames: string[];
  /** m̄: the macro state at the anchor, length l. */
  readonly anchorMacro: Float64Array;
  /** Macro state by month up to and including the anchor, rows × l (the VAR's data), with its months. */
  readonly macroHistory: Float64Array;
  readonly historyMonths: string[];
  /** Features x = c ⊗ (1, m̄) at the anchor, n × p, p = c(1 + l), and their names. */
  readonly features: Float64Array;
  readonly featureNames: string[];
  readonly predictor: PredictorSnapshot;
  /** Ledoit–Wolf Σ̂ on the anchor's lookback window (the strategy's risk model). */
  readonly risk: RiskModel;
  readonly gamma: number;
  readonly kappa: number;
  readonly wMax: number | null;
  readonly budget: number;
  /** Drifted weights held before the anchor's rebalance, length n. */
  readonly prev: Float64Array;
  /** Realised returns of the holding month (the month after the anchor), length n; a missing return is 0. */
  readonly realised: Float64Array;
  /** The replayed run's weights at the anchor, length n. */
  readonly runWeights: Float64Array;
  /** Features of the same assets at earlier rows (background for expected gradients), n × p. */
  readonly featuresAt: (month: string) => Float64Array | undefined;
}

/**
 * Replays `spec` on `inputs` up to the rebalance at `anchor` (YYYY-MM) and freezes it.
 *
 * @throws when the pipeline has no trained linear/MLP predictor with a mean–variance optimiser, when
 *   it learns its risk model (risk head; not supported here), when the anchor is not a month of the
 *   data with a following month, or when the anchor is not a rebalance of the run.
 */
export function freezePipeline(spec: PipelineSpec, inputs: PipelineInputs, anchor: string, onProgress?: (fraction: number, stage: string) => void): FrozenPipeline {
  if (spec.training.kind === 'none' || spec.optimiser.kind !== 'mean-variance') throw new Error(`run has no trained mean–variance pipeline (training.kind = ${spec.training.kind}, optimiser.kind = ${spec.optimiser.kind})`);
  if (spec.risk.kind === 'learned-head') throw new Error('risk.kind learned-head: explanations through a learned risk head are not supported; use risk.kind estimator');
  const prepared = prepareData(spec, inputs);
  const dates = prepared.data.dates;
  const anchorRow = dates.findIndex((date) => monthOf(date) === anchor);
  if (anchorRow < 0 || anchorRow + 1 >= dates.length) {
    throw new Error(`anchor ${anchor} is outside the data (${monthOf(dates[0])} … ${monthOf(dates[dates.length - 2] ?? dates[0])} have a following month)`);
  }
  const built = buildTrainedStrategy(spec, prepared, inputs, (fraction, stage) => onProgress?.(0.5 * fraction, stage));
  const { predictor, features } = built;
  const optimiser = spec.optimiser;
  const tc = (spec.backtest.costBps + spec.backtest.slippageBps) / 1e4;
  const lookback = pipelineLookback(spec);
  let fitMonth = '';
  let captured: Omit<FrozenPipeline, 'anchor' | 'fitMonth' | 'characteristicNames' | 'macroNames' | 'macroHistory' | 'historyMonths' | 'featureNames' | 'featuresAt'> | undefined;
  const p = features.p;
  const all = prepared.data.n;
  const strategy: Strategy = {
    name: built.strategy.name,
    rebalance(view, context) {
      const decision = built.strategy.rebalance(view, context);
      if (context.retrain) fitMonth = monthOf(view.date);
      if (monthOf(view.date) === anchor) {
        const window = view.universeReturns();
        const n = window.k;
        const x = new Float64Array(n * p);
        window.indices.forEach((asset, i) => x.set(features.values.subarray((anchorRow * all + asset) * p, (anchorRow * all + asset + 1) * p), i * p));
        const c = p / (1 + (features.macro?.names.length ?? 0));
        const characteristics = new Float64Array(n * c);
        for (let i = 0; i < n; i++) characteristics.set(x.subarray(i * p, i * p + c), i * c);
        const realised = Float64Array.from(window.indices, (asset) => {
          const r = prepared.data.returns[(anchorRow + 1) * all + asset];
          return Number.isFinite(r) ? r : 0;
        });
        captured = {
          assets: window.indices.map((asset) => prepared.data.assets?.[asset] ?? `asset ${asset + 1}`),
          n,
          characteristics,
          anchorMacro: features.macro ? features.macro.values.slice(anchorRow * features.macro.names.length, (anchorRow + 1) * features.macro.names.length) : new Float64Array(0),
          features: x,
          predictor: predictor.snapshot(),
          risk: ledoitWolf(window.returns, window.t, window.k).model,
          gamma: optimiser.gamma,
          kappa: optimiser.turnoverPenalty ? tc : 0,
          wMax: optimiser.upper < 1 ? optimiser.upper : null,
          budget: context.budget ?? 1,
          prev: gatherWeights(context.previousWeights, window.indices),
          realised,
          runWeights: gatherWeights(decision.weights, window.indices),
        };
      }
      return decision;
    },
  };
  runWalkForward(
    prepared.data,
    strategy,
    {
      frequency: prepared.frequency,
      lookback,
      rebalanceEvery: spec.backtest.rebalanceEvery,
      retrainEvery: spec.backtest.retrainEvery,
      ...(spec.backtest.start ? { start: spec.backtest.start } : {}),
      end: anchorRow + 1,
      costModel: createCostModel({ proportionalBps: spec.backtest.costBps, slippageBps: spec.backtest.slippageBps }),
    },
    (fraction, stage) => onProgress?.(0.5 + 0.5 * fraction, stage),
  );
  predictor.dispose();
  if (!captured) throw new Error(`anchor ${anchor} is not a rebalance month of the run (backtest.start = ${spec.backtest.start ?? 'default'}, rebalanceEvery = ${spec.backtest.rebalanceEvery})`);
  const macroNames = features.macro?.names ?? [];
  const l = macroNames.length;
  const c = p / (1 + l);
  const universe = captured.assets.map((name) => (prepared.data.assets ?? []).indexOf(name));
  return {
    ...captured,
    anchor,
    fitMonth,
    characteristicNames: features.names.slice(0, c),
    macroNames,
    macroHistory: features.macro ? features.macro.values.slice(0, (anchorRow + 1) * l) : new Float64Array(0),
    historyMonths: dates.slice(0, anchorRow + 1).map(monthOf),
    featureNames: features.names,
    featuresAt(month) {
      const row = dates.findIndex((date) => monthOf(date) === month);
      if (row < 0 || row > anchorRow) return undefined;
      const out = new Float64Array(universe.length * p);
      universe.forEach((asset, i) => out.set(features.values.subarray((row * all + asset) * p, (row * all + asset + 1) * p), i * p));
      return out;
    },
  };
}
