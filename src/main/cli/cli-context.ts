/** What every CLI command gets: parsed flags, the app (opened lazily), output helpers. */
import { resolveStorePath } from '../platform/paths';
import type { RuntimeLayout } from '../platform/layout';
import { App } from '../services/app';

export class UsageError extends Error {}

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export class CliContext {
  private opened?: App;

  constructor(
    readonly layout: RuntimeLayout,
    readonly dbFlag: string | undefined,
    readonly io: CliIo,
  ) {}

  get storePath(): string {
    return resolveStorePath(this.dbFlag);
  }

  app(mode: 'cli' | 'web' = 'cli'): App {
    this.opened ??= new App({
      mode,
      storePath: this.storePath,
      resourcesDir: this.layout.resourcesDir,
      presetsDir: this.layout.presetsDir,
      pool: { workerEntry: this.layout.workerEntry, workerData: this.layout.workerData },
    });
    return this.opened;
  }

  json(value: unknown): void {
    this.io.out(JSON.stringify(value, null, 2));
  }

  async close(): Promise<void> {
    await this.opened?.close();
  }
}
