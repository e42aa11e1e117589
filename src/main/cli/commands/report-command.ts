/** `portfolio-audit report <run-id>… --out file.pdf [--json]`: the PDF audit report of stored runs. */
import { parseArgs } from 'node:util';
import { APP_VERSION } from '../../platform/version';
import { writeAuditReport } from '../../report/write-audit-report';
import { UsageError, type CliContext } from '../cli-context';

const USAGE = 'portfolio-audit report <run-id>… --out file.pdf [--json]   (run ids or unique prefixes, as `portfolio-audit runs` lists them; the first run is the baseline of the comparison)';

export async function reportCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string', short: 'o' }, json: { type: 'boolean', default: false } } });
  if (positionals.length === 0) throw new UsageError(`report needs at least one run id: ${USAGE}`);
  if (!values.out) throw new UsageError(`report needs --out file.pdf: ${USAGE}`);
  if (!values.out.toLowerCase().endsWith('.pdf')) throw new UsageError(`--out ${values.out}: the report is a PDF, give a file name ending in .pdf`);
  const app = context.app();
  const written = await writeAuditReport(app.store, positionals, values.out, {
    appVersion: APP_VERSION,
    generatedAt: new Date(),
    tfBackend: async () => {
      const info = await app.tfBackend();
      return `${info.backend} (${info.detail}), tfjs ${info.version}`;
    },
  });
  if (values.json) context.json(written);
  else context.io.out(`Wrote ${written.path} (${(written.bytes / 1e3).toFixed(0)} kB): audit report of ${written.runIds.length} run${written.runIds.length === 1 ? '' : 's'}`);
  return 0;
}
