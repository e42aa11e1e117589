/**
 * Typed access to tests/fixtures/json/backtest.json (written by tests/fixtures/backtest.py), small
 * panels for hand-computed cases, and the tolerance assertions the backtest tests share.
 */

import { expect } from 'vitest';
import type { BacktestData } from '../../../src/main/engine/backtest/index';
import raw from '../../fixtures/json/backtest.json';
import { expectClose, maxAbsDifference } from '../../helpers/close';

export { expectClose, maxAbsDifference };

export interface ReferenceMetrics {
  periods: number;
  years: number;
  annualisedReturn: number;
  cagr: number;
  volatility: number;
  sharpe: number;
  sortino: number;
  maxDrawdown: number;
  calmar: number;
  turnover: number;
  annualisedTurnover: number;
  effectiveN: number;
  hitRate: number;
  totalCost: number;
  annualisedCost: number;
  finalEquity: number;
  rebalances: number;
}

export interface ReferenceCase {
  name: string;
  strategy: 'equal-weight' | 'inverse-volatility';
  t: number;
  n: number;
  dates: string[];
  assets: string[];
  returns: (number | null)[];
  riskFree: number[] | null;
  options: { lookback: number; rebalanceEvery: number; proportionalBps: number; slippageBps: number; start?: string; end?: string };
  expected: {
    rebalanceRows: number[];
    end: number;
    grossReturns: number[];
    costs: number[];
    netReturns: number[];
    equity: number[];
    drawdown: number[];
    holdings: number[];
    weights: number[];
    turnover: number[];
    missingHeldByAsset: number[];
    metrics: ReferenceMetrics;
  };
}

export const fixture = raw as unknown as { cases: ReferenceCase[] };

/** The case's panel as engine input (JSON null → NaN = missing). */
export function dataOf(testCase: ReferenceCase): BacktestData {
  return {
    returns: Float64Array.from(testCase.returns, (value) => (value === null ? Number.NaN : value)),
    t: testCase.t,
    n: testCase.n,
    dates: testCase.dates,
    assets: testCase.assets,
    ...(testCase.riskFree ? { riskFree: Float64Array.from(testCase.riskFree) } : {}),
  };
}

/** The case's Ken French returns (first `rows` rows, `cols` columns) as a small finite panel. */
export function panel(returns: number[][], dates?: string[]): BacktestData {
  const t = returns.length;
  const n = returns[0].length;
  return {
    returns: Float64Array.from(returns.flat()),
    t,
    n,
    dates: dates ?? Array.from({ length: t }, (_, s) => `2000-${String(s + 1).padStart(2, '0')}`),
  };
}


/** Asserts |a − b| ≤ tolerance for scalars, printing both values, the difference and the tolerance. */
export function expectScalarClose(actual: number | null, expected: number, tolerance: number, label: string): void {
  expect(actual, `${label} is null`).not.toBeNull();
  const difference = Math.abs((actual as number) - expected);
  expect(difference, `${label}: |Δ| = ${difference.toExponential(3)} (actual ${actual}, expected ${expected}) > tolerance ${tolerance.toExponential(1)}`).toBeLessThanOrEqual(tolerance);
}

/** A seeded LCG in [0, 1), so the tests' random inputs are reproducible. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** T × N returns ~ U(−0.05, 0.07) from a seed, with ISO month labels from 2000-01. */
export function randomPanel(t: number, n: number, seed: number): BacktestData {
  const uniform = seededUniform(seed);
  const returns = new Float64Array(t * n);
  for (let k = 0; k < returns.length; k++) returns[k] = -0.05 + 0.12 * uniform();
  const dates = Array.from({ length: t }, (_, s) => `${2000 + Math.floor(s / 12)}-${String((s % 12) + 1).padStart(2, '0')}`);
  return { returns, t, n, dates };
}
