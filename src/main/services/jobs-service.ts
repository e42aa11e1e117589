/**
 * Starts engine jobs: records each one before it runs, streams progress to the event bus and the
 * store, and turns every outcome (result, error, crash, cancel, timeout) into a stored state and an
 * event. `finalize` runs in the main process with the worker's result (e.g. one store transaction).
 */
import { randomUUID } from 'node:crypto';
import type { JobSummary } from '../../shared/contract/schemas';
import { AppError } from '../../shared/contract/dispatch';
import { JobFailure, type JobPool } from '../jobs/job-pool';
import type { Store } from '../store/store';
import type { EventBus } from './event-bus';

export interface StartedJob<T> {
  jobId: string;
  done: Promise<T>;
}

export interface StartOptions {
  timeoutMs?: number;
  onProgress?: (progress: number, stage: string) => void;
  /** Every training epoch the job reports (never throttled). */
  onEpoch?: (point: { stage: string; epoch: number; trainLoss: number; valLoss: number | null; gradNorm: number }) => void;
}

const EVENT_INTERVAL_MS = 100;
const STORE_INTERVAL_MS = 500;

export class JobsService {
  constructor(
    private readonly store: Store,
    private readonly pool: JobPool,
    private readonly bus: EventBus,
  ) {}

  get workers(): number {
    return this.pool.size;
  }

  start<T>(
    kind: string,
    label: string,
    params: unknown,
    finalize: (result: unknown) => T | Promise<T>,
    options: StartOptions = {},
  ): StartedJob<T> {
    const jobId = randomUUID();
    this.store.jobs.create(jobId, kind, label, params);
    let lastEvent = 0;
    let lastStore = 0;
    let started = false;
    const onProgress = (progress: number, stage: string): void => {
      if (!started) {
        started = true;
        this.store.jobs.markRunning(jobId);
      }
      options.onProgress?.(progress, stage);
      const now = Date.now();
      if (now - lastEvent >= EVENT_INTERVAL_MS) {
        lastEvent = now;
        this.bus.emit('job.progress', { jobId, kind, progress, stage });
      }
      if (now - lastStore >= STORE_INTERVAL_MS) {
        lastStore = now;
        this.store.jobs.progress(jobId, progress, stage);
      }
    };
    const done = this.pool
      .run(
        jobId,
        kind,
        params,
        {
          onProgress,
          onEpoch: (point) => {
            options.onEpoch?.(point);
            this.bus.emit('job.epoch', { jobId, kind, ...point });
          },
        },
        options.timeoutMs,
      )
      .then(async (raw) => {
        const result = await finalize(raw);
        this.store.jobs.finish(jobId, 'succeeded', { result });
        this.bus.emit('job.finished', { jobId, kind, result });
        return result;
      })
      .catch((error: unknown) => {
        const failure =
          error instanceof JobFailure
            ? error
            : error instanceof AppError
              ? new JobFailure({ code: error.code, message: error.message, details: error.details }, 'failed')
              : new JobFailure({ code: 'internal', message: error instanceof Error ? error.message : String(error) }, 'failed');
        this.store.jobs.finish(jobId, failure.state, { error: failure.info.message });
        this.bus.emit('job.failed', { jobId, kind, error: failure.info, state: failure.state });
        throw failure;
      });
    // Callers that only listen to events must not see an unhandled rejection.
    done.catch(() => undefined);
    return { jobId, done };
  }

  cancel(jobId: string): boolean {
    return this.pool.cancel(jobId);
  }

  list(): JobSummary[] {
    return this.store.jobs.list();
  }

  get(jobId: string): JobSummary {
    const job = this.store.jobs.get(jobId);
    if (!job) throw new AppError('not-found', `No job with id ${jobId}`);
    return job;
  }
}
