/**
 * End-to-end (decision-focused) training, METHODS.md §1: each epoch runs the predictor on every
 * training month, feeds μ̂ (and the risk head's F, d, or the panel's fixed covariance) to the
 * differentiable mean–variance layer (../qp/layer), scores the whole period's realised net return
 * series with a decision loss, and takes one Adam step on its gradient — backpropagated through
 * the QP by implicit differentiation of its KKT system.
 *
 * With a turnover penalty κ > 0 the layer is called month by month with prev = w_{t−1} (the
 * previous month's output, gradient flowing through it); with κ = 0 months are independent and
 * one batched call solves them all.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import { meanVarianceLayer } from '../qp/layer';
import type { MeanVarianceLayer, MeanVarianceLayerCounts } from '../qp/layer';
import type { QpSettings } from '../qp/qp-types';
import { checkTrainingPanels } from './learning-panel';
import type { LearningPanel } from './learning-panel';
import { negativeSharpeLoss, netReturns, realisedVarianceLoss, utilityLoss } from './losses';
import type { Predictor } from './predictors/predictor';
import { checkLoopOptions, runTrainingLoop } from './training-loop';
import type { TrainingHistory, TrainingLoopOptions } from './training-loop';
import { monthTensors } from './train-decoupled';

/** Decision losses: negative net Sharpe, negative mean–variance utility, realised variance. */
export type DecisionLoss = 'sharpe' | 'utility' | 'variance';

/** The optimiser every decision goes through: min −μᵀw + γ·wᵀΣw + κ‖w − w_prev‖₁, 1ᵀw = 1, 0 ≤ w ≤ wMax. */
export interface DecisionLayerOptions {
  /** Risk aversion γ > 0 (no ½: the layer's convention). */
  readonly gamma: number;
  /** Turnover penalty κ ≥ 0 in the optimiser; default 0. */
  readonly kappa?: number;
  /** Per-asset cap w_max (n·w_max ≥ 1); default none. */
  readonly wMax?: number;
  readonly qpSettings?: Partial<QpSettings>;
}

/** What is optimised and how it is scored: the layer, the decision loss and its inputs. */
export interface DecisionObjective extends DecisionLayerOptions {
  /** Default `sharpe`. */
  readonly loss?: DecisionLoss;
  /** Proportional cost per unit of ‖Δw‖₁ charged in the realised returns; default 0. */
  readonly tc?: number;
  /** Annualisation A of the Sharpe and variance losses; default 12 (monthly). */
  readonly periodsPerYear?: number;
  /**
   * Covariance fed to the layer: the predictor's risk head, or the panel's fixed `risk`
   * (e.g. Ledoit–Wolf). Default: `head` when the predictor has one, else `panel`.
   */
  readonly risk?: 'head' | 'panel';
}

export interface EndToEndTrainingOptions extends TrainingLoopOptions, DecisionObjective {
  readonly train: LearningPanel;
  /** Early-stopping period, scored with the same loss; ≥ 2 months. */
  readonly validation?: LearningPanel;
}

export interface EndToEndTrainingResult extends TrainingHistory {
  /** Layer statuses over the whole run (training and validation solves). */
  readonly solver: MeanVarianceLayerCounts;
}

/**
 * Fewer months than this give an annualised Sharpe that is mostly noise (one year of monthly data).
 */
export const MIN_END_TO_END_MONTHS = 12;

/** Tensors of a period, created once per run. */
interface PeriodTensors {
  readonly features: Tensor3D;
  readonly targets: Tensor2D;
  readonly factors?: Tensor3D;
  readonly idio?: Tensor2D;
}

function periodTensors(panel: LearningPanel, withRisk: boolean): PeriodTensors {
  const { features, targets } = monthTensors(panel, Array.from({ length: panel.t }, (_, month) => month));
  if (!withRisk || panel.risk === undefined) return { features, targets };
  const { n, t } = panel;
  const { k } = panel.risk;
  return {
    features,
    targets,
    factors: tf.tensor3d(Float32Array.from(panel.risk.factors), [t, n, k]),
    idio: tf.tensor2d(Float32Array.from(panel.risk.idio), [t, n]),
  };
}

