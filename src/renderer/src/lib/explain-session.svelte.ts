/**
 * State of the Explain page: the succeeded runs, what the chosen run can be asked (macro features,
 * a trained predictor, its rebalance months), the request being filled in, the job it started
 * (progress and cancel through job events) and the stored record on show.
 */
import type { RunSummary } from '../../../shared/contract/schemas';
import type { AttributionMethod, ExplainDirection, ExplainPreset, ExplainQuestion, ExplainRecord, ExplainRequest, ExplainSummary } from '../../../shared/domain/explain';
import { client } from '../api/client';
import { jobs } from './jobs.svelte';

/** What a run's stored spec allows: explanations need macro features, both need a trained predictor. */
export interface RunCapabilities {
  trained: boolean;
  /** Why the run cannot be attributed or explained at all, or null. */
  blocked: string | null;
  macro: string[];
  training: string;
  /** Rebalance months, oldest first. */
  months: string[];
  /** The largest holdings, for the custom target. */
  assets: string[];
}

type Json = Record<string, unknown>;
const record = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});

/** Reads a stored spec's features, predictor and training into what the Explain page needs. */
export function capabilitiesOf(spec: unknown): Pick<RunCapabilities, 'trained' | 'blocked' | 'macro' | 'training'> {
  const features = record(record(spec).features);
  const predictor = String(record(record(spec).predictor).kind ?? '');
  const training = String(record(record(spec).training).kind ?? 'none');
  const risk = String(record(record(spec).risk).kind ?? '');
  const macro = features.kind === 'price-characteristics' && Array.isArray(features.macro) ? features.macro.filter((m): m is string => typeof m === 'string') : [];
  const trained = training !== 'none' && (predictor === 'linear' || predictor === 'mlp');
  const blocked = !trained
    ? 'This run has no trained predictor (linear or MLP with training): there is nothing to attribute or explain.'
    : risk === 'learned-head'
      ? 'This run learns its risk model (risk.kind learned-head); attributions and explanations go through an estimated risk model only. Choose a run with risk.kind estimator, e.g. the synthetic decoupled preset.'
      : null;
  return { trained, blocked, macro, training };
}

export class ExplainSession {
  runs = $state.raw<RunSummary[] | null>(null);
  presets = $state.raw<ExplainPreset[]>([]);
  runId = $state('');
  versusRunId = $state('');
  capabilities = $state.raw<RunCapabilities | null>(null);
  anchor = $state('');
  presetId = $state('');
  question = $state<ExplainQuestion>('concentration');
  direction = $state<ExplainDirection>('decrease');
  tau = $state(0.5);
  chains = $state(4);
  steps = $state(4000);
  customAsset = $state('');
  /** b of the benchmark question in percent a month; empty: the equal-weight return of the holding month. */
  benchmarkPercent = $state<number | null>(null);
  method = $state<AttributionMethod>('ig');
  running = $state<{ jobId: string; label: string } | null>(null);
  error = $state<string | null>(null);
  history = $state.raw<ExplainSummary[]>([]);
  shown = $state.raw<ExplainRecord | null>(null);

  get preset(): ExplainPreset | undefined {
    return this.presets.find((preset) => preset.id === this.presetId);
  }

  get needsVersus(): boolean {
    return this.question === 'divergence' || this.question === 'gap';
  }

  async load(): Promise<void> {
    const [runs, presets] = await Promise.all([client.call('runs.list', {}), client.call('explain.presets', {})]);
    this.runs = runs.filter((run) => run.state === 'succeeded');
    this.presets = presets;
    if (!this.runId && this.runs.length > 0) await this.chooseRun(this.runs[0].id);
  }

  async chooseRun(id: string): Promise<void> {
    this.runId = id;
    this.capabilities = null;
    this.error = null;
    const [detail, series, history] = await Promise.all([
      client.call('runs.get', { id }),
      client.call('runs.series', { id, maxPoints: 5000, maxAssets: 30 }),
      client.call('explain.list', { runId: id }),
    ]);
    const months = series.weights.dates.map((date) => date.slice(0, 7)).filter((month, i, all) => all.indexOf(month) === i);
    this.capabilities = { ...capabilitiesOf(detail.spec), months, assets: series.weights.assets.filter((asset) => asset !== 'other') };
    this.history = history;
    this.customAsset ||= this.capabilities.assets[0] ?? '';
    if (!months.includes(this.anchor)) this.anchor = months.includes(this.preset?.anchor ?? '') ? (this.preset?.anchor ?? '') : (months[months.length - 1] ?? '');
  }

  applyPreset(id: string): void {
    this.presetId = id;
    const preset = this.preset;
    if (!preset) return;
    this.question = preset.question;
    this.direction = preset.direction;
    this.tau = preset.tau;
    if (this.capabilities?.months.includes(preset.anchor)) this.anchor = preset.anchor;
  }

  explainRequest(): ExplainRequest {
    return {
      runId: this.runId,
      ...(this.needsVersus && this.versusRunId ? { versusRunId: this.versusRunId } : {}),
      question: this.question,
      ...(this.preset && this.preset.question === this.question ? { preset: this.preset.id } : {}),
      anchor: this.anchor,
      tau: this.tau,
      direction: this.direction,
      chains: this.chains,
      steps: this.steps,
      ...(this.question === 'custom' ? { custom: { kind: 'asset' as const, asset: this.customAsset } } : {}),
      ...(this.question === 'benchmark' && typeof this.benchmarkPercent === 'number' && Number.isFinite(this.benchmarkPercent) ? { benchmark: this.benchmarkPercent / 100 } : {}),
    };
  }

  attribute(): Promise<void> {
    const request = { runId: this.runId, ...(this.versusRunId ? { versusRunId: this.versusRunId } : {}), method: this.method, ...(this.anchor ? { anchor: this.anchor } : {}) };
    return this.follow(client.call('explain.attribute', request), `Attribution (${this.method}) at ${this.anchor}`);
  }

  explain(): Promise<void> {
    return this.follow(client.call('explain.start', this.explainRequest()), `Explanation: ${this.question} at ${this.anchor}`);
  }

  cancel(): void {
    if (this.running) void client.call('jobs.cancel', { id: this.running.jobId });
  }

  async open(id: string): Promise<void> {
    this.error = null;
    try {
      this.shown = await client.call('explain.get', { id });
    } catch (failure) {
      this.error = (failure as Error).message;
    }
  }

  /** Follows a started job to its end, then shows the stored record and refreshes the history. */
  private async follow(started: Promise<{ jobId: string }>, label: string): Promise<void> {
    this.error = null;
    try {
      const { jobId } = await started;
      this.running = { jobId, label };
      const outcome = await jobs.track(jobId);
      if (outcome.state !== 'succeeded') {
        this.error = outcome.error?.message ?? `The job was ${outcome.state}`;
        return;
      }
      const stored = record(outcome.result).id;
      this.history = await client.call('explain.list', { runId: this.runId });
      if (typeof stored === 'string') await this.open(stored);
    } catch (failure) {
      this.error = (failure as Error).message;
    } finally {
      this.running = null;
    }
  }
}
