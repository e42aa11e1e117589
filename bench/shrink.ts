/**
 * The decision-aware shrinkage study of METHODS §1 at its published size: 10 seeds, N = 40,
 * 96 study months. Run: npx tsx bench/shrink.ts
 * Prints the per-seed table and the summary beside the published figures, and writes
 * bench/results/shrink.json: { machine: { cores, node, load }, seconds, result }.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runShrinkageStudy } from '../src/main/engine/learn/shrinkage-study';

const SEEDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const TARGET_SECONDS = 30;

const load = loadavg()[0];
const start = performance.now();
const result = runShrinkageStudy({ seeds: SEEDS, nAssets: 40, nMonths: 96 }, (p) => process.stderr.write(`\rseed ${p.seed} (${p.done}/${p.total})`));
const seconds = (performance.now() - start) / 1000;
process.stderr.write('\n');

const f = (x: number): string => x.toFixed(2).padStart(6);
console.log('seed  plug-in  Ledoit–Wolf  decision-aware   δ_LW   δ_DA  DA step');
for (const s of result.seeds) {
  console.log(
    `${String(s.seed).padStart(4)}  ${f(s.plugIn.sharpe)}   ${f(s.ledoitWolf.sharpe)}       ${f(s.decisionAware.sharpe)}     ${s.ledoitWolf.delta.toFixed(2)}   ${s.decisionAware.delta.toFixed(2)}  ${String(s.decisionAwareStep).padStart(6)}`,
  );
}
const { meanSharpe: m, vsPlugIn, vsLedoitWolf, published: p } = result;
console.log(`mean  ${f(m.plugIn)}   ${f(m.ledoitWolf)}       ${f(m.decisionAware)}   (published ${p.plugIn} / ${p.ledoitWolf} / ${p.decisionAware})`);
console.log(`edge vs plug-in     ${vsPlugIn.meanEdge.toFixed(2)}, wins ${vsPlugIn.wins}/${SEEDS.length} (published ≈ +${p.edgeVsPlugIn}, ~100 %)`);
console.log(`edge vs Ledoit–Wolf ${vsLedoitWolf.meanEdge.toFixed(2)}, wins ${vsLedoitWolf.wins}/${SEEDS.length} (published ≈ +${p.edgeVsLedoitWolf}, ~7 of 8)`);
console.log(`time ${seconds.toFixed(2)} s (target < ${TARGET_SECONDS} s) on ${availableParallelism()} shared cores, 1-min load ${load.toFixed(2)} at start`);

const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'shrink.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ machine: { cores: availableParallelism(), node: process.version, load }, seconds, targetSeconds: TARGET_SECONDS, result }, null, 2)}\n`);
console.log(`wrote ${out}`);
