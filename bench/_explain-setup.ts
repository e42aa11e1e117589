/**
 * Shared setup of bench/explain.ts: the S&P 500 adjusted-close panel and FRED-MD from
 * /work/shared/data through the app's own ingest, and a frozen decoupled mean–variance pipeline
 * (examples/pipelines/sp500-mv-decoupled.json with a short backtest window, so the replay that
 * freezes it is quick) over a chosen number of assets.
 */
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freezePipeline, type FrozenPipeline } from '../src/main/engine/explain/frozen-pipeline';
import { ingestFile } from '../src/main/ingest';
import type { Panel } from '../src/shared/domain/panel';
import { parsePipelineSpec } from '../src/shared/pipeline/spec';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = '/work/shared/data';

export interface BenchPanels {
  prices: Panel;
  macro: Panel;
}

export async function loadPanels(): Promise<BenchPanels> {
  const prices = (await ingestFile(join(DATA, 'equities/sp500_adjclose_1999_2021_wide.csv.gz'), { kind: 'prices' })).panel;
  const macro = (await ingestFile(join(DATA, 'macro/fred_md_current_2025-02.csv'), { kind: 'macro' })).panel;
  return { prices, macro };
}

/** The first `count` assets (column order) with a price on every day from `from` to `to`; all of them when count is Infinity. */
export function completeAssets(panel: Panel, from: string, to: string, count: number): Panel {
  const rows = panel.dates.flatMap((date, r) => (date >= from && date <= to ? [r] : []));
  const n = panel.assets.length;
  const keep: number[] = [];
  for (let a = 0; a < n && keep.length < count; a++) if (rows.every((r) => Number.isFinite(panel.values[r * n + a]))) keep.push(a);
  const values = new Float64Array(panel.dates.length * keep.length);
  for (let r = 0; r < panel.dates.length; r++) keep.forEach((a, j) => (values[r * keep.length + j] = panel.values[r * n + a]));
  return { kind: panel.kind, frequency: panel.frequency, dates: panel.dates, assets: keep.map((a) => panel.assets[a]), values };
}

/** sp500-mv-decoupled with a backtest from `start` (one refit at start, one 12 months later). */
export function freezeSp500(panels: BenchPanels, anchor: string, start: string): FrozenPipeline {
  const raw = JSON.parse(readFileSync(join(root, 'examples/pipelines/sp500-mv-decoupled.json'), 'utf8')) as Record<string, unknown> & { backtest: Record<string, unknown> };
  const parsed = parsePipelineSpec({ ...raw, backtest: { ...raw.backtest, start, end: '2021-04' } });
  if (!parsed.ok) throw new Error(`spec: ${JSON.stringify(parsed)}`);
  return freezePipeline(parsed.spec, { primary: panels.prices, macro: panels.macro }, anchor);
}
