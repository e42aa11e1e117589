/** `cleaner-views` job: the cleaner's three views on a returns window the service cut from a dataset. */
import { cleanerViews, type CleanerViewsData } from '../../engine/risk-evaluation/cleaner-views';
import { loadCleanerSource, type CleanerSource } from '../../services/cleaner-model-source';

export interface CleanerViewsJobParams {
  /** t × n row-major daily simple returns (a plain array after structured clone is fine too). */
  returns: Float64Array;
  t: number;
  n: number;
  assets: string[];
  resourcesDir: string;
}

export type CleanerViewsJobResult = CleanerViewsData & { model: Pick<CleanerSource, 'source' | 'description'> };

/** Needs a tfjs backend selected first (the job table does it). */
export function cleanerViewsJob(raw: unknown): CleanerViewsJobResult {
  const { returns, t, n, assets, resourcesDir } = raw as CleanerViewsJobParams;
  const source = loadCleanerSource(resourcesDir);
  const views = cleanerViews(source.model, Float64Array.from(returns), t, n, assets);
  return { ...views, model: { source: source.source, description: source.description } };
}
