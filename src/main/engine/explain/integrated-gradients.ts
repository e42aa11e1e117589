/**
 * Gradient attributions of a differentiable scalar f: ℝᵖ → ℝ (the issue 7 targets: a predicted
 * return, a weight through the QP layer, the portfolio return):
 * - saliency (Simonyan, Vedaldi & Zisserman 2014): ∇f(x), and gradient × input (x − b) ⊙ ∇f(x);
 * - integrated gradients (Sundararajan, Taly & Yan 2017, ICML, eq. 1):
 *   IG_i = (x_i − b_i)·∫₀¹ ∂_i f(b + α(x − b)) dα, whose sum is f(x) − f(b) ("completeness");
 *   the integral is taken by the composite trapezoid rule on n intervals, doubling n (reusing every
 *   earlier node) until the completeness gap |Σ IG − (f(x) − f(b))| ≤ atol + rtol·|f(x) − f(b)|.
 *   Trapezoid error per coordinate is (h²/12)·(g_i′(1) − g_i′(0)) + O(h⁴) for the integrand g_i, so
 *   linear and quadratic f are integrated exactly at any n;
 * - expected gradients (Erion et al. 2021, Nature Mach. Intell. 3, eq. 5; the "gradient SHAP"
 *   family): EG = E_{b∼D}[IG(x; b)] over a background sample D, whose sum is f(x) − E_D f(b). The
 *   expectation over α is taken by the midpoint rule per baseline rather than by Monte Carlo draws
 *   of α, which gives the same expectation without sampling noise.
 */

/** A differentiable f: ℝᵖ → ℝ. Neither callback may mutate its argument. */
export interface DifferentiableFunction {
  readonly value: (x: Float64Array) => number;
  /** ∇f(x), length p. */
  readonly gradient: (x: Float64Array) => Float64Array;
}

/** Options of {@link integratedGradients}. */
export interface IntegratedGradientsOptions {
  /** First number of trapezoid intervals; default 16. */
  readonly initialSteps?: number;
  /** Largest number of intervals before giving up; default 4096. */
  readonly maxSteps?: number;
  /** Absolute completeness tolerance; default 1e-8. */
  readonly atol?: number;
  /** Relative completeness tolerance (of |f(x) − f(b)|); default 1e-4. */
  readonly rtol?: number;
}

/** Attributions with their completeness check. */
export interface Attribution {
  /** Per input, length p. */
  readonly attributions: Float64Array;
  /** f(x) − f(b) (for expected gradients: f(x) − mean over the background of f(b)). */
  readonly delta: number;
  /** |Σ attributions − delta|. */
  readonly completenessGap: number;
  /** Trapezoid intervals used (per baseline for expected gradients). */
  readonly steps: number;
  /** Whether the gap met the tolerance. */
  readonly converged: boolean;
}

function assertPoint(x: Float64Array, p: number, name: string): void {
  if (x.length !== p) throw new Error(`${name} has length ${x.length}, expected p = ${p}`);
  for (let i = 0; i < p; i++) {
    if (!Number.isFinite(x[i])) throw new Error(`${name}[${i}] is ${x[i]}: must be finite`);
  }
}

function checkedGradient(f: DifferentiableFunction, x: Float64Array, p: number): Float64Array {
  const gradient = f.gradient(x);
  if (gradient.length !== p) throw new Error(`gradient returned length ${gradient.length}, expected p = ${p}`);
  for (let i = 0; i < p; i++) {
    if (!Number.isFinite(gradient[i])) throw new Error(`gradient(x)[${i}] is ${gradient[i]}: must be finite`);
  }
  return gradient;
}

function checkedValue(f: DifferentiableFunction, x: Float64Array, name: string): number {
  const value = f.value(x);
  if (!Number.isFinite(value)) throw new Error(`f(${name}) is ${value}: must be finite`);
  return value;
}

