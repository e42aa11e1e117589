/**
 * Issue 6 item 2: a run the app stops in the middle of is never lost or stuck "running". A real
 * training run starts, reports stages and epochs, the app closes while it runs, and the reopened
 * app (same store) shows it interrupted with its partial log.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunProgressRecorder } from '../../../src/main/services/run-progress-log';
import type { RunProgressLog } from '../../../src/shared/contract/schemas';
import { createTestApp, type TestApp } from '../helpers/test-app';

let testApp: TestApp;
beforeEach(() => {
  testApp = createTestApp();
});
afterEach(async () => {
  await testApp.dispose();
});

function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      if (condition()) resolve();
      else if (Date.now() - start > timeoutMs) reject(new Error(`condition not met within ${timeoutMs} ms`));
      else setTimeout(poll, 25);
    };
    poll();
  });
}

describe('an interrupted run', { timeout: 60_000 }, () => {
  it('shows as interrupted after a restart, with the stages it reached and the epochs it trained', async () => {
    const spec = JSON.parse(readFileSync(join(process.cwd(), 'examples/pipelines/synthetic-decoupled.json'), 'utf8')) as Record<string, unknown>;
    const epochs: number[] = [];
    const started = testApp.app.runs.start({ spec }, { onEpoch: (point) => epochs.push(point.epoch) });
    started.done.catch(() => undefined);
    // Wait for training to be under way and for the once-a-second log write to have caught it.
    await until(() => epochs.length >= 3, 45_000);
    const runId = testApp.app.store.runs.list()[0].id;
    await until(() => (testApp.app.store.runs.get(runId)?.progressLog?.epochs.decoupled ?? 0) >= 3, 10_000);
    const during = testApp.app.store.runs.get(runId);
    expect(during?.state).toBe('running');

    const app = await testApp.reopen();
    const run = app.runs.detail(runId);
    expect(run.state).toBe('interrupted');
    expect(run.error).toBe('The app stopped while this run was in progress.');
    expect(run.summary).toBeNull();
    const log = run.progressLog as RunProgressLog;
    expect(log.stages.length).toBeGreaterThan(0);
    expect(log.stages.map((s) => s.stage)).toContain(log.stage);
    expect(log.epochs.decoupled).toBeGreaterThanOrEqual(3);
    expect(log.epochs.decoupled).toBeLessThanOrEqual(epochs.length);
    expect(log.lastEpoch?.stage).toBe('decoupled');
    expect(log.lastEpoch?.epoch).toBe(log.epochs.decoupled);
    expect(log.progress).toBeGreaterThanOrEqual(0);
    expect(log.progress).toBeLessThan(1);
    expect(app.runs.list().find((r) => r.id === runId)?.state).toBe('interrupted');
    expect(app.jobs.list().find((job) => job.kind === 'pipeline-run')?.state).not.toBe('running');
  });

  it('is marked interrupted at the next start when the process died without closing', async () => {
    const { store } = testApp.app;
    store.jobs.create('job-crashed', 'pipeline-run', 'Run crashed', null);
    store.jobs.markRunning('job-crashed');
    store.runs.start({ id: 'run-crashed', name: 'crashed', jobId: 'job-crashed', spec: {}, seed: 1, datasets: [] });
    const log: RunProgressLog = { stages: [{ stage: 'training', at: '2024-01-01T00:00:00.000Z', progress: 0.1 }], epochs: { decoupled: 7 }, lastEpoch: { stage: 'decoupled', epoch: 7, trainLoss: 0.5, valLoss: null }, progress: 0.12, stage: 'training', updatedAt: '2024-01-01T00:00:01.000Z' };
    store.runs.recordProgress('run-crashed', log);
    // No close: the next App on the same file plays the role of the relaunched process.
    const app = await testApp.reopen();
    const run = app.runs.detail('run-crashed');
    expect(run.state).toBe('interrupted');
    expect(run.progressLog).toEqual(log);
    expect(app.jobs.get('job-crashed').state).toBe('interrupted');
  });
});

describe('RunProgressRecorder', () => {
  it('writes at every new stage and at most once a second otherwise, counting epochs per stage', () => {
    let now = Date.parse('2024-01-01T00:00:00Z');
    const writes: RunProgressLog[] = [];
    const recorder = new RunProgressRecorder((log) => writes.push(log), () => now);
    recorder.progress(0.05, 'data');
    recorder.progress(0.06, 'data');
    now += 500;
    recorder.epoch({ stage: 'decoupled', epoch: 1, trainLoss: 1, valLoss: 2 });
    expect(writes.length).toBe(1);
    recorder.progress(0.2, 'training');
    expect(writes.length).toBe(2);
    now += 1001;
    recorder.epoch({ stage: 'decoupled', epoch: 2, trainLoss: 0.9, valLoss: 1.5 });
    expect(writes.length).toBe(3);
    const last = writes[2];
    expect(last.stages.map((s) => [s.stage, s.progress])).toEqual([['data', 0.05], ['training', 0.2]]);
    expect(last.epochs).toEqual({ decoupled: 2 });
    expect(last.lastEpoch).toEqual({ stage: 'decoupled', epoch: 2, trainLoss: 0.9, valLoss: 1.5 });
    expect(last.updatedAt).toBe('2024-01-01T00:00:01.501Z');
    writes[2].epochs.decoupled = 99;
    expect(recorder.snapshot().epochs.decoupled).toBe(2);
  });
});
