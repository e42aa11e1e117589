/** Automatic findings on hand-built runs: each fires at its threshold, with its number, and not below. */
import { describe, expect, it } from 'vitest';
import type { BacktestMetrics } from '../../../src/main/engine/backtest/types';
import { auditFindings, DEFAULT_THRESHOLDS, sharpeStandardError } from '../../../src/main/report/findings';
import type { AuditReportData, ReportDataset, ReportRun } from '../../../src/main/report/report-data';
import { importFacts } from '../../../src/main/report/import-facts';
import { sharpeTests, type SharpeTests } from '../../../src/main/report/sharpe-tests';

const METRICS: BacktestMetrics = {
  periods: 240,
  years: 20,
  annualisedReturn: 0.08,
  cagr: 0.075,
  volatility: 0.15,
  sharpe: 0.8,
  sortino: 1.1,
  maxDrawdown: 0.3,
  calmar: 0.25,
  turnover: 0.05,
  annualisedTurnover: 0.6,
  effectiveN: 20,
  hitRate: 0.6,
  totalCost: 0.02,
  annualisedCost: 0.001,
  finalEquity: 4.2,
  rebalances: 240,
  failedRebalances: 0,
  statusCounts: { solved: 240 },
};

/** A monthly run over 4 assets holding 25 % each, unless overridden. */
function run(overrides: Partial<Omit<ReportRun, 'metrics'>> & { metrics?: Partial<BacktestMetrics> } = {}): ReportRun {
  const { metrics, ...rest } = overrides;
  const r = 3;
  return {
    label: 'A',
    id: 'run-a',
    name: 'test pipeline',
    createdAt: '2024-01-01T00:00:00Z',
    finishedAt: '2024-01-01T00:01:00Z',
    seed: 1,
    spec: {},
    metrics: { ...METRICS, ...metrics },
    strategy: 'test',
    frequency: 'monthly',
    periodsPerYear: 12,
    lookback: 60,
    costModel: { proportionalBps: 10, slippageBps: 0 },
    excluded: [],
    missingHeldReturns: 0,
    dates: ['2000-01', '2000-02', '2000-03'],
    assets: ['w', 'x', 'y', 'z'],
    netReturns: new Float64Array(3),
    grossReturns: new Float64Array(3),
    costs: new Float64Array(3),
    weights: new Float64Array(r * 4).fill(0.25),
    rebalances: ['2000-01', '2000-02', '2000-03'].map((date) => ({ date, status: 'solved', executed: true, turnover: 0, universeSize: 4 })),
    trains: false,
    training: null,
    tfBackend: null,
    datasets: [],
    ...rest,
  };
}

const sentences = (data: AuditReportData): string[] => auditFindings(data).map((finding) => finding.sentence);

