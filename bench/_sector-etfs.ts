/**
 * The nine Select Sector SPDR funds of ../shared/data (one Yahoo export per fund) as ONE wide CSV of
 * adjusted closes, `date,XLB,…,XLY`, on the dates every fund traded, so the app imports them as a
 * prices dataset. SPY is the benchmark and stays out. Shared by bench/sensitivity.ts, the pipeline
 * test and the e2e spec. Each file goes through the app's importer (BOM, CRLF, newest first, quoted
 * dates, thousands separators, dividend rows) and only its `Adj Close` column is kept.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile } from '../src/main/ingest';

export const SECTOR_FUNDS = ['XLB', 'XLE', 'XLF', 'XLI', 'XLK', 'XLP', 'XLU', 'XLV', 'XLY'] as const;

/** Writes `sector_etfs_adjclose_2015_2024.csv` into `dir` and returns its path. */
export async function writeSectorEtfsCsv(dataDir: string, dir: string): Promise<string> {
  const series = new Map<string, Map<string, number>>();
  for (const fund of SECTOR_FUNDS) {
    const { panel } = await ingestFile(join(dataDir, 'equities/sector_etfs_yahoo_2015_2024', `${fund}.csv`));
    const j = panel.assets.indexOf('Adj Close');
    if (j < 0) throw new Error(`${fund}.csv has no Adj Close column (has ${panel.assets.join(', ')})`);
    const n = panel.assets.length;
    const values = new Map<string, number>();
    panel.dates.forEach((date, t) => {
      const value = panel.values[t * n + j];
      if (Number.isFinite(value)) values.set(date, value);
    });
    series.set(fund, values);
  }
  const first = series.get(SECTOR_FUNDS[0]) as Map<string, number>;
  const dates = [...first.keys()].filter((date) => SECTOR_FUNDS.every((fund) => series.get(fund)?.has(date))).sort();
  const lines = [`date,${SECTOR_FUNDS.join(',')}`, ...dates.map((date) => `${date},${SECTOR_FUNDS.map((fund) => series.get(fund)?.get(date)).join(',')}`)];
  const path = join(dir, 'sector_etfs_adjclose_2015_2024.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
