/** Dialects, date formats, layouts and policies, each from a small CSV written to a temp dir. */
import { afterAll, describe, expect, it } from 'vitest';
import { ingestFile, previewFile } from '../../../src/main/ingest';
import { cell, closeTo, ingestError, tempDir } from './helpers';

const dir = tempDir();
afterAll(() => dir.remove());
const EXACT = 1e-12;

/** Three dated rows of two assets, the same numbers in every dialect below. */
const EXPECTED: [string, number, number][] = [
  ['2024-01-02', 1234.5, 10.25],
  ['2024-01-03', 1240, 10.5],
  ['2024-01-04', 1250.75, 10],
];

function expectPanel(panel: Awaited<ReturnType<typeof ingestFile>>['panel'], what: string): void {
  expect(panel.dates, `${what}: dates`).toEqual(EXPECTED.map(([date]) => date));
  expect(panel.assets, `${what}: assets`).toEqual(['AAA', 'BBB']);
  EXPECTED.forEach(([date, a, b]) => {
    closeTo(cell(panel, date, 'AAA'), a, EXACT, `${what} AAA ${date}`);
    closeTo(cell(panel, date, 'BBB'), b, EXACT, `${what} BBB ${date}`);
  });
}

describe('dialects', () => {
  const cases: [string, string | Uint8Array, Record<string, unknown>][] = [
    ['comma.csv', 'date,AAA,BBB\n2024-01-02,1234.5,10.25\n2024-01-03,1240,10.5\n2024-01-04,1250.75,10\n', { delimiter: ',' }],
    ['semicolon-decimal-comma.csv', 'Datum;AAA;BBB\n02.01.2024;1.234,5;10,25\n03.01.2024;1.240;10,5\n04.01.2024;1.250,75;10\n', { delimiter: ';', decimal: ',', thousands: '.', dateFormat: 'DD.MM.YYYY' }],
    ['tab.tsv', 'date\tAAA\tBBB\n2024-01-02\t1234.5\t10.25\n2024-01-03\t1240\t10.5\n2024-01-04\t1250.75\t10\n', { delimiter: '\t' }],
    ['pipe.csv', 'date|AAA|BBB\n2024-01-02|1234.5|10.25\n2024-01-03|1240|10.5\n2024-01-04|1250.75|10\n', { delimiter: '|' }],
    ['quoted-thousands.csv', '"date","AAA","BBB"\n"2024-01-02","1,234.50","10.25"\n"2024-01-03","1,240","10.5"\n"2024-01-04","1,250.75","10"\n', { thousands: ',' }],
    ['bom-crlf.csv', '\uFEFFdate,AAA,BBB\r\n2024-01-02,1234.5,10.25\r\n2024-01-03,1240,10.5\r\n2024-01-04,1250.75,10\r\n', { bom: true, lineEnding: 'CRLF' }],
    ['old-mac-cr.csv', 'date,AAA,BBB\r2024-01-02,1234.5,10.25\r2024-01-03,1240,10.5\r2024-01-04,1250.75,10', { lineEnding: 'CR' }],
    ['descending.csv', 'date,AAA,BBB\n2024-01-04,1250.75,10\n2024-01-03,1240,10.5\n2024-01-02,1234.5,10.25\n', { order: 'descending' }],
    ['unsorted.csv', 'date,AAA,BBB\n2024-01-03,1240,10.5\n2024-01-04,1250.75,10\n2024-01-02,1234.5,10.25\n', { order: 'unsorted' }],
    ['preamble.csv', '# exported by a terminal\nSource: somewhere, somehow\n\ndate,AAA,BBB\n2024-01-02,1234.5,10.25\n2024-01-03,1240,10.5\n2024-01-04,1250.75,10\n\nCopyright someone\n', { headerLine: 4 }],
    ['padded.csv', 'date, AAA, BBB\n2024-01-02, 1234.5, 10.25\n2024-01-03, 1240, 10.5\n2024-01-04, 1250.75, 10\n', {}],
    ['compressed.csv.gz', 'date,AAA,BBB\n2024-01-02,1234.5,10.25\n2024-01-03,1240,10.5\n2024-01-04,1250.75,10\n', { compressed: true }],
  ];
  it.each(cases)('%s', async (name, content, settings) => {
    const { panel, report } = await ingestFile(dir.write(name, content));
    expectPanel(panel, name);
    expect(report.settings).toMatchObject(settings);
  });

  it('Windows-1252 text (a byte 0x92 in a name) is detected and decoded', async () => {
    const bytes = Buffer.concat([Buffer.from('date,S&P'), Buffer.from([0x92]), Buffer.from('s index,BBB\n2024-01-02,1,2\n2024-01-03,3,4\n')]);
    const { panel, report } = await ingestFile(dir.write('cp1252.csv', bytes));
    expect(report.settings.encoding).toBe('windows-1252');
    expect(panel.assets[0]).toBe('S&P\u2019s index');
  });

  it('a quoted field spanning two lines is one logical line', async () => {
    const { panel, report } = await ingestFile(dir.write('multiline.csv', 'date,"AAA\nclass A",BBB\n2024-01-02,1,2\n2024-01-03,3,4\n'));
    expect(panel.assets).toEqual(['AAA class A', 'BBB']);
    expect(report.settings.headerLine).toBe(1);
  });

  it('percent returns with and without % signs become decimals', async () => {
    const signed = await ingestFile(dir.write('pct-signed.csv', 'date,AAA,BBB\n2024-01-02,1.5%,-2%\n2024-01-03,-0.5%,3%\n2024-01-04,0.25%,1%\n'));
    closeTo(cell(signed.panel, '2024-01-02', 'AAA'), 0.015, EXACT, '1.5%');
    const plain = await ingestFile(dir.write('pct-plain.csv', 'date,AAA,BBB\n2024-01-02,1.5,-2\n2024-01-03,-0.5,3\n2024-01-04,0.25,-1\n'), { kind: 'returns', percent: true });
    closeTo(cell(plain.panel, '2024-01-03', 'BBB'), 0.03, EXACT, '3 percent');
    const decimal = await ingestFile(dir.write('decimal-returns.csv', 'date,AAA,BBB\n2024-01-02,0.015,-0.02\n2024-01-03,-0.005,0.03\n2024-01-04,0.0025,-0.01\n'));
    expect([decimal.panel.kind, decimal.report.settings.percent]).toEqual(['returns', false]);
    const guessed = await previewFile(dir.write('pct-guess.csv', 'date,AAA,BBB\n2024-01-02,1.5,-2\n2024-01-03,-0.5,3\n2024-01-04,0.25,-1\n'));
    expect(guessed.kindGuess).toBe('returns');
    expect(guessed.ambiguities.map((a) => a.setting)).toContain('percent');
  });
});

