/**
 * PipelineSpec: data → features → predictor → risk model → optimiser → training → backtest.
 * `parsePipelineSpec` validates shapes (zod) and then the connections between stages, reporting
 * every problem with its path so the editor can show it in place and the CLI can name the field.
 */
import { z } from 'zod';
import { BacktestNodeSchema, DataNodeSchema, FeaturesNodeSchema, OptimiserNodeSchema, PredictorNodeSchema, RiskNodeSchema, TrainingNodeSchema } from './nodes';

export const PIPELINE_SPEC_VERSION = 1;

export const STAGES = ['data', 'features', 'predictor', 'risk', 'optimiser', 'training', 'backtest'] as const;
export type Stage = (typeof STAGES)[number];

export interface SpecProblem {
  path: (string | number)[];
  message: string;
}

const needsForecast = new Set(['mean-variance']);

/** Connections that the shapes alone cannot rule out. */
export function connectionProblems(spec: z.output<typeof PipelineSpecShape>): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const { data, features, predictor, risk, optimiser, training } = spec;
  if (needsForecast.has(optimiser.kind) && predictor.kind === 'none') {
    problems.push({ path: ['predictor', 'kind'], message: 'mean–variance needs a return forecast: choose a predictor' });
  }
  if ((predictor.kind === 'linear' || predictor.kind === 'mlp') && features.kind === 'none') {
    problems.push({ path: ['features', 'kind'], message: `a ${predictor.kind} predictor needs features` });
  }
  if (features.kind === 'synthetic-characteristics' && data.kind !== 'synthetic') {
    problems.push({ path: ['features', 'kind'], message: 'synthetic characteristics come only with synthetic data' });
  }
  if (features.kind === 'price-characteristics' && data.kind !== 'dataset') {
    problems.push({ path: ['features', 'kind'], message: 'price characteristics need an imported prices dataset' });
  }
  if (features.kind === 'price-characteristics' && features.macro.length > 0 && (data.kind !== 'dataset' || !data.macro)) {
    problems.push({ path: ['data', 'macro'], message: 'macro features need a macro dataset' });
  }
  if (risk.kind === 'learned-head' && !(predictor.kind === 'mlp' && predictor.riskFactors > 0)) {
    problems.push({ path: ['risk', 'kind'], message: 'a learned risk head needs an MLP predictor with riskFactors > 0' });
  }
  if (training.kind !== 'none' && !(predictor.kind === 'linear' || predictor.kind === 'mlp')) {
    problems.push({ path: ['training', 'kind'], message: 'only linear and MLP predictors are trained' });
  }
  if (training.kind === 'end-to-end' && optimiser.kind !== 'mean-variance') {
    problems.push({ path: ['training', 'kind'], message: 'end-to-end training differentiates through the mean–variance QP: choose that optimiser' });
  }
  if ((predictor.kind === 'linear' || predictor.kind === 'mlp') && training.kind === 'none') {
    problems.push({ path: ['training', 'kind'], message: `a ${predictor.kind} predictor must be trained: choose decoupled or end-to-end` });
  }
  if (optimiser.kind === 'mean-variance' && optimiser.lower > optimiser.upper) {
    problems.push({ path: ['optimiser', 'lower'], message: 'lower bound above upper bound' });
  }
  if (optimiser.kind === 'sensitivity') {
    if (data.kind !== 'dataset') problems.push({ path: ['data', 'kind'], message: 'the sensitivity optimiser needs imported asset data (its drivers are imported datasets)' });
    if (training.kind !== 'none') problems.push({ path: ['training', 'kind'], message: 'the sensitivity optimiser trains its own network per window: training must be none' });
    if (risk.kind !== 'estimator') problems.push({ path: ['risk', 'kind'], message: 'the sensitivity optimiser needs a covariance estimator for its inverse-variance weights' });
    else if (optimiser.window > risk.lookback) problems.push({ path: ['optimiser', 'window'], message: `the network window (${optimiser.window}) must fit in the risk lookback (${risk.lookback})` });
    optimiser.drivers.forEach((driver, index) => {
      if (driver.minus && (driver.column === undefined || driver.minus.column === undefined)) {
        problems.push({ path: ['optimiser', 'drivers', index, 'minus'], message: 'a spread names one column on each side' });
      }
      if (driver.minus && driver.transform === 'return') problems.push({ path: ['optimiser', 'drivers', index, 'transform'], message: 'a spread is a level: use auto, difference or log-difference' });
    });
  }
  if (risk.kind === 'estimator' && risk.estimator === 'ewma' && risk.halfLife === undefined) {
    problems.push({ path: ['risk', 'halfLife'], message: 'EWMA needs a half-life' });
  }
  if (risk.kind === 'estimator' && risk.estimator === 'pca' && risk.factors === undefined) {
    problems.push({ path: ['risk', 'factors'], message: 'PCA needs a number of factors' });
  }
  return problems;
}

const PipelineSpecShape = z
  .object({
    version: z.literal(PIPELINE_SPEC_VERSION).default(PIPELINE_SPEC_VERSION),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(4000).default(''),
    /** Seeds every random choice (synthetic data, initialisation, shuffles): same seed, same numbers. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
    data: DataNodeSchema,
    features: FeaturesNodeSchema.default({ kind: 'none' }),
    predictor: PredictorNodeSchema.default({ kind: 'none' }),
    risk: RiskNodeSchema.default({ kind: 'estimator', estimator: 'ledoit-wolf', lookback: 60 }),
    optimiser: OptimiserNodeSchema,
    training: TrainingNodeSchema.default({ kind: 'none' }),
    backtest: BacktestNodeSchema.default({ rebalanceEvery: 1, retrainEvery: 12, costBps: 10, slippageBps: 0 }),
  })
  .strict();

export const PipelineSpecSchema = PipelineSpecShape.superRefine((spec, context) => {
  for (const problem of connectionProblems(spec)) context.addIssue({ code: 'custom', path: problem.path, message: problem.message });
});

export type PipelineSpec = z.output<typeof PipelineSpecSchema>;
export type PipelineSpecInput = z.input<typeof PipelineSpecSchema>;

export type ParsedSpec = { ok: true; spec: PipelineSpec } | { ok: false; problems: SpecProblem[] };

export function parsePipelineSpec(value: unknown): ParsedSpec {
  const result = PipelineSpecSchema.safeParse(value);
  if (result.success) return { ok: true, spec: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: issue.message })) };
}

/** One line per problem, `path: message`, for CLI errors. */
export function describeProblems(problems: readonly SpecProblem[]): string {
  return problems.map((problem) => `${problem.path.length > 0 ? problem.path.join('.') : '(spec)'}: ${problem.message}`).join('\n');
}
