import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from './server';

const DATA = join(process.cwd(), '../shared/data');
const SHOTS = join(process.cwd(), 'test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });

let server: RunningServer;
let dir: string;

/** The CLI against the server's store: the same store the page reads. */
function cli(...args: string[]): string {
  return execFileSync(process.execPath, ['bin/portfolio-audit.js', '--db', server.dbPath, ...args], { encoding: 'utf8' });
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pa-e2e-sens-'));
  // One prices file of the nine sector funds' adjusted closes, from the Yahoo exports (bench/_sector-etfs.ts).
  execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `import { writeSectorEtfsCsv } from './bench/_sector-etfs.ts'; await writeSectorEtfsCsv(${JSON.stringify(DATA)}, ${JSON.stringify(dir)});`], { stdio: 'inherit' });
  server = await startServer();
  cli('import', join(dir, 'sector_etfs_adjclose_2015_2024.csv'), '--kind', 'prices');
  for (const file of ['rates_credit_vol/DGS10.csv', 'rates_credit_vol/T10Y3M.csv', 'rates_credit_vol/VIX_History.csv', 'factors/F-F_Research_Data_Factors_daily.CSV', 'factors/F-F_Momentum_Factor_daily.CSV']) cli('import', join(DATA, file));
});
test.afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('runs the sector-ETF sensitivity preset and shows the driver tables, the sensitivity map and the dendrogram', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(`${server.url}#/runs`);
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  await page.getByTestId('run-preset').selectOption('sector-etfs-sensitivity');
  await expect(page.getByTestId('run-dataset')).toHaveValue(/.+/);
  await page.getByTestId('run-start').click();
  const row = page.getByTestId('runs-table').locator('tbody tr').filter({ hasText: 'Sensitivity allocation' });
  await expect(row).toContainText('succeeded', { timeout: 240_000 });
  await row.getByRole('link').click();
  await expect(page.getByTestId('run-name')).toHaveText('Sector ETFs · Sensitivity allocation (daily drivers)');
  const views = page.getByTestId('sensitivity-views');
  await expect(views).toBeVisible();
  await expect(page.getByTestId('sensitivity-build')).toContainText('VIX_History:CLOSE');
  await expect(page.getByTestId('sensitivity-build')).toContainText('log-difference');
  // Daily momentum ends 2023-01-31 in this vintage: the build table states the gap, and the last window leaves it out.
  await expect(page.getByTestId('sensitivity-build')).toContainText('2023-02-01 to 2024-12-30');
  await expect(page.getByTestId('sensitivity-drivers')).toContainText('no (missing in window)');
  await expect(page.getByTestId('sensitivity-map').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('sensitivity-dendrogram').locator('canvas').first()).toBeVisible();
  await page.getByTestId('sensitivity-views').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'sensitivity-01-run-page.png'), fullPage: true });
  await page.getByTestId('sensitivity-map').screenshot({ path: join(SHOTS, 'sensitivity-02-map.png') });
  await page.getByTestId('sensitivity-dendrogram').screenshot({ path: join(SHOTS, 'sensitivity-03-dendrogram.png') });
});
