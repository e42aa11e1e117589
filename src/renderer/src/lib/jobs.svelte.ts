/** Live state of the jobs this window started, fed by the contract's push events. */
import type { ErrorInfo } from '../../../shared/contract/schemas';
import { client } from '../api/client';

export interface LiveJob {
  id: string;
  progress: number;
  stage: string;
  state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  error?: ErrorInfo;
  result?: unknown;
  /** Training epochs reported so far (pipelines that train), in arrival order. */
  epochs: { stage: string; epoch: number; trainLoss: number; valLoss: number | null; gradNorm: number }[];
}

type Settle = (job: LiveJob) => void;

class Jobs {
  live = $state<Record<string, LiveJob>>({});
  private readonly waiters = new Map<string, Settle[]>();

  constructor() {
    client.on('job.progress', ({ jobId, progress, stage }) => {
      const job = this.live[jobId];
      if (job && job.state === 'running') this.live[jobId] = { ...job, progress, stage };
    });
    client.on('job.epoch', ({ jobId, stage, epoch, trainLoss, valLoss, gradNorm }) => {
      const job = this.live[jobId];
      if (job && job.state === 'running') this.live[jobId] = { ...job, epochs: [...job.epochs, { stage, epoch, trainLoss, valLoss, gradNorm }] };
    });
    client.on('job.finished', ({ jobId, result }) => this.settle(jobId, { state: 'succeeded', progress: 1, result }));
    client.on('job.failed', ({ jobId, error, state }) => this.settle(jobId, { state, error }));
  }

  /** Starts tracking a job and resolves when it ends, whatever the outcome. */
  track(jobId: string): Promise<LiveJob> {
    this.live[jobId] ??= { id: jobId, progress: 0, stage: 'queued', state: 'running', epochs: [] };
    const current = this.live[jobId];
    if (current.state !== 'running') return Promise.resolve(current);
    return new Promise((resolve) => this.waiters.set(jobId, [...(this.waiters.get(jobId) ?? []), resolve]));
  }

  private settle(jobId: string, update: Partial<LiveJob>): void {
    const job: LiveJob = { ...(this.live[jobId] ?? { id: jobId, progress: 0, stage: '', epochs: [] }), state: 'running', ...update } as LiveJob;
    this.live[jobId] = job;
    for (const resolve of this.waiters.get(jobId) ?? []) resolve(job);
    this.waiters.delete(jobId);
  }
}

export const jobs = new Jobs();
