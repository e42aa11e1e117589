import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'pa-cli-'));
const db = join(dir, 'store.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real command from source (tsx), as a user would run the installed one. */
function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main/cli-entry.ts', '--db', db, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('portfolio-audit CLI', { timeout: 60_000 }, () => {
  it('imports a wide prices file and lists it, in text and JSON', () => {
    const path = file('prices.csv', 'date,AAA,BBB\n2021-01-04,1,2\n2021-01-05,1.1,2.2\n');
    const imported = cli('import', path, '--name', 'Two stocks', '--json');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const json = JSON.parse(imported.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ name: 'Two stocks', kind: 'prices', assets: 2, observations: 2, firstDate: '2021-01-04', lastDate: '2021-01-05', missingShare: 0 });
    expect(json.id).toMatch(/^[0-9a-f-]{36}$/);
    const listed = cli('datasets', '--json');
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: json.id, name: 'Two stocks' })]);
    expect(cli('datasets').stdout).toMatch(/Two stocks\s+prices\s+daily\s+2\s+2\s+2021-01-04\s+2021-01-05/);
  });

  it.each([
    ['empty.csv', '', /empty\.csv: .*empty/],
    ['header.csv', 'date,AAA,BBB\n', /header\.csv: /],
    ['nodate.csv', 'a,b\n1,2\n3,4\n', /nodate\.csv: .*date/],
    ['binary.csv', Buffer.from([0, 1, 2, 3, 0, 255, 254, 0, 0, 7]), /binary\.csv: /],
  ])('%s: one-line error naming the file, non-zero exit, nothing stored', (name, content, message) => {
    const before = (JSON.parse(cli('datasets', '--json').stdout) as unknown[]).length;
    const result = cli('import', file(name, content));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect((JSON.parse(cli('datasets', '--json').stdout) as unknown[]).length).toBe(before);
  });

  it('reports usage errors with exit code 2', () => {
    expect(cli('import').code).toBe(2);
    expect(cli('import', join(dir, 'nope.csv')).stderr).toContain('nope.csv: no such file');
    expect(cli('frobnicate').code).toBe(2);
    expect(cli('import', join(dir, 'prices.csv'), '--missing', 'sometimes').code).toBe(2);
  });

  it('info names the tfjs backend, the store and the demo citation', () => {
    const result = cli('info', '--json');
    expect(result.code).toBe(0);
    const info = JSON.parse(result.stdout) as { storePath: string; tf: { backend: string }; demoCitation: string; mode: string };
    expect(info.storePath).toBe(db);
    expect(['tensorflow', 'wasm', 'cpu']).toContain(info.tf.backend);
    expect(info.demoCitation).toContain('Kenneth R. French');
    expect(info.mode).toBe('cli');
  });
});
