/**
 * The loop every job worker runs: take a job, run the registered function, post progress and the
 * result (typed arrays transferred, not copied), turn any exception into an `error` message.
 */
import { parentPort, type TransferListItem } from 'node:worker_threads';
import type { EpochPoint, FromWorker, JobRegistry, ToWorker } from './protocol';

function collectTransferables(value: unknown, found: Set<ArrayBuffer>, depth = 0): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && value.byteLength === value.buffer.byteLength) found.add(value.buffer);
    return;
  }
  for (const item of Array.isArray(value) ? value : Object.values(value)) collectTransferables(item, found, depth + 1);
}

function errorInfo(error: unknown): { code: string; message: string; details?: unknown } {
  if (error instanceof Error) {
    const coded = error as Error & { code?: unknown; file?: unknown; line?: unknown; column?: unknown };
    const details = { file: coded.file, line: coded.line, column: coded.column };
    return {
      code: typeof coded.code === 'string' ? coded.code : error.name || 'error',
      message: error.message,
      ...(details.file !== undefined ? { details } : {}),
    };
  }
  return { code: 'error', message: String(error) };
}

export function runWorker(registry: JobRegistry): void {
  const port = parentPort;
  if (!port) throw new Error('runWorker must run inside a worker thread');
  const post = (message: FromWorker, transfer: TransferListItem[] = []): void => port.postMessage(message, transfer);
  port.on('message', (message: ToWorker) => {
    if (message.type !== 'run') return;
    const { jobId, kind, params } = message;
    const job = registry[kind];
    if (!job) {
      post({ type: 'error', jobId, error: { code: 'unknown-job-kind', message: `No job kind "${kind}"` } });
      return;
    }
    const context = {
      progress: (progress: number, stage: string) => post({ type: 'progress', jobId, progress, stage }),
      epoch: (epoch: EpochPoint) => post({ type: 'epoch', jobId, epoch }),
    };
    Promise.resolve()
      .then(() => job(params, context))
      .then(
        (result) => {
          const buffers = new Set<ArrayBuffer>();
          collectTransferables(result, buffers);
          post({ type: 'done', jobId, result }, [...buffers]);
        },
        (error: unknown) => post({ type: 'error', jobId, error: errorInfo(error) }),
      );
  });
}
