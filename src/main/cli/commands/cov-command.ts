/** `portfolio-audit cov <returns.csv> --estimator NAME [--half-life H] [--factors K] [--json]` */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EstimatorName } from '../../engine/risk/estimators';
import type { CovarianceJobResult } from '../../jobs/kinds/covariance-job';
import { UsageError, type CliContext } from '../cli-context';
import { progressBar } from '../progress';
import { formatTable } from '../table';

const NAMES: EstimatorName[] = ['sample', 'ewma', 'ledoit-wolf', 'qis', 'nls', 'rie', 'clip', 'pca'];

function positiveNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} ${text}: expected a positive number`);
  return value;
}

export async function covCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { estimator: { type: 'string' }, 'half-life': { type: 'string' }, factors: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('cov takes one wide returns file: portfolio-audit cov <returns.csv> --estimator NAME');
  const estimator = values.estimator as EstimatorName | undefined;
  if (!estimator || !NAMES.includes(estimator)) throw new UsageError(`--estimator must be one of ${NAMES.join(', ')}`);
  const path = resolve(positionals[0]);
  if (!existsSync(path)) throw new UsageError(`${positionals[0]}: no such file`);
  const halfLife = positiveNumber(values['half-life'], '--half-life');
  const factors = positiveNumber(values.factors, '--factors');
  if (estimator === 'ewma' && halfLife === undefined) throw new UsageError('--estimator ewma needs --half-life H (in observations)');
  if (estimator === 'pca' && factors === undefined) throw new UsageError('--estimator pca needs --factors K');
  const bar = progressBar(!values.json);
  const started = context.app().jobs.start('covariance', `Covariance (${estimator}) of ${positionals[0]}`, { path, estimator, options: { halfLife, factors } }, (raw) => raw as CovarianceJobResult, {
    onProgress: (fraction, stage) => bar.update(fraction, stage),
  });
  const result = await started.done.finally(() => bar.done());
  if (values.json) {
    context.json(result);
    return 0;
  }
  context.io.out(`${estimator}: ${result.n} assets, T = ${result.T} (${result.firstDate} to ${result.lastDate}), ${result.modelKind} model${result.rank !== undefined ? ` of rank ${result.rank}` : ''}`);
  const params = Object.entries(result.params);
  if (params.length > 0) context.io.out(params.map(([name, value]) => `${name} = ${Number(value.toPrecision(6))}`).join(', '));
  const shown = Math.min(result.n, 8);
  context.io.out(
    formatTable(
      ['', ...result.assets.slice(0, shown)],
      result.covariance.slice(0, shown).map((row, i) => [result.assets[i], ...row.slice(0, shown).map((value) => value.toExponential(3))]),
    ),
  );
  if (shown < result.n) context.io.out(`(first ${shown} of ${result.n} assets; --json prints the whole matrix)`);
  return 0;
}
