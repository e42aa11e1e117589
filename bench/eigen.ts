/**
 * Times symmetricEigen against ml-matrix's EigenvalueDecomposition (JAMA tred2/tql2) on the same
 * random symmetric matrices. Run: npx tsx bench/eigen.ts
 * Writes bench/results/eigen.json: { machine: { cores, node }, rows: [...] }.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { symmetricEigen } from '../src/main/engine/linalg/symmetric-eigen';
import { uniform } from '../tests/helpers/mulberry32';

const SIZES = [200, 500, 1000];
const REPETITIONS = 5;

/** Deterministic uniform(−1, 1) symmetric matrix (mulberry32 generator, seed per size). */
function randomSymmetric(n: number, seed: number): Float64Array {
  const next = uniform(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const value = 2 * next() - 1;
      a[i * n + j] = value;
      a[j * n + i] = value;
    }
  }
  return a;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time<T>(run: () => T): { ms: number; result: T } {
  const start = process.hrtime.bigint();
  const result = run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

interface Row {
  n: number;
  repetitions: number;
  oursMedianMs: number;
  mlMatrixMedianMs: number;
  /** Fastest run: the least disturbed by other jobs on the shared cores. */
  oursMinMs: number;
  mlMatrixMinMs: number;
  speedup: number;
  maxEigenvalueDifference: number;
}

const rows: Row[] = [];
for (const n of SIZES) {
  const a = randomSymmetric(n, 1000 + n);
  const asMatrix = new Matrix(Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n))));
  symmetricEigen(a, n);
  const ours: number[] = [];
  const theirs: number[] = [];
  let ourValues: Float64Array = new Float64Array(0);
  let theirValues: number[] = [];
  for (let r = 0; r < REPETITIONS; r++) {
    const mine = time(() => symmetricEigen(a, n));
    ours.push(mine.ms);
    ourValues = mine.result.values;
    const ml = time(() => new EigenvalueDecomposition(asMatrix, { assumeSymmetric: true }));
    theirs.push(ml.ms);
    theirValues = [...ml.result.realEigenvalues].sort((x, y) => x - y);
  }
  let maxDifference = 0;
  for (let i = 0; i < n; i++) maxDifference = Math.max(maxDifference, Math.abs(ourValues[i] - theirValues[i]));
  const row: Row = {
    n,
    repetitions: REPETITIONS,
    oursMedianMs: median(ours),
    mlMatrixMedianMs: median(theirs),
    oursMinMs: Math.min(...ours),
    mlMatrixMinMs: Math.min(...theirs),
    speedup: median(theirs) / median(ours),
    maxEigenvalueDifference: maxDifference,
  };
  rows.push(row);
  console.log(
    `n = ${String(n).padStart(4)}  ours ${row.oursMedianMs.toFixed(1).padStart(8)} ms (min ${row.oursMinMs.toFixed(1)})   ml-matrix ${row.mlMatrixMedianMs.toFixed(1).padStart(8)} ms (min ${row.mlMatrixMinMs.toFixed(1)})   ml-matrix/ours ${row.speedup.toFixed(2).padStart(5)}×   max |Δλ| ${maxDifference.toExponential(2)}`,
  );
}

const machine = { cores: availableParallelism(), node: process.version };
console.log(`medians (and minima) of ${REPETITIONS} warm runs timed with process.hrtime; machine: ${machine.cores} cores shared with other jobs (noisy), Node ${machine.node}`);
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'eigen.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ machine, note: '2 noisy shared cores: timings vary ±30% between runs', rows }, null, 2)}\n`);
console.log(`wrote ${out}`);
