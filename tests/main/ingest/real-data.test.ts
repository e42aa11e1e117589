/**
 * Every file in ../shared/data imports with the kind, shape and date range its README states.
 * Row counts and date ranges below are copied from /work/shared/data/README.md; spot values are
 * read off the raw file text.
 */
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../../src/main/ingest';
import type { DatasetKind } from '../../../src/shared/domain/panel';
import { cell, closeTo, ingestError } from './helpers';

const DATA = '/work/shared/data';
const EXACT = 1e-12;

interface Expected {
  file: string;
  kind: DatasetKind;
  frequency: string;
  dates: number;
  assets: number;
  first: string;
  last: string;
}

const SMALL: Expected[] = [
  ...['SPY', 'XLB', 'XLE', 'XLF', 'XLI', 'XLK', 'XLP', 'XLU', 'XLV', 'XLY'].map((ticker) => ({
    file: `equities/sector_etfs_yahoo_2015_2024/${ticker}.csv`,
    kind: 'series' as const,
    frequency: 'daily',
    dates: 2515,
    assets: 6,
    first: '2015-01-02',
    last: '2024-12-30',
  })),
  { file: 'equities/sp500_index_daily_wsj_1990_2022.csv', kind: 'series', frequency: 'daily', dates: 8126, assets: 4, first: '1990-01-03', last: '2022-04-01' },
  { file: 'equities/sp500_index_monthly_stooq_1789_2025.csv', kind: 'series', frequency: 'monthly', dates: 2836, assets: 5, first: '1789-05-31', last: '2025-12-31' },
  { file: 'factors/F-F_Research_Data_Factors.CSV', kind: 'factors', frequency: 'monthly', dates: 1178, assets: 4, first: '1926-07', last: '2024-08' },
  { file: 'factors/F-F_Research_Data_Factors_daily.CSV', kind: 'factors', frequency: 'daily', dates: 25880, assets: 4, first: '1926-07-01', last: '2024-11-29' },
  { file: 'factors/F-F_Research_Data_5_Factors_2x3.csv', kind: 'factors', frequency: 'monthly', dates: 738, assets: 6, first: '1963-07', last: '2024-12' },
  { file: 'factors/F-F_Research_Data_5_Factors_2x3_daily.CSV', kind: 'factors', frequency: 'daily', dates: 15417, assets: 6, first: '1963-07-01', last: '2024-09-30' },
  { file: 'factors/F-F_Momentum_Factor.CSV', kind: 'factors', frequency: 'monthly', dates: 1176, assets: 1, first: '1927-01', last: '2024-12' },
  { file: 'factors/F-F_Momentum_Factor_daily.CSV', kind: 'factors', frequency: 'daily', dates: 25318, assets: 1, first: '1926-11-03', last: '2023-01-31' },
  { file: 'factors/10_Industry_Portfolios.CSV', kind: 'returns', frequency: 'monthly', dates: 1138, assets: 10, first: '1926-07', last: '2021-04' },
  { file: 'factors/30_Industry_Portfolios.CSV', kind: 'returns', frequency: 'monthly', dates: 1138, assets: 30, first: '1926-07', last: '2021-04' },
  { file: 'factors/49_Industry_Portfolios.CSV', kind: 'returns', frequency: 'monthly', dates: 1138, assets: 49, first: '1926-07', last: '2021-04' },
  { file: 'factors/12_Industry_Portfolios_Daily_excel_resaved.CSV.gz', kind: 'returns', frequency: 'daily', dates: 24140, assets: 12, first: '1926-07-01', last: '2017-12-29' },
  { file: 'factors/10_Industry_Portfolios_Daily_cleaned.csv.gz', kind: 'returns', frequency: 'daily', dates: 24854, assets: 10, first: '1926-07-01', last: '2020-10-30' },
  { file: 'macro/fred_md_current_2025-02.csv', kind: 'macro', frequency: 'monthly', dates: 793, assets: 126, first: '1959-01-01', last: '2025-01-01' },
  { file: 'macro/nfci-data-series-csv.csv', kind: 'macro', frequency: 'weekly', dates: 2875, assets: 6, first: '1971-01-08', last: '2026-02-06' },
  { file: 'macro/PredictorData2024_monthly.csv', kind: 'macro', frequency: 'monthly', dates: 1848, assets: 17, first: '1871-01', last: '2024-12' },
  // 26 columns: the date, 6 empty spacers, 19 named series.
  { file: 'macro/ie_data_shiller_2025-02.csv', kind: 'macro', frequency: 'monthly', dates: 1850, assets: 19, first: '1871-01', last: '2025-02' },
  { file: 'rates_credit_vol/daily-treasury-rates.csv', kind: 'macro', frequency: 'daily', dates: 8070, assets: 12, first: '1990-01-02', last: '2022-03-31' },
  { file: 'rates_credit_vol/DGS10.csv', kind: 'series', frequency: 'daily', dates: 16677, assets: 1, first: '1962-01-02', last: '2025-12-03' },
  { file: 'rates_credit_vol/TB3MS.csv', kind: 'series', frequency: 'monthly', dates: 1103, assets: 1, first: '1934-01-01', last: '2025-11-01' },
  { file: 'rates_credit_vol/AAA.csv', kind: 'series', frequency: 'monthly', dates: 1283, assets: 1, first: '1919-01-01', last: '2025-11-01' },
  { file: 'rates_credit_vol/BAA.csv', kind: 'series', frequency: 'monthly', dates: 1283, assets: 1, first: '1919-01-01', last: '2025-11-01' },
  { file: 'rates_credit_vol/DAAA.csv', kind: 'series', frequency: 'daily', dates: 10938, assets: 1, first: '1984-01-03', last: '2025-12-04' },
  { file: 'rates_credit_vol/DBAA.csv', kind: 'series', frequency: 'daily', dates: 10416, assets: 1, first: '1986-01-02', last: '2025-12-04' },
  { file: 'rates_credit_vol/T10Y3M.csv', kind: 'series', frequency: 'daily', dates: 10939, assets: 1, first: '1984-01-03', last: '2025-12-05' },
  { file: 'rates_credit_vol/VIX_History.csv', kind: 'series', frequency: 'daily', dates: 9045, assets: 4, first: '1990-01-02', last: '2025-10-27' },
];

