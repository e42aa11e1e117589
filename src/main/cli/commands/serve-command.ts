/** `portfolio-audit serve [--port P]`: the app's UI in a browser, on 127.0.0.1 only. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startWebHost } from '../../web/web-host';
import { UsageError, type CliContext } from '../cli-context';

export async function serveCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, 'no-demo': { type: 'boolean', default: false } } });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${values.port}: expected a port number`);
  if (!existsSync(join(context.layout.rendererDir, 'index.html'))) {
    throw new UsageError(`The UI is not built (${context.layout.rendererDir} is missing): run npm run build first`);
  }
  const app = context.app('web');
  const host = await startWebHost({ app, rendererDir: context.layout.rendererDir, port });
  context.io.out(`Portfolio Pipeline Auditor (web mode) at ${host.url}`);
  context.io.out(`Store: ${app.store.path}. Press Ctrl+C to stop.`);
  if (app.interruptedAtStart > 0) context.io.out(`${app.interruptedAtStart} job(s) from the last session were interrupted and are marked so.`);
  if (!values['no-demo']) {
    void app.seedDemo().catch((error: unknown) => context.io.err(`Demo datasets could not be seeded: ${error instanceof Error ? error.message : String(error)}`));
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  return 0;
}