/**
 * Saliency ∇f(x) and gradient × input (x − b) ⊙ ∇f(x) (b = 0 when no baseline is given).
 *
 * @param x - the input, length p ≥ 1, finite.
 */
export function gradientSaliency(f: DifferentiableFunction, x: Float64Array, baseline?: Float64Array): { gradient: Float64Array; gradientTimesInput: Float64Array } {
  const p = x.length;
  if (p < 1) throw new Error('x is empty');
  assertPoint(x, p, 'x');
  if (baseline !== undefined) assertPoint(baseline, p, 'baseline');
  const gradient = checkedGradient(f, x, p);
  const gradientTimesInput = gradient.map((g, i) => g * (x[i] - (baseline === undefined ? 0 : baseline[i])));
  return { gradient, gradientTimesInput };
}

/**
 * Σ over nodes α_j of each function's path gradient at b + α_j(x − b), weighted (trapezoid end
 * weights ½). Every function sees the same point object at a node, so functions that share work
 * (the QP solve behind several targets) can cache on it.
 */
function pathGradientSums(fs: readonly DifferentiableFunction[], x: Float64Array, baseline: Float64Array, alphas: readonly number[], weights: readonly number[]): Float64Array[] {
  const p = x.length;
  const sums = fs.map(() => new Float64Array(p));
  for (let j = 0; j < alphas.length; j++) {
    const point = new Float64Array(p);
    for (let i = 0; i < p; i++) point[i] = baseline[i] + alphas[j] * (x[i] - baseline[i]);
    fs.forEach((f, t) => {
      const gradient = checkedGradient(f, point, p);
      const sum = sums[t];
      for (let i = 0; i < p; i++) sum[i] += weights[j] * gradient[i];
    });
  }
  return sums;
}

function finish(sum: Float64Array, x: Float64Array, baseline: Float64Array, steps: number, delta: number, tolerance: number): Attribution {
  const attributions = sum.map((s, i) => ((x[i] - baseline[i]) * s) / steps);
  let total = 0;
  for (let i = 0; i < attributions.length; i++) total += attributions[i];
  const completenessGap = Math.abs(total - delta);
  return { attributions, delta, completenessGap, steps, converged: completenessGap <= tolerance };
}

function resolveSteps(options: IntegratedGradientsOptions): { initial: number; max: number; atol: number; rtol: number } {
  const initial = options.initialSteps ?? 16;
  const max = options.maxSteps ?? 4096;
  const atol = options.atol ?? 1e-8;
  const rtol = options.rtol ?? 1e-4;
  if (!Number.isInteger(initial) || initial < 1) throw new Error(`initialSteps = ${initial}: must be an integer ≥ 1`);
  if (!Number.isInteger(max) || max < initial) throw new Error(`maxSteps = ${max}: must be an integer ≥ initialSteps = ${initial}`);
  if (!(atol >= 0 && rtol >= 0 && Number.isFinite(atol + rtol))) throw new Error(`atol = ${atol}, rtol = ${rtol}: must be finite and ≥ 0`);
  return { initial, max, atol, rtol };
}

/**
 * Integrated gradients from `baseline` to `x`, refined by doubling the trapezoid intervals until
 * the completeness gap meets atol + rtol·|f(x) − f(b)| or `maxSteps` is reached (then
 * `converged: false`; the last attributions are returned, not thrown away).
 *
 * @param x - input, length p ≥ 1, finite; not mutated.
 * @param baseline - b, length p, finite; not mutated.
 */
export function integratedGradients(f: DifferentiableFunction, x: Float64Array, baseline: Float64Array, options: IntegratedGradientsOptions = {}): Attribution {
  return integratedGradientsJoint([f], x, baseline, options)[0];
}

/**
 * Integrated gradients of several functions along one path, on shared trapezoid nodes: each node
 * evaluates every function's gradient at the same point, and the intervals double until every
 * function meets its completeness tolerance (or `maxSteps`). Same result per function as
 * {@link integratedGradients} at the final number of intervals; worth it when the functions share
 * an expensive forward pass (several targets through one QP solve).
 *
 * @param fs - at least one function of ℝᵖ.
 * @returns one attribution per function, in order; `steps` is the shared number of intervals.
 */
