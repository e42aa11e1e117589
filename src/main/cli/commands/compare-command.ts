/** `portfolio-audit compare [--gamma 8] [--tc 0.005] [--w-max x] [--kappa k] [--seed s] [--predictor linear|mlp] [--json]` */
import { parseArgs } from 'node:util';
import type { CompareResult } from '../../engine/learn/compare/run-compare';
import { UsageError, type CliContext } from '../cli-context';
import { progressBar } from '../progress';
import { formatTable } from '../table';

function number(text: string | undefined, flag: string, check: (value: number) => boolean, expected: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || !check(value)) throw new UsageError(`${flag} ${text}: expected ${expected}`);
  return value;
}

export async function compareCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      gamma: { type: 'string' },
      tc: { type: 'string' },
      'w-max': { type: 'string' },
      kappa: { type: 'string' },
      seed: { type: 'string' },
      predictor: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.predictor !== undefined && values.predictor !== 'linear' && values.predictor !== 'mlp') throw new UsageError('--predictor must be linear or mlp');
  const options = {
    seed: number(values.seed, '--seed', (v) => Number.isInteger(v) && v >= 0, 'a whole number ≥ 0') ?? 1,
    ...(values.gamma !== undefined ? { gamma: number(values.gamma, '--gamma', (v) => v > 0, 'a positive number') } : {}),
    ...(values.tc !== undefined ? { tc: number(values.tc, '--tc', (v) => v >= 0, 'a number ≥ 0') } : {}),
    ...(values['w-max'] !== undefined ? { wMax: number(values['w-max'], '--w-max', (v) => v > 0 && v <= 1, 'a number in (0, 1]') } : {}),
    ...(values.kappa !== undefined ? { kappa: number(values.kappa, '--kappa', (v) => v >= 0, 'a number ≥ 0') } : {}),
    ...(values.predictor !== undefined ? { predictor: values.predictor } : {}),
  };
  const bar = progressBar(!values.json);
  const result = (await context
    .app()
    .jobs.start('compare', `Compare EW / decoupled / end-to-end (seed ${options.seed})`, options, (raw) => raw, { onProgress: (fraction, stage) => bar.update(fraction, stage) })
    .done.finally(() => bar.done())) as Pick<CompareResult, 'options' | 'split' | 'rows' | 'universe'>;
  if (values.json) {
    context.json(result);
    return 0;
  }
  const o = result.options;
  context.io.out(`Synthetic universe: ${o.nAssets} assets, ${o.nMonths} months, seed ${o.seed}; γ = ${o.gamma}, tc = ${o.tc}, κ = ${o.kappa}${o.wMax !== null ? `, w_max = ${o.wMax}` : ''}; ${o.predictor} predictor`);
  context.io.out(`Test period ${result.split.dates.test[0]} to ${result.split.dates.test[1]} (trained ${result.split.dates.train[0]}–${result.split.dates.train[1]}, validated ${result.split.dates.validation[0]}–${result.split.dates.validation[1]})`);
  const f = (value: number | null, digits = 2): string => (value === null ? '—' : value.toFixed(digits));
  const p = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(2)} %`);
  context.io.out(
    formatTable(
      ['strategy', 'Sharpe', 'return', 'volatility', 'turnover', 'max DD', 'test MSE'],
      result.rows.map((row) => [row.strategy, f(row.sharpe), p(row.annualisedReturn), p(row.volatility), p(row.turnover), p(row.maxDrawdown), row.testMse === null ? '—' : row.testMse.toExponential(3)]),
    ),
  );
  return 0;
}
