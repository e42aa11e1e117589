/**
 * The thin loader: reads the runs (by id or unique id prefix) and their datasets from the store
 * into {@link AuditReportData}. Everything after this is a pure function of that data.
 */
import type { BacktestMetrics } from '../engine/backtest/types';
import { sensitivityDiagnosticsOf } from '../../shared/charts/sensitivity-data';
import { cleanerRunViewsOf } from '../../shared/domain/cleaner-views';
import { describeTfBackend } from '../../shared/domain/tf-backend';
import type { RunDatasetRef } from '../store/runs-repo';
import type { Store } from '../store/store';
import { storedExplainRecords } from './explain-records';
import { importFacts } from './import-facts';
import type { AuditReportData, ReportDataset, ReportRebalance, ReportRun, TrainingFacts } from './report-data';

type Json = Record<string, unknown>;

const record = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Run labels A … Z, then AA, AB, …: short names for tables and chart legends. */
export function runLabel(index: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return index < 26 ? letters[index] : `${runLabel(Math.floor(index / 26) - 1)}${letters[index % 26]}`;
}

function trainingFacts(raw: unknown): TrainingFacts | null {
  const value = record(raw);
  if (!Array.isArray(value.history)) return null;
  const history = value.history.map(record);
  const last = history[history.length - 1];
  return {
    epochs: history.length,
    bestEpoch: finite(value.bestEpoch) ?? history.length,
    stopReason: typeof value.stopReason === 'string' ? value.stopReason : 'not recorded',
    initialTrainLoss: finite(record(value.initial).trainLoss),
    finalTrainLoss: last ? finite(last.trainLoss) : null,
    bestValLoss: finite(value.bestValLoss),
  };
}

function rebalanceRecord(raw: unknown, index: number): ReportRebalance {
  const value = record(raw);
  return {
    date: typeof value.date === 'string' ? value.date : String(index),
    status: typeof value.status === 'string' ? value.status : 'ok',
    executed: value.executed !== false,
    turnover: finite(value.turnover) ?? 0,
    universeSize: finite(value.universeSize) ?? 0,
  };
}

function resolveRunId(store: Store, idOrPrefix: string): string {
  if (store.runs.get(idOrPrefix)) return idOrPrefix;
  const match = store.runs.resolve(idOrPrefix);
  if (!match) throw new Error(`runIds: no run has the id or unique id prefix "${idOrPrefix}" (list them with: portfolio-audit runs)`);
  return match.id;
}

/**
 * Reads the runs to report and every dataset they used.
 *
 * @param runIds - run ids or unique id prefixes, at least one, no run twice; each run must have
 *   succeeded (a failed, cancelled or interrupted run has no results to audit).
 * @throws naming the id when a run is unknown, ambiguous, repeated or has no results.
 */
export function loadReportData(store: Store, runIds: readonly string[]): AuditReportData {
  if (runIds.length === 0) throw new Error('runIds is empty: name at least one run to report');
  const ids = runIds.map((id) => resolveRunId(store, id));
  const seen = new Set<string>();
  for (const [index, id] of ids.entries()) {
    if (seen.has(id)) throw new Error(`runIds: run ${id} is given twice ("${runIds[index]}")`);
    seen.add(id);
  }
  const datasets = new Map<string, ReportDataset>();
  const runs = ids.map((id, index): ReportRun => {
    const run = store.runs.get(id);
    const series = store.runs.series(id);
    if (!run) throw new Error(`runIds: run ${id} disappeared while the report was read`);
    if (run.state !== 'succeeded' || !series || !run.metrics) {
      throw new Error(`run ${id} (${run.name}) is ${run.state}${run.error ? `: ${run.error}` : ''}; only a succeeded run has results to report`);
    }
    const label = runLabel(index);
    const summary = record(run.summary);
    const costModel = record(summary.costModel);
    for (const ref of run.datasets) addDataset(store, datasets, ref, label);
    return {
      label,
      id: run.id,
      name: run.name,
      createdAt: run.createdAt,
      finishedAt: run.finishedAt,
      seed: run.seed,
      spec: run.spec,
      metrics: run.metrics as unknown as BacktestMetrics,
      strategy: typeof summary.strategy === 'string' ? summary.strategy : 'not recorded',
      frequency: typeof summary.frequency === 'string' ? summary.frequency : 'not recorded',
      periodsPerYear: finite(summary.periodsPerYear) ?? Number.NaN,
      lookback: finite(summary.lookback) ?? Number.NaN,
      costModel: { proportionalBps: finite(costModel.proportionalBps) ?? 0, slippageBps: finite(costModel.slippageBps) ?? 0 },
      excluded: Array.isArray(summary.excluded) ? summary.excluded.filter((name): name is string => typeof name === 'string') : [],
      missingHeldReturns: finite(summary.missingHeldReturns) ?? 0,
      dates: series.dates,
      assets: series.assets,
      netReturns: series.netReturns,
      grossReturns: series.grossReturns,
      costs: series.costs,
      weights: series.weights,
      rebalances: series.rebalances.map(rebalanceRecord),
      trains: typeof record(record(run.spec).training).kind === 'string' && record(record(run.spec).training).kind !== 'none',
      training: trainingFacts(series.training),
      tfBackend: describeTfBackend(summary.tfBackend),
      datasets: run.datasets.map((ref) => ({ role: ref.role, id: ref.id })),
      explain: storedExplainRecords(store, run.id),
      sensitivity: sensitivityDiagnosticsOf(run.summary),
      cleaner: cleanerRunViewsOf(run.summary),
    };
  });
  return { runs, datasets: [...datasets.values()] };
}

function addDataset(store: Store, datasets: Map<string, ReportDataset>, ref: RunDatasetRef, runLabel: string): void {
  const known = datasets.get(ref.id);
  if (known) {
    known.usedBy.push({ runLabel, role: ref.role });
    return;
  }
  const detail = store.datasets.detail(ref.id);
  datasets.set(ref.id, {
    id: ref.id,
    name: ref.name,
    sha256: ref.sha256,
    usedBy: [{ runLabel, role: ref.role }],
    stored: detail
      ? {
          kind: detail.kind,
          frequency: detail.frequency,
          assets: detail.assets,
          observations: detail.observations,
          firstDate: detail.firstDate,
          lastDate: detail.lastDate,
          missingShare: detail.missingShare,
          importedAt: detail.createdAt,
          facts: importFacts(detail.report, detail.provenance),
        }
      : null,
  });
}
