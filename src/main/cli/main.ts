/**
 * The `portfolio-audit` command line: the same services as the app, no UI.
 * Exit codes: 0 success, 1 the command failed (message on stderr), 2 usage error.
 */
import { runtimeLayout } from '../platform/layout';
import { CliContext, UsageError, type CliIo } from './cli-context';
import { trainCleanerCommand } from './commands/train-cleaner-command';
import { benchCleanerCommand } from './commands/bench-cleaner-command';
import { compareCommand } from './commands/compare-command';
import { covCommand } from './commands/cov-command';
import { datasetsCommand } from './commands/datasets-command';
import { importCommand } from './commands/import-command';
import { infoCommand } from './commands/info-command';
import { qpCommand } from './commands/qp-command';
import { attributeCommand } from './commands/attribute-command';
import { explainCommand } from './commands/explain-command';
import { reportCommand } from './commands/report-command';
import { runCommand, runsCommand } from './commands/run-command';
import { serveCommand } from './commands/serve-command';
import { shrinkCommand } from './commands/shrink-command';

type Command = (args: string[], context: CliContext) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  import: { run: importCommand, summary: 'import <file> [--name N] [--kind K] [--date-format F] [--missing P] [--force] [--json]   import a CSV (.csv or .csv.gz)' },
  datasets: { run: datasetsCommand, summary: 'datasets [--json]   list imported datasets' },
  cov: { run: covCommand, summary: 'cov <returns.csv> --estimator sample|ewma|ledoit-wolf|qis|nls|rie|clip|pca [--half-life H] [--factors K] [--json]   fit a covariance estimator' },
  qp: { run: qpCommand, summary: 'qp <problem.json> [--json]   solve a mean–variance QP (exit 1 unless solved)' },
  run: { run: runCommand, summary: 'run <pipeline.json> [--dataset ID] [--macro ID] [--json]   run a pipeline walk-forward and store the run' },
  runs: { run: runsCommand, summary: 'runs [--json]   list stored runs' },
  compare: { run: compareCommand, summary: 'compare [--gamma 8] [--tc 0.005] [--w-max x] [--kappa k] [--seed s] [--predictor linear|mlp] [--json]   EW vs decoupled vs end-to-end on the synthetic universe' },
  report: { run: reportCommand, summary: 'report <run-id>… --out file.pdf [--json]   PDF audit report of stored runs (the first is the comparison baseline)' },
  shrink: { run: shrinkCommand, summary: 'shrink [--n-seeds 10] [--first-seed 0] [--n-assets 40] [--n-months 96] [--gamma 8] [--tc 0.005] [--json]   the decision-aware shrinkage study' },
  attribute: { run: attributeCommand, summary: 'attribute <run-id> [--versus <run-id>] [--method ig|saliency|shap] [--anchor YYYY-MM] [--json]   attributions of a run by feature group' },
  explain: { run: explainCommand, summary: 'explain <run-id> [--versus <run-id>] --question benchmark|concentration|divergence|gap|custom --anchor YYYY-MM [--tau t] [--chains 4] [--steps 4000] [--json]   counterfactual macro scenarios' },
  'train-cleaner': { run: trainCleanerCommand, summary: 'train-cleaner [--dataset ID] [--lookback L] [--epochs E] [--seed s] [--steps S] [--batch B] [--lr η] [--resume] [--json]   train the learned covariance cleaner (checkpointed, resumable)' },
  'bench-cleaner': { run: benchCleanerCommand, summary: 'bench-cleaner [--sizes 100,200,500] [--seed s] [--prices file] [--json]   learned cleaner vs baseline risk models, out-of-sample GMV on the S&P 500 panel' },
  info: { run: infoCommand, summary: 'info [--json]   versions, tfjs backend, store path' },
  serve: { run: serveCommand, summary: 'serve [--port P]   the app in a browser on 127.0.0.1 (web mode)' },
};

function usage(): string {
  return [
    'Usage: portfolio-audit [--db FILE] <command> [options]',
    '',
    'Commands:',
    ...Object.values(COMMANDS).map((command) => `  ${command.summary}`),
    '',
    'The store is --db FILE, else $PORTFOLIO_AUDIT_DB, else the user-data folder.',
  ].join('\n');
}

function extractDb(argv: string[]): { db: string | undefined; rest: string[] } {
  const rest = [...argv];
  const index = rest.findIndex((arg) => arg === '--db' || arg.startsWith('--db='));
  if (index < 0) return { db: undefined, rest };
  if (rest[index].startsWith('--db=')) return { db: rest.splice(index, 1)[0].slice(5), rest };
  const [, value] = rest.splice(index, 2);
  if (!value) throw new UsageError('--db needs a file path');
  return { db: value, rest };
}

export async function runCli(argv: string[], entryUrl: string, io: CliIo = { out: (t) => console.log(t), err: (t) => console.error(t) }): Promise<number> {
  let context: CliContext | undefined;
  try {
    const { db, rest } = extractDb(argv);
    const [name, ...args] = rest;
    if (!name || name === 'help' || name === '--help' || name === '-h') {
      io.out(usage());
      return name ? 0 : 2;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command "${name}"\n\n${usage()}`);
    context = new CliContext(runtimeLayout(entryUrl), db, io);
    return await command.run(args, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`portfolio-audit: ${message}`);
    return error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  } finally {
    await context?.close();
  }
}
