/**
 * Issue 8, item 5: the learned covariance cleaner against sample, Ledoit–Wolf, QIS, NLS, RIE,
 * eigenvalue clipping and a PCA factor model, GMV long-short and long-only, on the S&P 500 adjusted
 * panel, test period 2016 – 2021-04, N ∈ {100, 200, 500}. Run: npm run bench -- cleaner
 * Prints the table, writes bench/results/cleaner.json and rewrites the table in README.md between
 * `<!-- bench-cleaner:start -->` and `<!-- bench-cleaner:end -->`. Needs ../shared/data.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { learnedCleanerCandidate } from '../src/main/engine/risk-evaluation/learned-cleaner-risk';
import { runtimeLayout } from '../src/main/platform/layout';
import { selectTfBackend } from '../src/main/platform/tf-backend';
import { CLEANER_EVALUATION_DEFAULTS, cleanerEvaluationSettings, cleanerEvaluationTable, runCleanerEvaluation } from '../src/main/services/cleaner-evaluation';
import { loadCleanerSource } from '../src/main/services/cleaner-model-source';

const layout = runtimeLayout(new URL('../src/main/cli-entry.ts', import.meta.url).href);
const pricesPath = join(layout.rootDir, '../shared/data/equities/sp500_adjclose_1999_2021_wide.csv.gz');
await selectTfBackend();
const cleaner = loadCleanerSource(layout.resourcesDir);
const load = loadavg()[0];
const started = performance.now();
const result = await runCleanerEvaluation({ pricesPath, extra: [learnedCleanerCandidate(cleaner.model)] }, (fraction, stage) =>
  process.stderr.write(`\r${(100 * fraction).toFixed(0).padStart(3)} % ${stage.padEnd(60)}`),
);
const seconds = (performance.now() - started) / 1000;
process.stderr.write('\n');

const machine = `Measured with \`npm run bench -- cleaner\` in ${seconds.toFixed(0)} s on a noisy, shared ${cpus().length}-core machine (1-min load ${load.toFixed(1)} at start), Node ${process.version}, seed ${CLEANER_EVALUATION_DEFAULTS.seed}.`;
const table = cleanerEvaluationTable(result);
const settings = cleanerEvaluationSettings(result, cleaner.description);
console.log(table);
console.log(`\n${settings}\n${machine}`);

writeFileSync(join(layout.rootDir, 'bench/results/cleaner.json'), `${JSON.stringify({ machine: { cores: cpus().length, node: process.version, load }, seconds, cleaner: cleaner.description, result }, null, 2)}\n`);

const readmePath = join(layout.rootDir, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = '<!-- bench-cleaner:start -->';
const end = '<!-- bench-cleaner:end -->';
const from = readme.indexOf(start);
const to = readme.indexOf(end);
if (from < 0 || to < from) {
  console.error(`README.md has no ${start} … ${end} block: table not written there`);
  process.exit(1);
}
writeFileSync(readmePath, `${readme.slice(0, from + start.length)}\n${table}\n\n${settings.split('\n').join('\n\n')}\n\n${machine}\n${readme.slice(to)}`);
console.log('wrote bench/results/cleaner.json and the README table');