describe('date formats', () => {
  const formats: [string, string[], string[]][] = [
    ['YYYY-MM-DD', ['2024-12-30', '2024-12-31'], ['2024-12-30', '2024-12-31']],
    ['MM/DD/YYYY', ['1/2/2024', '1/31/2024'], ['2024-01-02', '2024-01-31']],
    ['DD/MM/YYYY', ['2/1/2024', '31/1/2024'], ['2024-01-02', '2024-01-31']],
    ['DD.MM.YYYY', ['02.01.2024', '31.01.2024'], ['2024-01-02', '2024-01-31']],
    ['MMM D, YYYY', ['"Dec 30, 2024"', '"Dec 31, 2024"'], ['2024-12-30', '2024-12-31']],
    ['D MMM YYYY', ['30 Dec 2024', '31-Dec-2024'], ['2024-12-30', '2024-12-31']],
    ['YYYY-MM', ['2024-11', '2024-12'], ['2024-11', '2024-12']],
    ['YYYYMM', ['202411', '202412'], ['2024-11', '2024-12']],
    ['YYYYMMDD', ['20241230', '20241231'], ['2024-12-30', '2024-12-31']],
    ['YYYY.MM', ['2024.09', '2024.1'], ['2024-09', '2024-10']],
    ['MM/DD/YY', ['12/30/99', '01/13/00'], ['1999-12-30', '2000-01-13']],
    ['YYYY/MM/DD', ['2024/12/30', '2024/12/31'], ['2024-12-30', '2024-12-31']],
  ];
  it.each(formats)('%s', async (format, keys, iso) => {
    const path = dir.write(`date-${format.replace(/[^A-Z]/gi, '_')}.csv`, `date,X\n${keys.map((key, i) => `${key},${i + 1}`).join('\n')}\n`);
    const { panel, report } = await ingestFile(path);
    expect(report.settings.dateFormat).toBe(format);
    expect(panel.dates).toEqual(iso);
  });

  it('day/month order comes from the whole column: a day above 12 late in the file decides', async () => {
    const rows = ['03/04/2024', '05/06/2024', '07/08/2024', '11/12/2024', '25/12/2024'];
    const { report, panel } = await ingestFile(dir.write('late-decider.csv', `date,X\n${rows.map((r, i) => `${r},${i}`).join('\n')}\n`));
    expect(report.settings.dateFormat).toBe('DD/MM/YYYY');
    expect(panel.dates[0]).toBe('2024-04-03');
  });

  it('undecidable day/month order stops with ambiguous-date-format and lists the candidates; the option settles it', async () => {
    const path = dir.write('ambiguous.csv', 'date,X\n03/04/2024,1\n05/06/2024,2\n07/08/2024,3\n');
    const error = await ingestError(ingestFile(path));
    expect(error.code).toBe('ambiguous-date-format');
    expect(error.message).toMatch(/^ambiguous\.csv: .*MM\/DD\/YYYY and DD\/MM\/YYYY/);
    const preview = await previewFile(path);
    expect(preview.ambiguities.find((a) => a.setting === 'dateFormat')?.candidates).toEqual(['MM/DD/YYYY', 'DD/MM/YYYY']);
    const { panel } = await ingestFile(path, { dateFormat: 'DD/MM/YYYY' });
    expect(panel.dates).toEqual(['2024-04-03', '2024-06-05', '2024-08-07']);
  });

  it('two-digit years follow the pivot, stated in the report', async () => {
    const path = dir.write('yy.csv', 'date,X\n12/30/68,1\n12/31/69,2\n');
    const standard = await ingestFile(path);
    expect([standard.panel.dates, standard.report.settings.twoDigitYearPivot]).toEqual([['1969-12-31', '2068-12-30'], 69]);
    const pivot = await ingestFile(path, { twoDigitYearPivot: 50 });
    expect(pivot.panel.dates).toEqual(['1968-12-30', '1969-12-31']);
  });
});

