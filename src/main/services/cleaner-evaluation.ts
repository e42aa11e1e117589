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
