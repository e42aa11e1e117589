/**
 * `portfolio-audit attribute <run-id> [--versus <run-id>] [--method ig|saliency|shap] [--anchor YYYY-MM] [--json]`:
 * attributions of a stored run's decision by feature group, stored with the run.
 */
import { parseArgs } from 'node:util';
import { ATTRIBUTION_METHODS, type AttributionMethod, type ExplainRecord } from '../../../shared/domain/explain';
import { progressBar } from '../progress';
import { UsageError, type CliContext } from '../cli-context';

const USAGE = 'portfolio-audit attribute <run-id> [--versus <run-id>] [--method ig|saliency|shap] [--anchor YYYY-MM] [--json]';

export async function attributeCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { versus: { type: 'string' }, method: { type: 'string', default: 'ig' }, anchor: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError(`attribute needs one run id: ${USAGE}`);
  if (!ATTRIBUTION_METHODS.includes(values.method as AttributionMethod)) throw new UsageError(`--method ${values.method}: must be one of ${ATTRIBUTION_METHODS.join(', ')}`);
  if (values.anchor !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.anchor)) throw new UsageError(`--anchor ${values.anchor}: must be a month YYYY-MM`);
  const app = context.app();
  const bar = progressBar(!values.json);
  const started = app.explain.attribute(
    { runId: positionals[0], method: values.method as AttributionMethod, ...(values.versus ? { versusRunId: values.versus } : {}), ...(values.anchor ? { anchor: values.anchor } : {}) },
    { onProgress: (fraction, stage) => bar.update(fraction, stage) },
  );
  const { id } = await started.done;
  bar.done();
  const record = app.explain.get(id) as Extract<ExplainRecord, { kind: 'attribution' }>;
  if (values.json) {
    context.json(record);
    return 0;
  }
  context.io.out(`Attribution ${id}: ${record.title}`);
  for (const run of record.result.runs) {
    context.io.out(`\n${run.run.name} (${run.run.training}, fitted ${run.run.fitMonth ?? '—'}, ${run.run.assets} assets)`);
    for (const target of run.targets) {
      context.io.out(`  ${target.label}: completeness gap ${target.completenessGap.toExponential(1)}${target.converged ? '' : ' (not converged)'}`);
      for (const bar of [...target.bars].sort((a, b) => b.magnitude - a.magnitude)) context.io.out(`    ${bar.group.padEnd(18)} ${bar.value.toExponential(2).padStart(10)}  |·| ${bar.magnitude.toExponential(2)}`);
    }
  }
  return 0;
}
