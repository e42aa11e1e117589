/**
 * The report's cleaner section: a `learned-cleaner` pipeline run on a small daily panel records the
 * views of its last window in the run summary (as the runs service stores it), they parse back, and
 * the section draws the three figures; a run without them adds no section.
 */
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { createCleanerModel } from '../../../src/main/engine/cleaner/cleaner-model';
import { createRandom } from '../../../src/main/engine/data/random';
import { runPipeline } from '../../../src/main/engine/pipeline/run-pipeline';
import type { AuditReportData, ReportRun } from '../../../src/main/report/report-data';
import { cleanerSection } from '../../../src/main/report/sections/cleaner-section';
import { runRecord } from '../../../src/main/services/run-record';
import { cleanerRunViewsOf } from '../../../src/shared/domain/cleaner-views';
import type { Panel } from '../../../src/shared/domain/panel';
import { parsePipelineSpec } from '../../../src/shared/pipeline/spec';

const T = 120;
const N = 6;
const random = createRandom(8);
const dates = Array.from({ length: T }, (_, s) => new Date(Date.UTC(2020, 0, 1 + s)).toISOString().slice(0, 10));
const values = new Float64Array(T * N).fill(100);
for (let s = 1; s < T; s++) for (let j = 0; j < N; j++) values[s * N + j] = values[(s - 1) * N + j] * (1 + 0.01 * random.normal());
const primary: Panel = { kind: 'prices', frequency: 'daily', dates, assets: ['A', 'B', 'C', 'D', 'E', 'F'], values };

describe('cleaner report section', () => {
  const parsed = parsePipelineSpec({
    name: 'cleaner',
    seed: 1,
    data: { kind: 'dataset', dataset: 'p', frequency: 'daily' },
    risk: { kind: 'learned-cleaner', lookback: 30 },
    optimiser: { kind: 'minimum-variance', longOnly: true },
    backtest: { start: dates[40], rebalanceEvery: 20, costBps: 0 },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const result = runPipeline(parsed.spec, { primary, cleaner: createCleanerModel({ lookback: 30 }, 1) });
  const stored = JSON.parse(JSON.stringify(runRecord(result).summary)) as unknown;
  const views = cleanerRunViewsOf(stored);

  it('the run stores the views of its last rebalance window, and they survive a JSON round trip', () => {
    const lastRebalance = result.backtest.rebalances[result.backtest.rebalances.length - 1];
    expect(views).not.toBeNull();
    expect(views?.date).toBe(lastRebalance.date);
    expect(views?.windowStart).toBe(dates[dates.indexOf(lastRebalance.date) - 29]);
    expect(views?.n).toBe(N);
    expect(views?.lagWeights.lags).toHaveLength(30);
    expect(views?.eigenvalues.map((s) => s.name)).toEqual(['Learned cleaner', 'QIS', 'RIE']);
    expect(views?.volatility.assets).toEqual(primary.assets);
  });

  it('draws a chapter with the three figures for that run, and nothing for runs without views', () => {
    const run = { label: 'A', cleaner: views } as ReportRun;
    const content = cleanerSection({ runs: [run], datasets: [] } as AuditReportData);
    const text = JSON.stringify(content);
    expect(text).toContain('Learned covariance cleaner');
    expect(text).toContain('Run A: learned covariance cleaner');
    expect(text.match(/<svg/g)?.length).toBe(3);
    expect(cleanerSection({ runs: [{ label: 'B', cleaner: null } as ReportRun], datasets: [] } as AuditReportData)).toEqual([]);
  });
});
