/**
 * The real-data table of issue 5: every `examples/pipelines/sp500-*.json` run on the S&P 500
 * adjusted panel (monthly, 2005–2021 out of sample, 10 bps) with FRED-MD, through the same
 * services as the app (import jobs, run jobs, store) in a temporary store.
 * Run: npm run bench -- sp500-runs   (needs ../shared/data). Prints a markdown table and writes
 * bench/results/sp500-runs.json. Times are wall-clock on this 2-core, noisy machine.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runtimeLayout } from '../src/main/platform/layout';
import { App } from '../src/main/services/app';

const layout = runtimeLayout(new URL('../src/main/cli-entry.ts', import.meta.url).href);
const shared = join(layout.rootDir, '../shared/data');
const dir = mkdtempSync(join(tmpdir(), 'pa-bench-sp500-'));
const app = new App({ mode: 'cli', storePath: join(dir, 'store.db'), resourcesDir: layout.resourcesDir, presetsDir: layout.presetsDir, pool: { workerEntry: layout.workerEntry, workerData: layout.workerData, size: 1 } });

const rows: Record<string, unknown>[] = [];
try {
  await app.datasets.startImport({ path: join(shared, 'equities/sp500_adjclose_1999_2021_wide.csv.gz') }).done;
  await app.datasets.startImport({ path: join(shared, 'macro/fred_md_current_2025-02.csv') }).done;
  const presets = readdirSync(layout.presetsDir).filter((file) => file.startsWith('sp500-') && file.endsWith('.json')).sort();
  for (const file of presets) {
    const spec = JSON.parse(readFileSync(join(layout.presetsDir, file), 'utf8')) as { name: string };
    const started = performance.now();
    try {
      const outcome = await app.runs.start({ spec }).done;
      const m = outcome.metrics;
      rows.push({ pipeline: spec.name, seconds: (performance.now() - started) / 1000, assets: outcome.assets, sharpe: m.sharpe, annualisedReturn: m.annualisedReturn, volatility: m.volatility, maxDrawdown: m.maxDrawdown, annualisedTurnover: m.annualisedTurnover, effectiveN: m.effectiveN, failed: m.failedRebalances, statusCounts: m.statusCounts });
    } catch (error) {
      rows.push({ pipeline: spec.name, seconds: (performance.now() - started) / 1000, error: (error as Error).message.split('\n')[0] });
    }
    process.stderr.write(`${spec.name}: done\n`);
  }
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

const pct = (v: unknown): string => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : '—');
const fix = (v: unknown, d = 2): string => (typeof v === 'number' ? v.toFixed(d) : '—');
console.log('| pipeline | Sharpe | return | volatility | max DD | turnover/yr | eff. N | assets | time |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  if (r.error) console.log(`| ${r.pipeline} | failed: ${r.error} | | | | | | | ${fix(r.seconds, 1)} s |`);
  else console.log(`| ${r.pipeline} | ${fix(r.sharpe)} | ${pct(r.annualisedReturn)} | ${pct(r.volatility)} | ${pct(r.maxDrawdown)} | ${pct(r.annualisedTurnover)} | ${fix(r.effectiveN, 1)} | ${r.assets} | ${fix(r.seconds, 1)} s |`);
}
console.log(`\n${cpus().length} cores, load ${loadavg().map((v) => v.toFixed(1)).join(' ')}: wall-clock times on a shared, noisy machine.`);
writeFileSync(join(layout.rootDir, 'bench/results/sp500-runs.json'), JSON.stringify({ machine: { cores: cpus().length, node: process.version, loadavg: loadavg() }, rows }, null, 2) + '\n');
