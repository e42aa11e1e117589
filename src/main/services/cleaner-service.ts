/**
 * `cleaner.views`: the learned cleaner's interpretability views (issue 8, item 6) on the last
 * 252-day window of a daily prices dataset, computed in a job (cleaner pass, QIS and RIE).
 * Without a dataset named, it takes the daily prices dataset with the most assets.
 */
import { AppError } from '../../shared/contract/dispatch';
import type { DatasetSummary } from '../../shared/contract/schemas';
import type { CleanerViews, CleanerViewsRequest } from '../../shared/domain/cleaner-views';
import { DEFAULT_CLEANER_CONFIG } from '../engine/cleaner/cleaner-config';
import { viewsWindow } from '../engine/risk-evaluation/views-window';
import type { CleanerViewsJobParams, CleanerViewsJobResult } from '../jobs/kinds/cleaner-views-job';
import type { Store } from '../store/store';
import type { DatasetsService } from './datasets-service';
import type { JobsService } from './jobs-service';

/** Shown when no suitable dataset exists; the page repeats it. */
export const NO_PRICES_DATASET =
  'No daily prices dataset is imported: import the S&P 500 adjusted closes (sp500_adjclose_1999_2021_wide.csv.gz) or another wide daily prices file with at least two years of history.';

export class CleanerService {
  constructor(
    private readonly store: Store,
    private readonly jobs: JobsService,
    private readonly datasets: DatasetsService,
    private readonly resourcesDir: string,
  ) {}

  private pick(reference: string | undefined): DatasetSummary {
    if (reference !== undefined) return this.datasets.resolve(reference);
    const candidates = this.datasets.list().filter((d) => d.kind === 'prices' && d.frequency === 'daily');
    if (candidates.length === 0) throw new AppError('not-found', NO_PRICES_DATASET);
    return candidates.reduce((best, d) => (d.assets > best.assets ? d : best));
  }

  async views(request: CleanerViewsRequest): Promise<CleanerViews> {
    const summary = this.pick(request.dataset);
    if (summary.kind !== 'prices' || summary.frequency !== 'daily') {
      throw new AppError('invalid-input', `Dataset "${summary.name}" holds ${summary.frequency} ${summary.kind}: the cleaner views need daily prices.`);
    }
    const panel = this.store.datasets.panel(summary.id);
    if (!panel) throw new AppError('not-found', `No dataset with id ${summary.id}`);
    let window;
    try {
      window = viewsWindow(panel, DEFAULT_CLEANER_CONFIG.lookback, request.date);
    } catch (error) {
      throw new AppError('invalid-input', (error as Error).message);
    }
    const params: CleanerViewsJobParams = { returns: window.returns, t: window.t, n: window.n, assets: window.assets, resourcesDir: this.resourcesDir };
    const result = await this.jobs.start('cleaner-views', `Cleaner views (${summary.name})`, params, (raw) => raw as CleanerViewsJobResult).done;
    return {
      dataset: { id: summary.id, name: summary.name },
      windowStart: window.windowStart,
      date: window.date,
      n: result.n,
      excluded: window.excluded,
      lookback: result.lookback,
      model: result.model,
      lagWeights: result.lagWeights,
      eigenvalues: result.eigenvalues,
      volatility: result.volatility,
    };
  }
}
