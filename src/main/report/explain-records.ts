/**
 * The stored attributions and explanations a report shows for a run: those where the run is the
 * first run, oldest first (a two-run record appears once, under its first run, even when both runs
 * are reported).
 */
import type { ExplainRecord } from '../../shared/domain/explain';
import { ExplanationsRepo } from '../store/explanations-repo';
import type { Store } from '../store/store';

export function storedExplainRecords(store: Store, runId: string): ExplainRecord[] {
  const repo = new ExplanationsRepo(store.db);
  return repo
    .listForRun(runId)
    .filter((summary) => summary.runId === runId)
    .reverse()
    .map((summary) => repo.get(summary.id))
    .filter((record): record is ExplainRecord => record !== undefined);
}