function expectShape(result: Awaited<ReturnType<typeof ingestFile>>, expected: Expected): void {
  const { panel, report } = result;
  expect(panel.kind, `${expected.file} kind`).toBe(expected.kind);
  expect(panel.frequency, `${expected.file} frequency`).toBe(expected.frequency);
  expect([panel.dates.length, panel.assets.length], `${expected.file} shape (dates, assets)`).toEqual([expected.dates, expected.assets]);
  expect([panel.dates[0], panel.dates[panel.dates.length - 1]], `${expected.file} range`).toEqual([expected.first, expected.last]);
  expect(panel.values.length).toBe(panel.dates.length * panel.assets.length);
  for (let i = 1; i < panel.dates.length; i++) if (!(panel.dates[i] > panel.dates[i - 1])) throw new Error(`${expected.file}: dates not strictly ascending at ${i}`);
  expect(new Set(panel.assets).size, `${expected.file} unique asset names`).toBe(panel.assets.length);
  expect(report.rowsKept).toBe(panel.dates.length);
  expect(result.provenance.sha256).toMatch(/^[0-9a-f]{64}$/);
}

describe('real data files: kind, shape and date range from the README', () => {
  it.each(SMALL.map((expected) => [expected.file, expected] as const))('%s', async (_, expected) => {
    expectShape(await ingestFile(`${DATA}/${expected.file}`), expected);
  });

  it('metadata files without a date column are refused with a reason naming file, line and column', async () => {
    for (const file of ['equities/sp500_tickers_2021.csv', 'macro/fred_md_dictionary.csv']) {
      const error = await ingestError(ingestFile(`${DATA}/${file}`));
      expect(error.code).toBe('no-date-column');
      expect(error.line).toBe(2);
      expect(error.column).toBe(1);
      expect(error.message).toMatch(new RegExp(`^${file.split('/')[1].replace(/\./g, '\\.')}: line 2, column 1: no date column`));
    }
  });
});

