/**
 * Typed access to tests/fixtures/json/portfolio.json (written by tests/fixtures/portfolio.py) and the
 * tolerance assertions the portfolio tests share.
 */

import { expect } from 'vitest';
import { denseRiskModel, factorRiskModel } from '../../../src/main/engine/risk/risk-model';
import type { RiskModel } from '../../../src/main/engine/risk/risk-model';
import raw from '../../fixtures/json/portfolio.json';
import { expectClose, maxAbsDifference } from '../../helpers/close';

export { expectClose, maxAbsDifference };

export interface HrpReference {
  linkage: 'single' | 'average' | 'ward';
  distance: 'correlation' | 'correlation-euclidean';
  linkageMatrix: number[];
  order: number[];
  weights: number[];
  minHeightGap: number;
}

export interface MeanVarianceReference {
  gamma: number;
  upper: number;
  kappa?: number;
  prev: number[];
  groups?: { members: number[]; min: number; max: number }[];
  weights: number[];
  objective: number;
  ipmGap: number;
}

export interface PortfolioCase {
  name: string;
  source: string;
  n: number;
  sigma: number[];
  mu: number[];
  inverseVolatility: number[];
  inverseVariance: number[];
  gmvLongShort: number[];
  gmvLongShortVariance: number;
  cap: number;
  gmvLongOnly: number[];
  gmvCapped: number[];
  meanVariance: MeanVarianceReference[];
  hrp: HrpReference[];
  erc: { weights: number[]; spread: number; budgets: number[] };
  riskBudgeting: { weights: number[]; spread: number; budgets: number[] };
  factor?: { d: number[]; u: number[]; s: number[]; rank: number };
}

export interface ClusteringReference {
  n: number;
  distance: number[];
  methods: Record<'single' | 'complete' | 'average' | 'ward', { linkage: number[]; order: number[] }>;
}

export const fixture = raw as unknown as { cases: PortfolioCase[]; clustering: ClusteringReference; gmvQpGamma: number };

/** The case's covariance as a dense model, and as a factor model when the fixture has one. */
export function modelsOf(testCase: PortfolioCase): { label: string; model: RiskModel }[] {
  const models: { label: string; model: RiskModel }[] = [
    { label: 'dense', model: denseRiskModel(Float64Array.from(testCase.sigma), testCase.n) },
  ];
  if (testCase.factor) {
    const { d, u, s } = testCase.factor;
    models.push({ label: 'factor', model: factorRiskModel(Float64Array.from(d), Float64Array.from(u), Float64Array.from(s)) });
  }
  return models;
}


/** Asserts |a − b| ≤ tolerance for scalars, printing the difference and the tolerance on failure. */
export function expectScalarClose(actual: number, expected: number, tolerance: number, label: string): void {
  const difference = Math.abs(actual - expected);
  expect(difference, `${label}: |Δ| = ${difference.toExponential(3)} (actual ${actual}, expected ${expected}) > tolerance ${tolerance.toExponential(1)}`).toBeLessThanOrEqual(tolerance);
}

/** |Σ w − 1| ≤ tolerance. */
export function expectFullyInvested(weights: Float64Array, tolerance: number, label: string): void {
  let total = 0;
  for (const w of weights) total += w;
  expectScalarClose(total, 1, tolerance, `${label}: Σ w`);
}

/** A seeded LCG in [0, 1), so the tests' random inputs are reproducible. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}
