/**
 * The comparison harness on small synthetic panels whose answers are known: an identity risk model
 * gives equal weights in both constructions, assets that move together keep equal weights between
 * rebalances (turnover 0), the figures are those of the realised return series, a singular Σ̂ is a
 * counted failure of the closed form, and Σ̂ is fitted once per date for both constructions.
 */
import { describe, expect, it } from 'vitest';
import { denseRiskModel } from '../../../src/main/engine/risk/risk-model';
import { evaluateRiskModels } from '../../../src/main/engine/risk-evaluation/evaluate-risk-models';
import type { RiskEvaluationData } from '../../../src/main/engine/risk-evaluation/evaluate-risk-models';
import { baselineCandidates } from '../../../src/main/engine/risk-evaluation/risk-candidates';
import type { RiskCandidate } from '../../../src/main/engine/risk-evaluation/risk-candidates';

function dates(t: number): string[] {
  return Array.from({ length: t }, (_, s) => new Date(Date.UTC(2020, 0, 1 + s)).toISOString().slice(0, 10));
}

/** T × N panel where every asset earns the same return r_s = 0.01·sin(s) + 0.001 on row s. */
function commonMovePanel(t: number, n: number): { data: RiskEvaluationData; common: number[] } {
  const common = Array.from({ length: t }, (_, s) => 0.01 * Math.sin(s) + 0.001);
  const returns = new Float64Array(t * n);
  for (let s = 0; s < t; s++) for (let j = 0; j < n; j++) returns[s * n + j] = common[s];
  return { data: { returns, t, n, dates: dates(t), assets: Array.from({ length: n }, (_, j) => `A${j}`) }, common };
}

const identity: RiskCandidate = {
  id: 'identity',
  label: 'Identity',
  fit: (_returns, _t, n) => {
    const sigma = new Float64Array(n * n);
    for (let i = 0; i < n; i++) sigma[i * n + i] = 1;
    return denseRiskModel(sigma, n);
  },
};

describe('identity risk model on assets that move together', () => {
  const t = 40;
  const lookback = 10;
  const { data, common } = commonMovePanel(t, 4);
  const result = evaluateRiskModels(data, { sizes: [4], seed: 0, start: data.dates[lookback], lookback, rebalanceEvery: 5, candidates: [identity] });
  // Equal weights earn exactly the common return on rows lookback … T − 1 (no costs).
  const realised = common.slice(lookback);
  const mean = realised.reduce((a, b) => a + b, 0) / realised.length;
  const std = Math.sqrt(realised.reduce((a, b) => a + (b - mean) ** 2, 0) / (realised.length - 1));
  let equity = 1;
  let peak = 1;
  let drawdown = 0;
  for (const r of realised) {
    equity *= 1 + r;
    peak = Math.max(peak, equity);
    drawdown = Math.max(drawdown, 1 - equity / peak);
  }

  it('covers the test rows and draws the whole universe', () => {
    expect(result.period).toEqual({ first: data.dates[lookback], last: data.dates[t - 1], days: t - lookback });
    expect(result.eligible).toBe(4);
    expect(result.universes).toEqual([{ size: 4, assets: ['A0', 'A1', 'A2', 'A3'] }]);
    expect(result.rows.map((row) => row.construction)).toEqual(['long-short', 'long-only']);
  });

  for (const construction of ['long-short', 'long-only'] as const) {
    it(`${construction}: equal weights, so the volatility, return, drawdown and Sharpe of the common return; turnover 0`, () => {
      const row = result.rows.find((r) => r.construction === construction);
      expect(row).toBeDefined();
      if (!row) return;
      // The QP stops at ε = 1e-6 residuals: its weights are 1/4 to ≈1e-6, so its figures to 1e-6 relative.
      const tol = construction === 'long-short' ? 1e-12 : 2e-6;
      const checks: [string, number | null, number][] = [
        ['volatility', row.volatility, Math.sqrt(252) * std],
        ['annualised return', row.annualisedReturn, 252 * mean],
        ['Sharpe', row.sharpe, (Math.sqrt(252) * mean) / std],
        ['max drawdown', row.maxDrawdown, drawdown],
      ];
      for (const [name, got, want] of checks) {
        const difference = Math.abs((got ?? Number.NaN) - want);
        expect(difference, `${name}: got ${got}, want ${want}, |Δ| = ${difference} > ${tol * Math.abs(want)}`).toBeLessThanOrEqual(tol * Math.abs(want));
      }
      expect(row.turnover ?? Number.NaN, `turnover ${row.turnover} should be 0 to ${tol}`).toBeLessThanOrEqual(tol);
      expect(row.rebalances).toBe(6);
      expect(row.failedRebalances).toBe(0);
    });
  }
});

