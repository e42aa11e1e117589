/**
 * Per-asset features for a pipeline's predictor, aligned with the backtest's rows: T × N × p,
 * asset-major (index (t·N + i)·p + f). Past-only by construction:
 * - price characteristics at a month end use daily prices up to that day (12-1 momentum, 1-month
 *   reversal, volatility, beta to the equal-weight market, maximum daily return), cross-sectionally
 *   rank-normalised to [−1, 1]; a missing rank is set to 0 (the cross-sectional median);
 * - macro variables (FRED-MD codes applied) enter with a one-month lag (publication delay), each
 *   standardised by its mean and standard deviation over the months before the backtest starts,
 *   carried forward over gaps; they interact with the characteristics: x = c ⊗ (1, m) (METHODS §5).
 */
import type { Panel } from '../../../shared/domain/panel';
import type { PipelineSpec } from '../../../shared/pipeline/spec';
import { interactionFeatures } from '../data/interactions';
import { PRICE_CHARACTERISTIC_NAMES, priceCharacteristics } from '../data/price-characteristics';
import { monthOf } from '../data/resample';
import { N_CHARACTERISTICS } from '../data/synthetic-universe';
import { transformCodes } from '../data/transform-codes';
import type { PipelineInputs, PreparedData } from './prepare-data';

export interface FeatureSet {
  /** T × N × p, aligned with `prepared.data`'s rows and assets; finite. */
  values: Float64Array;
  p: number;
  names: string[];
  /**
   * The macro state m_t the interactions used, T × l (standardised, lagged one month), with its
   * variable names; absent without macro features. Kept for the explain module (METHODS §5).
   */
  macro?: { values: Float64Array; names: string[] };
}

function firstRowAtOrAfter(dates: readonly string[], start: string | undefined): number {
  if (!start) return dates.length;
  const row = dates.findIndex((date) => date >= start);
  return row < 0 ? dates.length : row;
}

function macroState(macro: Panel, months: string[], trainEnd: number, variables: string[]): Float64Array {
  const transformed = transformCodes(macro);
  const columns = variables.map((name) => {
    const column = transformed.assets.indexOf(name);
    if (column < 0) throw new Error(`features.macro: the macro dataset has no column "${name}"`);
    return column;
  });
  const byMonth = new Map<string, number>();
  transformed.dates.forEach((date, row) => byMonth.set(monthOf(date), row));
  const l = variables.length;
  const n = transformed.assets.length;
  const state = new Float64Array(months.length * l).fill(Number.NaN);
  months.forEach((month, t) => {
    const [year, mm] = month.split('-').map(Number);
    const previous = `${mm === 1 ? year - 1 : year}-${String(mm === 1 ? 12 : mm - 1).padStart(2, '0')}`;
    const row = byMonth.get(previous);
    for (let v = 0; v < l; v++) {
      const value = row === undefined ? Number.NaN : transformed.values[row * n + columns[v]];
      state[t * l + v] = Number.isFinite(value) ? value : t > 0 ? state[(t - 1) * l + v] : Number.NaN;
    }
  });
  for (let v = 0; v < l; v++) {
    let sum = 0;
    let sumSq = 0;
    let count = 0;
    for (let t = 0; t < trainEnd; t++) {
      const value = state[t * l + v];
      if (Number.isFinite(value)) {
        sum += value;
        sumSq += value * value;
        count++;
      }
    }
    if (count < 12) throw new Error(`features.macro: "${variables[v]}" has ${count} months before the backtest starts; at least 12 are needed to standardise it`);
    const mean = sum / count;
    const sd = Math.sqrt(Math.max(sumSq / count - mean * mean, 0)) || 1;
    for (let t = 0; t < months.length; t++) {
      const value = state[t * l + v];
      state[t * l + v] = Number.isFinite(value) ? (value - mean) / sd : 0;
    }
  }
  return state;
}

function priceFeatures(spec: PipelineSpec, features: Extract<PipelineSpec['features'], { kind: 'price-characteristics' }>, prepared: PreparedData, inputs: PipelineInputs): FeatureSet {
  const prices = inputs.primary;
  if (!prices || prices.kind !== 'prices' || prices.frequency !== 'daily') {
    throw new Error('features.kind: price characteristics need a daily prices dataset');
  }
  const { data } = prepared;
  const computed = priceCharacteristics(prices);
  const nAll = prices.assets.length;
  const chosen = features.characteristics.map((name) => PRICE_CHARACTERISTIC_NAMES.indexOf(name as (typeof PRICE_CHARACTERISTIC_NAMES)[number]));
  const c = chosen.length;
  const assetColumn = (data.assets ?? []).map((asset) => prices.assets.indexOf(asset));
  const monthRow = new Map<string, number>();
  computed.dates.forEach((date, row) => monthRow.set(monthOf(date), row));
  const months = data.dates.map((date) => monthOf(date));
  const macroNames = features.macro;
  const l = macroNames.length;
  if (l > 0 && !inputs.macro) throw new Error('data.macro: macro features need the macro dataset');
  const macro = l > 0 && inputs.macro ? macroState(inputs.macro, months, firstRowAtOrAfter(data.dates, spec.backtest.start), macroNames) : undefined;
  const p = c * (1 + l);
  const values = new Float64Array(data.t * data.n * p);
  const chars = new Float64Array(data.n * c);
  for (let t = 0; t < data.t; t++) {
    const row = monthRow.get(months[t]);
    for (let i = 0; i < data.n; i++) {
      for (let k = 0; k < c; k++) {
        const value = row === undefined ? Number.NaN : computed.ranked[(row * nAll + assetColumn[i]) * PRICE_CHARACTERISTIC_NAMES.length + chosen[k]];
        chars[i * c + k] = Number.isFinite(value) ? value : 0;
      }
    }
    const x = macro ? interactionFeatures(chars, data.n, c, macro.subarray(t * l, (t + 1) * l)) : chars;
    values.set(x, t * data.n * p);
  }
  const names = [...features.characteristics, ...macroNames.flatMap((m) => features.characteristics.map((ch) => `${ch}×${m}`))];
  return { values, p, names, ...(macro ? { macro: { values: macro, names: [...macroNames] } } : {}) };
}

export function buildFeatures(spec: PipelineSpec, prepared: PreparedData, inputs: PipelineInputs): FeatureSet {
  const features = spec.features;
  if (features.kind === 'synthetic-characteristics') {
    const block = prepared.data.features?.characteristics;
    if (!block) throw new Error('features.kind: synthetic characteristics need synthetic data');
    return { values: block.values, p: N_CHARACTERISTICS, names: ['value', 'quality', 'momentum', 'low-volatility'] };
  }
  if (features.kind === 'price-characteristics') return priceFeatures(spec, features, prepared, inputs);
  throw new Error('features.kind: a trained predictor needs features');
}
