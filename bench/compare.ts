/**
 * The whole `compare` experiment with its defaults (γ = 8, tc = 50 bps, κ = tc, N = 40, 240 months,
 * 60-month Ledoit–Wolf window, split 50/20/30 % of the decision months, linear head) on seeds 1…5:
 * wall time per run (target < 60 s) and the out-of-sample table.
 * Run: npx tsx bench/compare.ts [seeds…] (or `npm run bench -- compare`). Writes bench/results/compare.json.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { runCompare } from '../src/main/engine/learn/compare/run-compare';
import type { CompareRow } from '../src/main/engine/learn/compare/run-compare';

await tf.setBackend('cpu');
const argumentSeeds = process.argv.slice(2).map(Number).filter(Number.isSafeInteger);
const seeds = argumentSeeds.length > 0 ? argumentSeeds : [1, 2, 3, 4, 5];

const runs = seeds.map((seed) => {
  const start = process.hrtime.bigint();
  const result = runCompare({ seed });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.error(`seed ${seed}: ${(ms / 1000).toFixed(1)} s`);
  const { decoupled, endToEnd } = result.training;
  return {
    seed,
    wallMs: ms,
    rows: result.rows,
    decoupledEpochs: decoupled.history.length,
    endToEndEpochs: endToEnd.history.length,
    endToEndBestEpoch: endToEnd.bestEpoch,
    validationSharpe: { decoupled: -endToEnd.initial.valLoss!, endToEnd: -endToEnd.bestValLoss! },
    solver: endToEnd.solver,
    options: result.options,
    split: { train: result.split.dates.train, validation: result.split.dates.validation, test: result.split.dates.test },
  };
});

const fmt = (value: number | null, digits = 2): string => (value === null ? '—' : value.toFixed(digits));
console.log('\nOut of sample (test period, walk-forward simulator, 50 bps costs)');
console.log('| seed | strategy | Sharpe | return % | volatility % | turnover (one-way/month) | test MSE ×1e3 | run s |');
console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
for (const run of runs) {
  for (const row of run.rows) {
    console.log(`| ${run.seed} | ${row.strategy} | ${fmt(row.sharpe)} | ${fmt(100 * row.annualisedReturn, 1)} | ${fmt(row.volatility === null ? null : 100 * row.volatility, 1)} | ${fmt(row.turnover, 3)} | ${row.testMse === null ? '—' : (1e3 * row.testMse).toFixed(3)} | ${(run.wallMs / 1000).toFixed(1)} |`);
  }
}
const strategies = runs[0].rows.map((row) => row.strategy);
const mean = (pick: (row: CompareRow) => number | null, strategy: string): number | null => {
  const values = runs.map((run) => pick(run.rows.find((row) => row.strategy === strategy)!));
  return values.some((value) => value === null) ? null : (values as number[]).reduce((a, b) => a + b, 0) / values.length;
};
const summary = strategies.map((strategy) => ({
  strategy,
  meanSharpe: mean((row) => row.sharpe, strategy),
  meanReturn: mean((row) => row.annualisedReturn, strategy),
  meanVolatility: mean((row) => row.volatility, strategy),
  meanTurnover: mean((row) => row.turnover, strategy),
}));
const wins = runs.filter((run) => (run.rows[2].sharpe ?? -Infinity) > (run.rows[1].sharpe ?? -Infinity)).length;
console.log(`\nMean over ${runs.length} seeds`);
console.log('| strategy | Sharpe | return % | volatility % | turnover |');
console.log('|---|---:|---:|---:|---:|');
for (const row of summary) console.log(`| ${row.strategy} | ${fmt(row.meanSharpe)} | ${fmt(row.meanReturn === null ? null : 100 * row.meanReturn, 1)} | ${fmt(row.meanVolatility === null ? null : 100 * row.meanVolatility, 1)} | ${fmt(row.meanTurnover, 3)} |`);
console.log(`end-to-end Sharpe > decoupled Sharpe in ${wins} of ${runs.length} seeds`);
const times = runs.map((run) => run.wallMs).sort((a, b) => a - b);
const medianMs = times[times.length >> 1];
console.log(`compare wall time: median ${(medianMs / 1000).toFixed(1)} s, max ${(times[times.length - 1] / 1000).toFixed(1)} s (target < 60 s: ${times[times.length - 1] < 60_000 ? 'met' : 'MISSED'})`);
const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage: loadavg() };
console.log(`machine: ${machine.cores} noisy shared cores (${machine.cpu}), load ${machine.loadAverage.map((v) => v.toFixed(2)).join(' ')}, Node ${machine.node}, tfjs backend ${tf.getBackend()}`);
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'compare.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ machine, note: 'this machine has 2 noisy cores shared with other jobs: wall times vary ±30% between runs', medianWallMs: medianMs, endToEndWins: wins, summary, runs }, null, 2)}\n`,
);
console.log(`wrote ${out}`);
