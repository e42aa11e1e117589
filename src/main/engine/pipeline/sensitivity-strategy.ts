/**
 * The `sensitivity` optimiser as a walk-forward strategy (METHODS.md §4; Rodriguez Dominguez, MLWA
 * 2022). At a refit (the first rebalance, when `retrainEvery` says so, or when the universe changed):
 * 1. the last `window` periods of the universe's returns and of every driver with a value in each of
 *    them (a driver missing in the window is left out and reported);
 * 2. commonality selection (../sensitivity/select-drivers); when no driver reaches `minShare` the
 *    best-scoring one (largest of the two shares, then mean |ρ|) is used alone and flagged;
 * 3. z-scored drivers with `lags` lags → z-scored returns through the seeded multi-head network;
 *    seed = spec seed + 7919 × rebalance index, so a run replays and refits differ;
 * 4. signed averaged sensitivities, N × P, in asset σ per driver σ (volatility enters later, through
 *    the inverse-variance weights, not through the tree).
 * At every rebalance: Σ̂ from the spec's estimator on the risk lookback, then the tree allocation
 * (`hrp`) or the cluster-banded minimum variance (`min-variance`) with the latest sensitivities, over
 * the universe's assets that have a sensitivity row (see {@link NEW_ASSET_REFIT_SHARE}).
 * The last rebalance's window is kept in full for the views (`diagnostics()`).
 */
import type { PipelineSpec } from '../../../shared/pipeline/spec';
import type { SensitivityDriverBuild, SensitivityDriverScore, SensitivityRunDiagnostics, SensitivityWindow } from '../../../shared/charts/sensitivity-data';
import type { EstimatorName, EstimatorOptions } from '../risk/estimators';
import type { Strategy } from '../backtest/types';
import type { PastView, UniverseWindow } from '../backtest/past-view';
import { estimatorDiagnostics, fitUniverseRisk, scatterWeights } from '../backtest/strategies/universe-fit';
import { laggedInputs } from '../sensitivity/lagged-inputs';
import { selectDrivers } from '../sensitivity/select-drivers';
import { sensitivities } from '../sensitivity/sensitivities';
import { sensitivityAllocation } from '../sensitivity/sensitivity-allocation';
import { sensitivityMinimumVariance } from '../sensitivity/sensitivity-minimum-variance';
import { trainSensitivityNetwork } from '../sensitivity/sensitivity-network';
import type { DriverReport } from '../sensitivity/driver-panel';
import { DRIVER_FEATURE_PREFIX, type SensitivityOptimiser } from './sensitivity-drivers';

export interface SensitivityStrategy extends Strategy {
  /** What the views show: driver build reports, every fit, the last rebalance's window. */
  diagnostics(): SensitivityRunDiagnostics;
}

interface Fit {
  date: string;
  indices: readonly number[];
  scores: SensitivityDriverScore[];
  columns: string[];
  sensitivities: Float64Array;
  finalLoss: number;
  fallback: boolean;
}

/** Column-wise z-scores of a rows × columns block (a constant column is left at 0). */
function standardise(values: Float64Array, rows: number, columns: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let j = 0; j < columns; j++) {
    let mean = 0;
    for (let t = 0; t < rows; t++) mean += values[t * columns + j];
    mean /= rows;
    let variance = 0;
    for (let t = 0; t < rows; t++) variance += (values[t * columns + j] - mean) ** 2;
    const sd = Math.sqrt(variance / Math.max(rows - 1, 1));
    for (let t = 0; t < rows; t++) out[t * columns + j] = sd > 0 ? (values[t * columns + j] - mean) / sd : 0;
  }
  return out;
}

/**
 * Assets that join the universe between scheduled refits have no sensitivity row; they wait for the
 * next refit (weight 0) unless they are more than this share of the universe, which forces a refit.
 * Refitting on every entry would make the fit count follow the data (49 instead of 17 fits on the
 * S&P 500 panel, 2005–2021), not the schedule.
 */
export const NEW_ASSET_REFIT_SHARE = 0.1;

