/**
 * The report's attribution and explanation sections: records stored with a run (migration 6) are
 * loaded with it, printed into the PDF (read back with pdftotext), an implausible explanation
 * becomes a warning and a non-converged one a note, and a run without records adds no section.
 * The records are written by hand (schema-checked) so every printed figure is known here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFindings } from '../../../src/main/report/findings';
import { loadReportData } from '../../../src/main/report/load-report-data';
import { attributionSection } from '../../../src/main/report/sections/attribution-section';
import { explainSection } from '../../../src/main/report/sections/explain-section';
import { writeAuditReport } from '../../../src/main/report/write-audit-report';
import { ExplanationsRepo } from '../../../src/main/store/explanations-repo';
import { ExplainRecordSchema, type ExplainRecord } from '../../../src/shared/domain/explain';
import { pdfText, renderedPageSizes } from './pdf-tools';
import { createReportStore, type ReportStore } from './report-store';

let fixture: ReportStore;
let out: string;
let explained: string;
let plain: string;

const summary = (mean: number, sd: number) => ({ mean, sd, q05: mean - 1.645 * sd, q25: mean - 0.674 * sd, q50: mean, q75: mean + 0.674 * sd, q95: mean + 1.645 * sd });
const histogram = (shift: number) => ({ edges: [-2, -1, 0, 1, 2], prior: [0.1, 0.4, 0.4, 0.1], posterior: shift > 0 ? [0, 0.1, 0.4, 0.5] : [0.5, 0.4, 0.1, 0] });
const run = (id: string) => ({ id, name: 'FF10 equal weight', training: 'decoupled', fitMonth: '2019-12', assets: 10 });

function explanation(runId: string, implausible: boolean, passed: boolean): ExplainRecord {
  return ExplainRecordSchema.parse({
    kind: 'explanation',
    id: `expl-${implausible}`,
    runId,
    versusRunId: null,
    jobId: 'job-1',
    createdAt: implausible ? '2024-05-02T10:00:00Z' : '2024-05-01T10:00:00Z',
    anchor: '2019-01',
    title: `concentration (decrease) at 2019-01, τ = ${implausible ? 0.1 : 0.5}`,
    question: 'concentration',
    passed,
    implausible,
    result: {
      request: { runId, question: 'concentration', anchor: '2019-01', tau: implausible ? 0.1 : 0.5, direction: 'decrease', chains: 4, steps: 4000, seed: 1 },
      runs: [run(runId)],
      probe: '+entropy(w): concentrate',
      probeScale: 0.11,
      prior: { variables: ['TB3MS', 'BAA'], firstMonth: '1999-12', lastMonth: '2018-12', months: 229, spectralRadius: 0.973 },
      variables: [
        { name: 'TB3MS', anchor: 0.4, prior: summary(0.2, 0.5), posterior: summary(1.1, 0.4), shift: 1.8, histogram: histogram(1), rhat: 1.012, essBulk: 812, mcseMean: 0.01 },
        { name: 'BAA', anchor: -0.3, prior: summary(0, 1), posterior: summary(-0.62, 0.8), shift: -0.62, histogram: histogram(-1), rhat: 1.004, essBulk: 1430, mcseMean: 0.02 },
      ],
      outcomes: [
        { key: 'effectiveN', label: 'effective number of holdings 1/HHI', atAnchor: 36, before: summary(35.5, 2), after: summary(7.25, 1.5), histogram: histogram(-1) },
        { key: 'maxWeight', label: 'largest weight', atAnchor: 0.05, before: summary(0.06, 0.01), after: summary(0.31, 0.05), histogram: histogram(1) },
      ],
      diagnostics: { sampler: 'mala', chains: 4, steps: 4000, burnIn: 1000, acceptance: [0.55, 0.58, 0.61, 0.52], acceptanceBand: [0.4, 0.7], acceptanceInBand: true, worstRhat: passed ? 1.012 : 1.21, worstEss: passed ? 812 : 37, gates: { maxRhat: 1.05, minEss: 100 }, passed, elapsedMs: 4200 },
      plausibility: { medianDistance: implausible ? 6.41 : 2.08, percentile: implausible ? 0.997 : 0.689, threshold: 5.2, implausible },
      analogs: [
        { month: '2008-10', distance: 0.92, nfci: 2.13, regime: 'tight' },
        { month: '2001-09', distance: 1.41, nfci: null, regime: null },
      ],
      nfciSource: { id: 'n1', name: 'nfci-data-series-csv' },
      findings: implausible ? [{ severity: 'warning', message: 'the median scenario is farther from the prior mean than 99.7 % of history' }] : [],
    },
  });
}

function attribution(runId: string): ExplainRecord {
  const bars = (scale: number) => [
    { group: 'momentum-12-1', kind: 'characteristic', value: 0.0123 * scale, magnitude: 0.02 },
    { group: 'TB3MS', kind: 'macro', value: -0.0045 * scale, magnitude: 0.01 },
  ];
  return ExplainRecordSchema.parse({
    kind: 'attribution',
    id: 'attr-1',
    runId,
    versusRunId: null,
    jobId: 'job-2',
    createdAt: '2024-04-30T10:00:00Z',
    anchor: '2019-01',
    title: 'ig attribution at 2019-01',
    method: 'ig',
    result: {
      request: { runId, method: 'ig', anchor: '2019-01', background: 32, seed: 1 },
      anchor: '2019-01',
      method: 'ig',
      groups: [{ name: 'momentum-12-1', kind: 'characteristic' }, { name: 'TB3MS', kind: 'macro' }],
      runs: [
        {
          run: run(runId),
          targets: [
            { target: 'mu', label: 'μ̂ (mean over assets)', bars: [{ group: 'momentum-12-1', kind: 'characteristic', value: 1e-20, magnitude: 0.0031 }, { group: 'TB3MS', kind: 'macro', value: -2e-20, magnitude: 0.0017 }], delta: 0, completenessGap: 1e-18, converged: true, steps: 16 },
            { target: 'return', label: 'wᵀr of the holding month', bars: bars(1), delta: 0.0078, completenessGap: 2.5e-6, converged: true, steps: 64 },
          ],
          matrices: [{ target: 'return', assets: ['NoDur', 'Durbl'], groups: ['momentum-12-1', 'TB3MS'], values: [[0.01, -0.002], [0.0023, -0.0025]] }],
        },
      ],
      elapsedMs: 4100,
    },
  });
}

beforeAll(async () => {
  fixture = await createReportStore();
  out = mkdtempSync(join(tmpdir(), 'pa-report-explain-'));
  explained = fixture.run({ name: 'FF10 equal weight', optimiser: { kind: 'equal-weight' }, backtest: { start: '2015-01', end: '2020-12' } });
  plain = fixture.run({ name: 'FF10 equal weight (no records)', optimiser: { kind: 'equal-weight' }, backtest: { start: '2015-01', end: '2020-12' } });
  const repo = new ExplanationsRepo(fixture.store.db);
  for (const record of [attribution(explained), explanation(explained, false, true), explanation(explained, true, false)]) repo.insert(record);
}, 60_000);

afterAll(() => {
  fixture.dispose();
  rmSync(out, { recursive: true, force: true });
});

describe('attribution and explanation sections', { timeout: 60_000 }, () => {
  it('loads the records of the run it reports, oldest first, and none for another run', () => {
    const data = loadReportData(fixture.store, [explained, plain]);
    expect(data.runs[0].explain?.map((record) => record.id)).toEqual(['attr-1', 'expl-false', 'expl-true']);
    expect(data.runs[1].explain).toEqual([]);
    const without = loadReportData(fixture.store, [plain]);
    expect([attributionSection(without), explainSection(without)]).toEqual([[], []]);
  });

  it('makes an implausible explanation a warning and a non-converged one a note, each naming its numbers', () => {
    const findings = auditFindings(loadReportData(fixture.store, [explained])).filter((finding) => finding.topic === 'explanation');
    expect(findings.map((finding) => finding.severity)).toEqual(['warning', 'note']);
    expect(findings[0].sentence).toContain('"concentration (decrease) at 2019-01, τ = 0.1" is implausible');
    expect(findings[0].sentence).toContain('distance 6.41, farther than 99.7 % of historical months (threshold 5.20)');
    expect(findings[1].sentence).toContain('worst R-hat 1.210, threshold 1.05; worst ESS 37, threshold 100');
  });

  it('prints both sections into the PDF with the stored figures', async () => {
    const path = join(out, 'explain.pdf');
    await writeAuditReport(fixture.store, [explained], path, { appVersion: 'test', tfBackend: 'cpu (test)', generatedAt: new Date('2024-05-03T09:30:00Z') });
    const text = pdfText(path).replace(/\s+/g, ' ');
    expect(text).toContain('Attributions');
    expect(text).toContain('Run A: ig attribution at 2019-01');
    expect(text).toMatch(/momentum-12-1 characteristic 0\.0123/);
    expect(text).toMatch(/TB3MS macro -0\.0045/);
    expect(text).toContain('mean |attribution| per asset');
    expect(text).toContain('completeness gap 2.50e-6 after 64 steps');
    expect(text).toContain('Counterfactual explanations');
    expect(text).toContain('Run A: concentration (decrease) at 2019-01, τ = 0.5');
    expect(text).toMatch(/TB3MS 0\.400 0\.200 0\.500 1\.100 \+1\.80 1\.012 812/);
    expect(text).toMatch(/effective number of holdings 1\/HHI 36\.0 35\.5 7\.250/);
    expect(text).toContain('IMPLAUSIBLE');
    expect(text).toContain('FAILED');
    expect(text).toMatch(/2008-10 0\.92 2\.13 tight/);
    expect(text).toContain('NFCI from nfci-data-series-csv');
    expect(text).toContain('Warning A explanation');
    expect(text).toContain('μ-hat (mean over assets)');
    expect(text).toContain("w'r of the holding month");
    expect(text).toContain('worst R-hat 1.210 (≤ 1.05)');
    expect(text).toContain('p_τ proportional to exp(−G/τ)');
    const pages = renderedPageSizes(path, 40);
    expect(pages.every((bytes) => bytes > 1000), `rendered page sizes ${pages.join(', ')}`).toBe(true);
  });
});
