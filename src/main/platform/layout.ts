/**
 * Where the worker script, resources and built renderer are, whether we run from the bundle
 * (`out/main/*.js`) or from source through tsx (tests, `npm run bench`).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface RuntimeLayout {
  rootDir: string;
  workerEntry: string;
  /** Source mode: tells the tsx bootstrap which TypeScript entry to run. */
  workerData?: { entry: string };
  resourcesDir: string;
  presetsDir: string;
  rendererDir: string;
  fromSource: boolean;
}

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export function runtimeLayout(entryUrl: string): RuntimeLayout {
  const entry = fileURLToPath(entryUrl);
  const rootDir = findRoot(dirname(entry));
  const fromSource = entry.endsWith('.ts');
  return {
    rootDir,
    fromSource,
    workerEntry: fromSource ? join(rootDir, 'scripts/ts-worker.mjs') : join(rootDir, 'out/main/job-worker.js'),
    ...(fromSource ? { workerData: { entry: pathToFileURL(join(rootDir, 'src/main/jobs/job-worker.ts')).href } } : {}),
    resourcesDir: join(rootDir, 'resources'),
    presetsDir: join(rootDir, 'examples/pipelines'),
    rendererDir: join(rootDir, 'out/renderer'),
  };
}
