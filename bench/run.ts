/**
 * `npm run bench -- <name> [...]`: runs bench/<name>.ts (each writes bench/results/<name>.json and
 * prints a table). With no name it lists the benchmarks. Figures are medians over repetitions on
 * this machine: 2 cores, noisy — read ratios against the peers measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts' && !file.startsWith('_'))
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();

const requested = process.argv.slice(2);
if (requested.length === 0) {
  console.log(`Benchmarks: ${available.join(', ')}\nRun one with: npm run bench -- <name>`);
  process.exit(0);
}
for (const name of requested) {
  if (!available.includes(name)) {
    console.error(`No benchmark "${name}". Available: ${available.join(', ')}`);
    process.exit(2);
  }
}
for (const name of requested) {
  console.log(`\n== bench ${name}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`)], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
