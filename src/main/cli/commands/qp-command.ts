/** `portfolio-audit qp <problem.json> [--json]`: solve one mean–variance QP. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { qpJob } from '../../jobs/kinds/qp-job';
import { UsageError, type CliContext } from '../cli-context';

type QpOutput = Awaited<ReturnType<typeof qpJob>>;

export async function qpCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new UsageError('qp takes one problem file: portfolio-audit qp <problem.json> [--json]');
  const path = resolve(positionals[0]);
  if (!existsSync(path)) throw new UsageError(`${positionals[0]}: no such file`);
  const result = await context.app().jobs.start('qp', `QP ${positionals[0]}`, { path }, (raw) => raw as QpOutput).done;
  if (values.json) context.json(result);
  else {
    context.io.out(`status: ${result.status}${result.infeasibility ? ` (${result.infeasibility.message})` : ''}`);
    const show = (value: number | null): string => (value === null ? '—' : value.toExponential(2));
    context.io.out(`objective: ${result.objective ?? '—'}   iterations: ${result.iterations}   primal residual: ${show(result.primalResidual)}   dual residual: ${show(result.dualResidual)}   ${result.solveMs.toFixed(2)} ms`);
    context.io.out(`w: [${result.w.map((value) => (value === null ? 'null' : Number(value.toFixed(8)))).join(', ')}]`);
  }
  return result.status === 'solved' || result.status === 'solved-inaccurate' ? 0 : 1;
}
