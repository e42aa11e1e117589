/**
 * The Run page's charts (issue 6 item 3), the Reports library and both colour themes. Two runs
 * from presets: GMV Ledoit–Wolf on the shipped Ken French 10-industry monthly demo (10 assets:
 * stacked weights) and the synthetic decoupled MLP (40 assets: weights heatmap, training curves,
 * a tfjs backend). Screenshots of every page in light and dark go to test-results/screenshots.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from './server';

const SHOTS = join(process.cwd(), 'test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });
const FF10_MONTHLY = 'Demo · Ken French 10 industries (monthly returns)';

// The tests build on each other's runs in one store (a failure restarts the worker with a new store).
test.describe.configure({ mode: 'serial' });

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

/** Light screenshot, then the same page with the OS in dark mode. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, `${name}-dark.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Starts a preset from the Runs page and opens the run once it succeeded. */
async function runPreset(page: Page, preset: string, name: RegExp, dataset?: string): Promise<void> {
  await open(page, '#/runs');
  await page.getByTestId('run-preset').selectOption(preset);
  if (dataset) await page.getByTestId('run-dataset').selectOption({ label: dataset });
  await page.getByTestId('run-start').click();
  const row = page.getByTestId('runs-table').locator('tbody tr').filter({ hasText: name }).first();
  await expect(row).toContainText('succeeded', { timeout: 150_000 });
  await row.getByRole('link').click();
  await expect(page.getByTestId('run-name')).toHaveText(name);
}

/** A chart card has a chart whose canvas was drawn (non-zero size). */
async function expectChart(page: Page, testId: string): Promise<void> {
  const canvas = page.getByTestId(testId).getByTestId('chart').locator('canvas').first();
  await expect(canvas).toBeVisible();
  const box = await canvas.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(200);
  expect(box?.height ?? 0).toBeGreaterThan(150);
}

test('a few-asset run shows rolling Sharpe, turnover and stacked weights', async ({ page }) => {
  test.setTimeout(180_000);
  // The demo datasets are seeded in the background at first launch: wait for them.
  await open(page, '#/data');
  await expect(page.getByTestId('datasets-table').getByText(FF10_MONTHLY)).toBeVisible();
  await runPreset(page, 'sp500-gmv-ledoit-wolf', /GMV, Ledoit–Wolf/, FF10_MONTHLY);
  await expect(page.getByTestId('rolling-sharpe')).toContainText('12-period window');
  await expectChart(page, 'rolling-sharpe');
  await expect(page.getByTestId('turnover')).toContainText(/mean \d+\.\d %/);
  await expectChart(page, 'turnover');
  await expectChart(page, 'weights-area');
  await expect(page.getByTestId('weights-heatmap')).toHaveCount(0);
  await expect(page.getByTestId('provenance')).toContainText('sha256');
  await shoot(page, 'run-few-assets');
});

test('a many-asset training run shows the weights heatmap, training curves and its tfjs backend', async ({ page }) => {
  test.setTimeout(240_000);
  await runPreset(page, 'synthetic-decoupled', /Synthetic universe · decoupled/);
  await expect(page.getByTestId('weights-heatmap')).toContainText('25 largest of 40 assets');
  await expectChart(page, 'weights-heatmap');
  await expectChart(page, 'rolling-sharpe');
  await expectChart(page, 'turnover');
  await expect(page.getByTestId('training-curves')).toBeVisible();
  await expect(page.getByTestId('tf-backend')).toContainText(/^(wasm|cpu|tensorflow), tfjs \d+\.\d+\.\d+/);
  await shoot(page, 'run-many-assets');
});

test('the Reports page exports a report of two runs and lists it', async ({ page }) => {
  await open(page, '#/reports');
  await expect(page.getByTestId('reports-empty')).toContainText('No reports exported yet');
  const runs = page.getByTestId('reports-runs');
  await expect(runs.locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('export-report')).toBeDisabled();
  await shoot(page, 'reports-empty');
  await runs.getByRole('checkbox', { name: /GMV, Ledoit–Wolf/ }).check();
  await runs.getByRole('checkbox', { name: /Synthetic universe/ }).check();
  await expect(runs.locator('tbody tr').filter({ hasText: 'GMV' })).toContainText('baseline');
  const download = page.waitForEvent('download', { timeout: 90_000 });
  await page.getByTestId('export-report').click();
  const file = await download;
  const path = join(SHOTS, '..', file.suggestedFilename());
  await file.saveAs(path);
  expect(statSync(path).size).toBeGreaterThan(10_000);
  const history = page.getByTestId('reports-history');
  await expect(history.locator('tbody tr')).toHaveCount(1);
  await expect(history).toContainText(file.suggestedFilename());
  await expect(history).toContainText('downloaded by the browser');
  await expect(history).toContainText(/GMV, Ledoit–Wolf vs Synthetic universe/);
  await shoot(page, 'reports-history');
});

test('every page reads in light and dark, and the keyboard reaches content first', async ({ page }) => {
  await open(page, '#/data');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await shoot(page, 'page-data');
  await page.getByTestId('datasets-table').getByText(FF10_MONTHLY).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ken French');
  await shoot(page, 'page-dataset');
  await open(page, '#/runs');
  await expect(page.getByTestId('runs-table')).toBeVisible();
  await shoot(page, 'page-runs');
  const ids = await page.getByTestId('runs-table').locator('tbody tr a').evaluateAll((links) => links.map((link) => (link.getAttribute('href') ?? '').split('/').pop()));
  await open(page, `#/compare/${ids.join(',')}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForTimeout(1500);
  await shoot(page, 'page-compare');
  await open(page, '#/about');
  await expect(page.getByTestId('tf-backend')).toBeVisible();
  await shoot(page, 'page-about');
});
