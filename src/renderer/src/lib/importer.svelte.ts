/** The import flow: choose (dialog or upload) → import job with progress → the new dataset. */
import type { DatasetSummary } from '../../../shared/contract/schemas';
import { ApiError, client } from '../api/client';
import { jobs } from './jobs.svelte';

export class Importer {
  busy = $state(false);
  progress = $state(0);
  stage = $state('');
  error = $state<string | null>(null);
  imported = $state<DatasetSummary | null>(null);
  jobId = $state<string | null>(null);

  get desktop(): boolean {
    return client.mode === 'desktop';
  }

  async chooseWithDialog(): Promise<void> {
    await this.run(async () => client.call('files.open', { title: 'Import a CSV file' }));
  }

  async upload(file: File): Promise<void> {
    await this.run(async () => {
      this.stage = `Uploading ${file.name}`;
      return client.upload(file, (fraction) => (this.progress = fraction * 0.2));
    });
  }

  cancel(): void {
    if (this.jobId) void client.call('jobs.cancel', { id: this.jobId });
  }

  private async run(choose: () => Promise<{ fileRef: string; name: string } | null>): Promise<void> {
    this.error = null;
    this.imported = null;
    this.busy = true;
    this.progress = 0;
    try {
      const chosen = await choose();
      if (!chosen) return;
      const { jobId } = await client.call('datasets.import', { fileRef: chosen.fileRef });
      this.jobId = jobId;
      const tracking = jobs.track(jobId);
      const stop = $effect.root(() => {
        $effect(() => {
          const live = jobs.live[jobId];
          if (live) {
            this.progress = 0.2 + 0.8 * live.progress;
            this.stage = live.stage;
          }
        });
      });
      const outcome = await tracking;
      stop();
      if (outcome.state === 'succeeded') {
        this.imported = (outcome.result as { dataset: DatasetSummary }).dataset;
      } else {
        this.error = outcome.error?.message ?? `The import ${outcome.state}`;
      }
    } catch (error) {
      this.error = error instanceof ApiError || error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
      this.jobId = null;
    }
  }
}
