/**
 * A counterfactual explanation of frozen pipelines (METHODS §5; Ataş, Aydın, Kıral, Birbil, arXiv
 * 2606.25808): VAR(1) prior on the pipeline's own macro history tilted to the anchor, the question's
 * G divided by its prior standard deviation (so τ is in outcome-standard-deviation units), draws of
 * p_τ ∝ exp(−G/τ)·p₀ by preconditioned MALA with exact gradients (the stretch move when the
 * gradient is unavailable at the start), and the reading: shifts, outcome distributions before
 * and after, R̂/ESS gates, plausibility and historical analogs with their NFCI level.
 */
import type { AnalogMonth, DistributionSummary, ExplanationResult, Finding, HistogramPair, OutcomeResult } from '../../../shared/domain/explain';
import { createRandom } from '../data/random';
import { fitVar1 } from '../data/var1';
import { sampleGaussian } from './gaussian-law';
import type { GibbsTarget } from './gibbs-target';
import { MALA_ACCEPTANCE_BAND, runMala } from './mala';
import { diagnoseSamples } from './mcmc-diagnostics';
import type { PipelineMap } from './pipeline-probe';
import { concentration } from './portfolio-probes';
import { questionProbe, type QuestionSpec } from './question-probe';
import { summariseScenario } from './scenario-summary';
import { STRETCH_ACCEPTANCE_BAND, runStretchMove } from './stretch-move';
import { var1Prior } from './var1-prior';
import type { GaussianLaw } from './gaussian-law';
import type { Random } from '../data/random';
import type { ChainSamples } from './chain-samples';

/** Options of {@link explainPipeline}. */
export interface ExplainOptions extends QuestionSpec {
  readonly tau: number;
  readonly chains: number;
  /** Steps per chain including burn-in (a quarter of them). */
  readonly steps: number;
  readonly seed: number;
  /** Monthly NFCI levels (months ascending), or null. */
  readonly nfci: { months: string[]; values: number[] } | null;
  readonly onProgress?: (fraction: number, stage: string) => void;
}

/** The engine's part of an ExplanationResult (the caller adds the request, runs and NFCI source). */
export type PipelineExplanation = Omit<ExplanationResult, 'request' | 'runs' | 'nfciSource'>;

const PRIOR_DRAWS = 400;
const OUTCOME_DRAWS = 400;
const BINS = 30;

function quantile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
}

function summary(values: Float64Array): DistributionSummary {
  const finite = Float64Array.from(values.filter(Number.isFinite)).sort();
  if (finite.length === 0) return { mean: Number.NaN, sd: Number.NaN, q05: Number.NaN, q25: Number.NaN, q50: Number.NaN, q75: Number.NaN, q95: Number.NaN };
  const mean = finite.reduce((sum, v) => sum + v, 0) / finite.length;
  const sd = Math.sqrt(finite.reduce((sum, v) => sum + (v - mean) ** 2, 0) / Math.max(1, finite.length - 1));
  return { mean, sd, q05: quantile(finite, 0.05), q25: quantile(finite, 0.25), q50: quantile(finite, 0.5), q75: quantile(finite, 0.75), q95: quantile(finite, 0.95) };
}

function histogram(prior: Float64Array, posterior: Float64Array): HistogramPair {
  const both = Float64Array.from([...prior, ...posterior].filter(Number.isFinite)).sort();
  let lo = both.length > 0 ? quantile(both, 0.005) : 0;
  let hi = both.length > 0 ? quantile(both, 0.995) : 1;
  if (!(hi > lo)) {
    lo -= 0.5;
    hi += 0.5;
  }
  const edges = Array.from({ length: BINS + 1 }, (_, b) => lo + ((hi - lo) * b) / BINS);
  const shares = (values: Float64Array): number[] => {
    const counts = new Array<number>(BINS).fill(0);
    let total = 0;
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      total++;
      counts[Math.min(BINS - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * BINS)))]++;
    }
    return counts.map((count) => (total > 0 ? count / total : 0));
  };
  return { edges, prior: shares(prior), posterior: shares(posterior) };
}

function column(samples: Float64Array, k: number, j: number): Float64Array {
  const out = new Float64Array(samples.length / k);
  for (let q = 0; q < out.length; q++) out[q] = samples[q * k + j];
  return out;
}

/**
 * One prior draw per chain where G and its gradient are finite (at most 50 tries per chain), so a
 * chain does not start in a state where the QP has no polished solution.
 */
function startingStates(law: GaussianLaw, chains: number, random: Random, target: GibbsTarget): Float64Array {
  const k = law.k;
  const states = new Float64Array(chains * k);
  for (let c = 0; c < chains; c++) {
    let m = sampleGaussian(law, random);
    for (let attempt = 0; attempt < 50 && !Number.isFinite(target.probe.value(m)); attempt++) m = sampleGaussian(law, random);
    states.set(m, c * k);
  }
  return states;
}

/**
 * Explains one pipeline (or a pair, for divergence and gap) at their common anchor.
 *
 * @throws when the pipeline has no macro variables, the macro history is too short for a VAR(1),
 *   the fitted VAR is not stationary, G is not finite at the anchor, or the options are malformed.
 */
