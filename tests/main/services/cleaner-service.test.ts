/** `cleaner.views` through a real App: no dataset, a small imported daily prices file, a chosen date, a wrong kind. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import { NO_PRICES_DATASET } from '../../../src/main/services/cleaner-service';
import { createTestApp, type TestApp } from '../helpers/test-app';

let handle: TestApp;
const dates: string[] = [];

beforeAll(() => {
  handle = createTestApp();
}, 30_000);
afterAll(async () => {
  await handle.dispose();
});

function writePrices(): string {
  const random = createRandom(3);
  const prices = [100, 50, 20, 80, 10];
  const lines = ['date,AAA,BBB,CCC,DDD,EEE'];
  const day = new Date(Date.UTC(2019, 0, 1));
  while (dates.length < 300) {
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) {
      dates.push(day.toISOString().slice(0, 10));
      for (let j = 0; j < prices.length; j++) prices[j] *= 1 + 0.012 * random.normal();
      lines.push(`${dates[dates.length - 1]},${prices.map((p) => p.toFixed(4)).join(',')}`);
    }
    day.setUTCDate(day.getUTCDate() + 1);
  }
  const path = join(handle.dir, 'prices.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('cleaner.views', { timeout: 60_000 }, () => {
  it('says what to import when there is no daily prices dataset', async () => {
    await expect(handle.app.cleaner.views({})).rejects.toThrow(NO_PRICES_DATASET);
  });

  it('computes the three views on the last 252 returns of the imported prices, or on those ending at a date', async () => {
    await handle.app.datasets.startImport({ path: writePrices(), name: 'five stocks' }).done;
    const views = await handle.app.cleaner.views({});
    expect(views.dataset.name).toBe('five stocks');
    expect([views.windowStart, views.date]).toEqual([dates[300 - 252], dates[299]]);
    expect([views.n, views.excluded, views.lookback]).toEqual([5, 0, 252]);
    expect(views.eigenvalues.map((s) => s.name)).toEqual(['Learned cleaner', 'QIS', 'RIE']);
    expect(views.volatility.assets).toEqual(['AAA', 'BBB', 'CCC', 'DDD', 'EEE']);
    expect(views.model.source).toMatch(/shipped|untrained/);
    const earlier = await handle.app.cleaner.views({ dataset: 'five stocks', date: dates[280] });
    expect(earlier.date).toBe(dates[280]);
    await expect(handle.app.cleaner.views({ date: dates[200] })).rejects.toThrow(/only 200 daily returns end on/);
  });
});