/**
 * Weights T × n for μ̂ T × n and Σ_t = F_t·F_tᵀ + diag(d_t): one batched layer call when
 * `sequential` is false, else month by month with prev = the previous month's weights (zeros first).
 */
export function decideWeights(layer: MeanVarianceLayer, mu: Tensor2D, factors: Tensor3D, idio: Tensor2D, sequential: boolean): Tensor2D {
  if (!sequential) return layer(mu, factors, idio);
  return tf.tidy(() => {
    const [t, n] = mu.shape;
    const k = factors.shape[2];
    let prev = tf.zeros([1, n]) as Tensor2D;
    const rows: Tensor2D[] = [];
    for (let month = 0; month < t; month++) {
      prev = layer(tf.slice(mu, [month, 0], [1, n]), tf.slice(factors, [month, 0, 0], [1, n, k]), tf.slice(idio, [month, 0], [1, n]), prev);
      rows.push(prev);
    }
    return tf.concat(rows, 0);
  });
}

function checkDecisionOptions(options: DecisionObjective, n: number): void {
  const { gamma, wMax } = options;
  if (!(Number.isFinite(gamma) && gamma > 0)) throw new Error(`gamma = ${gamma}: the layer needs finite risk aversion > 0`);
  const kappa = options.kappa ?? 0;
  if (!(Number.isFinite(kappa) && kappa >= 0)) throw new Error(`kappa = ${kappa}: must be finite and ≥ 0`);
  if (wMax !== undefined && !(Number.isFinite(wMax) && wMax > 0 && n * wMax >= 1)) {
    throw new Error(`wMax = ${wMax}: must be finite with n·wMax ≥ 1 (n = ${n}) so fully invested weights exist`);
  }
  const tc = options.tc ?? 0;
  if (!(Number.isFinite(tc) && tc >= 0)) throw new Error(`tc = ${tc}: must be finite and ≥ 0`);
  const periods = options.periodsPerYear ?? 12;
  if (!(Number.isFinite(periods) && periods > 0)) throw new Error(`periodsPerYear = ${periods}: must be finite and > 0`);
  const loss = options.loss ?? 'sharpe';
  if (!['sharpe', 'utility', 'variance'].includes(loss)) throw new Error(`loss must be 'sharpe', 'utility' or 'variance', got ${String(loss)}`);
}

/** The layer's constraints from the objective (long-only, fully invested, optional cap). */
function layerOptionsOf(objective: DecisionObjective) {
  return {
    gamma: objective.gamma,
    kappa: objective.kappa ?? 0,
    lower: 0,
    budget: 1,
    ...(objective.wMax !== undefined ? { upper: objective.wMax } : {}),
    ...(objective.qpSettings ? { settings: objective.qpSettings } : {}),
  };
}

/** Resolves and checks where Σ̂ comes from, for the given panels. */
function riskSourceOf(predictor: Predictor, objective: DecisionObjective, panels: (LearningPanel | undefined)[], label: string): 'head' | 'panel' {
  const source = objective.risk ?? (predictor.riskFactors > 0 ? 'head' : 'panel');
  if (source !== 'head' && source !== 'panel') throw new Error(`${label}: risk must be 'head' or 'panel', got ${String(source)}`);
  if (source === 'head' && predictor.riskFactors === 0) throw new Error(`${label}: risk 'head' needs a predictor with riskFactors ≥ 1`);
  if (source === 'panel') {
    for (const panel of panels) {
      if (panel !== undefined && panel.risk === undefined) throw new Error(`${label}: risk 'panel' needs each panel's risk (e.g. ledoitWolfRisk of each month's window)`);
    }
  }
  return source;
}

/** The period's decision loss as a tfjs scalar (differentiable w.r.t. the predictor's variables). */
function periodLoss(predictor: Predictor, layer: MeanVarianceLayer, data: PeriodTensors, objective: DecisionObjective, usePanelRisk: boolean): Scalar {
  const out = predictor.predict(data.features);
  const factors = usePanelRisk ? data.factors : out.factors;
  const idio = usePanelRisk ? data.idio : out.idio;
  if (factors === undefined || idio === undefined) throw new Error('no covariance for the layer');
  const weights = decideWeights(layer, out.mu, factors, idio, (objective.kappa ?? 0) > 0);
  const series = netReturns(weights, data.targets, objective.tc ?? 0);
  const periodsPerYear = objective.periodsPerYear ?? 12;
  const loss = objective.loss ?? 'sharpe';
  if (loss === 'utility') return utilityLoss(series, weights, factors, idio, objective.gamma);
  if (loss === 'variance') return realisedVarianceLoss(series, periodsPerYear);
  return negativeSharpeLoss(series, periodsPerYear);
}

