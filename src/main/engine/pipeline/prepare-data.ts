/**
 * Turns a spec's data node and the datasets it names into the backtest's panel: prices become
 * simple returns (resampled to month ends for a monthly pipeline), returns are used as they are,
 * and assets below the coverage threshold over the backtest window are left out (and listed).
 */
import type { Panel } from '../../../shared/domain/panel';
import type { PipelineSpec } from '../../../shared/pipeline/spec';
import type { BacktestData, FeatureBlock, Frequency } from '../backtest/types';
import type { CleanerModel } from '../cleaner/cleaner-model';
import { resampleMonthly } from '../data/resample';
import { simpleReturns } from '../data/returns';
import { simulateFactorUniverse, N_CHARACTERISTICS } from '../data/synthetic-universe';

export interface PipelineInputs {
  /** The prices or returns dataset named by `spec.data.dataset`. */
  primary?: Panel;
  /** The macro dataset named by `spec.data.macro`. */
  macro?: Panel;
  /** The sensitivity optimiser's driver datasets, by the reference written in the spec. */
  drivers?: Readonly<Record<string, Panel>>;
  /** Display names of those datasets (the store resolves references to ids), by the same keys. */
  driverLabels?: Readonly<Record<string, string>>;
  /** The deserialised covariance cleaner a `learned-cleaner` risk node uses. */
  cleaner?: CleanerModel;
}

export interface PreparedData {
  data: BacktestData;
  frequency: Frequency;
  /** Assets left out for low coverage over the backtest window. */
  excluded: string[];
}

function inWindow(date: string, start: string | undefined, end: string | undefined): boolean {
  return (start === undefined || date >= start) && (end === undefined || date.slice(0, end.length) <= end);
}

function returnsPanel(spec: Extract<PipelineSpec['data'], { kind: 'dataset' }>, panel: Panel): { panel: Panel; frequency: Frequency } {
  if (panel.kind !== 'prices' && panel.kind !== 'returns') {
    throw new Error(`data.dataset: "${spec.dataset}" is a ${panel.kind} dataset; a pipeline needs prices or returns`);
  }
  if (spec.frequency === 'daily' && panel.frequency !== 'daily') {
    throw new Error(`data.frequency: "${spec.dataset}" is ${panel.frequency}, so it cannot feed a daily pipeline`);
  }
  const monthly = spec.frequency === 'monthly';
  if (panel.kind === 'prices') {
    const prices = monthly && panel.frequency !== 'monthly' ? resampleMonthly(panel) : panel;
    return { panel: simpleReturns(prices), frequency: monthly ? 'monthly' : 'daily' };
  }
  if (monthly && panel.frequency !== 'monthly') {
    throw new Error(`data.frequency: "${spec.dataset}" holds ${panel.frequency} returns; import monthly returns or prices for a monthly pipeline`);
  }
  return { panel, frequency: monthly ? 'monthly' : 'daily' };
}

function syntheticData(spec: PipelineSpec, data: Extract<PipelineSpec['data'], { kind: 'synthetic' }>): PreparedData {
  const universe = simulateFactorUniverse({ nAssets: data.nAssets, nMonths: data.nMonths, seed: spec.seed });
  const months = Array.from({ length: data.nMonths }, (_, t) => `${String(2000 + Math.floor(t / 12)).padStart(4, '0')}-${String((t % 12) + 1).padStart(2, '0')}`);
  const characteristics: FeatureBlock = { values: universe.characteristics, width: data.nAssets * N_CHARACTERISTICS };
  return {
    data: {
      returns: universe.returns,
      t: data.nMonths,
      n: data.nAssets,
      dates: months,
      assets: Array.from({ length: data.nAssets }, (_, i) => `asset ${String(i + 1).padStart(2, '0')}`),
      features: { characteristics },
    },
    frequency: 'monthly',
    excluded: [],
  };
}

export function prepareData(spec: PipelineSpec, inputs: PipelineInputs): PreparedData {
  if (spec.data.kind === 'synthetic') return syntheticData(spec, spec.data);
  if (!inputs.primary) throw new Error(`data.dataset: the dataset "${spec.data.dataset}" was not provided`);
  const { panel, frequency } = returnsPanel(spec.data, inputs.primary);
  const n = panel.assets.length;
  const t = panel.dates.length;
  const windowRows: number[] = [];
  for (let i = 0; i < t; i++) if (inWindow(panel.dates[i], spec.backtest.start, spec.backtest.end)) windowRows.push(i);
  if (windowRows.length === 0) throw new Error(`backtest: no ${frequency} periods of "${spec.data.dataset}" fall between ${spec.backtest.start ?? 'its start'} and ${spec.backtest.end ?? 'its end'}`);
  const keep: number[] = [];
  const excluded: string[] = [];
  for (let j = 0; j < n; j++) {
    let present = 0;
    for (const i of windowRows) if (Number.isFinite(panel.values[i * n + j])) present++;
    if (present / windowRows.length >= spec.data.minCoverage) keep.push(j);
    else excluded.push(panel.assets[j]);
  }
  if (keep.length === 0) throw new Error(`data.minCoverage: no asset of "${spec.data.dataset}" is observed on ${spec.data.minCoverage * 100} % of the backtest window`);
  const returns = new Float64Array(t * keep.length);
  for (let i = 0; i < t; i++) for (let k = 0; k < keep.length; k++) returns[i * keep.length + k] = panel.values[i * n + keep[k]];
  return {
    data: { returns, t, n: keep.length, dates: [...panel.dates], assets: keep.map((j) => panel.assets[j]) },
    frequency,
    excluded,
  };
}
