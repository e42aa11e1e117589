/**
 * Counterfactual-explanation sampler speed (issue 7 target: 4 chains × 4,000 MALA steps with a
 * 50-asset QP in the loop in under 60 s). Run: npx tsx bench/explain.ts
 *
 * Prior: VAR(1) on the Goyal–Welch macro state (dp, ep, bm, ntis, tbl, tms, dfy, svar, infl),
 * 1980-01..2024-12 from /work/shared/data/macro/PredictorData2024_monthly.csv (2024 vintage),
 * tilted to 2017-11 (METHODS §5's benchmark cell). Pipeline stand-in: μ(m) = μ₀ + B·D⁻¹(m − μ*)
 * with a fixed random B (50 × 9, seeded) and D = diag(√Σ*_jj), so each standardised macro move
 * shifts expected returns by about 1 %/month; w(m) the long-only mean–variance QP (γ = 2.5,
 * budget 1, w ≤ 0.1, factor Σ of rank 3). Probe: benchmark G(m) = (w(m)ᵀr − b)² with fixed
 * realised returns r and b above the anchor's portfolio return; ∇G through qpBackward
 * (dG/dμ) and the chain rule dμ/dm = B·D⁻¹. Each MALA step solves one QP and one backward at the
 * proposal; the probe caches the last solve so G and ∇G at the same m share it, and warm-starts
 * from the previous solution (retrying cold when a warm-started solve does not polish). A point
 * whose QP does not end polished gets G = NaN, i.e. the proposal is rejected; their count is
 * reported, since each one removes a point from the target.
 * Reports the median wall time of 3 runs, acceptance, step sizes, R̂/ESS gates, and writes
 * bench/results/explain.json. The machine has 2 cores shared with other jobs: timings are noisy.
 */

import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from '../src/main/engine/data/random';
import { fitVar1 } from '../src/main/engine/data/var1';
import { diagnoseSamples, runMala, var1Prior } from '../src/main/engine/explain';
import type { ProbingFunction } from '../src/main/engine/explain';
import { qpBackward } from '../src/main/engine/qp/kkt-backward';
import type { MeanVarianceProblem, QpSolution } from '../src/main/engine/qp/qp-types';
import { solveMeanVarianceQp } from '../src/main/engine/qp/solve-mean-variance-qp';
import { factorRiskModel } from '../src/main/engine/risk/risk-model';

const N_ASSETS = 50;
const CHAINS = 4;
const BURN_IN = 1000;
const DRAWS = 3000;
const REPEATS = 3;
const TARGET_SECONDS = 60;
const ANCHOR = '201711';
const NAMES = ['dp', 'ep', 'bm', 'ntis', 'tbl', 'tms', 'dfy', 'svar', 'infl'];

function goyalWelchState(): { months: string[]; data: Float64Array } {
  const path = '/work/shared/data/macro/PredictorData2024_monthly.csv';
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const header = lines[0].split(',');
  const column = (name: string): number => header.indexOf(name);
  const months: string[] = [];
  const rows: number[] = [];
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    const cells: string[] = [];
    for (const match of line.matchAll(/"([^"]*)"|([^,]+)|(?<=,)(?=,|$)/g)) cells.push((match[1] ?? match[2] ?? '').replace(/,/g, ''));
    const month = cells[0];
    if (month < '198001' || month > '202412') continue;
    const value = (name: string): number => Number(cells[column(name)]);
    const index = value('Index');
    const state = [
      Math.log(value('D12')) - Math.log(index),
      Math.log(value('E12')) - Math.log(index),
      value('b/m'),
      value('ntis'),
      value('tbl'),
      value('lty') - value('tbl'),
      value('BAA') - value('AAA'),
      value('svar'),
      value('infl'),
    ];
    if (state.some((v) => !Number.isFinite(v))) throw new Error(`non-finite macro state at ${month}`);
    months.push(month);
    rows.push(...state);
  }
  return { months, data: Float64Array.from(rows) };
}

const k = NAMES.length;
const { months, data } = goyalWelchState();
const fit = fitVar1(data, months.length, k);
const anchorRow = months.indexOf(ANCHOR);
const { stationary, prior } = var1Prior(fit, data.slice(anchorRow * k, (anchorRow + 1) * k));
const sd = Float64Array.from({ length: k }, (_, j) => Math.sqrt(stationary.covariance[j * k + j]));

const random = createRandom(2026);
const loadings = Float64Array.from({ length: N_ASSETS * k }, () => (0.01 * random.normal()) / Math.sqrt(k));
const baseMu = Float64Array.from({ length: N_ASSETS }, () => 0.006 + 0.004 * random.normal());
const factorLoadings = Float64Array.from({ length: N_ASSETS * 3 }, (_, q) => (q % 3 === 0 ? 1 + 0.3 * random.normal() : random.normal()));
const risk = factorRiskModel(
  Float64Array.from({ length: N_ASSETS }, () => (0.04 + 0.03 * random.uniform()) ** 2),
  factorLoadings,
  Float64Array.from([0.045 ** 2, 0.02 ** 2, 0.02 ** 2]),
);
const realised = Float64Array.from({ length: N_ASSETS }, () => 0.01 + 0.05 * random.normal());

function problemAt(m: Float64Array): MeanVarianceProblem {
  const mu = Float64Array.from(baseMu);
  for (let i = 0; i < N_ASSETS; i++) {
    for (let j = 0; j < k; j++) mu[i] += (loadings[i * k + j] * (m[j] - stationary.mean[j])) / sd[j];
  }
  return { mu, gamma: 2.5, risk, budget: 1, lower: 0, upper: 0.1 };
}

interface Solved {
  m: Float64Array;
  problem: MeanVarianceProblem;
  solution: QpSolution;
}

