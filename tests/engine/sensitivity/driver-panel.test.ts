/**
 * Drivers from the real files in ../shared/data, imported with the app's `ingestFile`, against
 * reference panels computed from the raw CSVs by tests/fixtures/driver_panel.py (csv module, its own
 * parsing and alignment): month-end and daily grids from SPY's trading days, yields and spreads in
 * differences, VIX in log differences, Baa − Aaa from two monthly files, Fama–French returns passed
 * through or compounded from daily, and momentum's end (2023-01-31) reported as a gap.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Panel } from '../../../src/shared/domain/panel';
import { ingestFile } from '../../../src/main/ingest';
import { buildDriverPanel, defaultColumns, defaultTransform } from '../../../src/main/engine/sensitivity/driver-panel';
import type { DriverColumn, DriverPanel, DriverRequest } from '../../../src/main/engine/sensitivity/driver-panel';
import { alignSeries, availableFrom, gridKey } from '../../../src/main/engine/sensitivity/driver-alignment';

const DATA = join(__dirname, '../../../../shared/data');
const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/json/driver_panel.json'), 'utf8')) as {
  monthlyGrid: string[];
  monthly: Record<string, (number | null)[]>;
  dailyGrid: string[];
  daily: Record<string, (number | null)[]>;
};

const FILES = {
  DGS10: 'rates_credit_vol/DGS10.csv',
  T10Y3M: 'rates_credit_vol/T10Y3M.csv',
  TB3MS: 'rates_credit_vol/TB3MS.csv',
  BAA: 'rates_credit_vol/BAA.csv',
  AAA: 'rates_credit_vol/AAA.csv',
  VIX_History: 'rates_credit_vol/VIX_History.csv',
  'F-F_Research_Data_Factors': 'factors/F-F_Research_Data_Factors.CSV',
  'F-F_Research_Data_Factors_daily': 'factors/F-F_Research_Data_Factors_daily.CSV',
  'F-F_Momentum_Factor': 'factors/F-F_Momentum_Factor.CSV',
  'F-F_Momentum_Factor_daily': 'factors/F-F_Momentum_Factor_daily.CSV',
} as const;
type Source = keyof typeof FILES;
const panels = {} as Record<Source, Panel>;

beforeAll(async () => {
  for (const [name, path] of Object.entries(FILES)) panels[name as Source] = (await ingestFile(join(DATA, path))).panel;
}, 20_000);

function column(source: Source, name?: string): DriverColumn {
  const panel = panels[source];
  return { source, panel, column: name ?? defaultColumns(panel)[0] };
}

function request(name: string, source: Source, columnName?: string, minus?: DriverColumn): DriverRequest {
  const level = column(source, columnName);
  return { name, level, transform: defaultTransform(level), ...(minus ? { minus } : {}) };
}

function driver(panel: DriverPanel, name: string): Float64Array {
  const j = panel.names.indexOf(name);
  const d = panel.names.length;
  return Float64Array.from({ length: panel.dates.length }, (_, t) => panel.values[t * d + j]);
}

/** Same missing rows, and max |Δ| over the rest within `tolerance`. */
function expectSeries(actual: Float64Array, expected: (number | null)[], tolerance: number, label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  const missingActual = Array.from(actual, (v, t) => (Number.isFinite(v) ? -1 : t)).filter((t) => t >= 0);
  const missingExpected = expected.map((v, t) => (v === null ? t : -1)).filter((t) => t >= 0);
  expect(missingActual, `${label}: rows without a value`).toEqual(missingExpected);
  let worst = 0;
  expected.forEach((v, t) => {
    if (v !== null) worst = Math.max(worst, Math.abs(actual[t] - v));
  });
  expect(worst, `${label}: max |Δ| = ${worst.toExponential(3)} > tolerance ${tolerance.toExponential(1)}`).toBeLessThanOrEqual(tolerance);
}

describe('buildDriverPanel on real files, monthly grid (SPY month ends 2015–2024)', () => {
  let panel: DriverPanel;
  beforeAll(() => {
    panel = buildDriverPanel(fixture.monthlyGrid, 'monthly', [
      request('DGS10', 'DGS10'),
      request('T10Y3M', 'T10Y3M'),
      request('TB3MS', 'TB3MS'),
      request('VIX', 'VIX_History'),
      request('BAA-AAA', 'BAA', 'BAA', column('AAA')),
      request('Mkt-RF', 'F-F_Research_Data_Factors', 'Mkt-RF'),
      request('Mom', 'F-F_Momentum_Factor'),
      request('Mkt-RF daily compounded', 'F-F_Research_Data_Factors_daily', 'Mkt-RF'),
    ]);
  });

  it('matches the reference panel driver by driver', () => {
    for (const name of panel.names) expectSeries(driver(panel, name), fixture.monthly[name], 1e-12, name);
  });

  it('picks the transforms by kind: levels differenced, VIX in logs, factors as returns', () => {
    const transforms = Object.fromEntries(panel.reports.map((report) => [report.name, report.transform]));
    expect(transforms).toEqual({
      DGS10: 'difference',
      T10Y3M: 'difference',
      TB3MS: 'difference',
      VIX: 'log-difference',
      'BAA-AAA': 'difference',
      'Mkt-RF': 'return',
      Mom: 'return',
      'Mkt-RF daily compounded': 'return',
    });
    expect(panel.reports.find((report) => report.name === 'BAA-AAA')?.source).toBe('BAA:BAA − AAA:AAA');
  });

  it('reports the gaps: the first change, and Fama–French months after the 2024-08 vintage', () => {
    const mkt = panel.reports.find((report) => report.name === 'Mkt-RF');
    expect(mkt?.gaps).toEqual([
      { from: '2015-01-30', to: '2015-01-30', rows: 1 },
      { from: '2024-09-30', to: '2024-12-30', rows: 4 },
    ]);
    expect(mkt?.lastDate).toBe('2024-08-30');
    const dgs = panel.reports.find((report) => report.name === 'DGS10');
    expect(dgs?.missing).toBe(1);
    // A month-end holiday (e.g. Good Friday 2015-04-03 is not a month end, but 2018-03-30 is) makes the level a day or two old.
    expect(dgs?.maxStaleness).toBeGreaterThan(0);
    expect(dgs?.maxStaleness).toBeLessThanOrEqual(10);
  });

  it('compounding the daily market factor over a month stays within 0.3 pp of the monthly file', () => {
    const daily = driver(panel, 'Mkt-RF daily compounded');
    const monthly = driver(panel, 'Mkt-RF');
    let worst = 0;
    for (let t = 0; t < daily.length; t++) if (Number.isFinite(monthly[t]) && Number.isFinite(daily[t])) worst = Math.max(worst, Math.abs(daily[t] - monthly[t]));
    expect(worst, `max |daily compounded − monthly| = ${worst} > 0.003`).toBeLessThan(0.003);
  });
});

