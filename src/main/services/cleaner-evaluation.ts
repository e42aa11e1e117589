/**
 * The learned cleaner's evaluation (issue 8, item 5) as one call shared by `npm run bench -- cleaner`
 * and `portfolio-audit bench-cleaner`: read the S&P 500 adjusted-close panel, turn it into daily
 * simple returns, and run the engine's {@link evaluateRiskModels} over the baselines and the
 * learned cleaner on the test period 2016–2021.
 */
import { simpleReturns } from '../engine/data/returns';
import { evaluateRiskModels } from '../engine/risk-evaluation/evaluate-risk-models';
import type { EvaluationProgress, RiskEvaluationData, RiskEvaluationResult } from '../engine/risk-evaluation/evaluate-risk-models';
import { baselineCandidates } from '../engine/risk-evaluation/risk-candidates';
import type { RiskCandidate } from '../engine/risk-evaluation/risk-candidates';
import { ingestFile } from '../ingest';

/** The settings of the README table. */
export const CLEANER_EVALUATION_DEFAULTS = {
  sizes: [100, 200, 500],
  seed: 1,
  start: '2016-01-01',
  end: '2021-12-31',
  lookback: 252,
  rebalanceEvery: 21,
  pcaFactors: 5,
} as const;

export interface CleanerEvaluationRequest {
  /** The wide adjusted-close CSV (`sp500_adjclose_1999_2021_wide.csv.gz`). */
  readonly pricesPath: string;
  readonly sizes?: readonly number[];
  readonly seed?: number;
  /** Extra candidates after the baselines (the learned cleaner). */
  readonly extra?: readonly RiskCandidate[];
}

/** Daily simple returns of a wide price CSV, as the evaluation reads them. */
export async function readReturnsPanel(pricesPath: string): Promise<RiskEvaluationData> {
  const { panel } = await ingestFile(pricesPath, { kind: 'prices' });
  const returns = simpleReturns(panel);
  return { returns: returns.values, t: returns.dates.length, n: returns.assets.length, dates: returns.dates, assets: returns.assets };
}

export async function runCleanerEvaluation(request: CleanerEvaluationRequest, onProgress?: EvaluationProgress): Promise<RiskEvaluationResult> {
  const data = await readReturnsPanel(request.pricesPath);
  const d = CLEANER_EVALUATION_DEFAULTS;
  return evaluateRiskModels(
    data,
    {
      sizes: request.sizes ?? d.sizes,
      seed: request.seed ?? d.seed,
      start: d.start,
      end: d.end,
      lookback: d.lookback,
      rebalanceEvery: d.rebalanceEvery,
      candidates: [...baselineCandidates({ pcaFactors: d.pcaFactors }), ...(request.extra ?? [])],
    },
    onProgress,
  );
}

function pct(value: number | null): string {
  return value === null ? '—' : `${(100 * value).toFixed(2)} %`;
}

function fixed(value: number | null, digits: number): string {
  return value === null ? '—' : value.toFixed(digits);
}

/**
 * The result as one markdown table: a row per (N, risk model), long-short then long-only figures;
 * the lowest realised volatility of each N and construction in bold.
 */
export function cleanerEvaluationTable(result: RiskEvaluationResult): string {
  const best = new Map<string, number>();
  for (const row of result.rows) {
    if (row.volatility === null) continue;
    const key = `${row.size}/${row.construction}`;
    best.set(key, Math.min(best.get(key) ?? Infinity, row.volatility));
  }
  const lines = [
    '| N | risk model | LS vol | LS turnover | LS max DD | LS Sharpe | LO vol | LO turnover | LO max DD | LO Sharpe |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const cells = (size: number, model: string, construction: 'long-short' | 'long-only'): string[] => {
    const row = result.rows.find((r) => r.size === size && r.model === model && r.construction === construction);
    if (!row || row.volatility === null) return [row?.failure ? 'failed' : '—', '—', '—', '—'];
    const vol = pct(row.volatility);
    const failed = row.failedRebalances > 0 ? ` (${row.failedRebalances} failed)` : '';
    return [(row.volatility === best.get(`${size}/${construction}`) ? `**${vol}**` : vol) + failed, fixed(row.turnover, 3), pct(row.maxDrawdown), fixed(row.sharpe, 2)];
  };
  for (const universe of result.universes) {
    const models = [...new Map(result.rows.filter((r) => r.size === universe.size).map((r) => [r.model, r.label])).entries()];
    for (const [model, label] of models) {
      lines.push(`| ${universe.size === universe.assets.length ? universe.size : `${universe.size} → ${universe.assets.length}`} | ${label} | ${[...cells(universe.size, model, 'long-short'), ...cells(universe.size, model, 'long-only')].join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** The settings line printed under the table. */
export function cleanerEvaluationSettings(result: RiskEvaluationResult, cleaner: string): string {
  return [
    `Test period ${result.period.first} – ${result.period.last} (${result.period.days} trading days), ${result.lookback}-day lookback, rebalanced every ${result.rebalanceEvery} days, costs ${result.costBps} bps.`,
    `Universes: seeded draws from the ${result.eligible} assets with complete returns over the first window and the test period${result.universes.some((u) => u.size > result.eligible) ? `; a size above ${result.eligible} takes them all` : ''}.`,
    `LS = GMV long-short (closed form), LO = GMV long-only (project QP). Vol = annualised realised volatility of daily returns; turnover = mean one-way turnover per rebalance after the first; Sharpe without a risk-free rate. Learned cleaner: ${cleaner}.`,
  ].join('\n');
}