function disposePeriod(data: PeriodTensors): void {
  tf.dispose([data.features, data.targets, ...(data.factors ? [data.factors] : []), ...(data.idio ? [data.idio] : [])]);
}

/**
 * The decision loss of `predictor` over a whole panel (forward only): e.g. −(annualised net Sharpe)
 * of the months it covers, as trainEndToEnd scores them.
 *
 * @throws as {@link trainEndToEnd} on malformed panels or options (any T ≥ 2 is accepted).
 */
export function decisionLoss(predictor: Predictor, panel: LearningPanel, objective: DecisionObjective): number {
  checkTrainingPanels(predictor.config.nFeatures, panel, undefined, 2, 'decisionLoss');
  checkDecisionOptions(objective, panel.n);
  const usePanelRisk = riskSourceOf(predictor, objective, [panel], 'decisionLoss') === 'panel';
  const layer = meanVarianceLayer({ ...layerOptionsOf(objective), warmStart: false });
  const data = periodTensors(panel, usePanelRisk);
  try {
    return tf.tidy(() => periodLoss(predictor, layer, data, objective, usePanelRisk).dataSync()[0]);
  } finally {
    disposePeriod(data);
  }
}

/**
 * Trains `predictor` in place for decision quality.
 *
 * @throws on malformed panels (NaN features, wrong lengths), fewer than {@link MIN_END_TO_END_MONTHS}
 *   training months or fewer than 2 validation months, a feature mismatch, `risk: 'panel'` without
 *   a panel covariance or `risk: 'head'` without a risk head, invalid hyper-parameters, an
 *   infeasible QP, or a non-finite loss or gradient.
 */
export function trainEndToEnd(predictor: Predictor, options: EndToEndTrainingOptions): EndToEndTrainingResult {
  const { train, validation } = options;
  checkLoopOptions(options);
  checkTrainingPanels(predictor.config.nFeatures, train, validation, MIN_END_TO_END_MONTHS, 'trainEndToEnd');
  if (validation !== undefined && validation.t < 2) throw new Error(`trainEndToEnd: the validation period has ${validation.t} month(s), need at least 2`);
  checkDecisionOptions(options, train.n);
  const usePanelRisk = riskSourceOf(predictor, options, [train, validation], 'trainEndToEnd') === 'panel';
  const trainLayer = meanVarianceLayer(layerOptionsOf(options));
  const validationLayer = meanVarianceLayer(layerOptionsOf(options));
  const trainData = periodTensors(train, usePanelRisk);
  const validationData = validation ? periodTensors(validation, usePanelRisk) : undefined;
  const evaluate = (layer: MeanVarianceLayer, data: PeriodTensors): number =>
    tf.tidy(() => periodLoss(predictor, layer, data, options, usePanelRisk).dataSync()[0]);
  try {
    const history = runTrainingLoop(
      predictor,
      {
        label: 'end-to-end',
        steps: () => [() => periodLoss(predictor, trainLayer, trainData, options, usePanelRisk)],
        trainLoss: () => evaluate(trainLayer, trainData),
        ...(validationData ? { valLoss: () => evaluate(validationLayer, validationData) } : {}),
      },
      options,
    );
    const counts = [trainLayer.counts(), validationLayer.counts()];
    const statuses = { ...counts[0].statuses };
    for (const key of Object.keys(statuses) as (keyof typeof statuses)[]) statuses[key] += counts[1].statuses[key];
    return { ...history, solver: { statuses, zeroGradientItems: counts[0].zeroGradientItems + counts[1].zeroGradientItems } };
  } finally {
    disposePeriod(trainData);
    if (validationData) disposePeriod(validationData);
  }
}
