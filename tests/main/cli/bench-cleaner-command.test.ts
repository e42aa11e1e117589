import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';

const ENTRY = new URL('../../../src/main/cli-entry.ts', import.meta.url).href;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, ENTRY, { out: (text) => (stdout += `${text}\n`), err: (text) => (stderr += `${text}\n`) });
  return { code, stdout, stderr };
}

describe('portfolio-audit bench-cleaner', { timeout: 60_000 }, () => {
  it('evaluates every risk model on a seeded 12-stock universe and prints JSON', async () => {
    const run = await cli('bench-cleaner', '--sizes', '12', '--seed', '4', '--json');
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { cleaner: string; period: { first: string; last: string }; universes: { size: number; assets: string[] }[]; rows: { model: string; construction: string; failedRebalances: number }[] };
    expect(result.period).toMatchObject({ first: '2016-01-04', last: '2021-04-21' });
    expect(result.universes[0].assets).toHaveLength(12);
    expect(result.rows.map((row) => row.model)).toEqual(['sample', 'sample', 'ledoit-wolf', 'ledoit-wolf', 'qis', 'qis', 'nls', 'nls', 'rie', 'rie', 'clip', 'clip', 'pca', 'pca', 'learned-cleaner', 'learned-cleaner']);
    for (const row of result.rows) expect(row.failedRebalances, `${row.model} ${row.construction}`).toBe(0);
    expect(result.cleaner).toMatch(/shipped|untrained/);
  });

  it('refuses malformed sizes and seeds as usage errors', async () => {
    const sizes = await cli('bench-cleaner', '--sizes', '1,abc');
    expect(sizes.code).toBe(2);
    expect(sizes.stderr).toContain('--sizes 1,abc');
    expect((await cli('bench-cleaner', '--seed', '-1')).code).toBe(2);
  });
});