/** The universe window narrowed to `indices` (a subset of its assets, same order). */
function restrict(window: UniverseWindow, indices: readonly number[]): UniverseWindow {
  const column = new Map(window.indices.map((index, c) => [index, c]));
  const k = indices.length;
  const returns = new Float64Array(window.t * k);
  for (let t = 0; t < window.t; t++) indices.forEach((index, c) => (returns[t * k + c] = window.returns[t * window.k + (column.get(index) as number)]));
  return { returns, t: window.t, k, indices: [...indices] };
}

function nullable(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Driver build reports as JSON (NaN staleness of return drivers becomes null). */
export function driverBuilds(reports: readonly DriverReport[]): SensitivityDriverBuild[] {
  return reports.map((report) => ({ ...report, gaps: report.gaps.map((gap) => ({ ...gap })), maxStaleness: nullable(report.maxStaleness) }));
}

function rows2d(values: Float64Array, columns: number): number[][] {
  return Array.from({ length: values.length / columns }, (_, r) => Array.from(values.subarray(r * columns, (r + 1) * columns)));
}

/**
 * @param spec - a validated spec whose optimiser is `sensitivity`.
 * @param reports - the driver build reports of ./sensitivity-drivers `attachDrivers`, kept for the views.
 */
export function sensitivityStrategy(spec: PipelineSpec, estimator: EstimatorName, estimatorOptions: EstimatorOptions | undefined, reports: readonly DriverReport[]): SensitivityStrategy {
  if (spec.optimiser.kind !== 'sensitivity') throw new Error(`optimiser.kind: expected sensitivity, got ${spec.optimiser.kind}`);
  const optimiser: SensitivityOptimiser = spec.optimiser;
  let current: Fit | null = null;
  let lastWindow: SensitivityWindow | null = null;
  const fits: SensitivityRunDiagnostics['fits'] = [];

  function refit(view: PastView, indices: readonly number[], returns: Float64Array, lookback: number, rebalance: number): Fit | string {
    const k = indices.length;
    const w = Math.min(optimiser.window, lookback);
    const targets = returns.slice((lookback - w) * k);
    const scores: SensitivityDriverScore[] = [];
    const usable: { name: string; values: Float64Array }[] = [];
    for (const feature of view.featureNames().filter((name) => name.startsWith(DRIVER_FEATURE_PREFIX))) {
      const name = feature.slice(DRIVER_FEATURE_PREFIX.length);
      const values = view.feature(feature, w).values;
      const blank = { name, correlationShare: null, predictabilityShare: null, meanAbsCorrelation: null, kept: false };
      if (values.some((value) => !Number.isFinite(value))) scores.push({ ...blank, reason: 'missing in window' });
      else if (values.every((value) => value === values[0])) scores.push({ ...blank, reason: 'constant in window' });
      else usable.push({ name, values });
    }
    if (usable.length === 0) return 'no-drivers';
    const d = usable.length;
    const drivers = new Float64Array(w * d);
    usable.forEach((driver, j) => driver.values.forEach((value, t) => (drivers[t * d + j] = value)));
    const selection = selectDrivers(targets, drivers, usable.map((driver) => driver.name), { minShare: optimiser.minShare });
    let kept = Array.from(selection.kept);
    const fallback = kept.length === 0;
    if (fallback) {
      const score = (j: number): [number, number] => [Math.max(selection.correlationShare[j], selection.predictabilityShare[j]), selection.meanAbsCorrelation[j]];
      kept = [usable.map((_, j) => j).sort((a, b) => score(b)[0] - score(a)[0] || score(b)[1] - score(a)[1])[0]];
    }
    usable.forEach((driver, j) =>
      scores.push({
        name: driver.name,
        correlationShare: selection.correlationShare[j],
        predictabilityShare: selection.predictabilityShare[j],
        meanAbsCorrelation: selection.meanAbsCorrelation[j],
        kept: kept.includes(j),
        reason: kept.includes(j) ? null : 'below share',
      }),
    );
    const chosen = new Float64Array(w * kept.length);
    for (let t = 0; t < w; t++) kept.forEach((j, c) => (chosen[t * kept.length + c] = drivers[t * d + j]));
    const lagged = laggedInputs(standardise(chosen, w, kept.length), kept.length, optimiser.lags);
    const y = standardise(targets, w, k).slice(lagged.firstRow * k);
    const started = performance.now();
    const trained = trainSensitivityNetwork(lagged.inputs, y, lagged.nInputs, {
      hidden: optimiser.hidden,
      epochs: optimiser.epochs,
      learningRate: optimiser.learningRate,
      seed: (spec.seed + 7919 * rebalance) % 2 ** 31,
    });
    let matrix: Float64Array;
    try {
      matrix = sensitivities(trained.network, lagged.inputs);
    } finally {
      trained.network.dispose();
    }
    const names = kept.map((j) => usable[j].name);
    const columns = Array.from({ length: optimiser.lags + 1 }, (_, lag) => names.map((name) => (lag === 0 ? name : `${name} (t−${lag})`))).flat();
    const finalLoss = trained.losses[trained.losses.length - 1];
    fits.push({ date: view.date, kept: names, finalLoss, seconds: (performance.now() - started) / 1000 });
    return { date: view.date, indices, scores, columns, sensitivities: matrix, finalLoss, fallback };
  }

  return {
    name: `sensitivity(${optimiser.variant}, ${optimiser.linkage}, ${estimator})`,
    spec: { ...optimiser, estimator, ...(estimatorOptions ? { estimatorOptions } : {}) },
    rebalance(view, context) {
      const universe = view.universeReturns();
      const rows = new Map((current?.indices ?? []).map((index, row) => [index, row]));
      const covered = universe.indices.filter((index) => rows.has(index));
      const refitted = context.retrain || covered.length < (1 - NEW_ASSET_REFIT_SHARE) * universe.k;
      if (refitted) {
        const outcome = refit(view, universe.indices, universe.returns, universe.t, context.rebalance);
        if (typeof outcome === 'string') return { weights: context.previousWeights, status: outcome, diagnostics: { universe: universe.k } };
        current = outcome;
      }
      const fit = current as Fit;
      const window = refitted ? universe : restrict(universe, covered);
      const p = fit.columns.length;
      const fitRows = new Map(fit.indices.map((index, row) => [index, row]));
      const matrix = new Float64Array(window.k * p);
      window.indices.forEach((index, row) => {
        const source = (fitRows.get(index) as number) * p;
        matrix.set(fit.sensitivities.subarray(source, source + p), row * p);
      });
      const fitted = fitUniverseRisk(window, estimator, estimatorOptions);
      const result =
        optimiser.variant === 'hrp'
          ? sensitivityAllocation(matrix, fitted.model, { linkage: optimiser.linkage })
          : sensitivityMinimumVariance(matrix, fitted.model, { clusters: Math.min(optimiser.clusters, window.k), linkage: optimiser.linkage });
      const details = result.details ?? {};
      const linkage = details.linkage as Float64Array;
      const labels = details.labels as Int32Array | undefined;
      lastWindow = {
        date: view.date,
        fitDate: fit.date,
        assets: window.indices.map((index) => view.assets[index]),
        drivers: fit.scores,
        columns: fit.columns,
        sensitivities: rows2d(matrix, p),
        linkage: rows2d(linkage, 4),
        order: Array.from(details.order as ArrayLike<number>),
        weights: Array.from(result.weights),
        labels: labels ? Array.from(labels) : null,
        finalLoss: fit.finalLoss,
        fallback: fit.fallback,
      };
      return {
        weights: scatterWeights(result.weights, window.indices, view.n),
        status: result.status,
        diagnostics: {
          universe: universe.k,
          allocated: window.k,
          refitted,
          drivers: fit.columns.length / (optimiser.lags + 1),
          keptDrivers: fit.scores.filter((score) => score.kept).map((score) => score.name).join(', '),
          fallback: fit.fallback,
          finalLoss: fit.finalLoss,
          ...estimatorDiagnostics(fitted),
        },
      };
    },
    diagnostics() {
      return {
        variant: optimiser.variant,
        linkage: optimiser.linkage,
        window: optimiser.window,
        lags: optimiser.lags,
        hidden: [...optimiser.hidden],
        epochs: optimiser.epochs,
        drivers: driverBuilds(reports),
        fits: fits.map((fit) => ({ ...fit, kept: [...fit.kept] })),
        lastWindow,
      };
    },
  };
}
