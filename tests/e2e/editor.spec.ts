import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from './server';

const SHOTS = join(process.cwd(), 'test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server.stop();
});

const node = (page: Page, stage: string): Locator => page.locator(`.svelte-flow__node[data-id="${stage}"]`);
const edges = (page: Page): Locator => page.locator('.svelte-flow__edge');
const gamma = (page: Page): Locator => page.getByTestId('parameter-panel').getByLabel('Gamma');

/** Drags a link from one node's output handle to another node's input handle, as a user would. */
async function link(page: Page, source: string, target: string): Promise<void> {
  const from = await node(page, source).locator('.svelte-flow__handle.source').boundingBox();
  const to = await node(page, target).locator('.svelte-flow__handle.target').boundingBox();
  if (!from || !to) throw new Error(`handles of ${source} or ${target} are not on screen`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 });
  await page.mouse.up();
}

async function setGamma(page: Page, value: string): Promise<void> {
  await gamma(page).fill(value);
  await gamma(page).press('Tab');
}

test('builds, validates, versions, exports, imports and runs a pipeline from a preset', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(`${server.url}#/pipelines`);
  await expect(page.getByTestId('no-pipelines')).toBeVisible();
  const examples = readdirSync(join(process.cwd(), 'examples/pipelines')).filter((f) => f.endsWith('.json'));
  await expect(page.getByTestId('presets').locator('a')).toHaveCount(examples.length + 1);
  await page.screenshot({ path: join(SHOTS, 'editor-01-list.png'), fullPage: true });

  await page.getByTestId('preset-synthetic-decoupled').click();
  await expect(page.getByTestId('editor-title')).toHaveText('Synthetic universe · decoupled');
  await expect(page.locator('.svelte-flow__node')).toHaveCount(7);
  await expect(edges(page)).toHaveCount(6);
  await expect(node(page, 'predictor')).toContainText('mlp');
  await page.screenshot({ path: join(SHOTS, 'editor-02-preset.png'), fullPage: true });

  // An invalid value is flagged on the field and as a badge on its node, then fixed.
  await node(page, 'optimiser').click();
  await expect(page.getByTestId('parameter-panel')).toContainText('Optimiser');
  await expect(gamma(page)).toHaveValue('8');
  await setGamma(page, '-3');
  await expect(page.getByTestId('field-error-gamma')).toContainText('>0');
  await expect(page.getByTestId('node-badge-optimiser')).toHaveText('1');
  await expect(page.getByTestId('editor-run-start')).toBeDisabled();
  await page.screenshot({ path: join(SHOTS, 'editor-03-invalid-field.png'), fullPage: true });
  await setGamma(page, '4');
  await expect(page.getByTestId('field-error-gamma')).toHaveCount(0);
  await expect(page.getByTestId('node-badge-optimiser')).toHaveCount(0);

  // Undo and redo walk the snapshots (buttons and keyboard).
  await page.getByTestId('undo').click();
  await expect(gamma(page)).toHaveValue('-3');
  await page.getByTestId('undo').click();
  await expect(gamma(page)).toHaveValue('8');
  await page.keyboard.press('Control+Shift+Z');
  await page.keyboard.press('Control+Shift+Z');
  await expect(gamma(page)).toHaveValue('4');
  await page.keyboard.press('Control+Z');
  await expect(gamma(page)).toHaveValue('-3');
  await page.getByTestId('redo').click();
  await expect(gamma(page)).toHaveValue('4');

  // Keyboard: Escape closes the panel and returns to the node; arrows move between nodes; Enter opens.
  await gamma(page).press('Escape');
  await expect(page.getByTestId('parameter-panel')).toHaveCount(0);
  await expect(node(page, 'optimiser')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(node(page, 'training')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('kind-select')).toBeFocused();
  await expect(page.getByTestId('kind-select')).toHaveValue('decoupled');
  await page.keyboard.press('Escape');

  // A link that skips a stage is refused; a removed link is a problem until it is drawn again.
  await link(page, 'data', 'optimiser');
  await expect(page.getByTestId('connection-refused')).toContainText('Data can only feed Features');
  await expect(edges(page)).toHaveCount(6);
  await page.locator('.svelte-flow__edge[data-id="risk>optimiser"]').dispatchEvent('click');
  await page.keyboard.press('Delete');
  await expect(edges(page)).toHaveCount(5);
  await expect(page.getByTestId('node-badge-optimiser')).toHaveText('1');
  await page.screenshot({ path: join(SHOTS, 'editor-04-unlinked.png'), fullPage: true });
  await link(page, 'risk', 'optimiser');
  await expect(edges(page)).toHaveCount(6);
  await expect(page.getByTestId('node-badge-optimiser')).toHaveCount(0);

  // Two saves of two different specs are two versions; the old one opens again.
  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('editor-message')).toHaveText('Saved as version 1.');
  await node(page, 'optimiser').click();
  await setGamma(page, '6');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('editor-message')).toHaveText('Saved as version 2.');
  await expect(page.getByTestId('versions').locator('li')).toHaveCount(2);
  await page.getByTestId('open-version-1').click();
  await expect(gamma(page)).toHaveValue('4');
  await page.screenshot({ path: join(SHOTS, 'editor-05-versions.png'), fullPage: true });
  await page.getByTestId('undo').click();
  await expect(gamma(page)).toHaveValue('6');

  // Export downloads the spec; importing a changed copy loads it.
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as { name: string; optimiser: { gamma: number }; training: { epochs: number } };
  expect(exported.name).toBe('Synthetic universe · decoupled');
  expect(exported.optimiser.gamma).toBe(6);
  const file = join(tmpdir(), `pa-editor-${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ ...exported, name: 'Imported decoupled', training: { ...exported.training, epochs: 40 } }));
  await page.getByTestId('import-input').setInputFiles(file);
  await expect(page.getByTestId('editor-title')).toHaveText('Imported decoupled');
  await expect(page.getByTestId('unsaved')).toBeVisible();

  // Run from the editor: live progress, then a link to the stored run.
  await page.getByTestId('editor-run-start').click();
  await expect(page.getByTestId('editor-run').getByRole('progressbar')).toBeVisible();
  await expect(page.getByTestId('live-training-curve')).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: join(SHOTS, 'editor-06-running.png'), fullPage: true });
  await expect(page.getByTestId('editor-run-done')).toBeVisible({ timeout: 180_000 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await node(page, 'training').click();
  await page.screenshot({ path: join(SHOTS, 'editor-07-dark.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByTestId('editor-run-done').getByRole('link').click();
  await expect(page.getByTestId('run-name')).toHaveText('Imported decoupled');

  await page.goto(`${server.url}#/pipelines`);
  await expect(page.getByTestId('pipelines-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('pipelines-table')).toContainText('Synthetic universe · decoupled');
  await page.getByTestId('pipelines-table').getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByTestId('pipelines-table').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('pipelines-table')).toContainText('Synthetic universe · decoupled (copy)');
  await page.screenshot({ path: join(SHOTS, 'editor-08-saved-list.png'), fullPage: true });
});

test('node kinds other modules add to the spec schemas get their panels without editor changes', async ({ page }) => {
  await page.goto(`${server.url}#/pipelines/new?preset=sp500-gmv-learned-cleaner`);
  await expect(node(page, 'risk')).toContainText('learned-cleaner');
  await node(page, 'risk').click();
  await expect(page.getByTestId('kind-select')).toHaveValue('learned-cleaner');
  await expect(page.getByTestId('field-lookback')).toBeVisible();
  await page.goto(`${server.url}#/pipelines/new?preset=sp500-sensitivity`);
  await expect(node(page, 'optimiser')).toContainText('sensitivity');
  await node(page, 'optimiser').click();
  await expect(page.getByTestId('field-linkage').locator('select')).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'editor-09-generated-kind.png'), fullPage: true });
});
