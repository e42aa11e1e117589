/** A worker with job kinds that exercise the pool itself: long loops, crashes, throws, transfers. */
import { runWorker } from '../../../src/main/jobs/worker-runtime';

runWorker({
  spin: async (params, context) => {
    const { steps, stepMs } = params as { steps: number; stepMs: number };
    const startedAt = Date.now();
    for (let step = 0; step < steps; step++) {
      const until = Date.now() + stepMs;
      while (Date.now() < until) {
        // Busy on purpose: cancellation must work even when the worker never yields.
      }
      context.progress((step + 1) / steps, `step ${step + 1}`);
    }
    return { steps, startedAt, endedAt: Date.now() };
  },
  epochs: (params, context) => {
    const { count } = params as { count: number };
    for (let epoch = 1; epoch <= count; epoch++) context.epoch({ stage: 'decoupled', epoch, trainLoss: 1 / epoch, valLoss: null, gradNorm: epoch });
    return { count };
  },
  crash: () => process.exit(3),
  throw: () => {
    throw Object.assign(new Error('bad.csv: line 3 has 2 fields, expected 4'), { code: 'inconsistent-columns', file: 'bad.csv', line: 3 });
  },
  matrix: (params) => {
    const { n } = params as { n: number };
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = i / 3;
    return { values };
  },
});
