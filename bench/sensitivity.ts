/**
 * Issue 9's evaluation: sensitivity-based allocation against HRP (correlation distance), GMV
 * (Ledoit–Wolf), inverse volatility and equal weight, walk-forward with 10 bps costs, on
 * - S&P 500: a seeded universe of 100 stocks with complete monthly history 1999-11 to 2021-04 (TRMB,
 *   ANTM and GNRC left out for their known vendor errors), monthly rebalancing 2005-01 to 2021-04,
 *   60-month windows, monthly drivers (10-year yield, term spread, 3-month bill, Baa − Aaa, VIX,
 *   Fama–French 3 factors, momentum);
 * - the nine sector funds (SPY is not an asset), daily returns, rebalanced every 21 trading days
 *   from 2016-02 to 2024-12, 252-day windows, daily drivers (10-year yield, term spread, VIX,
 *   Fama–French 3 factors, momentum — which ends 2023-01-31 in this vintage and then drops out).
 * Every strategy is a pipeline spec run by `runPipeline` (the run job's engine path, without the
 * store). The network (one hidden layer of 16, 300 full-batch Adam epochs) is refitted every 12
 * months (S&P) or 252 days (sectors), and in one row at every rebalance (as HRP rebuilds its tree);
 * five network seeds show how much of the result is the seed.
 * Run: npm run bench -- sensitivity   (needs ../shared/data). Prints the table, writes
 * bench/results/sensitivity.json and rewrites the README table between the bench-sensitivity markers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Panel } from '../src/shared/domain/panel';
import { parsePipelineSpec, type PipelineSpec } from '../src/shared/pipeline/spec';
import { ingestFile } from '../src/main/ingest';
import { runPipeline, type PipelineRunResult } from '../src/main/engine/pipeline/run-pipeline';
import { createRandom } from '../src/main/engine/data/random';
import { sharpeDifferenceTest } from '../src/main/engine/stats';
import { selectTfBackend } from '../src/main/platform/tf-backend';
import { writeSectorEtfsCsv } from './_sector-etfs';

const root = join(import.meta.dirname, '..');
const data = join(root, '../shared/data');
const backend = await selectTfBackend();
const UNIVERSE = 100;
const UNIVERSE_SEED = 2021;
const NETWORK_SEEDS = [1, 2, 3, 4, 5];
const VENDOR_ERRORS = new Set(['TRMB', 'ANTM', 'GNRC']);

async function load(path: string): Promise<Panel> {
  return (await ingestFile(join(data, path))).panel;
}

/** A seeded sample of `size` columns with no missing price over the whole panel. */
function seededUniverse(panel: Panel, size: number, seed: number): Panel {
  const n = panel.assets.length;
  const complete = panel.assets
    .map((asset, j) => ({ asset, j }))
    .filter(({ asset, j }) => !VENDOR_ERRORS.has(asset) && panel.dates.every((_, t) => Number.isFinite(panel.values[t * n + j])));
  const random = createRandom(seed);
  for (let i = complete.length - 1; i > 0; i--) {
    const k = Math.floor(random.uniform() * (i + 1));
    [complete[i], complete[k]] = [complete[k], complete[i]];
  }
  const chosen = complete.slice(0, size).sort((a, b) => a.j - b.j);
  const values = new Float64Array(panel.dates.length * size);
  panel.dates.forEach((_, t) => chosen.forEach(({ j }, c) => (values[t * size + c] = panel.values[t * n + j])));
  return { ...panel, assets: chosen.map(({ asset }) => asset), values };
}

interface Case {
  label: string;
  base: Record<string, unknown>;
  inputs: { primary: Panel; drivers: Record<string, Panel> };
  drivers: unknown[];
  window: number;
}

interface Row {
  dataset: string;
  strategy: string;
  seed: number | null;
  sharpe: number | null;
  annualisedReturn: number;
  volatility: number | null;
  maxDrawdown: number;
  annualisedTurnover: number;
  effectiveN: number | null;
  failed: number;
  seconds: number;
  fits: number | null;
  keptDrivers: string | null;
  netReturns: Float64Array;
  periodsPerYear: number;
}

