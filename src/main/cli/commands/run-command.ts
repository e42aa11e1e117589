/** `portfolio-audit run <pipeline.json> [--dataset ID] [--macro ID] [--json]` and `portfolio-audit runs [--json]` */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BacktestMetrics } from '../../engine/backtest/types';
import { UsageError, type CliContext } from '../cli-context';
import { progressBar } from '../progress';
import { formatTable } from '../table';

const pct = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(2)} %`);
const num = (value: number | null | undefined, digits = 2): string => (value === null || value === undefined ? '—' : value.toFixed(digits));

export function metricRows(metrics: BacktestMetrics): string[][] {
  return [
    ['annualised return', pct(metrics.annualisedReturn)],
    ['CAGR', pct(metrics.cagr)],
    ['volatility', pct(metrics.volatility)],
    ['Sharpe', num(metrics.sharpe)],
    ['Sortino', num(metrics.sortino)],
    ['max drawdown', pct(metrics.maxDrawdown)],
    ['Calmar', num(metrics.calmar)],
    ['turnover (one-way, per rebalance)', pct(metrics.turnover)],
    ['effective N', num(metrics.effectiveN, 1)],
    ['hit rate', pct(metrics.hitRate)],
    ['costs per year', pct(metrics.annualisedCost)],
    ['rebalances (failed)', `${metrics.rebalances} (${metrics.failedRebalances})`],
    ['solver statuses', Object.entries(metrics.statusCounts).map(([status, count]) => `${status} ${count}`).join(', ')],
  ];
}

export async function runCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { dataset: { type: 'string' }, macro: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new UsageError('run takes one pipeline file: portfolio-audit run <pipeline.json> [--dataset ID] [--macro ID] [--json]');
  const path = resolve(positionals[0]);
  if (!existsSync(path)) throw new UsageError(`${positionals[0]}: no such file`);
  let spec: unknown;
  try {
    spec = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${positionals[0]}: not valid JSON (${(error as Error).message})`);
  }
  const bar = progressBar(!values.json);
  const app = context.app();
  const started = app.runs.start(
    { spec, ...(values.dataset ? { dataset: values.dataset } : {}), ...(values.macro ? { macro: values.macro } : {}) },
    { onProgress: (fraction, stage) => bar.update(fraction, stage) },
  );
  const cancel = (): void => void app.jobs.cancel(started.jobId);
  process.once('SIGINT', cancel);
  try {
    const outcome = await started.done;
    bar.done();
    if (values.json) {
      context.json(outcome);
      return 0;
    }
    context.io.out(`Run ${outcome.runId} — ${outcome.name}: ${outcome.assets} assets (${outcome.excluded} left out for coverage), ${outcome.periods} out-of-sample periods`);
    context.io.out(formatTable(['metric', 'value'], metricRows(outcome.metrics)));
    return 0;
  } finally {
    bar.done();
    process.removeListener('SIGINT', cancel);
  }
}

export async function runsCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const runs = context.app().store.runs.list();
  if (values.json) {
    context.json(runs);
    return 0;
  }
  if (runs.length === 0) {
    context.io.out('No runs yet. Start one: portfolio-audit run examples/pipelines/sp500-equal-weight.json');
    return 0;
  }
  context.io.out(
    formatTable(
      ['id', 'name', 'state', 'started', 'Sharpe', 'volatility', 'max DD'],
      runs.map((run) => {
        const metrics = run.metrics as Partial<BacktestMetrics> | null;
        return [run.id.slice(0, 8), run.name, run.state, run.createdAt.slice(0, 19).replace('T', ' '), num(metrics?.sharpe), pct(metrics?.volatility), pct(metrics?.maxDrawdown)];
      }),
    ),
  );
  return 0;
}
