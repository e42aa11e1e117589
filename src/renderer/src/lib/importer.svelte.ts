/**
 * The import flow: choose a file (dialog or upload) → preview with every detected setting,
 * each overridable → import job with progress → the stored dataset. Nothing is stored before the
 * user confirms, and a setting the file cannot decide (e.g. day/month order) must be chosen.
 */
import type { DatasetSummary } from '../../../shared/contract/schemas';
import type { IngestOptions, IngestPreview } from '../../../shared/domain/ingest-report';
import { client } from '../api/client';
import { jobs } from './jobs.svelte';

export type ImportStep = 'idle' | 'uploading' | 'previewing' | 'preview' | 'importing' | 'done';

export class Importer {
  step = $state<ImportStep>('idle');
  progress = $state(0);
  stage = $state('');
  error = $state<string | null>(null);
  file = $state<{ fileRef: string; name: string } | null>(null);
  preview = $state.raw<IngestPreview | null>(null);
  overrides = $state<IngestOptions>({});
  name = $state('');
  imported = $state<DatasetSummary | null>(null);
  jobId = $state<string | null>(null);

  get desktop(): boolean {
    return client.mode === 'desktop';
  }

  get busy(): boolean {
    return this.step === 'uploading' || this.step === 'previewing' || this.step === 'importing';
  }

  /** Settings the file could not decide and the user has not chosen yet. */
  get unresolved(): string[] {
    const ambiguities = this.preview?.ambiguities ?? [];
    return ambiguities.filter((a) => (this.overrides as Record<string, unknown>)[a.setting] === undefined).map((a) => a.setting);
  }

  async chooseWithDialog(): Promise<void> {
    await this.guard(async () => {
      const chosen = await client.call('files.open', { title: 'Import a CSV file' });
      if (chosen) await this.start(chosen);
    });
  }

  async upload(file: File): Promise<void> {
    await this.guard(async () => {
      this.step = 'uploading';
      this.stage = `Uploading ${file.name}`;
      await this.start(await client.upload(file, (fraction) => (this.progress = fraction)));
    });
  }

  async drop(file: File): Promise<void> {
    await this.guard(async () => {
      this.step = 'uploading';
      this.stage = `Reading ${file.name}`;
      await this.start(await client.dropped(file, (fraction) => (this.progress = fraction)));
    });
  }

  /** Sets (or clears, with undefined) one override and reads the file again with it. */
  async setOption<K extends keyof IngestOptions>(key: K, value: IngestOptions[K] | undefined): Promise<void> {
    const next = { ...this.overrides };
    if (value === undefined) delete next[key];
    else next[key] = value;
    this.overrides = next;
    await this.guard(() => this.readPreview());
  }

  async confirm(force = false): Promise<void> {
    const file = this.file;
    if (!file) return;
    await this.guard(async () => {
      this.step = 'importing';
      this.progress = 0;
      const { jobId } = await client.call('datasets.import', { fileRef: file.fileRef, name: this.name.trim() || undefined, options: { ...this.overrides }, force });
      this.jobId = jobId;
      const stop = $effect.root(() => {
        $effect(() => {
          const live = jobs.live[jobId];
          if (live) {
            this.progress = live.progress;
            this.stage = live.stage;
          }
        });
      });
      const outcome = await jobs.track(jobId).finally(stop);
      this.jobId = null;
      if (outcome.state !== 'succeeded') {
        this.step = 'preview';
        throw new Error(outcome.error?.message ?? `The import was ${outcome.state}`);
      }
      this.imported = (outcome.result as { dataset: DatasetSummary }).dataset;
      this.step = 'done';
    });
  }

  cancel(): void {
    if (this.jobId) void client.call('jobs.cancel', { id: this.jobId });
  }

  reset(): void {
    this.step = 'idle';
    this.file = null;
    this.preview = null;
    this.overrides = {};
    this.error = null;
    this.name = '';
  }

  private async start(chosen: { fileRef: string; name: string }): Promise<void> {
    this.file = chosen;
    this.overrides = {};
    this.imported = null;
    this.name = chosen.name.replace(/\.gz$/i, '').replace(/\.(csv|tsv|txt)$/i, '');
    await this.readPreview();
  }

  private async readPreview(): Promise<void> {
    if (!this.file) return;
    this.step = 'previewing';
    this.stage = `Reading ${this.file.name}`;
    try {
      this.preview = await client.call('datasets.preview', { fileRef: this.file.fileRef, options: { ...this.overrides } });
    } finally {
      this.step = this.preview ? 'preview' : 'idle';
    }
  }

  private async guard(work: () => Promise<void>): Promise<void> {
    this.error = null;
    try {
      await work();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      if (this.step !== 'preview') this.step = this.preview ? 'preview' : 'idle';
    }
  }
}
