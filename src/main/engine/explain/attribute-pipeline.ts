/**
 * Gradient attributions of a frozen pipeline's decision at its anchor (issue 7 "Attribution"):
 * saliency (gradient × input), integrated gradients with refinement until the completeness gap is
 * small, or expected gradients over a background of earlier months, for three targets:
 * - μ̂_i of each asset by its own features (the predictor is cross-sectional, so μ̂_i sees only x_i);
 * - the largest weight w_j at the anchor, through the QP layer, by every asset's features;
 * - the realised portfolio return wᵀr of the holding month, through the QP layer.
 * Baseline: x = 0, the cross-sectional median of the rank-normalised characteristics. Attributions
 * are summed by feature group: a characteristic's own column, and a macro variable's interaction
 * columns c ⊗ m_v.
 */
import type { AttributionMethod, AttributionResult } from '../../../shared/domain/explain';
import { expectedGradients, gradientSaliency, integratedGradients, integratedGradientsJoint, type Attribution, type DifferentiableFunction } from './integrated-gradients';
import type { PipelineMap } from './pipeline-probe';

type RunAttribution = AttributionResult['runs'][number];

/** Options of {@link attributePipeline}. */
export interface AttributeOptions {
  readonly method: AttributionMethod;
  /** Months whose features form the expected-gradients background (shap only). */
  readonly backgroundMonths: readonly string[];
  readonly onProgress?: (fraction: number, stage: string) => void;
}

const MATRIX_ASSETS = 60;

/** Feature groups of x = c ⊗ (1, m): names and, per feature column, its group index. */
export function featureGroups(characteristicNames: readonly string[], macroNames: readonly string[]): { groups: { name: string; kind: 'characteristic' | 'macro' }[]; columnGroup: Int32Array } {
  const c = characteristicNames.length;
  const groups = [...characteristicNames.map((name) => ({ name, kind: 'characteristic' as const })), ...macroNames.map((name) => ({ name, kind: 'macro' as const }))];
  const columnGroup = new Int32Array(c * (1 + macroNames.length));
  for (let q = 0; q < columnGroup.length; q++) columnGroup[q] = q < c ? q : c + Math.floor(q / c) - 1;
  return { groups, columnGroup };
}

const IG_OPTIONS = { maxSteps: 1024, rtol: 1e-3 } as const;

function attribute(method: AttributionMethod, f: DifferentiableFunction, x: Float64Array, background: Float64Array[], steps: number): Attribution {
  const baseline = new Float64Array(x.length);
  if (method === 'saliency') {
    const { gradientTimesInput } = gradientSaliency(f, x, baseline);
    return { attributions: gradientTimesInput, delta: 0, completenessGap: 0, steps: 0, converged: true };
  }
  if (method === 'ig') return integratedGradients(f, x, baseline, { ...IG_OPTIONS, initialSteps: Math.min(16, steps) });
  const stacked = new Float64Array(background.length * x.length);
  background.forEach((row, b) => stacked.set(row, b * x.length));
  return expectedGradients(f, x, stacked, background.length, steps);
}

/**
 * Attributions of one frozen pipeline.
 *
 * @throws on a method that needs a background (shap) without any background month, or when the QP
 *   has no polished solution at the anchor.
 */
