/**
 * A pool of worker threads that runs engine jobs off the main thread. One job per worker at a
 * time; a queue in front. Cancel and timeout terminate the worker (the only way to stop a tight
 * numerical loop) and a fresh one takes its place. A worker that crashes fails its job with the
 * crash message; the pool stays healthy.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { AppError } from '../../shared/contract/dispatch';
import type { ErrorInfo } from '../../shared/contract/schemas';
import type { EpochPoint, FromWorker, ToWorker } from './protocol';

export interface JobPoolOptions {
  /** The worker script: the built `job-worker.js`, or `scripts/ts-worker.mjs` when running from source. */
  workerEntry: string | URL;
  /** Passed to each worker (the source-mode bootstrap reads the real entry from it). */
  workerData?: unknown;
  size?: number;
  /** Default per-job time limit; `Infinity` for none. */
  timeoutMs?: number;
}

export interface JobHandlers {
  onProgress?: (progress: number, stage: string) => void;
  onEpoch?: (point: EpochPoint) => void;
}

/** How a job ended when it did not succeed; an AppError, so its code reaches the user as is. */
export class JobFailure extends AppError {
  constructor(
    readonly info: ErrorInfo,
    readonly state: 'failed' | 'cancelled',
  ) {
    super(info.code, info.message, info.details);
    this.name = 'JobFailure';
  }
}

interface PendingJob {
  jobId: string;
  kind: string;
  params: unknown;
  timeoutMs: number;
  handlers: JobHandlers;
  resolve: (value: unknown) => void;
  reject: (error: JobFailure) => void;
}

interface Slot {
  worker: Worker;
  job?: PendingJob;
  timer?: NodeJS.Timeout;
}

export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

export class JobPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: PendingJob[] = [];
  private closed = false;

  constructor(private readonly options: JobPoolOptions) {
    this.size = Math.max(1, options.size ?? defaultPoolSize());
  }

  /** Queues a job; the promise settles with its result or rejects with a JobFailure. */
  run(jobId: string, kind: string, params: unknown, handlers: JobHandlers = {}, timeoutMs?: number): Promise<unknown> {
    if (this.closed) return Promise.reject(new JobFailure({ code: 'pool-closed', message: 'The job pool is closed' }, 'failed'));
    return new Promise((resolve, reject) => {
      this.queue.push({
        jobId,
        kind,
        params,
        handlers,
        resolve,
        reject,
        timeoutMs: timeoutMs ?? this.options.timeoutMs ?? Number.POSITIVE_INFINITY,
      });
      this.pump();
    });
  }

  /** Cancels a queued or running job. Returns false when the job is unknown or already finished. */
  cancel(jobId: string): boolean {
    const queued = this.queue.findIndex((job) => job.jobId === jobId);
    if (queued >= 0) {
      const [job] = this.queue.splice(queued, 1);
      job.reject(new JobFailure({ code: 'cancelled', message: 'Cancelled before it started' }, 'cancelled'));
      return true;
    }
    const slot = this.slots.find((candidate) => candidate.job?.jobId === jobId);
    if (!slot) return false;
    this.abort(slot, new JobFailure({ code: 'cancelled', message: 'Cancelled by the user' }, 'cancelled'));
    return true;
  }

  get busy(): number {
    return this.slots.filter((slot) => slot.job).length + this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      job.reject(new JobFailure({ code: 'pool-closed', message: 'The app is shutting down' }, 'cancelled'));
    }
    await Promise.all(
      this.slots.splice(0).map((slot) => {
        if (slot.job) slot.job.reject(new JobFailure({ code: 'pool-closed', message: 'The app is shutting down' }, 'cancelled'));
        if (slot.timer) clearTimeout(slot.timer);
        return slot.worker.terminate();
      }),
    );
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.workerEntry, { workerData: this.options.workerData });
    const slot: Slot = { worker };
    worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    worker.on('error', (error) => {
      this.finish(slot, undefined, new JobFailure({ code: 'worker-crashed', message: `The job crashed: ${error.message}` }, 'failed'));
      this.replace(slot);
    });
    worker.on('exit', (code) => {
      if (slot.job) {
        this.finish(slot, undefined, new JobFailure({ code: 'worker-crashed', message: `The job's worker exited with code ${code}` }, 'failed'));
      }
      this.replace(slot);
    });
    this.slots.push(slot);
    return slot;
  }

  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    void slot.worker.terminate();
    this.pump();
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot = this.slots.find((candidate) => !candidate.job);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        slot = this.spawn();
      }
      const job = this.queue.shift() as PendingJob;
      slot.job = job;
      if (Number.isFinite(job.timeoutMs)) {
        slot.timer = setTimeout(() => {
          this.abort(slot, new JobFailure({ code: 'timeout', message: `The job ran longer than ${Math.round(job.timeoutMs / 1000)} s and was stopped` }, 'failed'));
        }, job.timeoutMs);
      }
      const message: ToWorker = { type: 'run', jobId: job.jobId, kind: job.kind, params: job.params };
      slot.worker.postMessage(message);
    }
  }

  private abort(slot: Slot, failure: JobFailure): void {
    this.finish(slot, undefined, failure);
    this.replace(slot);
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    const job = slot.job;
    if (!job || job.jobId !== message.jobId) return;
    if (message.type === 'progress') {
      job.handlers.onProgress?.(Math.min(1, Math.max(0, message.progress)), message.stage);
    } else if (message.type === 'epoch') {
      job.handlers.onEpoch?.(message.epoch);
    } else if (message.type === 'done') {
      this.finish(slot, message.result);
      this.pump();
    } else {
      this.finish(slot, undefined, new JobFailure(message.error, 'failed'));
      this.pump();
    }
  }

  private finish(slot: Slot, result: unknown, failure?: JobFailure): void {
    const job = slot.job;
    if (!job) return;
    slot.job = undefined;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    if (failure) job.reject(failure);
    else job.resolve(result);
  }
}