describe('auditFindings', () => {
  it('finds nothing in a diversified, cheap, solved, long run', () => {
    // Four weights of exactly 25 % are at the position threshold, not above it.
    expect(sentences({ runs: [run()], datasets: [] })).toEqual([]);
  });

  it('flags concentration below the effective-N threshold, not at it', () => {
    expect(sentences({ runs: [run({ metrics: { effectiveN: 10 * (1 - 1e-12) } })], datasets: [] }).join(' ')).not.toContain('concentrated');
    const found = sentences({ runs: [run({ metrics: { effectiveN: 4.04 } })], datasets: [] });
    expect(found).toContain('Run A (test pipeline) is concentrated: its effective number of holdings averages 4.0 (threshold 10) in a universe of 4 assets.');
  });

  it('flags the largest single position with asset, date and size', () => {
    const weights = new Float64Array(12).fill(0.2);
    weights[5] = 0.4;
    expect(sentences({ runs: [run({ weights })], datasets: [] })).toContain('Run A (test pipeline) holds up to 40.0 % of its value in one asset (x on 2000-02; threshold 25 %).');
  });

  it('flags turnover, costs, failed and inaccurate solves and excluded assets with their numbers', () => {
    const found = sentences({
      runs: [run({ excluded: ['e1', 'e2'], metrics: { annualisedTurnover: 3.456, annualisedCost: 0.0123, failedRebalances: 3, rebalances: 240, statusCounts: { solved: 230, 'solved-inaccurate': 7, 'max-iterations': 3 } } })],
      datasets: [],
    });
    expect(found).toContain('Run A (test pipeline) trades 346 % of its value a year one-way (threshold 200 %).');
    expect(found).toContain('Run A (test pipeline) pays 1.23 % of its value a year in transaction costs (threshold 1.00 %).');
    expect(found).toContain('Run A (test pipeline) failed to solve 3 of 240 rebalances (1.3 %; max-iterations 3) and kept the drifted weights there.');
    expect(found).toContain('Run A (test pipeline) accepted 7 of 240 solutions that the solver flagged as inaccurate (solved-inaccurate).');
    expect(found).toContain('Run A (test pipeline) left out 2 of 6 assets (33.3 %; threshold 20 %) for low coverage, which can bias results towards survivors.');
  });

  it('notes a Sharpe ratio within 1.96 standard errors of zero, and not one beyond', () => {
    // Lo (2002), i.i.d.: per-period s = SR/√A over T = A·years periods, SE(ŝ) = √((1 + s²/2)/T), annualised ×√A.
    const se = (sr: number, years: number, a: number): number => Math.sqrt(a) * Math.sqrt((1 + (sr / Math.sqrt(a)) ** 2 / 2) / (a * years));
    for (const [sr, years, a] of [[1, 10, 12], [0.3, 5, 252], [2.5, 3, 52]]) {
      const difference = Math.abs(sharpeStandardError(sr, years, a) - se(sr, years, a));
      expect(difference, `SE(${sr}, ${years} y, A ${a}) differs by ${difference}, tolerance 1e-15`).toBeLessThan(1e-15);
    }
    // SR = 1, 10 years monthly: SE = √((1 + 1/24)/10) = 0.3227486…
    expect(Math.abs(sharpeStandardError(1, 10, 12) - 0.32274861218395)).toBeLessThan(1e-13);
    const weak = sentences({ runs: [run({ metrics: { sharpe: 0.4, years: 4 } })], datasets: [] });
    expect(weak).toContain("Run A (test pipeline)'s Sharpe ratio of 0.40 is within 1.96 standard errors (0.50 each, Lo 2002) of zero: over 4.0 years it is not significant at 5 %.");
    expect(weak).toContain('Run A (test pipeline) is evaluated on only 4.0 years out of sample (threshold 5).');
    expect(sentences({ runs: [run({ metrics: { sharpe: 0.8, years: 20 } })], datasets: [] }).join(' ')).not.toContain('significant');
  });

  it('flags training that never beat its initial weights', () => {
    const found = sentences({ runs: [run({ trains: true, training: { epochs: 15, bestEpoch: 0, stopReason: 'early-stopping', initialTrainLoss: 1, finalTrainLoss: 0.9, bestValLoss: 1.2 } })], datasets: [] });
    expect(found).toContain("Run A (test pipeline)'s training never improved the validation loss on the initial weights in 15 epochs: the model kept its initialisation.");
  });

  it('reports dataset jumps, dropped rows, missing data and deleted datasets', () => {
    const stored = (facts: ReturnType<typeof importFacts>): ReportDataset['stored'] => ({ kind: 'prices', frequency: 'daily', assets: 3, observations: 100, firstDate: '2000-01-03', lastDate: '2000-05-19', missingShare: 0.08, importedAt: '2024-01-01T00:00:00Z', facts });
    const facts = importFacts(
      {
        rowsRead: 102,
        droppedRows: { count: 2, items: [] },
        droppedByReason: { 'unparseable date': 2 },
        jumps: { count: 3, items: [{ asset: 'x', date: 'd', previousDate: 'p', ratio: 0.5, splitLike: 0.5 }, { asset: 'y', date: 'd', previousDate: 'p', ratio: 3.3 }] },
        missing: { policy: { policy: 'ffill', limit: 5 }, shareBefore: 0.1, shareAfter: 0.08, filledCells: 6, droppedAssets: [] },
      },
      null,
    );
    const found = sentences({
      runs: [],
      datasets: [
        { id: 'd1', name: 'prices', sha256: 'f'.repeat(64), usedBy: [], stored: stored(facts) },
        { id: 'd2', name: 'gone', sha256: 'e'.repeat(64), usedBy: [], stored: null },
      ],
    });
    expect(found).toEqual([
      'Dataset prices has 3 price jumps flagged at import; 1 of the 2 listed look like unadjusted splits.',
      'Dataset prices dropped 2 of 102 rows at import (unparseable date: 2).',
      'Dataset prices is 8.0 % missing after import (policy: forward-fill (limit 5); threshold 5 %).',
      'Dataset gone is no longer in the store: only its name and SHA-256 recorded on the run can be shown.',
    ]);
  });

  it('warns when compared runs cover different periods', () => {
    const b = run({ label: 'B', id: 'run-b', dates: ['2000-02', '2000-03', '2000-04'] });
    const found = auditFindings({ runs: [run(), b], datasets: [] }).filter((finding) => finding.topic === 'comparison');
    expect(found.map((finding) => finding.sentence)).toEqual(['Runs A and B cover different periods (2000-01 to 2000-03 and 2000-02 to 2000-04): their metric differences mix strategy and period.']);
  });

  it('warns when a Sharpe difference is not significant, and says why a comparison was not tested', () => {
    const b = run({ label: 'B', id: 'run-b' });
    const tests = (pValue: number): SharpeTests => ({
      ok: true,
      first: '2000-01',
      last: '2000-03',
      periods: 240,
      baselineSharpe: 0.8,
      blockLength: 7,
      resamples: 5000,
      tests: [{ label: 'B', name: 'b', sharpe: 0.93, difference: 0.1345, jkmStatistic: 0.9, jkmPValue: 0.36812, bootstrapPValue: pValue, interval: [-0.2, 0.45] }],
    });
    const significance = (found: ReturnType<typeof auditFindings>): string[] => found.filter((finding) => finding.topic === 'significance').map((finding) => finding.sentence);
    expect(significance(auditFindings({ runs: [run(), b], datasets: [] }, DEFAULT_THRESHOLDS, tests(0.41)))).toEqual([
      "Run B's Sharpe ratio differs from run A's by +0.13, which is not significant at 5 %: bootstrap p = 0.410, Jobson–Korkie–Memmel p = 0.368 over 240 common periods.",
    ]);
    expect(significance(auditFindings({ runs: [run(), b], datasets: [] }, DEFAULT_THRESHOLDS, tests(0.049)))).toEqual([]);
    expect(significance(auditFindings({ runs: [run(), b], datasets: [] }, DEFAULT_THRESHOLDS, { ok: false, reason: 'the runs share 3 periods; the tests need at least 12' }))).toEqual([
      'The Sharpe-ratio differences were not tested: the runs share 3 periods; the tests need at least 12.',
    ]);
  });

  it('uses the thresholds it is given', () => {
    const strict = auditFindings({ runs: [run()], datasets: [] }, { ...DEFAULT_THRESHOLDS, minEffectiveN: 50 });
    expect(strict.map((finding) => finding.topic)).toContain('concentration');
  });
});

