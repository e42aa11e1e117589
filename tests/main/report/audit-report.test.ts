/**
 * The PDF audit report end to end: real runs of the engine on the real Ken French 10-industry
 * monthly file in a real store, exported, then read back with pdftotext / pdfinfo / pdftoppm.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../../src/main/engine/stats';
import { formatDifference, formatPValue, formatRatio } from '../../../src/main/report/format';
import { loadReportData } from '../../../src/main/report/load-report-data';
import { writeAuditReport } from '../../../src/main/report/write-audit-report';
import { createReportStore, type ReportStore } from './report-store';
import { pdfPages, pdfText, renderedPageSizes } from './pdf-tools';

const BACKTEST = { start: '2000-01', end: '2020-12', costBps: 10 };
const STAMP = { appVersion: '9.8.7-test', tfBackend: 'cpu (test)', generatedAt: new Date('2024-05-01T09:30:00Z') };

let fixture: ReportStore;
let out: string;
let equalWeight: string;
let gmv: string;

beforeAll(async () => {
  fixture = await createReportStore();
  out = mkdtempSync(join(tmpdir(), 'pa-report-out-'));
  equalWeight = fixture.run({ name: 'FF10 equal weight', seed: 3, risk: { kind: 'estimator', estimator: 'sample', lookback: 60 }, optimiser: { kind: 'equal-weight' }, backtest: BACKTEST });
  gmv = fixture.run({ name: 'FF10 GMV Ledoit–Wolf', seed: 5, risk: { kind: 'estimator', estimator: 'ledoit-wolf', lookback: 60 }, optimiser: { kind: 'minimum-variance', longOnly: true }, backtest: BACKTEST });
});

afterAll(() => {
  fixture.dispose();
  rmSync(out, { recursive: true, force: true });
});

/** The words of a layout line, so column spacing does not matter. */
function row(text: string, label: string): string[] {
  const line = text.split('\n').find((candidate) => candidate.trimStart().startsWith(label));
  if (!line) throw new Error(`no line starts with "${label}" in the PDF text`);
  return line.trim().slice(label.length).trim().split(/\s+/);
}