describe('layouts, sections and policies', () => {
  it('long date,ticker,value pivots to wide; assets sorted; missing pairs are NaN', async () => {
    const { panel, report } = await ingestFile(dir.write('long.csv', 'date,ticker,value\n2024-01-02,BBB,2\n2024-01-02,AAA,1\n2024-01-03,AAA,3\n'));
    expect([panel.assets, panel.dates, report.settings.layout]).toEqual([['AAA', 'BBB'], ['2024-01-02', '2024-01-03'], 'long']);
    expect(Array.from(panel.values)).toEqual([1, 2, 3, NaN]);
  });

  it('long OHLCV takes close by default and another column on request', async () => {
    const text = 'date,open,high,low,close,volume,Name\n2024-01-02,1,2,0.5,1.5,100,AAA\n2024-01-03,1.5,2.5,1,2,200,AAA\n';
    const byDefault = await ingestFile(dir.write('ohlcv.csv', text));
    expect([byDefault.panel.kind, Array.from(byDefault.panel.values)]).toEqual(['prices', [1.5, 2]]);
    const open = await ingestFile(dir.write('ohlcv.csv', text), { valueColumn: 'open' });
    expect(Array.from(open.panel.values)).toEqual([1, 1.5]);
  });

  it('Ken French style: preamble, sections with titles, YYYYMM and YYYY keys, -99.99 missing', async () => {
    const text = [
      'This file was created by CMPT_IND_RETS.',
      'Missing data are indicated by -99.99 or -999.',
      '',
      '  Average Value Weighted Returns -- Monthly',
      ',Food ,Beer ',
      '202401,   1.50,  -99.99',
      '202402,  -2.00,   3.00',
      '',
      '  Average Value Weighted Returns -- Annual',
      ',Food ,Beer ',
      '  2023,  10.00,  -999',
      '',
      'Copyright 2024 Kenneth R. French',
      '',
    ].join('\r\n');
    const path = dir.write('kf.CSV', text);
    const monthly = await ingestFile(path);
    expect([monthly.panel.kind, monthly.panel.assets, monthly.panel.dates]).toEqual(['returns', ['Food', 'Beer'], ['2024-01', '2024-02']]);
    expect(Array.from(monthly.panel.values)).toEqual([0.015, NaN, -0.02, 0.03]);
    expect(monthly.report.sections.map((s) => [s.title, s.rows])).toEqual([['Average Value Weighted Returns -- Monthly', 2], ['Average Value Weighted Returns -- Annual', 1]]);
    const annual = await ingestFile(path, { section: 2 });
    expect([annual.panel.dates, Array.from(annual.panel.values)]).toEqual([['2023-12'], [0.1, NaN]]);
    const unknown = await ingestError(ingestFile(path, { section: 'weekly' }));
    expect(unknown.code).toBe('unknown-section');
  });

  it('duplicate dates: last by default, first on request, error on request with both lines', async () => {
    const path = dir.write('dups.csv', 'date,X\n2024-01-02,1\n2024-01-03,2\n2024-01-02,3\n');
    const last = await ingestFile(path);
    expect([Array.from(last.panel.values), last.report.duplicates]).toEqual([[3, 2], { policy: 'last', count: 1, dates: ['2024-01-02'] }]);
    expect(last.report.droppedRows.items).toContainEqual({ line: 2, reason: 'duplicate date', text: '' });
    const first = await ingestFile(path, { duplicates: 'first' });
    expect(Array.from(first.panel.values)).toEqual([1, 2]);
    const error = await ingestError(ingestFile(path, { duplicates: 'error' }));
    expect([error.code, error.line]).toEqual(['duplicate-date', 4]);
  });

  it('missing policies: forward-fill up to k, drop thin assets; reported', async () => {
    const path = dir.write('gaps.csv', 'date,AAA,BBB\n2024-01-01,1,\n2024-01-02,,\n2024-01-03,,\n2024-01-04,,5\n2024-01-05,2,6\n2024-01-06,3,\n');
    const ffill = await ingestFile(path, { missing: { policy: 'ffill', limit: 2 } });
    expect(Array.from(ffill.panel.values)).toEqual([1, NaN, 1, NaN, 1, NaN, NaN, 5, 2, 6, 3, 6]);
    expect(ffill.report.missing.filledCells).toBe(3);
    const drop = await ingestFile(path, { missing: { policy: 'drop', minCoverage: 0.5 } });
    expect([drop.panel.assets, drop.report.missing.droppedAssets]).toEqual([['AAA'], ['BBB']]);
    expect(drop.report.coverage).toEqual([{ asset: 'AAA', first: '2024-01-01', last: '2024-01-06', observations: 3, share: 0.5, gaps: 3 }]);
  });

  it('price checks: non-positive prices, stale runs, jumps, split-like ratios', async () => {
    const rows = ['date,AAA,BBB'];
    for (let day = 1; day <= 12; day++) rows.push(`2024-01-${String(day).padStart(2, '0')},${day === 6 ? 0 : 10 + day},${day <= 6 ? 100 : 50}`);
    rows.push('2024-01-13,23,150');
    const { report } = await ingestFile(dir.write('checks.csv', rows.join('\n')), { kind: 'prices' });
    expect(report.nonPositive.items).toEqual([{ asset: 'AAA', date: '2024-01-06', value: 0 }]);
    // AAA moves less than 50 % a day except through its 0 (no ratio from a non-positive price).
    expect(report.jumps.items).toEqual([
      { asset: 'BBB', date: '2024-01-07', previousDate: '2024-01-06', ratio: 0.5, splitLike: 0.5 },
      { asset: 'BBB', date: '2024-01-13', previousDate: '2024-01-12', ratio: 3, splitLike: 3 },
    ]);
    expect(report.staleRuns.items).toEqual([]);
    const stale = await ingestFile(dir.write('stale.csv', ['date,X', ...Array.from({ length: 12 }, (_, i) => `2024-02-${String(i + 1).padStart(2, '0')},7`)].join('\n')), { kind: 'prices' });
    expect(stale.report.staleRuns.items).toEqual([{ asset: 'X', start: '2024-02-01', end: '2024-02-12', length: 12, value: 7 }]);
  });

  it('provenance records every option used, and replaying them gives the same panel and hash', async () => {
    const path = dir.write('replay.csv', 'Datum;AAA;BBB\n02.01.2024;1.234,5;10,25\n03.01.2024;1.240;10,5\n04.01.2024;1.250,75;10\n');
    const first = await ingestFile(path);
    expect(Object.keys(first.provenance.options)).toEqual([
      'kind', 'layout', 'delimiter', 'decimal', 'thousands', 'encoding', 'dateFormat', 'headerLine', 'section', 'dateColumn',
      'missing', 'percent', 'missingValues', 'twoDigitYearPivot', 'duplicates',
    ]);
    const again = await ingestFile(path, first.provenance.options);
    expect(again.provenance).toEqual(first.provenance);
    expect(Array.from(again.panel.values)).toEqual(Array.from(first.panel.values));
    expect(first.provenance.sizeBytes).toBe(84);
  });

  it('preview: detected settings, first rows in file order, kind guess', async () => {
    const preview = await previewFile(dir.write('preview.csv', 'date,AAA,BBB\n2024-01-04,1250.75,10\n2024-01-03,1240,\n'));
    expect(preview.header).toEqual(['date', 'AAA', 'BBB']);
    expect(preview.rows).toEqual([
      { line: 2, date: '2024-01-04', values: [1250.75, 10] },
      { line: 3, date: '2024-01-03', values: [1240, null] },
    ]);
    expect([preview.kindGuess, preview.settings.order, preview.settings.layout]).toEqual(['prices', 'descending', 'wide']);
    expect(preview.settings.detected).toContain('dateFormat');
  });
});
