/**
 * Reads the key facts out of a stored import report and provenance record. Both are JSON kept
 * with the dataset; reports written by older versions may lack fields, so each fact is read on
 * its own and is null when absent rather than failing the whole report.
 */
import type { ImportFacts } from './report-data';

type Json = Record<string, unknown>;

const record = (value: unknown): Json | null => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null);
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** The policy in words, e.g. `forward-fill (limit 5)`. */
export function describeMissingPolicy(policy: unknown): string {
  const value = record(policy);
  switch (value?.policy) {
    case 'leave':
      return 'leave missing';
    case 'ffill':
      return `forward-fill (limit ${String(value.limit)})`;
    case 'drop':
      return `drop assets below ${typeof value.minCoverage === 'number' ? `${Math.round(value.minCoverage * 100)} %` : '?'} coverage`;
    default:
      return 'not recorded';
  }
}

export function importFacts(report: unknown, provenance: unknown): ImportFacts {
  const r = record(report) ?? {};
  const p = record(provenance) ?? {};
  const jumps = record(r.jumps);
  const duplicates = record(r.duplicates);
  const missing = record(r.missing);
  const settings = record(r.settings);
  const jumpItems = Array.isArray(jumps?.items) ? (jumps.items as unknown[]) : [];
  const droppedByReason: Record<string, number> = {};
  for (const [reason, value] of Object.entries(record(r.droppedByReason) ?? {})) if (typeof value === 'number') droppedByReason[reason] = value;
  return {
    fileName: text(p.fileName),
    sizeBytes: count(p.sizeBytes),
    rowsRead: count(r.rowsRead),
    rowsKept: count(r.rowsKept),
    droppedRows: count(record(r.droppedRows)?.count),
    droppedByReason,
    duplicates: duplicates && typeof duplicates.policy === 'string' ? { policy: duplicates.policy, count: count(duplicates.count) ?? 0 } : null,
    jumps: jumps ? { count: count(jumps.count) ?? 0, listed: jumpItems.length, splitLike: jumpItems.filter((item) => typeof record(item)?.splitLike === 'number').length } : null,
    staleRuns: count(record(r.staleRuns)?.count),
    nonPositive: count(record(r.nonPositive)?.count),
    missing: missing
      ? {
          policy: describeMissingPolicy(missing.policy),
          shareBefore: count(missing.shareBefore) ?? 0,
          shareAfter: count(missing.shareAfter) ?? 0,
          filledCells: count(missing.filledCells) ?? 0,
          droppedAssets: strings(missing.droppedAssets),
        }
      : null,
    dateFormat: text(settings?.dateFormat),
    warnings: strings(r.warnings),
  };
}
