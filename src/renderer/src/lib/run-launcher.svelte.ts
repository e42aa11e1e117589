/** Starting a run from a preset against a chosen dataset, with live progress from job events. */
import type { DatasetSummary } from '../../../shared/contract/schemas';
import { client } from '../api/client';
import { jobs } from './jobs.svelte';

export interface Preset {
  id: string;
  spec: { name?: string; description?: string; data?: { kind?: string; dataset?: string; macro?: string } };
}

export class RunLauncher {
  presets = $state.raw<Preset[]>([]);
  datasets = $state.raw<DatasetSummary[]>([]);
  presetId = $state('');
  dataset = $state('');
  macro = $state('');
  running = $state<{ jobId: string; name: string } | null>(null);
  error = $state<string | null>(null);

  get preset(): Preset | undefined {
    return this.presets.find((preset) => preset.id === this.presetId);
  }

  get needsDataset(): boolean {
    return this.preset?.spec.data?.kind === 'dataset';
  }

  get needsMacro(): boolean {
    return Boolean(this.preset?.spec.data?.macro);
  }

  async load(): Promise<void> {
    const [presets, datasets] = await Promise.all([client.call('pipelines.presets', {}), client.call('datasets.list', {})]);
    this.presets = presets as Preset[];
    this.datasets = datasets;
    this.presetId ||= this.presets[0]?.id ?? '';
    this.pickDefaults();
  }

  pickDefaults(): void {
    const wanted = this.preset?.spec.data;
    const byName = (name: string | undefined, kinds: string[]): string =>
      this.datasets.find((d) => d.name === name)?.id ?? this.datasets.find((d) => kinds.includes(d.kind))?.id ?? '';
    this.dataset = byName(wanted?.dataset, ['prices', 'returns']);
    this.macro = wanted?.macro ? byName(wanted.macro, ['macro']) : '';
  }

  /** Starts the run; resolves when it has finished, whatever the outcome. */
  async start(): Promise<void> {
    const preset = this.preset;
    if (!preset) return;
    this.error = null;
    try {
      const { jobId } = await client.call('runs.start', {
        spec: preset.spec,
        ...(this.needsDataset && this.dataset ? { dataset: this.dataset } : {}),
        ...(this.needsMacro && this.macro ? { macro: this.macro } : {}),
      });
      this.running = { jobId, name: preset.spec.name ?? preset.id };
      const outcome = await jobs.track(jobId);
      if (outcome.state !== 'succeeded') this.error = outcome.error?.message ?? `The run was ${outcome.state}`;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.running = null;
    }
  }

  cancel(): void {
    if (this.running) void client.call('jobs.cancel', { id: this.running.jobId });
  }
}