export function attributePipeline(map: PipelineMap, run: RunAttribution['run'], options: AttributeOptions): RunAttribution {
  const { frozen, head } = map;
  const { n, features } = frozen;
  const p = head.p;
  const { groups, columnGroup } = featureGroups(frozen.characteristicNames, frozen.macroNames);
  const g = groups.length;
  const background = options.backgroundMonths.map((month) => frozen.featuresAt(month)).filter((row): row is Float64Array => row !== undefined);
  if (options.method === 'shap' && background.length === 0) throw new Error('shap needs background months with features before the anchor');
  const anchor = map.evaluateFeatures(features);
  if (!anchor.ok) throw new Error(`the QP has no polished solution at ${frozen.anchor}`);
  const weights = Float64Array.from(anchor.w);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => weights[b] - weights[a]);
  const shown = order.slice(0, Math.min(MATRIX_ASSETS, n));

  const groupSums = (a: Float64Array, offset: number): { signed: Float64Array; magnitude: Float64Array } => {
    const signed = new Float64Array(g);
    const magnitude = new Float64Array(g);
    for (let f = 0; f < p; f++) {
      signed[columnGroup[f]] += a[offset + f];
      magnitude[columnGroup[f]] += Math.abs(a[offset + f]);
    }
    return { signed, magnitude };
  };

  // μ̂_i by x_i, asset by asset.
  const muRows: Float64Array[] = [];
  const muSigned = new Float64Array(g);
  const muMagnitude = new Float64Array(g);
  let muDelta = 0;
  let muGap = 0;
  let muSteps = 0;
  let muConverged = true;
  const unit = Float64Array.of(1);
  const assetHead: DifferentiableFunction = { value: (x) => head.predict(x, 1)[0], gradient: (x) => head.backward(x, 1, unit) };
  for (let i = 0; i < n; i++) {
    const xi = features.slice(i * p, (i + 1) * p);
    const result = attribute(options.method, assetHead, xi, background.map((row) => row.slice(i * p, (i + 1) * p)), 32);
    const sums = groupSums(result.attributions, 0);
    muRows.push(sums.signed);
    for (let q = 0; q < g; q++) {
      muSigned[q] += sums.signed[q] / n;
      muMagnitude[q] += sums.magnitude[q] / n;
    }
    muDelta += result.delta / n;
    muGap = Math.max(muGap, result.completenessGap);
    muSteps = Math.max(muSteps, result.steps);
    muConverged &&= result.converged;
    options.onProgress?.((0.3 * (i + 1)) / n, `${run.name}: μ̂ attributions`);
  }

  // Targets through the QP: the largest weight and the realised portfolio return.
  const top = order[0];
  const throughQp = (dw: Float64Array): DifferentiableFunction => ({
    value: (x) => {
      const e = map.evaluateFeatures(x);
      return e.ok ? e.w.reduce((sum, w, i) => sum + w * dw[i], 0) : Number.NaN;
    },
    gradient: (x) => map.backwardToFeatures(map.evaluateFeatures(x), dw),
  });
  const indicator = new Float64Array(n);
  indicator[top] = 1;
  let weightResult: Attribution;
  let returnResult: Attribution;
  if (options.method === 'ig') {
    // One QP solve per node serves both targets (the map caches its last evaluation).
    [weightResult, returnResult] = integratedGradientsJoint([throughQp(indicator), throughQp(frozen.realised)], features, new Float64Array(features.length), { ...IG_OPTIONS, initialSteps: 8 });
    options.onProgress?.(1, `${run.name}: weight and return attributions`);
  } else {
    weightResult = attribute(options.method, throughQp(indicator), features, background, 8);
    options.onProgress?.(0.65, `${run.name}: weight attributions`);
    returnResult = attribute(options.method, throughQp(frozen.realised), features, background, 8);
    options.onProgress?.(1, `${run.name}: return attributions`);
  }

  const portfolioBars = (result: Attribution): { signed: Float64Array; magnitude: Float64Array; rows: Float64Array[] } => {
    const signed = new Float64Array(g);
    const magnitude = new Float64Array(g);
    const rows: Float64Array[] = [];
    for (let i = 0; i < n; i++) {
      const sums = groupSums(result.attributions, i * p);
      rows.push(sums.signed);
      for (let q = 0; q < g; q++) {
        signed[q] += sums.signed[q];
        magnitude[q] += sums.magnitude[q];
      }
    }
    return { signed, magnitude, rows };
  };
  const bars = (signed: Float64Array, magnitude: Float64Array) => groups.map((group, q) => ({ group: group.name, kind: group.kind, value: signed[q], magnitude: magnitude[q] }));
  const weightBars = portfolioBars(weightResult);
  const returnBars = portfolioBars(returnResult);
  const groupNames = groups.map((group) => group.name);
  return {
    run,
    targets: [
      { target: 'mu', label: 'μ̂ (mean over assets)', bars: bars(muSigned, muMagnitude), delta: muDelta, completenessGap: muGap, converged: muConverged, steps: muSteps },
      { target: 'weight', label: `w[${frozen.assets[top]}]`, bars: bars(weightBars.signed, weightBars.magnitude), delta: weightResult.delta, completenessGap: weightResult.completenessGap, converged: weightResult.converged, steps: weightResult.steps },
      { target: 'return', label: 'wᵀr of the holding month', bars: bars(returnBars.signed, returnBars.magnitude), delta: returnResult.delta, completenessGap: returnResult.completenessGap, converged: returnResult.converged, steps: returnResult.steps },
    ],
    matrices: [
      { target: 'mu', assets: shown.map((i) => frozen.assets[i]), groups: groupNames, values: shown.map((i) => [...muRows[i]]) },
      { target: 'return', assets: shown.map((i) => frozen.assets[i]), groups: groupNames, values: shown.map((i) => [...returnBars.rows[i]]) },
    ],
  };
}
