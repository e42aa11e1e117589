/**
 * `cov` job: reads a wide returns file and fits one covariance estimator, in the worker.
 * Rows with a missing value are refused with the date and column (estimators need a complete
 * window); the user chooses how to fill gaps at import time.
 */
import { ESTIMATORS, type EstimatorName, type EstimatorOptions } from '../../engine/risk/estimators';
import { riskToDense } from '../../engine/risk/risk-ops';
import { ingestFile } from '../../ingest';
import type { JobContext } from '../protocol';

export interface CovarianceJobParams {
  path: string;
  estimator: EstimatorName;
  options?: EstimatorOptions;
}

export interface CovarianceJobResult {
  estimator: EstimatorName;
  n: number;
  T: number;
  assets: string[];
  firstDate: string;
  lastDate: string;
  modelKind: 'factor' | 'dense';
  rank?: number;
  params: Record<string, number>;
  covariance: number[][];
}

export async function covarianceJob(raw: unknown, context: JobContext): Promise<CovarianceJobResult> {
  const { path, estimator, options } = raw as CovarianceJobParams;
  const fit = ESTIMATORS[estimator];
  if (!fit) throw new Error(`Unknown estimator "${estimator}": choose one of ${Object.keys(ESTIMATORS).join(', ')}`);
  const { panel } = await ingestFile(path, { kind: 'returns' }, (fraction, stage) => context.progress(0.6 * fraction, stage));
  const t = panel.dates.length;
  const n = panel.assets.length;
  for (let i = 0; i < t; i++) {
    for (let j = 0; j < n; j++) {
      if (Number.isNaN(panel.values[i * n + j])) {
        throw new Error(`${path.split(/[\\/]/).pop()}: ${panel.dates[i]} has no value for ${panel.assets[j]}; covariance needs complete rows (import with --missing to fill or drop)`);
      }
    }
  }
  context.progress(0.65, `fitting ${estimator}`);
  const { model, params } = fit(panel.values, t, n, options);
  context.progress(0.95, 'writing the matrix');
  const dense = riskToDense(model);
  const covariance = Array.from({ length: n }, (_, i) => Array.from(dense.subarray(i * n, (i + 1) * n)));
  return {
    estimator,
    n,
    T: t,
    assets: [...panel.assets],
    firstDate: panel.dates[0],
    lastDate: panel.dates[t - 1],
    modelKind: model.kind,
    ...(model.kind === 'factor' ? { rank: model.rank } : {}),
    params,
    covariance,
  };
}