describe('fits and failures', () => {
  it('fits Σ̂ once per rebalance date on exactly `lookback` past rows, shared by both constructions', () => {
    const { data } = commonMovePanel(30, 3);
    const seen: { t: number; n: number }[] = [];
    const counting: RiskCandidate = { ...identity, fit: (returns, t, n) => (seen.push({ t, n }), identity.fit(returns, t, n)) };
    const result = evaluateRiskModels(data, { sizes: [3], seed: 0, start: data.dates[8], lookback: 8, rebalanceEvery: 4, candidates: [counting] });
    expect(result.rows[0].rebalances).toBe(6);
    expect(seen).toEqual(Array.from({ length: 6 }, () => ({ t: 8, n: 3 })));
  });

  it('counts a singular sample covariance (N ≥ T) as failed long-short rebalances, while the long-only QP still runs', () => {
    // 12 assets, lookback 8: S has rank ≤ 7, so Σ⁻¹1 does not exist.
    const t = 40;
    const n = 12;
    const returns = new Float64Array(t * n);
    for (let s = 0; s < t; s++) for (let j = 0; j < n; j++) returns[s * n + j] = 0.01 * Math.sin(1.3 * s + 0.7 * j * j) + 0.002 * Math.cos(s * (j + 1));
    const data = { returns, t, n, dates: dates(t), assets: Array.from({ length: n }, (_, j) => `A${j}`) };
    const sample = baselineCandidates().filter((c) => c.id === 'sample');
    const result = evaluateRiskModels(data, { sizes: [n], seed: 0, start: data.dates[8], lookback: 8, rebalanceEvery: 8, candidates: sample });
    const [longShort, longOnly] = result.rows;
    expect(longShort.failedRebalances).toBe(longShort.rebalances);
    expect(longShort.volatility).toBeNull();
    expect(longShort.failure).toMatch(/positive definite/);
    expect(longOnly.failedRebalances).toBe(0);
    expect(longOnly.volatility).toBeGreaterThan(0);
  });

  it('draws a seeded random universe of the requested size from the eligible assets', () => {
    const { data } = commonMovePanel(30, 10);
    const values = data.returns.slice();
    values[3 * 10 + 4] = Number.NaN; // asset 4 misses a row inside the window: never eligible
    const result = evaluateRiskModels({ ...data, returns: values }, { sizes: [5, 50], seed: 3, start: data.dates[8], lookback: 8, rebalanceEvery: 4, candidates: [identity] });
    expect(result.eligible).toBe(9);
    expect(result.universes[0].assets).toHaveLength(5);
    expect(result.universes[0].assets).not.toContain('A4');
    expect(result.universes[1].assets).toHaveLength(9);
    expect(result.rows.map((row) => row.assets)).toEqual([5, 5, 9, 9]);
  });
});

describe('bad input', () => {
  const { data } = commonMovePanel(20, 3);
  const base = { sizes: [3], seed: 0, start: data.dates[8], lookback: 8, rebalanceEvery: 4, candidates: [identity] };

  it('needs a full lookback window before the start', () => {
    expect(() => evaluateRiskModels(data, { ...base, start: data.dates[5] })).toThrow(/leaves 5 rows before it, fewer than the lookback 8/);
  });

  it('rejects empty or invalid sizes, candidates, lookback and dates', () => {
    expect(() => evaluateRiskModels(data, { ...base, sizes: [] })).toThrow(/sizes is empty/);
    expect(() => evaluateRiskModels(data, { ...base, sizes: [1] })).toThrow(/integer ≥ 2/);
    expect(() => evaluateRiskModels(data, { ...base, candidates: [] })).toThrow(/candidates is empty/);
    expect(() => evaluateRiskModels(data, { ...base, lookback: 2.5 })).toThrow(/lookback must be a positive integer/);
    expect(() => evaluateRiskModels(data, { ...base, start: '2030-01-01' })).toThrow(/after the last date/);
    expect(() => evaluateRiskModels({ ...data, dates: data.dates.slice(1) }, base)).toThrow(/dates \(19\)/);
  });

  it('does not mutate the panel', () => {
    const copy = data.returns.slice();
    evaluateRiskModels(data, base);
    expect(data.returns).toEqual(copy);
  });
});
