/** `portfolio-audit info [--json]`: versions, tfjs backend, store path. */
import { parseArgs } from 'node:util';
import type { CliContext } from '../cli-context';

export async function infoCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const info = await context.app().info();
  if (values.json) {
    context.json(info);
    return 0;
  }
  context.io.out(
    [
      `Portfolio Pipeline Auditor ${info.appVersion}`,
      `store:        ${info.storePath}`,
      `tfjs backend: ${info.tf.backend} (${info.tf.detail}), tfjs ${info.tf.version}`,
      `job workers:  ${info.jobWorkers}`,
      `node:         ${info.versions.node}`,
      `demo data:    ${info.demoCitation}`,
    ].join('\n'),
  );
  return 0;
}
