import { afterEach, describe, expect, it } from 'vitest';
import { JobFailure, JobPool } from '../../../src/main/jobs/job-pool';

const workerEntry = new URL('../../../scripts/ts-worker.mjs', import.meta.url);
const workerData = { entry: new URL('./test-worker.ts', import.meta.url).href };
let pool: JobPool | undefined;

function newPool(size = 1, timeoutMs?: number): JobPool {
  pool = new JobPool({ workerEntry, workerData, size, timeoutMs });
  return pool;
}

afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('JobPool', { timeout: 20_000 }, () => {
  it('runs a job off the main thread, streaming progress, and transfers typed arrays intact', async () => {
    const jobs = newPool();
    const seen: number[] = [];
    const result = (await jobs.run('a', 'spin', { steps: 4, stepMs: 5 }, { onProgress: (p) => seen.push(p) })) as { steps: number };
    expect(result.steps).toBe(4);
    expect(seen).toEqual([0.25, 0.5, 0.75, 1]);
    const { values } = (await jobs.run('b', 'matrix', { n: 1000 })) as { values: Float64Array };
    expect(values).toBeInstanceOf(Float64Array);
    expect(values[999]).toBe(999 / 3);
  });

  it('cancels a running job that never yields, and the pool keeps working', async () => {
    const jobs = newPool();
    let started!: () => void;
    const firstProgress = new Promise<void>((resolve) => (started = resolve));
    const running = jobs.run('long', 'spin', { steps: 1000, stepMs: 20 }, { onProgress: () => started() });
    await firstProgress;
    expect(jobs.cancel('long')).toBe(true);
    await expect(running).rejects.toMatchObject({ state: 'cancelled', info: { code: 'cancelled' } });
    expect(jobs.cancel('long')).toBe(false);
    await expect(jobs.run('after', 'spin', { steps: 2, stepMs: 1 })).resolves.toMatchObject({ steps: 2 });
  });

  it('cancels a queued job before it starts', async () => {
    const jobs = newPool(1);
    const first = jobs.run('first', 'spin', { steps: 5, stepMs: 10 });
    const second = jobs.run('second', 'spin', { steps: 1, stepMs: 1 });
    expect(jobs.cancel('second')).toBe(true);
    await expect(second).rejects.toBeInstanceOf(JobFailure);
    await expect(first).resolves.toMatchObject({ steps: 5 });
  });

  it('turns a crashing worker into a failed job with its exit code', async () => {
    const jobs = newPool();
    await expect(jobs.run('c', 'crash', {})).rejects.toMatchObject({ state: 'failed', info: { code: 'worker-crashed', message: expect.stringContaining('code 3') } });
    await expect(jobs.run('d', 'spin', { steps: 1, stepMs: 1 })).resolves.toMatchObject({ steps: 1 });
  });

  it('passes a thrown error on with its code and location', async () => {
    const jobs = newPool();
    await expect(jobs.run('e', 'throw', {})).rejects.toMatchObject({
      state: 'failed',
      info: { code: 'inconsistent-columns', message: 'bad.csv: line 3 has 2 fields, expected 4', details: { file: 'bad.csv', line: 3 } },
    });
  });

  it('stops a job that exceeds its time limit', async () => {
    const jobs = newPool(1, 300);
    await expect(jobs.run('slow', 'spin', { steps: 100, stepMs: 50 })).rejects.toMatchObject({ state: 'failed', info: { code: 'timeout' } });
    await expect(jobs.run('fast', 'spin', { steps: 1, stepMs: 1 })).resolves.toMatchObject({ steps: 1 });
  });

  it('forwards every training epoch, unthrottled and in order', async () => {
    const jobs = newPool();
    const seen: number[] = [];
    await jobs.run('e', 'epochs', { count: 500 }, { onEpoch: (point) => seen.push(point.epoch) });
    expect(seen).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
  });

  it('rejects an unknown job kind', async () => {
    const jobs = newPool();
    await expect(jobs.run('u', 'no-such-kind', {})).rejects.toMatchObject({ info: { code: 'unknown-job-kind' } });
  });

  it('runs jobs in parallel up to its size', async () => {
    const jobs = newPool(2);
    type Window = { startedAt: number; endedAt: number };
    const [a, b] = (await Promise.all([jobs.run('p1', 'spin', { steps: 1, stepMs: 400 }), jobs.run('p2', 'spin', { steps: 1, stepMs: 400 })])) as Window[];
    // Two workers: each job starts before the other ends (a single worker would run them back to back).
    expect(b.startedAt).toBeLessThan(a.endedAt);
    expect(a.startedAt).toBeLessThan(b.endedAt);
  });
});