export function integratedGradientsJoint(fs: readonly DifferentiableFunction[], x: Float64Array, baseline: Float64Array, options: IntegratedGradientsOptions = {}): Attribution[] {
  const p = x.length;
  if (fs.length === 0) throw new Error('fs is empty: give at least one function');
  if (p < 1) throw new Error('x is empty');
  assertPoint(x, p, 'x');
  assertPoint(baseline, p, 'baseline');
  const { initial, max, atol, rtol } = resolveSteps(options);
  const deltas = fs.map((f) => checkedValue(f, x, 'x') - checkedValue(f, baseline, 'baseline'));
  const tolerances = deltas.map((delta) => atol + rtol * Math.abs(delta));
  let steps = initial;
  const alphas = Array.from({ length: steps + 1 }, (_, j) => j / steps);
  const weights = alphas.map((_, j) => (j === 0 || j === steps ? 0.5 : 1));
  const sums = pathGradientSums(fs, x, baseline, alphas, weights);
  const results = (): Attribution[] => sums.map((sum, t) => finish(sum, x, baseline, steps, deltas[t], tolerances[t]));
  let current = results();
  while (current.some((result) => !result.converged) && 2 * steps <= max) {
    const midpoints = Array.from({ length: steps }, (_, j) => (2 * j + 1) / (2 * steps));
    const added = pathGradientSums(fs, x, baseline, midpoints, midpoints.map(() => 1));
    sums.forEach((sum, t) => {
      for (let i = 0; i < p; i++) sum[i] += added[t][i];
    });
    steps *= 2;
    current = results();
  }
  return current;
}

/**
 * Expected gradients over a background sample: the mean of midpoint-rule integrated gradients
 * from each background row to x, with `steps` nodes per row.
 *
 * @param background - D, n × p row-major (e.g. historical months), n ≥ 1, finite.
 * @param steps - midpoint nodes per baseline, ≥ 1; default 32.
 * @returns attributions, delta = f(x) − mean_D f(b), and the completeness gap (converged is
 *   judged against atol = 1e-8 + 1e-4·|delta|, reported, not enforced).
 */
export function expectedGradients(f: DifferentiableFunction, x: Float64Array, background: Float64Array, n: number, steps = 32): Attribution {
  const p = x.length;
  if (p < 1) throw new Error('x is empty');
  assertPoint(x, p, 'x');
  if (!Number.isInteger(n) || n < 1) throw new Error(`n = ${n}: the background needs at least one row`);
  if (background.length !== n * p) throw new Error(`background has length ${background.length}, expected n × p = ${n} × ${p}`);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`steps = ${steps}: must be an integer ≥ 1`);
  const alphas = Array.from({ length: steps }, (_, j) => (j + 0.5) / steps);
  const ones = alphas.map(() => 1);
  const attributions = new Float64Array(p);
  let meanBaselineValue = 0;
  for (let r = 0; r < n; r++) {
    const baseline = background.slice(r * p, (r + 1) * p);
    assertPoint(baseline, p, `background row ${r}`);
    meanBaselineValue += checkedValue(f, baseline, `background row ${r}`) / n;
    const [sum] = pathGradientSums([f], x, baseline, alphas, ones);
    for (let i = 0; i < p; i++) attributions[i] += ((x[i] - baseline[i]) * sum[i]) / (steps * n);
  }
  const delta = checkedValue(f, x, 'x') - meanBaselineValue;
  let total = 0;
  for (let i = 0; i < p; i++) total += attributions[i];
  const completenessGap = Math.abs(total - delta);
  return { attributions, delta, completenessGap, steps, converged: completenessGap <= 1e-8 + 1e-4 * Math.abs(delta) };
}
