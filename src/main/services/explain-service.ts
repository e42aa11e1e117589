/**
 * Explaining stored runs (issue 7): checks a request against the runs it names, loads their specs
 * and datasets, runs the `attribute` or `explain` job, and stores the result with the run.
 * Everything a request can get wrong (unknown run, a run that did not succeed, an anchor outside the
 * backtest, a run without macro features or without a trained predictor) fails here, before a job
 * starts, with an AppError that names what is missing.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/contract/dispatch';
import {
  AttributeRequestSchema,
  AttributionResultSchema,
  ExplainRequestSchema,
  ExplanationResultSchema,
  type AttributeRequest,
  type ExplainPreset,
  type ExplainRecord,
  type ExplainRequest,
  type ExplainSummary,
  type ParsedAttributeRequest,
  type ParsedExplainRequest,
} from '../../shared/domain/explain';
import { parsePipelineSpec, type PipelineSpec } from '../../shared/pipeline/spec';
import type { ExplainJobRun, NfciSeries } from '../jobs/kinds/explain-job';
import { ExplanationsRepo } from '../store/explanations-repo';
import type { Store } from '../store/store';
import type { JobsService, StartOptions, StartedJob } from './jobs-service';

/** The published questions (METHODS §5 "Published cells"). */
export const EXPLAIN_PRESETS: readonly ExplainPreset[] = [
  {
    id: 'pto-pao-gap',
    title: 'When does predict-then-optimise close its return gap with predict-and-optimise?',
    description: 'Tilts the macro state toward months where the decoupled (PTO) run out-earns the end-to-end (PAO) run in the holding month: G = −(r_PTO − r_PAO).',
    question: 'gap',
    direction: 'increase',
    tau: 0.5,
    runs: 2,
    runsHint: 'run: the decoupled (PTO) pipeline; versus: the end-to-end (PAO) pipeline on the same data',
    anchor: '2016-01',
  },
  {
    id: 'diversify-or-concentrate',
    title: 'What makes the pipeline concentrate rather than diversify?',
    description: 'Tilts toward low entropy of the weights (G = entropy(w)); the published cell goes from 36 to 7 effective holdings at Jan 2019. Choose "increase" to ask what makes it diversify.',
    question: 'concentration',
    direction: 'decrease',
    tau: 0.5,
    runs: 1,
    runsHint: null,
    anchor: '2019-01',
  },
  {
    id: 'calm-vs-crisis',
    title: 'When does a calm-trained pipeline beat a crisis-trained one?',
    description: 'Two runs of one pipeline trained on different windows (e.g. backtest.start after a calm and after a crisis period): G = −(r_calm − r_crisis).',
    question: 'gap',
    direction: 'increase',
    tau: 0.5,
    runs: 2,
    runsHint: 'run: the calm-trained pipeline; versus: the crisis-trained pipeline (different training windows)',
    anchor: '2020-03',
  },
  {
    id: 'benchmark-match',
    title: 'What economy lets the pipeline match a benchmark return?',
    description: 'G = (wᵀr − b)² with b the benchmark return of the holding month (default the equal-weight return; the published cell targets +2.99 % at Nov 2017).',
    question: 'benchmark',
    direction: 'decrease',
    tau: 0.5,
    runs: 1,
    runsHint: null,
    anchor: '2017-11',
  },
  {
    id: 'pto-pao-divergence',
    title: 'When do the decoupled and end-to-end pipelines disagree most?',
    description: 'G = −‖w_PTO − w_PAO‖₁; the published cell goes from ℓ₁ 0.08 to 0.50 at Jan 2016.',
    question: 'divergence',
    direction: 'increase',
    tau: 0.5,
    runs: 2,
    runsHint: 'run: the decoupled (PTO) pipeline; versus: the end-to-end (PAO) pipeline',
    anchor: '2016-01',
  },
];

const TWO_RUN_QUESTIONS = new Set(['divergence', 'gap']);

function monthOf(date: string): string {
  return date.slice(0, 7);
}

export class ExplainService {
  private readonly repo: ExplanationsRepo;

  constructor(
    private readonly store: Store,
    private readonly jobs: JobsService,
  ) {
    this.repo = new ExplanationsRepo(store.db);
  }

  presets(): ExplainPreset[] {
    return EXPLAIN_PRESETS.map((preset) => ({ ...preset }));
  }

  list(runId: string): ExplainSummary[] {
    if (!this.store.runs.get(runId)) throw new AppError('not-found', `No run with id ${runId}`);
    return this.repo.listForRun(runId);
  }

