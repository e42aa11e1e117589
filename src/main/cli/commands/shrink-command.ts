/** `portfolio-audit shrink [--n-seeds 10] [--first-seed 0] [--n-assets 40] [--n-months 96] [--gamma 8] [--tc 0.005] [--json]` */
import { parseArgs } from 'node:util';
import type { ShrinkageStudyResult } from '../../engine/learn/shrinkage-study';
import { UsageError, type CliContext } from '../cli-context';
import { progressBar } from '../progress';
import { formatTable } from '../table';

function integer(text: string | undefined, flag: string, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new UsageError(`${flag} ${text}: expected a whole number ≥ ${min}`);
  return value;
}

function positive(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} ${text}: expected a positive number`);
  return value;
}

export async function shrinkCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'n-seeds': { type: 'string' },
      'first-seed': { type: 'string' },
      'n-assets': { type: 'string' },
      'n-months': { type: 'string' },
      gamma: { type: 'string' },
      tc: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const nSeeds = integer(values['n-seeds'], '--n-seeds', 10, 1);
  const first = integer(values['first-seed'], '--first-seed', 0, 0);
  const options = {
    seeds: Array.from({ length: nSeeds }, (_, i) => first + i),
    nAssets: integer(values['n-assets'], '--n-assets', 40, 2),
    nMonths: integer(values['n-months'], '--n-months', 96, 12),
    gamma: positive(values.gamma, '--gamma', 8),
    tc: positive(values.tc, '--tc', 0.005),
  };
  const bar = progressBar(!values.json);
  const result = (await context
    .app()
    .jobs.start('shrink-study', `Shrinkage study (${nSeeds} seeds)`, options, (raw) => raw, { onProgress: (fraction, stage) => bar.update(fraction, stage) })
    .done.finally(() => bar.done())) as ShrinkageStudyResult;
  if (values.json) {
    context.json(result);
    return 0;
  }
  const f = (value: number): string => value.toFixed(2);
  context.io.out(`Decision-aware shrinkage study: ${nSeeds} universes (seeds ${first}–${first + nSeeds - 1}), N = ${options.nAssets}, ${options.nMonths} monthly decisions (${result.settings.nTrain} training, ${result.settings.nTest} out of sample), γ = ${options.gamma}, tc = ${options.tc}`);
  context.io.out(
    formatTable(
      ['', 'plug-in (δ = 0)', 'Ledoit–Wolf', 'decision-aware'],
      [
        ['mean OOS Sharpe (ours)', f(result.meanSharpe.plugIn), f(result.meanSharpe.ledoitWolf), f(result.meanSharpe.decisionAware)],
        ['published', f(result.published.plugIn), f(result.published.ledoitWolf), f(result.published.decisionAware)],
      ],
    ),
  );
  context.io.out(`decision-aware vs plug-in: edge ${f(result.vsPlugIn.meanEdge)} (published ≈ +${result.published.edgeVsPlugIn}), wins ${result.vsPlugIn.wins} of ${nSeeds}`);
  context.io.out(`decision-aware vs Ledoit–Wolf: edge ${f(result.vsLedoitWolf.meanEdge)} (published ≈ +${result.published.edgeVsLedoitWolf}), wins ${result.vsLedoitWolf.wins} of ${nSeeds}`);
  return 0;
}