describe('real data quirks', () => {
  it('Yahoo: BOM, "Dec 30, 2024" dates, newest first, dividend and split rows dropped with line numbers, thousands in quotes', async () => {
    const { panel, report } = await ingestFile(`${DATA}/equities/sector_etfs_yahoo_2015_2024/SPY.csv`);
    expect(report.settings).toMatchObject({ bom: true, lineEnding: 'CRLF', dateFormat: 'MMM D, YYYY', order: 'descending' });
    expect(report.droppedRows.items[0]).toMatchObject({ line: 7, reason: 'corporate action row (dividend)' });
    expect(report.droppedByReason['corporate action row (dividend)']).toBe(40);
    closeTo(cell(panel, '2024-12-30', 'Close'), 588.22, EXACT, 'SPY close 2024-12-30');
    closeTo(cell(panel, '2024-12-30', 'Volume'), 56_578_800, 0, 'SPY volume 2024-12-30');
    const xlf = await ingestFile(`${DATA}/equities/sector_etfs_yahoo_2015_2024/XLF.csv`);
    expect(xlf.report.droppedByReason['corporate action row (stock splits)']).toBe(1);
  });

  it('Yahoo with a value column: one asset named after the file', async () => {
    const { panel } = await ingestFile(`${DATA}/equities/sector_etfs_yahoo_2015_2024/XLK.csv`, { valueColumn: 'Adj Close', kind: 'prices' });
    expect(panel.assets).toEqual(['XLK']);
    expect(panel.kind).toBe('prices');
  });

  it('WSJ index: two-digit years with the pivot in the report, newest first made ascending', async () => {
    const { panel, report } = await ingestFile(`${DATA}/equities/sp500_index_daily_wsj_1990_2022.csv`);
    expect(report.settings.dateFormat).toBe('MM/DD/YY');
    expect(report.settings.twoDigitYearPivot).toBe(69);
    expect(report.settings.order).toBe('descending');
    closeTo(cell(panel, '2022-04-01', 'Close'), 4545.86, EXACT, 'SPX close 2022-04-01');
  });

  it('Shiller: YYYY.MM with 1871.1 read as October, % cells as decimals, footnote and 625 empty lines dropped', async () => {
    const { panel, report } = await ingestFile(`${DATA}/macro/ie_data_shiller_2025-02.csv`);
    expect(report.settings.dateFormat).toBe('YYYY.MM');
    expect(panel.dates.slice(8, 11)).toEqual(['1871-09', '1871-10', '1871-11']);
    closeTo(cell(panel, '1871-10', 'P'), 4.59, EXACT, 'Shiller P for 1871.1 (October)');
    closeTo(cell(panel, '1871-10', 'Annualized Stock Real Return'), 0.1148, EXACT, 'Shiller 11.48% cell');
    closeTo(cell(panel, '2024-11', 'Return Price'), 3_970_268.6, 1e-6, 'Shiller " 3,970,268.60 " cell');
    expect(Number.isNaN(cell(panel, '1871-10', 'CAPE'))).toBe(true);
    expect(report.droppedByReason['blank line']).toBe(625);
    expect(report.droppedByReason['text line, not data']).toBe(1);
  });

  it('Goyal–Welch: YYYYMM keys, NaN text, quoted thousands in the Index column', async () => {
    const { panel } = await ingestFile(`${DATA}/macro/PredictorData2024_monthly.csv`);
    closeTo(cell(panel, '2024-12', 'Index'), 5881.63, EXACT, 'Index 2024-12');
    closeTo(cell(panel, '1871-01', 'Index'), 4.44, EXACT, 'Index 1871-01');
    expect(Number.isNaN(cell(panel, '1871-01', 'b/m'))).toBe(true);
  });

  it('FRED-MD: Transform row becomes transformCodes; M/D/YYYY decided by the calendar', async () => {
    const { panel, report } = await ingestFile(`${DATA}/macro/fred_md_current_2025-02.csv`);
    expect(panel.transformCodes?.length).toBe(126);
    expect(panel.transformCodes?.slice(0, 5)).toEqual([5, 5, 5, 5, 5]);
    expect(panel.transformCodes?.every((code) => Number.isInteger(code) && code >= 1 && code <= 7)).toBe(true);
    expect(report.settings.dateFormat).toBe('MM/DD/YYYY');
    expect(report.settings.reasons.dateFormat).toMatch(/regular calendar/);
    closeTo(cell(panel, '1959-01-01', 'RPI'), 2583.56, EXACT, 'RPI 1959-01');
    expect(panel.assets).toContain('S&P 500');
  });

  it('Ken French: percent to decimal, -99.99 as missing, sections listed and selectable by index or title', async () => {
    const ff3 = await ingestFile(`${DATA}/factors/F-F_Research_Data_Factors.CSV`);
    closeTo(cell(ff3.panel, '1926-07', 'Mkt-RF'), 0.0296, EXACT, 'Mkt-RF 1926-07');
    expect(ff3.report.sections.map((section) => section.rows)).toEqual([1178, 97]);
    const annual = await ingestFile(`${DATA}/factors/F-F_Research_Data_Factors.CSV`, { section: 'annual' });
    expect(annual.panel.frequency).toBe('annual');
    expect([annual.panel.dates.length, annual.panel.dates[0], annual.panel.dates[96]]).toEqual([97, '1927-12', '2023-12']);
    const ind49 = await ingestFile(`${DATA}/factors/49_Industry_Portfolios.CSV`);
    let missing = 0;
    for (const v of ind49.panel.values) if (Number.isNaN(v)) missing++;
    closeTo(missing / ind49.panel.values.length, 0.051, 0.001, '49 industries share of -99.99 cells (README: 5.1 %)');
    expect(ind49.report.sections.length).toBe(8);
    const firms = await ingestFile(`${DATA}/factors/10_Industry_Portfolios.CSV`, { section: 5 });
    expect(firms.report.sections[4].title).toBe('Number of Firms in Portfolios');
    expect(firms.panel.kind).toBe('series');
    expect(firms.report.settings.percent).toBe(false);
    const ew = await ingestFile(`${DATA}/factors/12_Industry_Portfolios_Daily_excel_resaved.CSV.gz`, { section: 'Equal Weighted' });
    expect([ew.report.settings.section, ew.panel.dates.length]).toEqual([2, 24140]);
  });
});