  get(id: string): ExplainRecord {
    const record = this.repo.get(id);
    if (!record) throw new AppError('not-found', `No stored attribution or explanation with id ${id}`);
    return record;
  }

  /** Starts attributions of one run (or two side by side); `done` resolves to the stored record's id. */
  attribute(raw: AttributeRequest, options: StartOptions = {}): StartedJob<{ id: string }> {
    const request = AttributeRequestSchema.parse(raw);
    const first = this.loadRun(request.runId, 'runId');
    const runs = [first, ...(request.versusRunId ? [this.loadRun(request.versusRunId, 'versusRunId')] : [])];
    for (const run of runs) this.requireTrained(run);
    const lastMonth = monthOf(first.rebalanceDates[first.rebalanceDates.length - 1]);
    const anchor = request.anchor ?? lastMonth;
    for (const run of runs) this.requireAnchor(run, anchor);
    const params = { request: { ...request, anchor }, runs: runs.map((run) => run.job) };
    const label = `Attribute ${first.name} at ${anchor} (${request.method})`;
    const started: StartedJob<{ id: string }> = this.jobs.start('attribute', label, params, (result) => this.storeAttribution(request, anchor, started.jobId, result), options);
    return started;
  }

  /** Starts a counterfactual explanation; `done` resolves to the stored record's id. */
  start(raw: ExplainRequest, options: StartOptions = {}): StartedJob<{ id: string }> {
    const request = ExplainRequestSchema.parse(raw);
    if (TWO_RUN_QUESTIONS.has(request.question) && !request.versusRunId) {
      throw new AppError('invalid-request', `question ${request.question} compares two runs: give versusRunId (--versus <run-id>)`);
    }
    if (request.question === 'custom' && !request.custom) {
      throw new AppError('invalid-request', 'question custom needs a target: custom = { kind: "asset", asset } or { kind: "sector", sector, sectors } (--asset / --sector with --sectors <csv>)');
    }
    const first = this.loadRun(request.runId, 'runId');
    const runs = [first, ...(request.versusRunId ? [this.loadRun(request.versusRunId, 'versusRunId')] : [])];
    for (const run of runs) {
      this.requireTrained(run);
      this.requireMacro(run);
      this.requireAnchor(run, request.anchor);
    }
    const macroNames = runs.map((run) => (run.spec.features.kind === 'price-characteristics' ? run.spec.features.macro.join(',') : ''));
    if (new Set(macroNames).size > 1) {
      throw new AppError('invalid-request', `the two runs use different macro variables (${macroNames.join(' vs ')}); the explanation varies one macro state shared by both`);
    }
    const nfci = this.nfci(request.nfci);
    const params = { request, runs: runs.map((run) => run.job), nfci: nfci?.series ?? null };
    const label = `Explain ${first.name}: ${request.question} at ${request.anchor}`;
    const started: StartedJob<{ id: string }> = this.jobs.start(
      'explain',
      label,
      params,
      (result) => this.storeExplanation(request, nfci ? { id: nfci.id, name: nfci.name } : null, started.jobId, result),
      options,
    );
    return started;
  }

  private loadRun(id: string, field: string): { name: string; spec: PipelineSpec; rebalanceDates: string[]; job: ExplainJobRun } {
    const resolved = this.store.runs.resolve(id);
    const run = resolved ? this.store.runs.get(resolved.id) : undefined;
    if (!run) throw new AppError('not-found', `${field}: no run with id ${id}`);
    if (run.state !== 'succeeded') throw new AppError('invalid-request', `${field}: run ${run.id} (${run.name}) is ${run.state}; only succeeded runs can be explained`);
    const parsed = parsePipelineSpec(run.spec);
    if (!parsed.ok) throw new AppError('invalid-request', `${field}: the stored spec of run ${run.id} no longer validates`);
    const series = this.store.runs.series(run.id);
    if (!series) throw new AppError('not-found', `${field}: run ${run.id} has no stored results`);
    const rebalanceDates = (series.rebalances as { date?: string }[]).map((item) => item.date).filter((date): date is string => typeof date === 'string');
    const panel = (role: 'primary' | 'macro') => {
      const ref = run.datasets.find((item) => item.role === role);
      if (!ref) return undefined;
      const loaded = this.store.datasets.panel(ref.id);
      if (!loaded) throw new AppError('not-found', `${field}: the ${role} dataset ${ref.name} (${ref.id}) of run ${run.id} was deleted`);
      return loaded;
    };
    const primary = panel('primary');
    const macro = panel('macro');
    return {
      name: run.name,
      spec: parsed.spec,
      rebalanceDates: rebalanceDates.length > 0 ? rebalanceDates : series.dates,
      job: { id: run.id, name: run.name, spec: parsed.spec, ...(primary ? { primary } : {}), ...(macro ? { macro } : {}) },
    };
  }

