/**
 * Section 2: where every number comes from — the datasets (names, SHA-256, the key facts of their
 * import reports), each run's settings, seed, solver statuses and training outcome, and its spec
 * stage by stage (the JSON itself is Appendix A).
 */
import { STAGES } from '../../../shared/pipeline/spec';
import { formatBytes, formatCount, formatPercent, formatTimestamp } from '../format';
import type { Content } from '../pdf-document';
import type { AuditReportData, RenderOptions, ReportDataset, ReportRun } from '../report-data';
import { COLORS, dataTable, heading, keepTogether, keyValueTable, mono, paragraph } from './blocks';

/** Names listed before "and n more". */
const LISTED_NAMES = 12;

function nameList(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, LISTED_NAMES).join(', ');
  return names.length > LISTED_NAMES ? `${shown} and ${formatCount(names.length - LISTED_NAMES)} more` : shown;
}

function datasetBlock(dataset: ReportDataset): Content[] {
  const used = dataset.usedBy.map((use) => `run ${use.runLabel} (${use.role})`).join(', ');
  const rows: [string, Content][] = [
    ['SHA-256 of the file', mono(dataset.sha256, 8)],
    ['Dataset id', mono(dataset.id)],
    ['Used by', used],
  ];
  const stored = dataset.stored;
  if (!stored) {
    rows.push(['Import report', { text: 'The dataset has been deleted from the store; the run keeps its name and hash.', color: COLORS.warning }]);
    return [keepTogether([{ text: dataset.name, style: 'h3' }, keyValueTable(rows)])];
  }
  const facts = stored.facts;
  rows.push(
    ['Source file', `${facts.fileName ?? 'not recorded'} (${formatBytes(facts.sizeBytes)})`],
    ['Imported', formatTimestamp(stored.importedAt)],
    ['Content', `${stored.kind}, ${stored.frequency}: ${formatCount(stored.observations)} dates × ${formatCount(stored.assets)} columns, ${stored.firstDate} to ${stored.lastDate}`],
    ['Rows read / kept', `${formatCount(facts.rowsRead)} / ${formatCount(facts.rowsKept)}`],
    ['Rows dropped', facts.droppedRows === null ? 'not recorded' : `${formatCount(facts.droppedRows)}${Object.keys(facts.droppedByReason).length > 0 ? ` (${Object.entries(facts.droppedByReason).map(([reason, count]) => `${reason}: ${count}`).join(', ')})` : ''}`],
    ['Duplicate dates', facts.duplicates ? `${formatCount(facts.duplicates.count)} (policy: keep ${facts.duplicates.policy})` : 'not recorded'],
    ['Price jumps flagged', facts.jumps ? `${formatCount(facts.jumps.count)}${facts.jumps.splitLike > 0 ? ` (${facts.jumps.splitLike} of the ${facts.jumps.listed} listed look like splits)` : ''}` : 'not recorded'],
    ['Stale runs / non-positive', `${formatCount(facts.staleRuns)} / ${formatCount(facts.nonPositive)}`],
    [
      'Missing values',
      facts.missing
        ? `policy: ${facts.missing.policy}; ${formatPercent(facts.missing.shareBefore, 2)} missing before, ${formatPercent(facts.missing.shareAfter, 2)} after; ${formatCount(facts.missing.filledCells)} cells filled; columns dropped: ${nameList(facts.missing.droppedAssets)}`
        : `${formatPercent(stored.missingShare, 2)} missing (policy not recorded)`,
    ],
    ['Date format', facts.dateFormat ?? 'not recorded'],
  );
  if (facts.warnings.length > 0) rows.push(['Import warnings', { ul: facts.warnings.slice(0, LISTED_NAMES) }]);
  return [keepTogether([{ text: dataset.name, style: 'h3' }, keyValueTable(rows)])];
}

/**
 * The backend the run's worker recorded; for runs stored before runs recorded it, this
 * installation's (which may differ from the one the run used), said so.
 */
function runTfBackend(run: ReportRun, options: RenderOptions): string {
  if (run.tfBackend) return run.trains ? run.tfBackend : `${run.tfBackend}; no model trained`;
  if (!run.trains) return 'not used (no trained model)';
  return `not recorded with this run; this installation selects ${options.tfBackend ?? 'an undetermined backend'}`;
}

