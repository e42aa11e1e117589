import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src/shared/contract/channels';
import { createTestApp, type TestApp } from '../helpers/test-app';

let testApp: TestApp;
beforeEach(() => {
  testApp = createTestApp();
});
afterEach(async () => {
  await testApp.dispose();
});

describe('a training run streams its epochs', { timeout: 120_000 }, () => {
  it('emits one job.epoch event per epoch of the first fit, in order, matching the stored history', async () => {
    const { app } = testApp;
    const events: EventPayload<'job.epoch'>[] = [];
    app.bus.subscribe((event, payload) => {
      if (event === 'job.epoch') events.push(payload as EventPayload<'job.epoch'>);
    });
    const spec = JSON.parse(readFileSync(join(process.cwd(), 'examples/pipelines/synthetic-decoupled.json'), 'utf8')) as Record<string, unknown>;
    const outcome = await app.runs.start({ spec }).done;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.stage === 'decoupled' && e.kind === 'pipeline-run')).toBe(true);
    expect(events.map((e) => e.epoch)).toEqual(events.map((_, i) => i + 1));
    const stored = app.store.runs.series(outcome.runId)?.training as { fits: { histories: { decoupled: { history: { trainLoss: number }[] } } }[] };
    expect(events.map((e) => e.trainLoss)).toEqual(stored.fits[0].histories.decoupled.history.map((h) => h.trainLoss));
  });
});
