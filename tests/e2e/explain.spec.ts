import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startServer, type RunningServer } from './server';

const DATA = join(process.cwd(), '../shared/data');
const SHOTS = join(process.cwd(), 'test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });
const TICKERS = ['AAPL', 'ABT', 'ADBE', 'ADM', 'AEP', 'AFL', 'AIG', 'ALL', 'AMAT', 'AMGN', 'AMZN', 'APD'];
const MACRO = ['TB3MS', 'GS10', 'BAA', 'CPIAUCSL'];

let server: RunningServer;
let dir: string;
test.beforeAll(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'pa-e2e-explain-'));
});
test.afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function open(page: Page, hash = ''): Promise<void> {
  await page.goto(server.url + hash);
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
}

/** The CLI on the server's store: a second writer, as a user running `portfolio-audit` beside the app would be. */
function cli(...args: string[]): string {
  return execFileSync(process.execPath, ['bin/portfolio-audit.js', '--db', server.dbPath, ...args], { encoding: 'utf8' });
}

/** Real data cut small: 12 S&P 500 stocks 1999–2009, four FRED-MD series; two linear pipelines with macro interactions. */
function importMacroRuns(): void {
  const lines = gunzipSync(readFileSync(join(DATA, 'equities/sp500_adjclose_1999_2021_wide.csv.gz'))).toString('utf8').split('\n');
  const header = lines[0].split(',');
  const columns = [0, ...TICKERS.map((ticker) => header.indexOf(ticker))];
  const prices = lines.filter((line, i) => i === 0 || (line.slice(0, 4) >= '1999' && line.slice(0, 4) <= '2009')).map((line) => columns.map((c) => line.split(',')[c]).join(','));
  const fred = readFileSync(join(DATA, 'macro/fred_md_current_2025-02.csv'), 'utf8').split(/\r?\n/);
  const fredColumns = [0, ...MACRO.map((name) => fred[0].split(',').indexOf(name))];
  const macro = fred.filter((line, i) => i < 2 || /\/(19[6-9]\d|200\d)$/.test(line.split(',')[0] ?? '')).map((line) => fredColumns.map((c) => line.split(',')[c]).join(','));
  writeFileSync(join(dir, 'prices.csv'), prices.join('\n'));
  writeFileSync(join(dir, 'macro.csv'), macro.join('\r\n'));
  cli('import', join(dir, 'prices.csv'), '--name', 'prices', '--kind', 'prices');
  cli('import', join(dir, 'macro.csv'), '--name', 'macro', '--kind', 'macro');
  cli('import', join(DATA, 'macro/nfci-data-series-csv.csv'), '--name', 'nfci');
  const training = {
    decoupled: { kind: 'decoupled', epochs: 30, learningRate: 0.01, patience: 5, validationPeriods: 12 },
    'end-to-end': { kind: 'end-to-end', loss: 'sharpe', epochs: 30, learningRate: 0.01, patience: 5, validationPeriods: 12 },
  };
  for (const [kind, spec] of Object.entries(training)) {
    const path = join(dir, `${kind}.json`);
    writeFileSync(
      path,
      JSON.stringify({
        version: 1,
        name: `Small S&P · ${kind} with macro`,
        seed: 3,
        data: { kind: 'dataset', dataset: 'prices', frequency: 'monthly', minCoverage: 0.9, macro: 'macro' },
        features: { kind: 'price-characteristics', characteristics: ['momentum-12-1', 'reversal-1m', 'volatility'], macro: MACRO },
        predictor: { kind: 'linear', l2: 0.001 },
        risk: { kind: 'estimator', estimator: 'ledoit-wolf', lookback: 36 },
        optimiser: { kind: 'mean-variance', gamma: 8, lower: 0, upper: 0.3, turnoverPenalty: true },
        training: spec,
        backtest: { start: '2006-01', end: '2009-06', rebalanceEvery: 1, retrainEvery: 12, costBps: 10, slippageBps: 0 },
      }),
    );
    cli('run', path);
  }
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, `explain-${name}-light.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(SHOTS, `explain-${name}-dark.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('with no runs, Explain says which preset to run first and links to Runs', async ({ page }) => {
  await open(page, '#/explain');
  const empty = page.getByTestId('explain-empty');
  await expect(empty).toContainText('No succeeded runs yet');
  await expect(empty).toContainText('Synthetic universe · decoupled');
  await expect(empty.getByRole('link', { name: 'Runs' })).toHaveAttribute('href', '#/runs');
  await shoot(page, 'empty');
});

test('a synthetic end-to-end run (learned risk head) is refused with the reason; a synthetic decoupled run is attributed', async ({ page }) => {
  test.setTimeout(300_000);
  await open(page, '#/runs');
  for (const [preset, name] of [['synthetic-end-to-end', 'Synthetic universe · end-to-end'], ['synthetic-decoupled', 'Synthetic universe · decoupled']]) {
    await page.getByTestId('run-preset').selectOption(preset);
    await page.getByTestId('run-start').click();
    const row = page.getByTestId('runs-table').locator('tbody tr').filter({ hasText: name });
    await expect(row).toContainText('succeeded', { timeout: 180_000 });
  }
  await page.getByRole('link', { name: 'Explain' }).click();
  await page.getByTestId('explain-run').selectOption({ label: (await page.getByTestId('explain-run').locator('option', { hasText: 'end-to-end' }).textContent()) ?? '' });
  await expect(page.getByTestId('explain-run-facts')).toContainText('Training: end-to-end · macro variables: none');
  await expect(page.getByTestId('explain-blocked')).toContainText('learned-head');
  await expect(page.getByTestId('attribute-start')).toBeDisabled();
  await shoot(page, 'refused');

  await page.getByTestId('explain-run').selectOption({ label: (await page.getByTestId('explain-run').locator('option', { hasText: 'decoupled' }).textContent()) ?? '' });
  await expect(page.getByTestId('explain-run-facts')).toContainText('Training: decoupled · macro variables: none');
  await expect(page.getByTestId('explain-blocked')).toContainText('no macro features');
  await expect(page.getByTestId('explain-start')).toBeDisabled();
  await page.getByTestId('attribute-method').selectOption('saliency');
  await page.getByTestId('attribute-start').click();
  const view = page.getByTestId('attribution-view');
  await expect(view).toBeVisible({ timeout: 60_000 });
  await expect(view).toContainText('gradient saliency');
  await expect(page.getByTestId('attribution-bars').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('attribution-heatmaps').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('explain-history')).toContainText('saliency attribution');
  await shoot(page, 'synthetic-attribution');
});

test('explains and attributes two runs with macro features: diagnostics, shifts, marginals, outcomes, analogs, side-by-side attributions', async ({ page }) => {
  test.setTimeout(240_000);
  importMacroRuns();
  await open(page, '#/explain');
  const runSelect = page.getByTestId('explain-run');
  const decoupled = await runSelect.locator('option', { hasText: 'decoupled with macro' }).getAttribute('value');
  const endToEnd = await runSelect.locator('option', { hasText: 'end-to-end with macro' }).getAttribute('value');
  await runSelect.selectOption(decoupled ?? '');
  await expect(page.getByTestId('explain-run-facts')).toContainText('macro variables: TB3MS, GS10, BAA, CPIAUCSL');

  await page.getByTestId('explain-versus').selectOption(endToEnd ?? '');
  await page.getByTestId('attribute-start').click();
  const attribution = page.getByTestId('attribution-view');
  await expect(attribution).toBeVisible({ timeout: 60_000 });
  await expect(attribution).toContainText('integrated gradients');
  await expect(attribution).toContainText('(end-to-end)');
  await expect(page.getByTestId('attribution-heatmaps').getByTestId('chart')).toHaveCount(4);
  await shoot(page, 'attribution');

  await page.getByTestId('explain-versus').selectOption('');
  await page.getByTestId('explain-preset').selectOption('diversify-or-concentrate');
  await expect(page.getByTestId('explain-question')).toHaveValue('concentration');
  await page.getByTestId('explain-anchor').selectOption('2008-06');
  await page.getByTestId('explain-chains').fill('4');
  await page.getByTestId('explain-steps').fill('600');
  await page.getByTestId('explain-start').click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  const view = page.getByTestId('explanation-view');
  await expect(view).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('diagnostics-verdict')).toContainText(/gates (passed|failed)/);
  await expect(page.getByTestId('plausibility-verdict')).toContainText(/plausible|implausible/);
  await expect(page.getByTestId('explain-shift-table').locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('explain-marginals').getByTestId('chart')).toHaveCount(4);
  await expect(page.getByTestId('explain-outcomes')).toContainText('effective number of holdings');
  await expect(page.getByTestId('explain-analogs').getByTestId('chart')).toHaveCount(1);
  await expect(view).toContainText('from nfci');
  await shoot(page, 'explanation');

  const history = page.getByTestId('explain-history');
  await expect(history.getByRole('button')).toHaveCount(2);
  await history.getByRole('button', { name: /ig attribution/ }).click();
  await expect(page.getByTestId('attribution-view')).toBeVisible();
  await history.getByRole('button', { name: /concentration/ }).click();
  await expect(page.getByTestId('explanation-view')).toBeVisible();
});
