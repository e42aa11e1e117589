/** Parses `--missing leave | ffill:K | drop:C` into the ingest option. */
import { UsageError } from './cli-context';

export type MissingPolicy = { policy: 'leave' } | { policy: 'ffill'; limit: number } | { policy: 'drop'; minCoverage: number };

export function parseMissingPolicy(text: string): MissingPolicy {
  if (text === 'leave') return { policy: 'leave' };
  const ffill = /^ffill:(\d+)$/.exec(text);
  if (ffill) return { policy: 'ffill', limit: Number(ffill[1]) };
  const drop = /^drop:(0(\.\d+)?|1(\.0+)?)$/.exec(text);
  if (drop) return { policy: 'drop', minCoverage: Number(drop[1]) };
  throw new UsageError(`--missing ${text}: expected leave, ffill:K (K periods) or drop:C (minimum coverage 0–1)`);
}