describe('big files (grouped)', () => {
  it('S&P 500 adjusted close, wide .csv.gz: 504 × 5,402 and the known vendor errors flagged', async () => {
    const { panel, report } = await ingestFile(`${DATA}/equities/sp500_adjclose_1999_2021_wide.csv.gz`);
    expectShape({ panel, report, provenance: { fileName: '', sizeBytes: 0, sha256: '0'.repeat(64), options: {} } }, {
      file: 'sp500_adjclose', kind: 'prices', frequency: 'daily', dates: 5402, assets: 504, first: '1999-11-01', last: '2021-04-21',
    });
    closeTo(cell(panel, '1999-11-01', 'AAPL'), 0.596878742448, EXACT, 'AAPL 1999-11-01');
    closeTo(report.missing.shareBefore, 0.117, 0.001, 'share of empty cells (README: 11.7 %)');
    const flagged = (asset: string, date: string): boolean => report.jumps.items.some((jump) => jump.asset === asset && jump.date === date);
    expect(flagged('TRMB', '2007-02-23') && flagged('TRMB', '2007-02-26'), 'TRMB 2007-02 spike and drop').toBe(true);
    expect(flagged('ANTM', '2001-10-30'), 'ANTM price break at the 2001-10-30 IPO date').toBe(true);
    expect(report.jumps.items.find((jump) => jump.asset === 'ANTM' && jump.date === '2002-03-18')?.splitLike).toBe(2);
    expect(report.jumps.items.find((jump) => jump.asset === 'GNRC' && jump.date === '2010-02-12')?.splitLike).toBeCloseTo(1 / 3, 12);
    expect(flagged('AIG', '2008-09-15'), 'AIG crash day').toBe(true);
    const via = report.coverage.find((entry) => entry.asset === 'VAR');
    expect(via?.last).toBe('2021-04-16');
  });

  it('S&P 500 unadjusted close: same grid, AAPL 2000-06-21 split shows as a split-like jump', async () => {
    const { panel, report } = await ingestFile(`${DATA}/equities/sp500_close_unadjusted_1999_2021_wide.csv.gz`);
    expect([panel.dates.length, panel.assets.length, panel.dates[0], panel.dates[5401]]).toEqual([5402, 504, '1999-11-01', '2021-04-21']);
    expect(report.jumps.items.find((jump) => jump.asset === 'AAPL' && jump.date === '2000-06-21')?.splitLike).toBe(0.5);
  });

  it('all_stocks_5yr long OHLCV: pivoted on close to 505 tickers × 1,259 dates, 619,040 rows read', async () => {
    const { panel, report } = await ingestFile(`${DATA}/equities/all_stocks_5yr.csv.gz`);
    expect([panel.kind, panel.frequency, panel.dates.length, panel.assets.length]).toEqual(['prices', 'daily', 1259, 505]);
    expect([panel.dates[0], panel.dates[1258]]).toEqual(['2013-02-08', '2018-02-07']);
    expect([report.rowsRead, report.settings.layout, report.settings.valueColumn, report.settings.tickerColumn]).toEqual([619040, 'long', 'close', 'Name']);
    closeTo(cell(panel, '2013-02-08', 'AAPL'), 67.8542, EXACT, 'AAPL close 2013-02-08');
    expect(report.coverage.find((entry) => entry.asset === 'APTV')?.observations).toBe(44);
    const open = await ingestFile(`${DATA}/equities/all_stocks_5yr.csv.gz`, { valueColumn: 'open' });
    let missing = 0;
    for (const v of open.panel.values) if (Number.isNaN(v)) missing++;
    const cellsWithoutRow = 1259 * 505 - 619040;
    expect(missing - cellsWithoutRow, 'empty open fields (README: 11)').toBe(11);
  });

  it('corporate actions, long with two numeric columns: dividends pivoted by ticker', async () => {
    const { panel, report } = await ingestFile(`${DATA}/equities/sp500_corporate_actions_1999_2021.csv.gz`);
    expect([panel.kind, report.rowsRead, panel.dates[0], panel.dates[panel.dates.length - 1]]).toEqual(['series', 28191, '1999-11-01', '2021-04-21']);
    closeTo(cell(panel, '1999-11-01', 'CMS'), 0.365, EXACT, 'CMS dividend 1999-11-01');
  });
});