function createProbe(target: number): { probe: ProbingFunction; counts: { solves: number; backwards: number; coldRetries: number; unpolished: number } } {
  let last: Solved | undefined;
  const counts = { solves: 0, backwards: 0, coldRetries: 0, unpolished: 0 };
  const solve = (m: Float64Array): Solved => {
    if (last !== undefined && last.m.every((v, j) => v === m[j])) return last;
    const problem = problemAt(m);
    const warm = last?.solution.status === 'solved' ? { w: last.solution.w, y: last.solution.y, rho: last.solution.info.rho } : undefined;
    let solution = solveMeanVarianceQp(problem, undefined, warm);
    counts.solves++;
    if (!solution.info.polished) {
      solution = solveMeanVarianceQp(problem);
      counts.solves++;
      counts.coldRetries++;
    }
    if (solution.status !== 'solved' || !solution.info.polished) counts.unpolished++;
    last = { m: Float64Array.from(m), problem, solution };
    return last;
  };
  const portfolioReturn = (w: Float64Array): number => w.reduce((s, wi, i) => s + wi * realised[i], 0);
  const probe: ProbingFunction = {
    value: (m) => {
      const { solution } = solve(m);
      if (solution.status !== 'solved' || !solution.info.polished) return Number.NaN;
      return (portfolioReturn(solution.w) - target) ** 2;
    },
    gradient: (m) => {
      const { problem, solution } = solve(m);
      const scale = 2 * (portfolioReturn(solution.w) - target);
      const dMu = qpBackward(problem, solution, realised.map((r) => scale * r)).mu;
      counts.backwards++;
      const out = new Float64Array(k);
      for (let j = 0; j < k; j++) {
        let sum = 0;
        for (let i = 0; i < N_ASSETS; i++) sum += dMu[i] * loadings[i * k + j];
        out[j] = sum / sd[j];
      }
      return out;
    },
  };
  return { probe, counts };
}

const anchorSolution = solveMeanVarianceQp(problemAt(prior.mean));
const anchorReturn = anchorSolution.w.reduce((s, wi, i) => s + wi * realised[i], 0);
const benchmark = anchorReturn + 0.01;
const tau = Number(process.argv[2] ?? 1e-4);

{
  const { probe } = createProbe(benchmark);
  const m = prior.mean;
  const analytic = probe.gradient?.(m) ?? new Float64Array(k);
  let worst = 0;
  for (let j = 0; j < k; j++) {
    const h = 1e-6 * sd[j];
    const up = Float64Array.from(m);
    const down = Float64Array.from(m);
    up[j] += h;
    down[j] -= h;
    const numeric = (probe.value(up) - probe.value(down)) / (2 * h);
    worst = Math.max(worst, (Math.abs(numeric - analytic[j]) * sd[j]) / Math.max(1e-12, Math.abs(analytic[j]) * sd[j]));
  }
  console.log(`∇G at the prior mean vs central differences (h = 1e-6 sd): worst relative difference ${worst.toExponential(2)}`);
}

const times: number[] = [];
let summary: Record<string, unknown> = {};
for (let repeat = 0; repeat < REPEATS; repeat++) {
  const { probe, counts } = createProbe(benchmark);
  const start = performance.now();
  const result = runMala({ probe, tau, prior }, { chains: CHAINS, burnIn: BURN_IN, draws: DRAWS, seed: 1000 * (repeat + 1), preconditioner: stationary.covariance });
  const seconds = (performance.now() - start) / 1000;
  times.push(seconds);
  const diagnostics = diagnoseSamples(result);
  const objective = Array.from(result.objective).sort((x, y) => x - y);
  summary = {
    acceptance: Array.from(result.acceptance),
    stepSize: Array.from(result.stepSize),
    worstRhat: diagnostics.worstRhat,
    worstEss: diagnostics.worstEss,
    passed: diagnostics.passed,
    qpSolves: counts.solves,
    qpBackwards: counts.backwards,
    coldRetries: counts.coldRetries,
    unpolished: counts.unpolished,
    medianG: objective[objective.length >> 1],
    shiftInStationarySd: diagnostics.coordinates.map((c, j) => (c.mean - prior.mean[j]) / sd[j]),
  };
  console.log(
    `run ${repeat + 1}: ${seconds.toFixed(2)} s, ${counts.solves} QP solves (${counts.coldRetries} cold retries, ${counts.unpolished} unpolished → rejected) + ${counts.backwards} backwards, acceptance ${Array.from(result.acceptance, (a) => a.toFixed(2)).join('/')}, R̂ ${diagnostics.worstRhat.toFixed(3)}, ESS ${diagnostics.worstEss.toFixed(0)}`,
  );
}
const median = [...times].sort((x, y) => x - y)[REPEATS >> 1];
const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage: loadavg() };
console.log(`median ${median.toFixed(2)} s for ${CHAINS} chains × ${BURN_IN + DRAWS} MALA steps, n = ${N_ASSETS} (target < ${TARGET_SECONDS} s); load ${machine.loadAverage.map((v) => v.toFixed(2)).join(' ')}`);
console.log(`shift vs prior (stationary sd): ${NAMES.map((name, j) => `${name} ${(summary.shiftInStationarySd as number[])[j].toFixed(2)}`).join(', ')}`);

const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'explain.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      machine,
      note: 'this machine has 2 noisy cores shared with other jobs: timings vary between runs',
      setup: { nAssets: N_ASSETS, k, chains: CHAINS, burnIn: BURN_IN, draws: DRAWS, tau, anchor: ANCHOR, months: months.length, var1SpectralRadius: fit.spectralRadius },
      seconds: times,
      medianSeconds: median,
      targetSeconds: TARGET_SECONDS,
      lastRun: summary,
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${out}`);
