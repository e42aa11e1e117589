/**
 * Import speed and peak memory on the two big real files (issue 4: each under 3 s).
 * Run: npx tsx bench/ingest.ts
 * Each run is a fresh child process (cold JIT, its own heap), so runs do not share caches or
 * garbage; the child times `ingestFile` alone (not Node's start-up) and reports its peak RSS.
 * Writes bench/results/ingest.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestFile } from '../src/main/ingest';

const RUNS = 5;
const DATA = '/work/shared/data/equities';
const FILES = [
  { name: 'S&P 500 adjusted close, wide 504 × 5,402', path: `${DATA}/sp500_adjclose_1999_2021_wide.csv.gz` },
  { name: 'all_stocks_5yr, long OHLCV 619,040 rows', path: `${DATA}/all_stocks_5yr.csv.gz` },
];

interface ChildRun {
  ms: number;
  peakRssMb: number;
  dates: number;
  assets: number;
}

async function child(path: string): Promise<void> {
  const started = performance.now();
  const { panel } = await ingestFile(path);
  const ms = performance.now() - started;
  const run: ChildRun = { ms, peakRssMb: process.resourceUsage().maxRSS / 1024, dates: panel.dates.length, assets: panel.assets.length };
  process.stdout.write(JSON.stringify(run));
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
};

function main(): void {
  const script = fileURLToPath(import.meta.url);
  const rows = FILES.map((file) => {
    const runs: ChildRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      const output = execFileSync(process.execPath, ['--import', 'tsx', script, '--child', file.path], { encoding: 'utf8' });
      runs.push(JSON.parse(output) as ChildRun);
    }
    const times = runs.map((run) => run.ms);
    return {
      file: file.name,
      path: file.path,
      sizeMb: statSync(file.path).size / 1e6,
      shape: `${runs[0].dates} × ${runs[0].assets}`,
      medianMs: median(times),
      minMs: Math.min(...times),
      maxMs: Math.max(...times),
      peakRssMb: Math.max(...runs.map((run) => run.peakRssMb)),
      runsMs: times.map((ms) => Math.round(ms)),
    };
  });
  const machine = { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version };
  console.log(`ingestFile, median of ${RUNS} runs, each in a fresh child process`);
  console.log(`machine: ${machine.cores} cores (${machine.cpu}), Node ${machine.node}; shared with other jobs, so timings are noisy`);
  console.log('file                                        | .gz MB | dates × assets | median ms | min–max ms  | peak RSS MB');
  for (const row of rows) {
    console.log(
      `${row.file.padEnd(43)} | ${row.sizeMb.toFixed(1).padStart(6)} | ${row.shape.padStart(14)} | ${row.medianMs.toFixed(0).padStart(9)} | ${`${row.minMs.toFixed(0)}–${row.maxMs.toFixed(0)}`.padStart(11)} | ${row.peakRssMb.toFixed(0).padStart(11)}`,
    );
  }
  const out = join(dirname(script), 'results', 'ingest.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ machine, note: '2-core machine shared with other jobs: timings are noisy', runs: RUNS, rows }, null, 2) + '\n');
  console.log(`wrote ${out}`);
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) await child(process.argv[childAt + 1]);
else main();
