/** Messages between the job pool (main process) and its worker threads. */
import type { ErrorInfo } from '../../shared/contract/schemas';

export type ToWorker = { type: 'run'; jobId: string; kind: string; params: unknown };

export type FromWorker =
  | { type: 'progress'; jobId: string; progress: number; stage: string }
  | { type: 'epoch'; jobId: string; epoch: EpochPoint }
  | { type: 'done'; jobId: string; result: unknown }
  | { type: 'error'; jobId: string; error: ErrorInfo };

export interface JobContext {
  /** Reports progress in [0, 1] with a short stage label; cheap to call often (throttled upstream). */
  progress(fraction: number, stage: string): void;
  /** Reports one training epoch (forwarded as it comes, never throttled: a loss curve needs every point). */
  epoch(point: EpochPoint): void;
}

export interface EpochPoint {
  stage: string;
  epoch: number;
  trainLoss: number;
  valLoss: number | null;
  gradNorm: number;
}

export type JobFunction = (params: unknown, context: JobContext) => Promise<unknown> | unknown;

export type JobRegistry = Record<string, JobFunction>;
