/** A real App (store on disk, worker pool running our TypeScript job worker) in a temp folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runtimeLayout } from '../../../src/main/platform/layout';
import { App } from '../../../src/main/services/app';

export interface TestApp {
  app: App;
  dir: string;
  dbPath: string;
  reopen(): Promise<App>;
  dispose(): Promise<void>;
}

export function createTestApp(mode: 'cli' | 'web' = 'cli'): TestApp {
  const layout = runtimeLayout(new URL('../../../src/main/cli-entry.ts', import.meta.url).href);
  const dir = mkdtempSync(join(tmpdir(), 'pa-app-'));
  const dbPath = join(dir, 'store.db');
  const make = (): App =>
    new App({ mode, storePath: dbPath, resourcesDir: layout.resourcesDir, presetsDir: layout.presetsDir, pool: { workerEntry: layout.workerEntry, workerData: layout.workerData, size: 1 } });
  const handle: TestApp = {
    app: make(),
    dir,
    dbPath,
    reopen: async () => {
      await handle.app.close();
      handle.app = make();
      return handle.app;
    },
    dispose: async () => {
      await handle.app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