describe('audit report of two runs', { timeout: 60_000 }, () => {
  let text = '';
  let path = '';

  beforeAll(async () => {
    path = join(out, 'two.pdf');
    const written = await writeAuditReport(fixture.store, [equalWeight.slice(0, 8), gmv], path, STAMP);
    expect(written.runIds).toEqual([equalWeight, gmv]);
    expect(written.bytes).toBe(readFileSync(path).byteLength);
    text = pdfText(path);
  });

  it('states both Sharpe ratios as the report formats them, and their difference', () => {
    const data = loadReportData(fixture.store, [equalWeight, gmv]);
    const [a, b] = data.runs.map((run) => run.metrics.sharpe as number);
    expect(a).toBeGreaterThan(0);
    const cells = row(text, 'Sharpe ratio');
    // The first "Sharpe ratio" row is run A's metrics table: value then definition.
    expect(cells[0], `run A's Sharpe ${a} printed as ${cells[0]}`).toBe(formatRatio(a));
    const comparison = text.split('\n').filter((line) => line.trimStart().startsWith('Sharpe ratio')).map((line) => line.trim().split(/\s+/).slice(2));
    expect(comparison).toContainEqual([formatRatio(a), formatRatio(b), `${b - a >= 0 ? '+' : '−'}${Math.abs(b - a).toFixed(2)}`]);
  });

  it('prints the Sharpe-difference tests of engine/stats on the runs\' common periods', () => {
    const data = loadReportData(fixture.store, [equalWeight, gmv]);
    // Both runs cover the same 252 months, so the stored series are already aligned.
    const reference = compareRuns(
      data.runs.map((run) => ({ name: run.label, netReturns: run.netReturns })),
      { periodsPerYear: 12, seed: 0 },
    ).comparisons[0];
    const section = text.slice(text.lastIndexOf('Is the Sharpe-ratio difference significant?'));
    const cells = section
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .find((words) => words[0] === 'B');
    expect(cells, 'the row of run B in the tests table').toBeDefined();
    expect(cells).toEqual([
      'B',
      formatRatio(reference.jobsonKorkieMemmel.sharpeA),
      formatDifference(reference.differences.sharpe),
      formatRatio(reference.jobsonKorkieMemmel.statistic),
      formatPValue(reference.jobsonKorkieMemmel.pValue),
      formatPValue(reference.bootstrap.pValue),
      formatRatio(reference.bootstrap.interval[0]),
      'to',
      formatRatio(reference.bootstrap.interval[1]),
    ]);
  });

  it('carries the dataset hash, the import facts, seeds, versions and statuses', () => {
    expect(fixture.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(text).toContain(fixture.sha256);
    expect(text).toContain('ff-10-industry-monthly.csv.gz');
    expect(row(text, 'Rows read / kept').join(' ')).toMatch(/^[\d\u2009 ]+ \/ [\d\u2009 ]+$/);
    expect(text).toContain('Portfolio Pipeline Auditor 9.8.7-test');
    expect(text).toContain('cpu (test)');
    expect(text).toContain('2024-05-01 09:30 UTC');
    expect(row(text, 'Seed')[0]).toBe('3');
    expect(text).toMatch(/Solver statuses\s+solved 252/);
    expect(text).toMatch(/Solver statuses\s+ok 252/);
  });

  it('has every section heading, in order, and the specs as JSON in the appendix', () => {
    const headings = ['Contents', '1 Findings', '2 Provenance', '2.1 Datasets', '2.2 Runs', '2.3 Pipeline specs by stage', '3 Performance', '3.1 Run A', '3.2 Run B', '4 Comparison', '4.1 Metrics side by side', '4.2 Is the Sharpe-ratio difference significant?', '4.3 Equity and drawdown overlaid', 'Appendix A Pipeline specs'];
    const flat = text.replace(/[ \t]+/g, ' ');
    let from = flat.indexOf('Contents');
    // Past the table of contents: find each heading after the previous one in the body.
    from = flat.indexOf('1 Findings', flat.indexOf('Appendix A Pipeline specs', from) + 1);
    expect(from, 'the Findings heading after the contents').toBeGreaterThan(0);
    for (const heading of headings.slice(2)) {
      const at = flat.indexOf(heading, from);
      expect(at, `heading "${heading}" after offset ${from}`).toBeGreaterThan(from);
      from = at;
    }
    expect(flat).toContain('"estimator": "ledoit-wolf"');
    expect(flat).toContain('"name": "FF10 GMV Ledoit\\u2013Wolf"');
    expect(flat).toContain(`"dataset": "${fixture.datasetId}"`);
  });

  it('flags the minimum-variance run as concentrated and not the equal-weight one', () => {
    const findings = text.split('\n').filter((line) => line.includes('is concentrated'));
    expect(findings.some((line) => line.includes('Run B'))).toBe(true);
    expect(findings.some((line) => line.includes('Run A'))).toBe(false);
  });

  it('renders every page', () => {
    const pages = pdfPages(path);
    expect(pages).toBeGreaterThan(5);
    const sizes = renderedPageSizes(path, 50);
    expect(sizes).toHaveLength(pages);
    for (const [page, size] of sizes.entries()) expect(size, `page ${page + 1} PNG bytes`).toBeGreaterThan(1000);
  });
});

describe('audit report of one run', { timeout: 60_000 }, () => {
  it('has no comparison section', async () => {
    const path = join(out, 'one.pdf');
    await writeAuditReport(fixture.store, [gmv], path, STAMP);
    const text = pdfText(path).replace(/[ \t]+/g, ' ');
    expect(text).toContain('3.1 Run A — FF10 GMV Ledoit–Wolf');
    expect(text).not.toContain('4 Comparison');
    expect(pdfPages(path)).toBe(renderedPageSizes(path, 50).length);
  });
});

describe('refusals', { timeout: 60_000 }, () => {
  it('names an unknown run id and writes nothing', async () => {
    const path = join(out, 'unknown.pdf');
    await expect(writeAuditReport(fixture.store, [gmv, 'feedface'], path, STAMP)).rejects.toThrow('no run has the id or unique id prefix "feedface"');
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a run given twice, an empty list and a missing folder', async () => {
    await expect(writeAuditReport(fixture.store, [gmv, gmv.slice(0, 6)], join(out, 'twice.pdf'), STAMP)).rejects.toThrow(`run ${gmv} is given twice`);
    await expect(writeAuditReport(fixture.store, [], join(out, 'none.pdf'), STAMP)).rejects.toThrow('runIds is empty');
    await expect(writeAuditReport(fixture.store, [gmv], join(out, 'no-such-folder', 'r.pdf'), STAMP)).rejects.toThrow('does not exist');
    expect(readdirSync(out).filter((file) => /twice|none/.test(file))).toEqual([]);
  });

  it('refuses a run that did not succeed, naming its state and error', async () => {
    const jobId = 'job-failed';
    fixture.store.jobs.create(jobId, 'pipeline-run', 'failed run', null);
    fixture.store.runs.start({ id: 'failed-run-id', name: 'broken', jobId, spec: {}, seed: 1, datasets: [] });
    fixture.store.runs.fail('failed-run-id', 'failed', 'solver exploded');
    await expect(writeAuditReport(fixture.store, ['failed-run-id'], join(out, 'failed.pdf'), STAMP)).rejects.toThrow('run failed-run-id (broken) is failed: solver exploded; only a succeeded run has results to report');
  });

  it('leaves an existing file untouched and no temporary file when rendering fails', async () => {
    const path = join(out, 'kept.pdf');
    writeFileSync(path, 'previous report');
    await expect(writeAuditReport(fixture.store, [gmv], path, { ...STAMP, generatedAt: new Date(Number.NaN) })).rejects.toThrow('generatedAt is an invalid Date');
    expect(readFileSync(path, 'utf8')).toBe('previous report');
    expect(readdirSync(out).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it('calls a lazy tfjs backend only when a run trains', async () => {
    let asked = 0;
    const path = join(out, 'lazy.pdf');
    await writeAuditReport(fixture.store, [gmv], path, { ...STAMP, tfBackend: async () => `asked ${++asked}` });
    expect(asked).toBe(0);
    expect(pdfText(path)).toContain('not used (no run trains a model)');
  });
});
