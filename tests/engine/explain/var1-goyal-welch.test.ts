/**
 * The explain prior's VAR(1) on real data reproduces METHODS §5's published Goyal–Welch figures.
 * Data: /work/shared/data/macro/PredictorData2024_monthly.csv — the 2024 vintage (Goyal's
 * PredictorData2024.xlsx, Monthly sheet, last saved 2025-04-21), read directly, not via a fixture.
 * State m = (dp, ep, bm, ntis, tbl, tms, dfy, svar, infl) with dp = ln D12 − ln Index,
 * ep = ln E12 − ln Index, tms = lty − tbl, dfy = BAA − AAA, 1980-01..2024-12; OLS with intercept,
 * Σ_ε with ddof = 1; one-step Mahalanobis distances √(ε̂ᵀΣ_ε⁻¹ε̂). The published figures are
 * printed to 3–4 significant digits, so each is checked to half a unit of its last printed digit.
 * Then the anchor-tilted prior N(½(μ* + m̄), ½Σ*) at 2017-11, through var1Prior.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitVar1, var1MahalanobisDistances, var1Stationary } from '../../../src/main/engine/data/var1';
import { var1Prior } from '../../../src/main/engine/explain/var1-prior';
import { expectClose, expectScalarClose } from '../linalg/assert-close';

const PATH = '/work/shared/data/macro/PredictorData2024_monthly.csv';
const K = 9;

function goyalWelchState(): { months: string[]; data: Float64Array } {
  const lines = readFileSync(PATH, 'utf8').split(/\r?\n/);
  const header = lines[0].split(',');
  const months: string[] = [];
  const rows: number[] = [];
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    // Index is quoted with thousands separators from 1,000 on ("5,881.63").
    const cells = [...line.matchAll(/"([^"]*)"|([^,]+)/g)].map((match) => (match[1] ?? match[2]).replace(/,/g, ''));
    const month = cells[0];
    if (month < '198001' || month > '202412') continue;
    const value = (name: string): number => Number(cells[header.indexOf(name)]);
    const state = [
      Math.log(value('D12')) - Math.log(value('Index')),
      Math.log(value('E12')) - Math.log(value('Index')),
      value('b/m'),
      value('ntis'),
      value('tbl'),
      value('lty') - value('tbl'),
      value('BAA') - value('AAA'),
      value('svar'),
      value('infl'),
    ];
    if (state.some((v) => !Number.isFinite(v))) throw new Error(`non-finite state at ${month}`);
    months.push(`${month.slice(0, 4)}-${month.slice(4)}`);
    rows.push(...state);
  }
  return { months, data: Float64Array.from(rows) };
}

function percentile(sorted: number[], q: number): number {
  const position = q * (sorted.length - 1);
  const lo = Math.floor(position);
  return sorted[lo] + (position - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
}

describe('VAR(1) prior on the Goyal–Welch macro state (2024 vintage)', () => {
  const { months, data } = goyalWelchState();
  const fit = fitVar1(data, months.length, K);

  it('uses 540 months 1980-01..2024-12 and the fit is stationary', () => {
    expect(months.length).toBe(540);
    expect([months[0], months[months.length - 1]]).toEqual(['1980-01', '2024-12']);
    expect(fit.stationary, `ρ(Φ) = ${fit.spectralRadius}`).toBe(true);
  });

  it('one-step Mahalanobis distances: mean 2.502, median 2.080, p95 5.215 (METHODS §5)', () => {
    const d = Array.from(var1MahalanobisDistances(fit));
    const sorted = [...d].sort((a, b) => a - b);
    expectScalarClose(d.reduce((a, b) => a + b, 0) / d.length, 2.502, 0, 5e-4, 'mean distance');
    expectScalarClose(percentile(sorted, 0.5), 2.08, 0, 5e-4, 'median distance');
    expectScalarClose(percentile(sorted, 0.95), 5.215, 0, 5e-4, 'p95 distance');
  });

  it('the largest distances are 1987-10 14.42, 2020-03 13.83, 2009-10 12.73, 2008-10 11.23 (METHODS §5)', () => {
    const d = var1MahalanobisDistances(fit);
    const ranked = Array.from(d, (distance, r) => ({ month: months[r + 1], distance })).sort((a, b) => b.distance - a.distance);
    expect(ranked.slice(0, 4).map((row) => row.month)).toEqual(['1987-10', '2020-03', '2009-10', '2008-10']);
    expectClose(ranked.slice(0, 4).map((row) => row.distance), [14.42, 13.83, 12.73, 11.23], 0, 5e-3, 'largest distances');
  });

  it('the tilted prior at 2017-11 is N((μ* + m̄)/2, Σ*/2)', () => {
    const anchorRow = months.indexOf('2017-11');
    const anchor = data.slice(anchorRow * K, (anchorRow + 1) * K);
    const stationary = var1Stationary(fit);
    const { prior } = var1Prior(fit, anchor);
    expectClose(prior.mean, Array.from(stationary.mean, (mu, j) => (mu + anchor[j]) / 2), 1e-12, 1e-15, 'prior mean');
    expectClose(prior.covariance, Array.from(stationary.covariance, (v) => v / 2), 1e-12, 1e-18, 'prior covariance');
  });
});