export function explainPipeline(maps: readonly PipelineMap[], options: ExplainOptions): PipelineExplanation {
  const started = performance.now();
  const frozen = maps[0].frozen;
  const l = frozen.macroNames.length;
  if (l === 0) throw new Error('the pipeline has no macro features (features.macro is empty): there is no macro state to explain');
  if (!(Number.isInteger(options.steps) && options.steps >= 200)) throw new Error(`steps = ${options.steps}: must be an integer ≥ 200`);
  const rows = frozen.historyMonths.length;
  const fit = fitVar1(frozen.macroHistory, rows, l);
  if (!fit.stationary) throw new Error(`the VAR(1) fitted on ${frozen.macroNames.join(', ')} is not stationary (spectral radius ${fit.spectralRadius.toFixed(3)})`);
  const prior = var1Prior(fit, frozen.anchorMacro);
  const probe = questionProbe(maps, options);

  const random = createRandom(options.seed + 1_000_003);
  const priorDraws = new Float64Array(PRIOR_DRAWS * l);
  const priorG = new Float64Array(PRIOR_DRAWS);
  const priorOutcome = new Float64Array(PRIOR_DRAWS);
  const priorWeights: Float64Array[] = [];
  for (let q = 0; q < PRIOR_DRAWS; q++) {
    const m = sampleGaussian(prior.prior, random);
    priorDraws.set(m, q * l);
    priorG[q] = probe.value(m);
    priorOutcome[q] = probe.outcome(m);
    priorWeights.push(Float64Array.from(maps[0].evaluate(m).w));
    options.onProgress?.((0.1 * (q + 1)) / PRIOR_DRAWS, 'prior draws');
  }
  const gSummary = summary(priorG);
  const failedPrior = priorG.filter((g) => !Number.isFinite(g)).length;
  const findings: Finding[] = [];
  let probeScale = gSummary.sd;
  if (!(probeScale > 1e-12)) {
    probeScale = 1;
    findings.push({ severity: 'warning', message: `G does not vary under the prior (sd ${gSummary.sd}): the pipeline's ${probe.outcomeLabel} does not respond to the macro state at ${frozen.anchor}` });
  }
  if (failedPrior > 0) findings.push({ severity: 'info', message: `${failedPrior} of ${PRIOR_DRAWS} prior draws gave a QP without a polished solution; such states are excluded` });
  const anchorG = probe.value(frozen.anchorMacro);
  if (!Number.isFinite(anchorG)) throw new Error(`G is not finite at the anchor's own macro state (the QP did not reach a polished solution at ${frozen.anchor})`);

  const target: GibbsTarget = {
    probe: { value: (m) => probe.value(m) / probeScale, gradient: (m) => probe.gradient(m).map((g) => g / probeScale) },
    tau: options.tau,
    prior: prior.prior,
  };
  const burnIn = Math.floor(options.steps / 4);
  const draws = options.steps - burnIn;
  let samples: ChainSamples;
  let sampler: 'mala' | 'stretch-move' = 'mala';
  let acceptance: number[];
  let band: readonly [number, number] = MALA_ACCEPTANCE_BAND;
  const progress = (done: number, total: number): void => {
    if (done % 50 === 0 || done === total) options.onProgress?.(0.1 + (0.75 * done) / total, `${sampler}: step ${done} of ${total}`);
  };
  try {
    const result = runMala(target, { chains: options.chains, draws, burnIn, seed: options.seed, initialStates: startingStates(prior.prior, options.chains, random, target), onProgress: progress });
    samples = result;
    acceptance = [...result.acceptance];
  } catch (error) {
    if (!(error instanceof Error && /gradient|polished/.test(error.message))) throw error;
    sampler = 'stretch-move';
    band = STRETCH_ACCEPTANCE_BAND;
    findings.push({ severity: 'info', message: `MALA needs the gradient everywhere it starts (${error.message}); the gradient-free stretch move was used` });
    const walkers = Math.max(2 * l + 2, 40);
    const result = runStretchMove({ ...target, probe: { value: target.probe.value } }, { walkers: walkers + (walkers % 2), draws, burnIn, seed: options.seed, onProgress: progress });
    samples = result;
    acceptance = [result.acceptance];
  }
  const diagnostics = diagnoseSamples(samples);
  const history = frozen.macroHistory;
  const reading = summariseScenario(samples, prior.prior, prior.stationary, history, rows, { anchorIndex: rows - 1, nearest: 5 });

  const variables = frozen.macroNames.map((name, j) => {
    const priorColumn = column(priorDraws, l, j);
    const postColumn = column(samples.samples, l, j);
    const coordinate = diagnostics.coordinates[j];
    return {
      name,
      anchor: frozen.anchorMacro[j],
      prior: summary(priorColumn),
      posterior: summary(postColumn),
      shift: reading.variables[j].shift,
      histogram: histogram(priorColumn, postColumn),
      rhat: coordinate.rhat,
      essBulk: coordinate.essBulk,
      mcseMean: coordinate.mcseMean,
    };
  });

  const total = samples.chains * samples.draws;
  const stride = Math.max(1, Math.floor(total / OUTCOME_DRAWS));
  const postOutcome: number[] = [];
  const postWeights: Float64Array[] = [];
  for (let q = 0; q < total; q += stride) {
    const m = samples.samples.subarray(q * l, (q + 1) * l);
    postOutcome.push(probe.outcome(m));
    postWeights.push(Float64Array.from(maps[0].evaluate(m).w));
    options.onProgress?.(0.85 + (0.15 * q) / total, 'outcomes of the tilted draws');
  }
  const anchorWeights = maps[0].evaluate(frozen.anchorMacro).w;
  const outcome = (key: OutcomeResult['key'], label: string, atAnchor: number, before: Float64Array, after: Float64Array): OutcomeResult => ({ key, label, atAnchor, before: summary(before), after: summary(after), histogram: histogram(before, after) });
  const stat = (weights: Float64Array[], pick: (c: ReturnType<typeof concentration>) => number): Float64Array =>
    Float64Array.from(weights, (w) => (w.every(Number.isFinite) && w.some((v) => v > 0) ? pick(concentration(w.map((v) => Math.max(v, 0)))) : Number.NaN));
  const anchorConcentration = concentration(anchorWeights.map((v) => Math.max(v, 0)));
  const outcomes: OutcomeResult[] = [
    outcome(probe.outcomeKey, probe.outcomeLabel, probe.outcome(frozen.anchorMacro), priorOutcome, Float64Array.from(postOutcome)),
    outcome('effectiveN', 'effective number of holdings 1/HHI', anchorConcentration.effectiveN, stat(priorWeights, (c) => c.effectiveN), stat(postWeights, (c) => c.effectiveN)),
    outcome('hhi', 'HHI Σw²', anchorConcentration.hhi, stat(priorWeights, (c) => c.hhi), stat(postWeights, (c) => c.hhi)),
    outcome('maxWeight', 'largest weight', anchorConcentration.maxWeight, stat(priorWeights, (c) => c.maxWeight), stat(postWeights, (c) => c.maxWeight)),
    outcome('top10Weight', 'sum of the 10 largest weights', anchorConcentration.top10Weight, stat(priorWeights, (c) => c.top10Weight), stat(postWeights, (c) => c.top10Weight)),
  ];

  const nfciByMonth = new Map(options.nfci ? options.nfci.months.map((month, i) => [month, options.nfci!.values[i]]) : []);
  const analogs: AnalogMonth[] = reading.analogs.map((analog) => {
    const month = frozen.historyMonths[analog.index];
    const nfci = nfciByMonth.get(month);
    return { month, distance: analog.distance, nfci: nfci ?? null, regime: nfci === undefined ? null : nfci > 0 ? 'tight' : 'loose' };
  });

  const inBand = acceptance.every((rate) => rate >= band[0] && rate <= band[1]);
  if (!diagnostics.passed) findings.push({ severity: 'warning', message: `convergence gates failed: worst R̂ ${diagnostics.worstRhat.toFixed(3)} (≤ ${diagnostics.gates.maxRhat}), worst ESS ${diagnostics.worstEss.toFixed(0)} (≥ ${diagnostics.gates.minEss}); run more steps before reading the result` });
  if (!inBand) findings.push({ severity: 'warning', message: `acceptance ${acceptance.map((a) => a.toFixed(2)).join(', ')} outside [${band[0]}, ${band[1]}]` });
  if (reading.implausible) findings.push({ severity: 'warning', message: `implausible explanation: the generated median macro state is farther from the stationary mean than ${(100 * reading.distancePercentile).toFixed(1)} % of historical months` });
  const largest = variables.reduce((best, v) => (Math.abs(v.shift) > Math.abs(best.shift) ? v : best), variables[0]);
  findings.push({ severity: 'info', message: `largest shift: ${largest.name} ${largest.shift >= 0 ? '+' : ''}${largest.shift.toFixed(2)} prior sd; ${probe.outcomeLabel} ${summary(priorOutcome).q50.toPrecision(3)} → ${summary(Float64Array.from(postOutcome)).q50.toPrecision(3)} (medians)` });

  return {
    probe: probe.description,
    probeScale,
    prior: { variables: [...frozen.macroNames], firstMonth: frozen.historyMonths[0], lastMonth: frozen.historyMonths[rows - 1], months: rows, spectralRadius: fit.spectralRadius },
    variables,
    outcomes,
    diagnostics: {
      sampler,
      chains: samples.chains,
      steps: options.steps,
      burnIn,
      acceptance,
      acceptanceBand: [band[0], band[1]],
      acceptanceInBand: inBand,
      worstRhat: diagnostics.worstRhat,
      worstEss: diagnostics.worstEss,
      gates: { ...diagnostics.gates },
      passed: diagnostics.passed,
      elapsedMs: performance.now() - started,
    },
    plausibility: { medianDistance: reading.medianDistance, percentile: reading.distancePercentile, threshold: 0.95, implausible: reading.implausible },
    analogs,
    findings,
  };
}
