/** `portfolio-audit import <file> [--name N] [--kind K] [--date-format F] [--missing P] [--force] [--json]` */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { IngestOptions } from '../../../shared/domain/ingest-report';
import { parseMissingPolicy } from '../missing-policy';
import { progressBar } from '../progress';
import { UsageError, type CliContext } from '../cli-context';

export async function importCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      kind: { type: 'string' },
      'date-format': { type: 'string' },
      missing: { type: 'string' },
      section: { type: 'string' },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError('import takes exactly one file: portfolio-audit import <file> [--name N] [--json]');
  const path = resolve(positionals[0]);
  if (!existsSync(path)) throw new UsageError(`${positionals[0]}: no such file`);
  const options: Record<string, unknown> = {};
  if (values.kind) options.kind = values.kind;
  if (values['date-format']) options.dateFormat = values['date-format'];
  if (values.missing) options.missing = parseMissingPolicy(values.missing);
  if (values.section) options.section = /^\d+$/.test(values.section) ? Number(values.section) : values.section;
  const bar = progressBar(!values.json);
  const app = context.app();
  const started = app.datasets.startImport(
    { path, ...(values.name ? { name: values.name } : {}), options: options as IngestOptions, force: values.force },
    { onProgress: (fraction, stage) => bar.update(fraction, stage) },
  );
  const cancel = (): void => void app.jobs.cancel(started.jobId);
  process.once('SIGINT', cancel);
  try {
    const { dataset, identicalTo } = await started.done;
    bar.done();
    const report = app.store.datasets.detail(dataset.id)?.report;
    if (values.json) {
      context.json({ id: dataset.id, name: dataset.name, kind: dataset.kind, frequency: dataset.frequency, assets: dataset.assets, observations: dataset.observations, firstDate: dataset.firstDate, lastDate: dataset.lastDate, missingShare: dataset.missingShare, identicalTo, report });
    } else {
      context.io.out(
        `Imported "${dataset.name}" as ${dataset.id}: ${dataset.kind}, ${dataset.assets} columns × ${dataset.observations} ${dataset.frequency} observations, ${dataset.firstDate} to ${dataset.lastDate}, ${(dataset.missingShare * 100).toFixed(1)} % missing`,
      );
      for (const earlier of identicalTo) context.io.out(`Note: the same file was imported before as "${earlier.name}" (${earlier.id}).`);
    }
    return 0;
  } finally {
    bar.done();
    process.removeListener('SIGINT', cancel);
  }
}