function specOf(base: Record<string, unknown>, name: string, optimiser: Record<string, unknown>, seed: number): PipelineSpec {
  const parsed = parsePipelineSpec({ ...base, name, seed, optimiser });
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.problems)}`);
  return parsed.spec;
}

function row(dataset: string, strategy: string, seed: number | null, result: PipelineRunResult, seconds: number): Row {
  const m = result.backtest.metrics;
  const kept = result.sensitivity?.fits.map((fit) => fit.kept.length);
  const counts = new Map<string, number>();
  for (const fit of result.sensitivity?.fits ?? []) for (const name of fit.kept) counts.set(name, (counts.get(name) ?? 0) + 1);
  return {
    dataset,
    strategy,
    seed,
    sharpe: m.sharpe,
    annualisedReturn: m.annualisedReturn,
    volatility: m.volatility,
    maxDrawdown: m.maxDrawdown,
    annualisedTurnover: m.annualisedTurnover,
    effectiveN: m.effectiveN,
    failed: m.failedRebalances,
    seconds,
    fits: kept ? kept.length : null,
    keptDrivers: kept ? [...counts].sort((a, b) => b[1] - a[1]).map(([name, count]) => `${name} ${count}/${kept.length}`).join(', ') : null,
    netReturns: result.backtest.netReturns,
    periodsPerYear: result.backtest.periodsPerYear,
  };
}

function evaluate(c: Case): Row[] {
  const rows: Row[] = [];
  const run = (strategy: string, optimiser: Record<string, unknown>, seed: number | null, base = c.base): void => {
    const started = performance.now();
    const result = runPipeline(specOf(base, strategy, optimiser, seed ?? 1), c.inputs);
    rows.push(row(c.label, strategy, seed, result, (performance.now() - started) / 1000));
    process.stderr.write(`${c.label} · ${strategy}${seed !== null ? ` (seed ${seed})` : ''}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  };
  const sensitivity = { kind: 'sensitivity', drivers: c.drivers, window: c.window, lags: 1, hidden: [16], epochs: 300, learningRate: 0.01, minShare: 0.5 };
  for (const seed of NETWORK_SEEDS) run('Sensitivity · HRP bisection (single)', { ...sensitivity, variant: 'hrp', linkage: 'single' }, seed);
  // HRP rebuilds its tree at every rebalance; refitting the network as often isolates the tree from the refit schedule.
  const backtest = c.base.backtest as Record<string, unknown>;
  run('Sensitivity · HRP bisection (single), refit every rebalance', { ...sensitivity, variant: 'hrp', linkage: 'single' }, NETWORK_SEEDS[0], { ...c.base, backtest: { ...backtest, retrainEvery: backtest.rebalanceEvery } });
  run('Sensitivity · HRP bisection (ward)', { ...sensitivity, variant: 'hrp', linkage: 'ward' }, NETWORK_SEEDS[0]);
  run('Sensitivity · banded min-variance (ward, 4 clusters)', { ...sensitivity, variant: 'min-variance', linkage: 'ward', clusters: 4 }, NETWORK_SEEDS[0]);
  run('HRP (correlation distance, single)', { kind: 'hrp', linkage: 'single' }, null);
  run('GMV long-only (Ledoit–Wolf)', { kind: 'minimum-variance', longOnly: true }, null);
  run('Inverse volatility', { kind: 'inverse-volatility' }, null);
  run('Equal weight', { kind: 'equal-weight' }, null);
  return rows;
}

