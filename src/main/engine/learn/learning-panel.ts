/**
 * The cross-sectional panel the predictors learn from: at decision month t, every asset i has a
 * feature vector x_{t,i} ∈ ℝᵖ known at the close of t and a target r_{t+1,i}, the return it earns
 * next month (METHODS.md §1: w_t is chosen with information up to t and earns r_{t+1}).
 *
 * Optionally each month also carries a fixed covariance in the layer's factor form
 * Σ_t = F_t·F_tᵀ + diag(d_t) (e.g. Ledoit–Wolf on the window ending at t, ./risk-factors), used by
 * the end-to-end losses when the predictor has no risk head.
 */

/** A fixed per-month covariance in factor form: Σ_t = F_t·F_tᵀ + diag(d_t). */
export interface MonthlyRisk {
  /** Factor count k ≥ 1. */
  readonly k: number;
  /** F_t for every month, T × n × k row-major: index (t·n + i)·k + j. */
  readonly factors: Float64Array;
  /** d_t for every month, T × n, each > 0. */
  readonly idio: Float64Array;
}

/** T decision months × n assets × p features, all row-major float64. Never mutated. */
export interface LearningPanel {
  /** Decision months T. */
  readonly t: number;
  /** Assets n (the same every month). */
  readonly n: number;
  /** Features per asset p. */
  readonly p: number;
  /** x_{t,i,f}, T × n × p: index (t·n + i)·p + f. */
  readonly features: Float64Array;
  /** Next-month returns r_{t+1,i}, T × n (decimals per period). */
  readonly targets: Float64Array;
  /** Per-month fixed covariance; required by end-to-end training without a risk head. */
  readonly risk?: MonthlyRisk;
}

function checkInteger(value: number, name: string, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) throw new Error(`${name} = ${value}: must be an integer ≥ ${minimum}`);
}

function checkFinite(values: Float64Array, name: string, width: number, unit: string): void {
  for (let q = 0; q < values.length; q++) {
    if (!Number.isFinite(values[q])) {
      throw new Error(`${name}[month ${Math.floor(q / width)}, ${unit} ${q % width}] is ${values[q]}: must be finite`);
    }
  }
}

/**
 * Throws a message naming `name`, the field and the position unless the panel is well formed:
 * integer sizes (T ≥ 1, n ≥ 1, p ≥ 1), arrays of the stated lengths, finite features and targets,
 * and, when present, a finite risk with d > 0.
 */
export function checkLearningPanel(panel: LearningPanel, name = 'panel'): void {
  if (panel === null || typeof panel !== 'object') throw new Error(`${name} must be a LearningPanel, got ${String(panel)}`);
  const { t, n, p } = panel;
  checkInteger(t, `${name}.t`, 1);
  checkInteger(n, `${name}.n`, 1);
  checkInteger(p, `${name}.p`, 1);
  if (!(panel.features instanceof Float64Array) || panel.features.length !== t * n * p) {
    throw new Error(`${name}.features must be a Float64Array of T × n × p = ${t} × ${n} × ${p} = ${t * n * p}, got length ${panel.features?.length}`);
  }
  if (!(panel.targets instanceof Float64Array) || panel.targets.length !== t * n) {
    throw new Error(`${name}.targets must be a Float64Array of T × n = ${t} × ${n} = ${t * n}, got length ${panel.targets?.length}`);
  }
  checkFinite(panel.features, `${name}.features`, n * p, 'entry');
  checkFinite(panel.targets, `${name}.targets`, n, 'asset');
  const { risk } = panel;
  if (risk === undefined) return;
  checkInteger(risk.k, `${name}.risk.k`, 1);
  if (!(risk.factors instanceof Float64Array) || risk.factors.length !== t * n * risk.k) {
    throw new Error(`${name}.risk.factors must have length T × n × k = ${t * n * risk.k}, got ${risk.factors?.length}`);
  }
  if (!(risk.idio instanceof Float64Array) || risk.idio.length !== t * n) {
    throw new Error(`${name}.risk.idio must have length T × n = ${t * n}, got ${risk.idio?.length}`);
  }
  checkFinite(risk.factors, `${name}.risk.factors`, n * risk.k, 'entry');
  for (let q = 0; q < risk.idio.length; q++) {
    if (!(risk.idio[q] > 0 && Number.isFinite(risk.idio[q]))) {
      throw new Error(`${name}.risk.idio[month ${Math.floor(q / n)}, asset ${q % n}] = ${risk.idio[q]}: must be finite and > 0`);
    }
  }
}

/** Months [from, to) of a panel (copies; the risk too when present). */
export function panelMonths(panel: LearningPanel, from: number, to: number): LearningPanel {
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from < to && to <= panel.t)) {
    throw new Error(`panelMonths: [${from}, ${to}) is not a non-empty range inside the panel's ${panel.t} months`);
  }
  const { n, p } = panel;
  const risk = panel.risk;
  return {
    t: to - from,
    n,
    p,
    features: panel.features.slice(from * n * p, to * n * p),
    targets: panel.targets.slice(from * n, to * n),
    ...(risk
      ? { risk: { k: risk.k, factors: risk.factors.slice(from * n * risk.k, to * n * risk.k), idio: risk.idio.slice(from * n, to * n) } }
      : {}),
  };
}

/** Standard deviation of all targets (divisor T·n − 1): the return scale the predictors output in. */
export function targetScale(panel: LearningPanel): number {
  const { targets } = panel;
  if (targets.length < 2) throw new Error(`targetScale: ${targets.length} target(s), need at least 2`);
  let mean = 0;
  for (let q = 0; q < targets.length; q++) mean += targets[q];
  mean /= targets.length;
  let sum = 0;
  for (let q = 0; q < targets.length; q++) sum += (targets[q] - mean) ** 2;
  const scale = Math.sqrt(sum / (targets.length - 1));
  if (!(scale > 0)) throw new Error('targetScale: every target is the same, so there is no return scale to learn');
  return scale;
}

/**
 * Throws unless `train` (and `validation`, when given) are well-formed panels with p features per
 * asset and the training period has at least `minimumMonths` months. `label` prefixes the messages.
 */
export function checkTrainingPanels(
  p: number,
  train: LearningPanel,
  validation: LearningPanel | undefined,
  minimumMonths: number,
  label: string,
): void {
  checkLearningPanel(train, 'train');
  if (train.t < minimumMonths) throw new Error(`${label}: the training period has ${train.t} month(s), need at least ${minimumMonths}`);
  if (train.p !== p) throw new Error(`${label}: train has p = ${train.p} features per asset, the predictor expects ${p}`);
  if (validation === undefined) return;
  checkLearningPanel(validation, 'validation');
  if (validation.p !== p) throw new Error(`${label}: validation has p = ${validation.p} features per asset, the predictor expects ${p}`);
}