describe('buildDriverPanel on real files, daily grid (SPY days 2022-11 to 2023-03)', () => {
  it('matches the reference, holds a monthly level only from its month end, and ends momentum at its last day', () => {
    const panel = buildDriverPanel(fixture.dailyGrid, 'daily', [request('DGS10', 'DGS10'), request('VIX', 'VIX_History'), request('TB3MS', 'TB3MS'), request('Mom', 'F-F_Momentum_Factor_daily')]);
    for (const name of panel.names) expectSeries(driver(panel, name), fixture.daily[name], 1e-12, name);
    const mom = panel.reports.find((report) => report.name === 'Mom');
    expect(mom?.lastDate).toBe('2023-01-31');
    expect(mom?.gaps.at(-1)).toMatchObject({ from: '2023-02-01', to: '2023-03-31' });
    // TB3MS for a month is known from its calendar month end: November's on 2022-11-30, December's (31st a Saturday) on 2023-01-03.
    const tb = driver(panel, 'TB3MS');
    const changed = fixture.dailyGrid.filter((_, t) => Number.isFinite(tb[t]) && tb[t] !== 0);
    expect(changed).toEqual(['2022-11-30', '2023-01-03', '2023-01-31', '2023-02-28', '2023-03-31']);
  });
});

describe('alignment rules', () => {
  it('a period observation is known at its period end; a monthly grid date stands for its month end', () => {
    expect(availableFrom('2020-01-01', 'monthly')).toBe('2020-01-31');
    expect(availableFrom('2020-02', 'monthly')).toBe('2020-02-29');
    expect(availableFrom('2020-01-01', 'quarterly')).toBe('2020-03-31');
    expect(availableFrom('2020-01-15', 'daily')).toBe('2020-01-15');
    expect(gridKey('2020-01-30', 'monthly')).toBe('2020-01-31');
    expect(gridKey('2020-01-30', 'daily')).toBe('2020-01-30');
  });

  it('never uses an observation after the grid date, skips NaN and drops stale values', () => {
    const aligned = alignSeries(['2020-01-03', '2020-01-06', '2020-01-20'], 'daily', ['2020-01-02', '2020-01-03', '2020-01-07'], Float64Array.of(1, Number.NaN, 3), 'daily', 10);
    expect(Array.from(aligned.values)).toEqual([1, 1, Number.NaN]);
    expect(Array.from(aligned.staleDays)).toEqual([1, 4, Number.NaN]);
  });

  it('rejects what it cannot align, naming the argument', () => {
    const level = column('DGS10');
    expect(() => buildDriverPanel(['2020-01-31'], 'monthly', [{ name: 'x', level, transform: 'difference' }])).toThrow(/dates has 1 entries/);
    expect(() => buildDriverPanel(fixture.monthlyGrid, 'monthly', [])).toThrow(/requests is empty/);
    expect(() => buildDriverPanel(fixture.monthlyGrid, 'monthly', [{ name: 'x', level: { ...level, column: 'nope' }, transform: 'difference' }])).toThrow(/has no column "nope"/);
    expect(() => buildDriverPanel(fixture.monthlyGrid, 'monthly', [{ name: 'x', level, transform: 'difference' }, { name: 'x', level, transform: 'difference' }])).toThrow(/used twice/);
    expect(() => buildDriverPanel(fixture.monthlyGrid, 'monthly', [{ name: 'x', level, minus: level, transform: 'return' }])).toThrow(/spread \(minus\) of returns/);
    expect(() => buildDriverPanel(['2020-02-28', '2020-01-31'], 'monthly', [{ name: 'x', level, transform: 'difference' }])).toThrow(/strictly ascending/);
    expect(() => buildDriverPanel(fixture.monthlyGrid, 'monthly', [{ name: 'x', level: column('T10Y3M'), transform: 'log-difference' }])).toThrow(/log-difference needs positive levels/);
  });

  it('default columns: factors without RF, the CLOSE of an OHLC file', () => {
    expect(defaultColumns(panels['F-F_Research_Data_Factors'])).toEqual(['Mkt-RF', 'SMB', 'HML']);
    expect(defaultColumns(panels.VIX_History)).toEqual(['CLOSE']);
    expect(defaultColumns(panels.DGS10)).toEqual(['DGS10']);
  });
});
