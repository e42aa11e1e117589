import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from './server';

const SP500 = join(process.cwd(), '../shared/data/equities/sp500_adjclose_1999_2021_wide.csv.gz');
const SHOTS = join(process.cwd(), 'test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server.stop();
});

async function open(page: Page, hash = ''): Promise<void> {
  await page.goto(server.url + hash);
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
}

test('without a daily prices dataset the Risk models page says what to import', async ({ page }) => {
  await open(page, '#/cleaner');
  await expect(page.getByRole('link', { name: 'Risk models' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('cleaner-empty')).toContainText('sp500_adjclose_1999_2021_wide.csv.gz');
  await page.screenshot({ path: join(SHOTS, 'cleaner-01-empty.png'), fullPage: true });
});

test('after importing the S&P 500 panel it draws the lag, eigenvalue and volatility views', async ({ page }) => {
  await open(page);
  await page.getByTestId('import-input').setInputFiles(SP500);
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });

  await open(page, '#/cleaner');
  await expect(page.getByTestId('cleaner-summary')).toContainText('to 2021-04-21', { timeout: 90_000 });
  await expect(page.getByTestId('cleaner-page').getByTestId('chart')).toHaveCount(3);
  await page.screenshot({ path: join(SHOTS, 'cleaner-02-views.png'), fullPage: true });

  await page.getByTestId('cleaner-date').fill('2020-03-31');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByTestId('cleaner-summary')).toContainText('to 2020-03-31', { timeout: 90_000 });
  await page.screenshot({ path: join(SHOTS, 'cleaner-03-march-2020.png'), fullPage: true });
});
