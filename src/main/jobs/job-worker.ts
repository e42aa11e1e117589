/** Entry point of every job worker thread. */
import { runWorker } from './worker-runtime';
import { JOB_KINDS } from './job-kinds';

runWorker(JOB_KINDS);
