/**
 * `portfolio-audit bench-cleaner [--sizes 100,200,500] [--seed s] [--prices file.csv.gz] [--json]`:
 * the learned cleaner's out-of-sample GMV evaluation against the baseline risk models, the same
 * call as `npm run bench -- cleaner` (which also rewrites the README table). Runs in this process.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { learnedCleanerCandidate } from '../../engine/risk-evaluation/learned-cleaner-risk';
import { selectTfBackend } from '../../platform/tf-backend';
import { CLEANER_EVALUATION_DEFAULTS, cleanerEvaluationSettings, cleanerEvaluationTable, runCleanerEvaluation } from '../../services/cleaner-evaluation';
import { loadCleanerSource } from '../../services/cleaner-model-source';
import { UsageError, type CliContext } from '../cli-context';
import { progressBar } from '../progress';

function sizesOf(text: string | undefined): number[] {
  if (text === undefined) return [...CLEANER_EVALUATION_DEFAULTS.sizes];
  const sizes = text.split(',').map((part) => Number(part.trim()));
  if (sizes.length === 0 || sizes.some((size) => !Number.isInteger(size) || size < 2)) throw new UsageError(`--sizes ${text}: expected comma-separated whole numbers ≥ 2`);
  return sizes;
}

export async function benchCleanerCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { sizes: { type: 'string' }, seed: { type: 'string' }, prices: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const sizes = sizesOf(values.sizes);
  const seed = values.seed === undefined ? CLEANER_EVALUATION_DEFAULTS.seed : Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed ${values.seed}: expected a whole number ≥ 0`);
  const pricesPath = values.prices ?? join(context.layout.rootDir, '../shared/data/equities/sp500_adjclose_1999_2021_wide.csv.gz');
  await selectTfBackend();
  const cleaner = loadCleanerSource(context.layout.resourcesDir);
  const bar = progressBar(!values.json);
  const result = await runCleanerEvaluation({ pricesPath, sizes, seed, extra: [learnedCleanerCandidate(cleaner.model)] }, (fraction, stage) => bar.update(fraction, stage)).finally(() => bar.done());
  if (values.json) {
    context.json({ cleaner: cleaner.description, ...result });
    return 0;
  }
  context.io.out(cleanerEvaluationTable(result));
  context.io.out(`\n${cleanerEvaluationSettings(result, cleaner.description)}`);
  return 0;
}