describe('importFacts', () => {
  it('reads what an old or empty report has and leaves the rest null', () => {
    const facts = importFacts(null, undefined);
    expect(facts).toMatchObject({ fileName: null, rowsRead: null, droppedRows: null, jumps: null, missing: null, warnings: [] });
  });
});

describe('sharpeTests', () => {
  it('explains why runs of different frequency or with too few common periods are not tested', () => {
    const monthly = { periodsPerYear: 12, dates: Array.from({ length: 24 }, (_, i) => `p${i}`), netReturns: Float64Array.from({ length: 24 }, (_, i) => 0.01 * Math.sin(i + 1)) };
    const a = { label: 'A', name: 'a', ...monthly } as unknown as ReportRun;
    const daily = { ...a, label: 'B', periodsPerYear: 252 } as ReportRun;
    expect(sharpeTests([a, daily])).toEqual({ ok: false, reason: 'the runs have different frequencies (12, 252 periods a year), so their returns cannot be paired period by period' });
    const late = { ...a, label: 'B', dates: monthly.dates.map((date, i) => (i < 20 ? `q${i}` : date)) } as ReportRun;
    expect(sharpeTests([a, late])).toEqual({ ok: false, reason: 'the runs share 4 periods; the tests need at least 12' });
    const flat = { ...a, label: 'B', netReturns: new Float64Array(24).fill(0.01) } as ReportRun;
    const result = sharpeTests([a, flat]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^the tests could not be computed: .*series\[1\]/);
  });
});