function runBlock(run: ReportRun, options: RenderOptions): Content[] {
  const m = run.metrics;
  const universe = run.rebalances.map((record) => record.universeSize);
  const statuses = Object.entries(m.statusCounts)
    .map(([status, count]) => `${status} ${formatCount(count)}`)
    .join(', ');
  const training = run.training
    ? `${formatCount(run.training.epochs)} epochs, stopped by ${run.training.stopReason}; weights of epoch ${run.training.bestEpoch} kept; train loss ${run.training.initialTrainLoss?.toPrecision(4) ?? '—'} → ${run.training.finalTrainLoss?.toPrecision(4) ?? '—'}${run.training.bestValLoss !== null ? `, best validation loss ${run.training.bestValLoss.toPrecision(4)}` : ''}`
    : run.trains
      ? 'trains a model; no training record was stored with the run'
      : 'none (no trained model)';
  const rows: [string, Content][] = [
    ['Run id', mono(run.id)],
    ['Started / finished', `${formatTimestamp(run.createdAt)} / ${formatTimestamp(run.finishedAt)}`],
    ['Seed', `${run.seed} (seeds synthetic data, initialisation and shuffles)`],
    ['Strategy', run.strategy],
    ['Frequency', `${run.frequency} (${Number.isFinite(run.periodsPerYear) ? run.periodsPerYear : '—'} periods a year)`],
    ['Estimation window', Number.isFinite(run.lookback) ? `${formatCount(run.lookback)} period${run.lookback === 1 ? '' : 's'}` : '—'],
    ['Cost model', `${run.costModel.proportionalBps} bps proportional + ${run.costModel.slippageBps} bps slippage per unit traded`],
    ['Out of sample', `${run.dates[0]} to ${run.dates[run.dates.length - 1]}: ${formatCount(run.dates.length)} periods`],
    ['Universe', `${formatCount(run.assets.length)} assets kept; ${formatCount(run.excluded.length)} left out for low coverage${run.excluded.length > 0 ? `: ${nameList(run.excluded)}` : ''}`],
    ['Investable per rebalance', universe.length > 0 ? `${formatCount(Math.min(...universe))} to ${formatCount(Math.max(...universe))} assets (complete returns over the window)` : '—'],
    ['Rebalances', `${formatCount(m.rebalances)} (${formatCount(m.failedRebalances)} failed)`],
    ['Solver statuses', statuses || '—'],
    ['Training', training],
    ['tfjs backend', runTfBackend(run, options)],
    ['Data', run.datasets.length > 0 ? run.datasets.map((ref) => `${ref.role}: dataset ${ref.id.slice(0, 8)}`).join('; ') : 'synthetic, generated from the seed'],
  ];
  return [keepTogether([{ text: `Run ${run.label} — ${run.name}`, style: 'h3' }, keyValueTable(rows)])];
}

function parameters(node: Record<string, unknown>): string {
  const entries = Object.entries(node).filter(([key]) => key !== 'kind');
  if (entries.length === 0) return '—';
  return entries.map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join(', ');
}

function specTable(run: ReportRun): Content[] {
  const spec = (run.spec ?? {}) as Record<string, unknown>;
  const rows = STAGES.filter((stage) => spec[stage] !== undefined).map((stage): Content[] => {
    const node = (spec[stage] ?? {}) as Record<string, unknown>;
    return [{ text: stage, bold: true }, typeof node.kind === 'string' ? node.kind : '—', parameters(node)];
  });
  return [
    keepTogether([
      { text: `Run ${run.label} — pipeline stages`, style: 'h3' },
      ...(typeof spec.description === 'string' && spec.description.trim() !== '' ? [paragraph({ text: spec.description, italics: true, color: COLORS.muted })] : []),
      dataTable(
      [
        { header: 'Stage', width: 60 },
        { header: 'Node', width: 90 },
        { header: 'Parameters', width: '*' },
      ],
        rows,
      ),
    ]),
  ];
}

export function provenanceSection(data: AuditReportData, options: RenderOptions): Content[] {
  return [
    heading('2  Provenance', 1, { pageBreak: true }),
    heading('2.1  Datasets', 2),
    ...(data.datasets.length > 0
      ? data.datasets.flatMap(datasetBlock)
      : [paragraph('No stored dataset: every run uses synthetic data generated from its seed.')]),
    heading('2.2  Runs', 2),
    ...data.runs.flatMap((run) => runBlock(run, options)),
    heading('2.3  Pipeline specs by stage', 2),
    paragraph('The stages of each pipeline as run, with their parameters. The complete spec, as stored, is in Appendix A.'),
    ...data.runs.flatMap(specTable),
  ];
}
