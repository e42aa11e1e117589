/**
 * The partial log of a run in progress: which stages it reached (and when), how many training
 * epochs each stage completed, and the last progress it reported. Kept in the run's row while it
 * runs, so a run the app stopped in the middle of still shows how far it got after a restart.
 */
import type { RunProgressLog } from '../../shared/contract/schemas';

/** Writes at most this often, plus at every new stage (a crash loses at most this much). */
const WRITE_INTERVAL_MS = 1000;

export interface EpochPoint {
  stage: string;
  epoch: number;
  trainLoss: number;
  valLoss: number | null;
}

export class RunProgressRecorder {
  private readonly log: RunProgressLog = { stages: [], epochs: {}, lastEpoch: null, progress: 0, stage: '', updatedAt: '' };
  private lastWrite = 0;

  /** @param write - stores the log (called synchronously, throttled). */
  constructor(
    private readonly write: (log: RunProgressLog) => void,
    private readonly now: () => number = Date.now,
  ) {}

  progress(fraction: number, stage: string): void {
    this.log.progress = fraction;
    const isNew = stage !== '' && stage !== this.log.stage;
    this.log.stage = stage;
    if (isNew) this.log.stages.push({ stage, at: new Date(this.now()).toISOString(), progress: fraction });
    this.maybeWrite(isNew);
  }

  epoch(point: EpochPoint): void {
    this.log.epochs[point.stage] = (this.log.epochs[point.stage] ?? 0) + 1;
    this.log.lastEpoch = { ...point };
    this.maybeWrite(false);
  }

  /** A copy of the log as it stands. */
  snapshot(): RunProgressLog {
    return structuredClone(this.log);
  }

  private maybeWrite(force: boolean): void {
    const now = this.now();
    if (!force && now - this.lastWrite < WRITE_INTERVAL_MS) return;
    this.lastWrite = now;
    this.log.updatedAt = new Date(now).toISOString();
    this.write(this.snapshot());
  }
}
