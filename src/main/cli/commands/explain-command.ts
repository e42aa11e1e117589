/**
 * `portfolio-audit explain <run-id> [--versus <run-id>] --question benchmark|concentration|divergence|gap|custom
 * --anchor YYYY-MM [...]`: a counterfactual macro-scenario distribution of a stored run (METHODS §5),
 * stored with the run; prints the shift table, the outcomes, the gates and the analog months.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXPLAIN_QUESTIONS, type ExplainRecord, type ExplainRequest } from '../../../shared/domain/explain';
import { progressBar } from '../progress';
import { UsageError, type CliContext } from '../cli-context';

const USAGE =
  'portfolio-audit explain <run-id> [--versus <run-id>] --question benchmark|concentration|divergence|gap|custom --anchor YYYY-MM [--tau t] [--direction increase|decrease] [--benchmark b] [--asset TICKER | --sector NAME --sectors file.csv] [--chains 4] [--steps 4000] [--seed s] [--nfci dataset] [--json]';

function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new UsageError(`--${flag} ${value}: must be a number`);
  return parsed;
}

/** ticker,sector rows (a header naming `ticker` and a column containing `sector`, e.g. sp500_tickers_2021.csv). */
function readSectors(path: string): Record<string, string> {
  const [header, ...rows] = readFileSync(path, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  const columns = header.split(',').map((name) => name.trim().toLowerCase());
  const ticker = columns.indexOf('ticker');
  const sector = columns.findIndex((name) => name.includes('sector'));
  if (ticker < 0 || sector < 0) throw new UsageError(`--sectors ${path}: needs a header with "ticker" and a "sector" column`);
  return Object.fromEntries(rows.map((row) => row.split(',')).map((cells) => [cells[ticker].trim(), cells[sector]?.trim() ?? '']));
}

export async function explainCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      versus: { type: 'string' },
      question: { type: 'string' },
      anchor: { type: 'string' },
      tau: { type: 'string' },
      direction: { type: 'string' },
      benchmark: { type: 'string' },
      asset: { type: 'string' },
      sector: { type: 'string' },
      sectors: { type: 'string' },
      chains: { type: 'string' },
      steps: { type: 'string' },
      seed: { type: 'string' },
      nfci: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError(`explain needs one run id: ${USAGE}`);
  const question = values.question as (typeof EXPLAIN_QUESTIONS)[number] | undefined;
  if (!question || !EXPLAIN_QUESTIONS.includes(question)) throw new UsageError(`--question must be one of ${EXPLAIN_QUESTIONS.join(', ')}: ${USAGE}`);
  if (!values.anchor) throw new UsageError(`explain needs --anchor YYYY-MM: ${USAGE}`);
  if (values.direction !== undefined && values.direction !== 'increase' && values.direction !== 'decrease') throw new UsageError(`--direction ${values.direction}: must be increase or decrease`);
  if (values.sector && !values.sectors) throw new UsageError('--sector needs --sectors file.csv (ticker → sector map, e.g. sp500_tickers_2021.csv)');
  const custom = values.asset ? { kind: 'asset' as const, asset: values.asset } : values.sector ? { kind: 'sector' as const, sector: values.sector, sectors: readSectors(values.sectors as string) } : undefined;
  const request: ExplainRequest = {
    runId: positionals[0],
    question,
    anchor: values.anchor,
    ...(values.versus ? { versusRunId: values.versus } : {}),
    ...(values.tau !== undefined ? { tau: number(values.tau, 'tau') } : {}),
    ...(values.direction ? { direction: values.direction as 'increase' | 'decrease' } : {}),
    ...(values.benchmark !== undefined ? { benchmark: number(values.benchmark, 'benchmark') } : {}),
    ...(custom ? { custom } : {}),
    ...(values.chains !== undefined ? { chains: number(values.chains, 'chains') } : {}),
    ...(values.steps !== undefined ? { steps: number(values.steps, 'steps') } : {}),
    ...(values.seed !== undefined ? { seed: number(values.seed, 'seed') } : {}),
    ...(values.nfci ? { nfci: values.nfci } : {}),
  };
  const app = context.app();
  const bar = progressBar(!values.json);
  let started;
  try {
    started = app.explain.start(request, { onProgress: (fraction, stage) => bar.update(fraction, stage) });
  } catch (error) {
    const issues = (error as { issues?: { path: (string | number)[]; message: string }[] }).issues;
    if (issues) throw new UsageError(issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; '));
    throw error;
  }
  const { id } = await started.done;
  bar.done();
  const record = app.explain.get(id) as Extract<ExplainRecord, { kind: 'explanation' }>;
  if (values.json) {
    context.json(record);
    return 0;
  }
  const { result } = record;
  const out = context.io.out;
  out(`Explanation ${id}: ${record.title}`);
  out(`G = ${result.probe}; ${result.diagnostics.sampler}, ${result.diagnostics.chains} chains × ${result.diagnostics.steps} steps`);
  out('');
  out('variable      anchor   prior mean   tilted mean   shift (prior sd)   R̂      ESS');
  for (const v of result.variables) {
    out(`${v.name.padEnd(12)} ${v.anchor.toFixed(3).padStart(7)} ${v.prior.mean.toFixed(3).padStart(12)} ${v.posterior.mean.toFixed(3).padStart(13)} ${v.shift.toFixed(2).padStart(18)}   ${v.rhat.toFixed(3)}  ${v.essBulk.toFixed(0)}`);
  }
  out('');
  for (const o of result.outcomes) out(`${o.label}: at anchor ${o.atAnchor.toPrecision(4)}; median ${o.before.q50.toPrecision(4)} → ${o.after.q50.toPrecision(4)}`);
  const d = result.diagnostics;
  out(`gates: worst R̂ ${d.worstRhat.toFixed(3)}, worst ESS ${d.worstEss.toFixed(0)}, acceptance ${d.acceptance.map((a) => a.toFixed(2)).join('/')} → ${d.passed ? 'PASS' : 'FAIL'}`);
  out(`plausibility: generated median at the ${(100 * result.plausibility.percentile).toFixed(1)} % percentile of historical distances${result.plausibility.implausible ? ' (IMPLAUSIBLE)' : ''}`);
  out(`analogs: ${result.analogs.map((a) => `${a.month}${a.nfci === null ? '' : ` (NFCI ${a.nfci.toFixed(2)}, ${a.regime})`}`).join(', ')}`);
  for (const finding of result.findings) out(`${finding.severity}: ${finding.message}`);
  return 0;
}
