/**
 * The risk-model evaluation on real data against an independent numpy reference
 * (tests/fixtures/cleaner-evaluation-sp500.py): 20 S&P 500 stocks, 2020, 252-day lookback,
 * rebalanced every 21 days, GMV long-short on the sample covariance, weights drifting in between.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateRiskModels } from '../../../src/main/engine/risk-evaluation/evaluate-risk-models';
import type { RiskEvaluationData, RiskEvaluationResult } from '../../../src/main/engine/risk-evaluation/evaluate-risk-models';
import { baselineCandidates } from '../../../src/main/engine/risk-evaluation/risk-candidates';
import { readReturnsPanel } from '../../../src/main/services/cleaner-evaluation';

const SP500 = join(process.cwd(), '../shared/data/equities/sp500_adjclose_1999_2021_wide.csv.gz');
const reference = JSON.parse(readFileSync(join(process.cwd(), 'tests/fixtures/json/cleaner-evaluation-sp500.json'), 'utf8')) as {
  tickers: string[];
  start: string;
  end: string;
  periods: number;
  rebalances: number;
  volatility: number;
  annualisedReturn: number;
  sharpe: number;
  maxDrawdown: number;
  turnover: number;
};

let result: RiskEvaluationResult;

beforeAll(async () => {
  const all = await readReturnsPanel(SP500);
  const columns = reference.tickers.map((ticker) => all.assets.indexOf(ticker));
  const returns = new Float64Array(all.t * columns.length);
  for (let r = 0; r < all.t; r++) for (let c = 0; c < columns.length; c++) returns[r * columns.length + c] = all.returns[r * all.n + columns[c]];
  const data: RiskEvaluationData = { returns, t: all.t, n: columns.length, dates: all.dates, assets: reference.tickers };
  const candidates = baselineCandidates().filter((c) => c.id === 'sample' || c.id === 'ledoit-wolf');
  result = evaluateRiskModels(data, { sizes: [20], seed: 0, start: reference.start, end: reference.end, candidates });
}, 30_000);

describe('S&P 500, 20 stocks, 2020', () => {
  it('covers the reference period and schedule with all 20 stocks', () => {
    expect(result.eligible).toBe(20);
    expect(result.period.days).toBe(reference.periods);
    expect(result.rows.every((row) => row.rebalances === reference.rebalances && row.failedRebalances === 0)).toBe(true);
  });

  it('GMV long-short on the sample covariance realises the numpy reference figures', () => {
    const row = result.rows.find((r) => r.model === 'sample' && r.construction === 'long-short');
    // Solves of a 20 × 20 system and 253 compounded days: 1e-9 relative leaves room for both libraries' rounding.
    const checks: [string, number | null, number][] = [
      ['volatility', row?.volatility ?? null, reference.volatility],
      ['annualised return', row?.annualisedReturn ?? null, reference.annualisedReturn],
      ['Sharpe', row?.sharpe ?? null, reference.sharpe],
      ['max drawdown', row?.maxDrawdown ?? null, reference.maxDrawdown],
      ['turnover', row?.turnover ?? null, reference.turnover],
    ];
    for (const [name, got, want] of checks) {
      const difference = Math.abs((got ?? Number.NaN) - want);
      const tol = 1e-9 * Math.abs(want);
      expect(difference, `${name}: got ${got}, want ${want}, |Δ| = ${difference} > ${tol}`).toBeLessThanOrEqual(tol);
    }
  });

  it('shrinkage lowers the realised volatility of the long-short GMV here, and long-only stays fully invested', () => {
    const vol = (model: string, construction: string) => result.rows.find((r) => r.model === model && r.construction === construction)?.volatility ?? Number.NaN;
    expect(vol('ledoit-wolf', 'long-short')).toBeLessThan(vol('sample', 'long-short'));
    expect(vol('sample', 'long-only')).toBeGreaterThan(0);
  });
});