  private requireTrained(run: { name: string; spec: PipelineSpec; job: ExplainJobRun }): void {
    if (run.spec.training.kind === 'none' || (run.spec.predictor.kind !== 'linear' && run.spec.predictor.kind !== 'mlp')) {
      throw new AppError(
        'not-explainable',
        `run ${run.job.id} (${run.name}) has no trained predictor (training.kind = ${run.spec.training.kind}, predictor.kind = ${run.spec.predictor.kind}); attributions and explanations need a linear or MLP predictor with features`,
      );
    }
  }

  private requireMacro(run: { name: string; spec: PipelineSpec; job: ExplainJobRun }): void {
    const features = run.spec.features;
    const macro = features.kind === 'price-characteristics' ? features.macro : [];
    if (macro.length === 0) {
      throw new AppError(
        'no-macro-features',
        `run ${run.job.id} (${run.name}) has no macro features: its spec has features.kind = ${features.kind}${features.kind === 'price-characteristics' ? ' with an empty features.macro' : ''}. The explanation varies the macro state m of the features c ⊗ (1, m): use price characteristics with features.macro (e.g. ["TB3MS", "GS10", "BAA", "CPIAUCSL"]) and a data.macro dataset`,
      );
    }
  }

  private requireAnchor(run: { name: string; rebalanceDates: string[]; job: ExplainJobRun }, anchor: string): void {
    const months = run.rebalanceDates.map(monthOf);
    if (!months.includes(anchor)) {
      throw new AppError(
        'anchor-outside-data',
        `anchor ${anchor} is not a rebalance month of run ${run.job.id} (${run.name}): its rebalances run from ${months[0]} to ${months[months.length - 1]}`,
      );
    }
  }

  /** The NFCI column of the named dataset, else of the newest dataset that has one, as monthly means. */
  private nfci(idOrName: string | undefined): { id: string; name: string; series: NfciSeries } | null {
    const candidates = idOrName ? [this.store.datasets.resolve(idOrName)] : this.store.datasets.list();
    if (idOrName && !candidates[0]) throw new AppError('not-found', `nfci: no dataset ${idOrName}`);
    for (const summary of candidates) {
      if (!summary) continue;
      const panel = this.store.datasets.panel(summary.id);
      const column = panel?.assets.indexOf('NFCI') ?? -1;
      if (!panel || column < 0) continue;
      const sums = new Map<string, { sum: number; count: number }>();
      panel.dates.forEach((date, row) => {
        const value = panel.values[row * panel.assets.length + column];
        if (!Number.isFinite(value)) return;
        const entry = sums.get(monthOf(date)) ?? { sum: 0, count: 0 };
        entry.sum += value;
        entry.count++;
        sums.set(monthOf(date), entry);
      });
      const months = [...sums.keys()].sort();
      return { id: summary.id, name: summary.name, series: { months, values: months.map((month) => sums.get(month)!.sum / sums.get(month)!.count) } };
    }
    if (idOrName) throw new AppError('invalid-request', `nfci: dataset ${idOrName} has no NFCI column`);
    return null;
  }

  private storeAttribution(request: ParsedAttributeRequest, anchor: string, jobId: string, raw: unknown): { id: string } {
    const result = AttributionResultSchema.parse(raw);
    const id = randomUUID();
    this.repo.insert({
      kind: 'attribution',
      id,
      runId: result.runs[0].run.id,
      versusRunId: result.runs[1]?.run.id ?? null,
      jobId,
      createdAt: new Date().toISOString(),
      anchor,
      title: `${request.method} attribution at ${anchor}${result.runs.length > 1 ? ' (two runs)' : ''}`,
      method: request.method,
      result,
    });
    return { id };
  }

  private storeExplanation(request: ParsedExplainRequest, nfciSource: { id: string; name: string } | null, jobId: string, raw: unknown): { id: string } {
    const result = ExplanationResultSchema.parse({ ...(raw as object), nfciSource });
    const id = randomUUID();
    this.repo.insert({
      kind: 'explanation',
      id,
      runId: result.runs[0].id,
      versusRunId: result.runs[1]?.id ?? null,
      jobId,
      createdAt: new Date().toISOString(),
      anchor: request.anchor,
      title: `${request.question} (${request.question === 'benchmark' ? 'match' : request.direction}) at ${request.anchor}, τ = ${request.tau}`,
      question: request.question,
      passed: result.diagnostics.passed,
      implausible: result.plausibility.implausible,
      result,
    });
    return { id };
  }
}
