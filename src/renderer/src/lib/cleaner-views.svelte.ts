/** State of the Cleaner page: the daily prices datasets, the chosen one and date, the views loaded. */
import type { DatasetSummary } from '../../../shared/contract/schemas';
import type { CleanerViews } from '../../../shared/domain/cleaner-views';
import { client } from '../api/client';

export class CleanerViewsState {
  datasets = $state.raw<DatasetSummary[] | null>(null);
  dataset = $state<string>('');
  date = $state<string>('');
  views = $state.raw<CleanerViews | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);

  /** Lists the daily prices datasets and, when there is one, loads the views of the largest. */
  async start(): Promise<void> {
    try {
      const all = await client.call('datasets.list', {});
      const daily = all.filter((d) => d.kind === 'prices' && d.frequency === 'daily').sort((a, b) => b.assets - a.assets);
      this.datasets = daily;
      if (daily.length === 0) return;
      this.dataset = daily[0].id;
      await this.load();
    } catch (failure) {
      this.error = (failure as Error).message;
    }
  }

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.views = await client.call('cleaner.views', { ...(this.dataset ? { dataset: this.dataset } : {}), ...(this.date ? { date: this.date } : {}) });
      this.date = this.views.date;
    } catch (failure) {
      this.error = (failure as Error).message;
    } finally {
      this.loading = false;
    }
  }
}
