import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/main/engine/backtest/metrics';
import { createRandom } from '../../../src/main/engine/data/random';
import { compareRuns } from '../../../src/main/engine/stats/compare-runs';
import { sharpeDifferenceBootstrap } from '../../../src/main/engine/stats/sharpe-difference-bootstrap';
import { sharpeDifferenceTest } from '../../../src/main/engine/stats/sharpe-difference-test';
import type { ReferenceMetrics } from './stats-fixture';
import { expectRelative, fixture, inputsOf, simulatePair } from './stats-fixture';

function expectMetrics(actual: ReferenceMetrics, expected: ReferenceMetrics, label: string): void {
  for (const key of ['annualisedReturn', 'volatility', 'sharpe', 'maxDrawdown'] as const) {
    expectRelative(actual[key], expected[key], 1e-10, `${label}.${key}`);
  }
}

describe('compareRuns against the numpy reference', () => {
  for (const name of ['ff10-NoDur-vs-HiTec-1926-2021', 'ff10-Enrgy-vs-Utils-1990-2020-excess', 'sim-n120-student-t5']) {
    it(`${name}: metrics, differences and the Jobson–Korkie–Memmel test (baseline = b)`, () => {
      const testCase = fixture.jkm.find((candidate) => candidate.name === name);
      if (!testCase) throw new Error(`fixture case ${name} missing`);
      const { a, b, riskFree } = inputsOf(testCase);
      const result = compareRuns(
        [
          { name: 'A', netReturns: a },
          { name: 'B', netReturns: b },
        ],
        { periodsPerYear: testCase.periodsPerYear, baseline: 1, resamples: 199, ...(riskFree ? { riskFree } : {}) },
      );
      expect(result.baseline).toBe(1);
      expect(result.n).toBe(testCase.a.length);
      expectMetrics(result.runs[0], testCase.metricsA, 'A');
      expectMetrics(result.runs[1], testCase.metricsB, 'B');
      expect(result.comparisons).toHaveLength(1);
      const [comparison] = result.comparisons;
      expect(comparison.index).toBe(0);
      expect(comparison.name).toBe('A');
      expect(comparison.baselineName).toBe('B');
      for (const key of ['annualisedReturn', 'volatility', 'sharpe', 'maxDrawdown'] as const) {
        expectRelative(comparison.differences[key], testCase.metricsA[key] - testCase.metricsB[key], 1e-10, `difference.${key}`, 1e-3);
      }
      expectRelative(comparison.jobsonKorkieMemmel.statistic, testCase.expected.statistic, 1e-10, 'JKM statistic');
      expectRelative(comparison.jobsonKorkieMemmel.pValue, testCase.expected.pValue, 1e-10, 'JKM p-value');
      expectRelative(comparison.bootstrap.difference, testCase.expected.difference, 1e-10, 'bootstrap difference');
    });
  }
});

describe('compareRuns', () => {
  const random = createRandom(31);
  const first = simulatePair(random, 96, { meanA: 0.008, meanB: 0.005, volA: 0.04, volB: 0.03, rho: 0.7 });
  const second = simulatePair(random, 96, { meanA: 0.011, meanB: 0, volA: 0.05, volB: 0.01, rho: 0 });
  const series = [
    { name: 'equal weight', netReturns: first.a },
    { name: 'decoupled', netReturns: first.b },
    { name: 'end-to-end', netReturns: second.a },
  ];

  it('compares every other run with the baseline, in input order, with the tests run as "run vs baseline"', () => {
    const result = compareRuns(series, { periodsPerYear: 12, baseline: 1, seed: 5, resamples: 499 });
    expect(result.runs.map((run) => run.name)).toEqual(['equal weight', 'decoupled', 'end-to-end']);
    expect(result.comparisons.map((comparison) => [comparison.index, comparison.name])).toEqual([
      [0, 'equal weight'],
      [2, 'end-to-end'],
    ]);
    for (const comparison of result.comparisons) {
      const run = series[comparison.index].netReturns;
      expect(comparison.jobsonKorkieMemmel).toEqual(sharpeDifferenceTest(run, first.b, { periodsPerYear: 12 }));
      expect(comparison.bootstrap).toEqual(sharpeDifferenceBootstrap(run, first.b, { periodsPerYear: 12, seed: 5, resamples: 499 }));
      expect(comparison.differences.sharpe).toBe(result.runs[comparison.index].sharpe - result.runs[1].sharpe);
    }
  });

  it('defaults to baseline 0, seed 0 and 5,000 resamples', () => {
    const result = compareRuns(series.slice(0, 2), { periodsPerYear: 12 });
    expect(result.baseline).toBe(0);
    expect(result.comparisons[0].bootstrap.resamples).toBe(5000);
    expect(result.comparisons[0].bootstrap).toEqual(sharpeDifferenceBootstrap(first.b, first.a, { periodsPerYear: 12, seed: 0 }));
  });

  it('reports the same Sharpe, volatility, annualised return and drawdown as the backtest metrics', () => {
    const riskFree = new Float64Array(96).fill(0.0015);
    const result = compareRuns(series, { periodsPerYear: 12, riskFree, resamples: 99 });
    series.forEach((run, i) => {
      const metrics = computeMetrics(run.netReturns, riskFree, new Float64Array(96), 12, {
        turnover: [],
        weights: new Float64Array(0),
        n: 0,
        statuses: [],
        executed: [],
      });
      expectRelative(result.runs[i].sharpe, metrics.sharpe as number, 1e-14, `${run.name} sharpe`);
      expectRelative(result.runs[i].volatility, metrics.volatility as number, 1e-14, `${run.name} volatility`);
      expectRelative(result.runs[i].annualisedReturn, metrics.annualisedReturn, 1e-14, `${run.name} annualised return`);
      expectRelative(result.runs[i].maxDrawdown, metrics.maxDrawdown, 1e-14, `${run.name} max drawdown`);
    });
  });

  it('does not mutate its inputs', () => {
    const copies = series.map((run) => Float64Array.from(run.netReturns));
    compareRuns(series, { periodsPerYear: 12, resamples: 99 });
    series.forEach((run, i) => expect(run.netReturns).toEqual(copies[i]));
  });
});
