/**
 * Typed access to tests/fixtures/json/stats.json (written by tests/fixtures/stats.py), simulated
 * return pairs, and the relative-tolerance assertion the stats tests share.
 */

import { expect } from 'vitest';
import type { Random } from '../../../src/main/engine/data/random';
import raw from '../../fixtures/json/stats.json';

export interface ReferenceMetrics {
  annualisedReturn: number;
  volatility: number;
  sharpe: number;
  maxDrawdown: number;
}

export interface JkmCase {
  name: string;
  periodsPerYear: number;
  a: number[];
  b: number[];
  riskFree: number[] | null;
  expected: { sharpeA: number; sharpeB: number; difference: number; statistic: number; pValue: number };
  standardErrors: { blockLength: number; value: number }[];
  metricsA: ReferenceMetrics;
  metricsB: ReferenceMetrics;
}

export interface BootstrapCase {
  case: string;
  blockLength: number;
  resamples: number;
  seed: number;
  confidenceLevel: number;
  expected: { standardError: number; pValue: number; quantile: number; interval: [number, number]; margin: number };
}

export const fixture = raw as unknown as {
  normal: { x: number[]; scipy: number[]; mpmath: number[] };
  jkm: JkmCase[];
  bootstrap: BootstrapCase[];
  randomCheck: { seed: number; uint32: number[]; uniform: number[] };
};

/** The case's inputs as engine arguments. */
export function inputsOf(testCase: JkmCase): { a: Float64Array; b: Float64Array; riskFree?: Float64Array } {
  return {
    a: Float64Array.from(testCase.a),
    b: Float64Array.from(testCase.b),
    ...(testCase.riskFree ? { riskFree: Float64Array.from(testCase.riskFree) } : {}),
  };
}

/** Asserts |actual − expected| ≤ relative·max(|expected|, floor), printing both, the difference and the tolerance. */
export function expectRelative(actual: number, expected: number, relative: number, label: string, floor = 0): void {
  const tolerance = relative * Math.max(Math.abs(expected), floor);
  const difference = Math.abs(actual - expected);
  expect(
    difference,
    `${label}: |Δ| = ${difference.toExponential(3)} (actual ${actual}, expected ${expected}) > tolerance ${tolerance.toExponential(2)}`,
  ).toBeLessThanOrEqual(tolerance);
}

/**
 * T draws of a bivariate normal pair with means μ, volatilities σ and correlation ρ, optionally each
 * an AR(1) with coefficient φ (innovations scaled so σ is the stationary volatility).
 */
export function simulatePair(
  random: Random,
  t: number,
  p: { meanA: number; meanB: number; volA: number; volB: number; rho: number; phi?: number },
): { a: Float64Array; b: Float64Array } {
  const phi = p.phi ?? 0;
  const innovation = Math.sqrt(1 - phi * phi);
  const a = new Float64Array(t);
  const b = new Float64Array(t);
  let za = random.normal();
  let zb = p.rho * za + Math.sqrt(1 - p.rho * p.rho) * random.normal();
  for (let s = 0; s < t; s++) {
    if (s > 0) {
      const ea = random.normal();
      const eb = p.rho * ea + Math.sqrt(1 - p.rho * p.rho) * random.normal();
      za = phi * za + innovation * ea;
      zb = phi * zb + innovation * eb;
    }
    a[s] = p.meanA + p.volA * za;
    b[s] = p.meanB + p.volB * zb;
  }
  return { a, b };
}
