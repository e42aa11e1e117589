import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'pa-cli-engine-'));
const db = join(dir, 'store.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main/cli-entry.ts', '--db', db, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('portfolio-audit qp and cov', { timeout: 60_000 }, () => {
  it('qp: the budget-only problem matches its closed form w = Σ⁻¹(μ + ν1)/(2γ)', () => {
    const sigma = [
      [0.04, 0.006, 0.0],
      [0.006, 0.09, 0.012],
      [0.0, 0.012, 0.0625],
    ];
    const mu = [0.05, 0.08, 0.06];
    const gamma = 3;
    const result = cli('qp', file('eq.json', JSON.stringify({ mu, gamma, risk: { covariance: sigma }, lower: null })), '--json');
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout) as { status: string; w: number[] };
    expect(json.status).toBe('solved');
    // Independent closed form by Cramer's rule on the 3 × 3 system.
    const det = (m: number[][]): number => m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    const solve = (b: number[]): number[] => [0, 1, 2].map((c) => det(sigma.map((row, r) => row.map((v, j) => (j === c ? b[r] : v)))) / det(sigma));
    const a = solve(mu);
    const ones = solve([1, 1, 1]);
    const nu = (2 * gamma - a.reduce((s, v) => s + v, 0)) / ones.reduce((s, v) => s + v, 0);
    const expected = a.map((v, i) => (v + nu * ones[i]) / (2 * gamma));
    json.w.forEach((w, i) => expect(Math.abs(w - expected[i]), `w[${i}] = ${w}, closed form ${expected[i]}`).toBeLessThan(1e-9));
  });

  it('qp: an infeasible problem exits 1 and names the constraint set', () => {
    const result = cli('qp', file('inf.json', JSON.stringify({ mu: [0.1, 0.1], gamma: 1, risk: { factors: [[0.1], [0.2]], idio: [0.01, 0.01] }, upper: 0.3 })));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('primal-infeasible');
    expect(result.stdout).toMatch(/budget/);
  });

  it('qp: malformed problems get a message naming the field', () => {
    const result = cli('qp', file('bad.json', JSON.stringify({ mu: [0.1, 0.2], gamma: 1, risk: { covariance: [[1, 0]] } })));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad\.json: .*risk\.covariance/);
    expect(cli('qp', file('garbage.json', '{nope')).stderr).toMatch(/garbage\.json: not valid JSON/);
  });

  it('cov: the sample estimator equals the covariance with divisor T − 1, computed here independently', () => {
    const rows = [
      [0.01, -0.02, 0.005],
      [0.03, 0.01, -0.01],
      [-0.015, 0.02, 0.0],
      [0.007, -0.004, 0.012],
      [0.02, 0.015, -0.006],
    ];
    const csv = ['date,A,B,C', ...rows.map((r, i) => `2024-0${i + 1}-28,${r.join(',')}`)].join('\n');
    const result = cli('cov', file('returns.csv', csv), '--estimator', 'sample', '--json');
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout) as { n: number; T: number; covariance: number[][]; assets: string[] };
    expect([json.n, json.T, json.assets]).toEqual([3, 5, ['A', 'B', 'C']]);
    const means = [0, 1, 2].map((j) => rows.reduce((s, r) => s + r[j], 0) / rows.length);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const expected = rows.reduce((s, r) => s + (r[i] - means[i]) * (r[j] - means[j]), 0) / (rows.length - 1);
        expect(Math.abs(json.covariance[i][j] - expected), `cov[${i}][${j}]`).toBeLessThan(1e-15);
      }
    }
    const lw = JSON.parse(cli('cov', join(dir, 'returns.csv'), '--estimator', 'ledoit-wolf', '--json').stdout) as { params: { shrinkage: number } };
    expect(lw.params.shrinkage).toBeGreaterThanOrEqual(0);
    expect(lw.params.shrinkage).toBeLessThanOrEqual(1);
  });

  it('cov: estimator options are required where they matter', () => {
    expect(cli('cov', join(dir, 'returns.csv'), '--estimator', 'ewma').stderr).toContain('--half-life');
    expect(cli('cov', join(dir, 'returns.csv'), '--estimator', 'magic').code).toBe(2);
  });
});
