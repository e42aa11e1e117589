/** Temp-file helpers for ingest tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { IngestError } from '../../../src/main/ingest';

export interface TempDir {
  /** Writes `content` (text as UTF-8, or raw bytes) under `name`; `.gz` names are gzipped. */
  write(name: string, content: string | Uint8Array): string;
  remove(): void;
}

export function tempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), 'ingest-test-'));
  return {
    write(name, content) {
      const path = join(dir, name);
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
      writeFileSync(path, name.endsWith('.gz') ? gzipSync(bytes) : bytes);
      return path;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Awaits `promise`, expects an IngestError, and returns it. */
export async function ingestError(promise: Promise<unknown>): Promise<IngestError> {
  try {
    await promise;
  } catch (error) {
    expect(error, `expected an IngestError, got ${String(error)}`).toBeInstanceOf(IngestError);
    return error as IngestError;
  }
  throw new Error('expected an IngestError, but the import succeeded');
}

/** Value at (date, asset) of a T × N panel. */
export function cell(panel: { dates: readonly string[]; assets: readonly string[]; values: Float64Array }, date: string, asset: string): number {
  const t = panel.dates.indexOf(date);
  const j = panel.assets.indexOf(asset);
  if (t < 0 || j < 0) throw new Error(`no cell (${date}, ${asset})`);
  return panel.values[t * panel.assets.length + j];
}

export function closeTo(actual: number, expected: number, tolerance: number, what: string): void {
  const difference = Math.abs(actual - expected);
  expect(difference, `${what}: got ${actual}, expected ${expected}, difference ${difference} > tolerance ${tolerance}`).toBeLessThanOrEqual(tolerance);
}
