/** `portfolio-audit datasets [--json]` */
import { parseArgs } from 'node:util';
import type { CliContext } from '../cli-context';
import { formatTable } from '../table';

export async function datasetsCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const datasets = context.app().datasets.list();
  if (values.json) {
    context.json(datasets);
    return 0;
  }
  if (datasets.length === 0) {
    context.io.out('No datasets yet. Import one: portfolio-audit import <file.csv>');
    return 0;
  }
  context.io.out(
    formatTable(
      ['id', 'name', 'kind', 'freq', 'cols', 'obs', 'first', 'last', 'missing'],
      datasets.map((d) => [d.id.slice(0, 8), d.name, d.kind, d.frequency, String(d.assets), String(d.observations), d.firstDate, d.lastDate, `${(d.missingShare * 100).toFixed(1)} %`]),
    ),
  );
  return 0;
}
