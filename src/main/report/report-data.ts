/**
 * What an audit report is made of: plain, structured-clonable data read from the store once, so
 * the document is a pure function of it (the loader is the only part that touches the store).
 */
import type { SensitivityRunDiagnostics } from '../../shared/charts/sensitivity-data';
import type { CleanerRunViews } from '../../shared/domain/cleaner-views';
import type { BacktestMetrics } from '../engine/backtest/types';
import type { ExplainRecord } from '../../shared/domain/explain';

/** The key facts of a dataset's import report (issue 4), enough for a committee to judge the data. */
export interface ImportFacts {
  fileName: string | null;
  sizeBytes: number | null;
  rowsRead: number | null;
  rowsKept: number | null;
  droppedRows: number | null;
  /** Dropped rows by reason, e.g. `{ 'unparseable date': 2 }`. */
  droppedByReason: Record<string, number>;
  duplicates: { policy: string; count: number } | null;
  /**
   * Period-over-period ratios flagged at import: the total, how many the report lists (it caps
   * the list) and how many of the listed ones look like splits.
   */
  jumps: { count: number; listed: number; splitLike: number } | null;
  staleRuns: number | null;
  nonPositive: number | null;
  missing: { policy: string; shareBefore: number; shareAfter: number; filledCells: number; droppedAssets: string[] } | null;
  dateFormat: string | null;
  warnings: string[];
}

/** A dataset a run read, with the hash the run recorded and what the store still knows about it. */
export interface ReportDataset {
  id: string;
  name: string;
  /** SHA-256 of the imported file, as recorded on the run. */
  sha256: string;
  /** Roles in the reported runs (`primary`, `macro`), by run label. */
  usedBy: { runLabel: string; role: 'primary' | 'macro' | 'driver' }[];
  /** Null when the dataset has since been deleted from the store (the run keeps name and hash). */
  stored: {
    kind: string;
    frequency: string;
    assets: number;
    observations: number;
    firstDate: string;
    lastDate: string;
    missingShare: number;
    importedAt: string;
    facts: ImportFacts;
  } | null;
}

/** One rebalance as the report uses it (the stored record, diagnostics left out). */
export interface ReportRebalance {
  date: string;
  status: string;
  executed: boolean;
  /** One-way turnover ½‖Δw‖₁. */
  turnover: number;
  universeSize: number;
}

/** What the run's training module recorded, reduced to its outcome. */
export interface TrainingFacts {
  epochs: number;
  bestEpoch: number;
  stopReason: string;
  initialTrainLoss: number | null;
  finalTrainLoss: number | null;
  bestValLoss: number | null;
}

export interface ReportRun {
  /** A, B, C, … in the order given: tables and charts name runs by it. */
  label: string;
  id: string;
  name: string;
  createdAt: string;
  finishedAt: string | null;
  seed: number;
  /** The stored pipeline spec, exactly as run. */
  spec: unknown;
  metrics: BacktestMetrics;
  strategy: string;
  frequency: string;
  periodsPerYear: number;
  /** Observations in the estimation window. */
  lookback: number;
  costModel: { proportionalBps: number; slippageBps: number };
  /** Assets left out of the run for low coverage, and how many the run kept. */
  excluded: string[];
  /** Periods in which a held asset's return was missing (taken as 0). */
  missingHeldReturns: number;
  dates: string[];
  assets: string[];
  /** Per out-of-sample period, length P. */
  netReturns: Float64Array;
  grossReturns: Float64Array;
  costs: Float64Array;
  /** Weights after each rebalance, R × N row-major (N = `assets.length`). */
  weights: Float64Array;
  rebalances: ReportRebalance[];
  /** True when the spec trains a model (tfjs is used); `training` holds the outcome when recorded. */
  trains: boolean;
  training: TrainingFacts | null;
  /** The tfjs backend the run's worker used, e.g. `wasm (WebAssembly…), tfjs 4.22.0`; null for runs stored before it was recorded. */
  tfBackend: string | null;
  /** Dataset ids by role; synthetic-data runs have none. */
  datasets: { role: 'primary' | 'macro' | 'driver'; id: string }[];
  /** Stored attributions and counterfactual explanations with this run as the first run, oldest first. */
  explain?: ExplainRecord[];
  /** Drivers, fits and last window of a sensitivity-optimiser run; absent otherwise. */
  sensitivity?: SensitivityRunDiagnostics | null;
  /** The learned cleaner's views on the last rebalance window of a `learned-cleaner` run; absent otherwise. */
  cleaner?: CleanerRunViews | null;
}

export interface AuditReportData {
  runs: ReportRun[];
  /** Every dataset any run read, each once, in first-use order. */
  datasets: ReportDataset[];
}

export interface RenderOptions {
  appVersion: string;
  /** The tfjs backend this installation selects (runs do not record theirs). */
  tfBackend?: string;
  generatedAt: Date;
}

/** Render options whose tfjs backend may be looked up lazily, only when a reported run trains. */
export interface ReportStamp {
  appVersion: string;
  generatedAt: Date;
  tfBackend?: string | (() => Promise<string>);
}