const started = performance.now();
const sp500 = seededUniverse(await load('equities/sp500_adjclose_1999_2021_wide.csv.gz'), UNIVERSE, UNIVERSE_SEED);
const dir = mkdtempSync(join(tmpdir(), 'pa-bench-sensitivity-'));
let sectors: Panel;
try {
  sectors = (await ingestFile(await writeSectorEtfsCsv(data, dir))).panel;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const drivers: Record<string, Panel> = {
  DGS10: await load('rates_credit_vol/DGS10.csv'),
  T10Y3M: await load('rates_credit_vol/T10Y3M.csv'),
  TB3MS: await load('rates_credit_vol/TB3MS.csv'),
  BAA: await load('rates_credit_vol/BAA.csv'),
  AAA: await load('rates_credit_vol/AAA.csv'),
  VIX_History: await load('rates_credit_vol/VIX_History.csv'),
  'F-F_Research_Data_Factors': await load('factors/F-F_Research_Data_Factors.CSV'),
  'F-F_Momentum_Factor': await load('factors/F-F_Momentum_Factor.CSV'),
  'F-F_Research_Data_Factors_daily': await load('factors/F-F_Research_Data_Factors_daily.CSV'),
  'F-F_Momentum_Factor_daily': await load('factors/F-F_Momentum_Factor_daily.CSV'),
};

const cases: Case[] = [
  {
    label: `S&P 500 (${UNIVERSE} stocks, monthly, 2005-01–2021-04)`,
    base: {
      data: { kind: 'dataset', dataset: 'sp500', frequency: 'monthly', minCoverage: 0.9 },
      risk: { kind: 'estimator', estimator: 'ledoit-wolf', lookback: 60 },
      backtest: { start: '2005-01', end: '2021-04', rebalanceEvery: 1, retrainEvery: 12, costBps: 10, slippageBps: 0 },
    },
    inputs: { primary: sp500, drivers },
    drivers: [
      { dataset: 'DGS10' },
      { dataset: 'T10Y3M' },
      { dataset: 'TB3MS' },
      { dataset: 'BAA', column: 'BAA', minus: { dataset: 'AAA', column: 'AAA' }, name: 'Baa−Aaa' },
      { dataset: 'VIX_History', name: 'VIX' },
      { dataset: 'F-F_Research_Data_Factors' },
      { dataset: 'F-F_Momentum_Factor' },
    ],
    window: 60,
  },
  {
    label: 'Sector ETFs (9 funds, daily, every 21 days, 2016-02–2024-12)',
    base: {
      data: { kind: 'dataset', dataset: 'sectors', frequency: 'daily', minCoverage: 0.9 },
      risk: { kind: 'estimator', estimator: 'ledoit-wolf', lookback: 252 },
      backtest: { start: '2016-02-01', end: '2024-12-30', rebalanceEvery: 21, retrainEvery: 252, costBps: 10, slippageBps: 0 },
    },
    inputs: { primary: sectors, drivers },
    drivers: [{ dataset: 'DGS10' }, { dataset: 'T10Y3M' }, { dataset: 'VIX_History', name: 'VIX' }, { dataset: 'F-F_Research_Data_Factors_daily' }, { dataset: 'F-F_Momentum_Factor_daily' }],
    window: 252,
  },
];

const rows = cases.flatMap(evaluate);
const wall = (performance.now() - started) / 1000;

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const fix = (v: number | null, d = 2): string => (v === null ? '—' : v.toFixed(d));
/** JKM p-value of each row's Sharpe against HRP's on the same dataset (same out-of-sample periods). */
function pValueVsHrp(r: Row): string {
  const hrp = rows.find((other) => other.dataset === r.dataset && other.strategy.startsWith('HRP'));
  if (!hrp || hrp === r) return '—';
  return sharpeDifferenceTest(r.netReturns, hrp.netReturns, { periodsPerYear: r.periodsPerYear }).pValue.toFixed(2);
}
const lines: string[] = [];
for (const c of cases) {
  lines.push(`**${c.label}**, 10 bps per unit of turnover:`, '');
  lines.push('| strategy | Sharpe | p vs HRP | return | volatility | max DD | turnover/yr | eff. N | time |');
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows.filter((item) => item.dataset === c.label)) {
    const name = r.seed !== null && r.strategy.endsWith('(single)') ? `${r.strategy}, seed ${r.seed}` : r.strategy;
    lines.push(`| ${name} | ${fix(r.sharpe)} | ${pValueVsHrp(r)} | ${pct(r.annualisedReturn)} | ${pct(r.volatility)} | ${pct(r.maxDrawdown)} | ${pct(r.annualisedTurnover)} | ${fix(r.effectiveN, 1)} | ${fix(r.seconds, 1)} s |`);
  }
  const kept = rows.find((item) => item.dataset === c.label && item.keptDrivers !== null);
  const seeded = rows.filter((item) => item.dataset === c.label && item.seed !== null && item.strategy.endsWith('(single)')).map((item) => item.sharpe ?? Number.NaN);
  if (seeded.length > 1) lines.push('', `Sharpe of the single-linkage sensitivity allocation over ${seeded.length} network seeds: ${Math.min(...seeded).toFixed(2)} to ${Math.max(...seeded).toFixed(2)}.`);
  if (kept) lines.push('', `Drivers kept by the commonality selection (fits out of ${kept.fits}, seed ${kept.seed}): ${kept.keptDrivers}.`);
  lines.push('');
}
lines.push(`${cpus().length} cores, tfjs backend ${backend.backend}, load ${loadavg().map((v) => v.toFixed(1)).join(' ')}, ${wall.toFixed(0)} s in all (\`npm run bench -- sensitivity\`). "p vs HRP": Jobson–Korkie–Memmel two-sided p-value of the Sharpe difference.`);
const table = lines.join('\n');
console.log(table);

writeFileSync(
  join(root, 'bench/results/sensitivity.json'),
  `${JSON.stringify({ machine: { cores: cpus().length, node: process.version, loadavg: loadavg(), backend }, universe: { size: UNIVERSE, seed: UNIVERSE_SEED, assets: sp500.assets }, seconds: wall, rows: rows.map(({ netReturns: _netReturns, ...rest }) => rest) }, null, 2)}\n`,
);
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const START = '<!-- bench-sensitivity:start -->';
const END = '<!-- bench-sensitivity:end -->';
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from < 0 || to < from) {
  console.error(`README.md has no ${START} … ${END} block; the table was not written there`);
} else {
  writeFileSync(readmePath, `${readme.slice(0, from + START.length)}\n${table}\n${readme.slice(to)}`);
}
