// Runs a TypeScript worker entry from source (tests, benchmarks, CLI via tsx): worker threads do
// not inherit tsx's loader, so each registers it before importing its real entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
