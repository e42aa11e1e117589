/**
 * Conversion between the CLI's JSON (src/shared/schemas/qp-problem.ts) and the solver's typed
 * problem and solution records.
 */

import { QpProblemJsonSchema } from '../../../shared/schemas/qp-problem';
import type { QpSolutionJson } from '../../../shared/schemas/qp-problem';
import { denseRiskModel, factorRiskModel } from '../risk/risk-model';
import type { RiskModel } from '../risk/risk-model';
import type { MeanVarianceProblem, QpSolution } from './qp-types';

function riskFromJson(risk: { factors: number[][]; idio: number[] } | { covariance: number[][] }, n: number): RiskModel {
  if ('factors' in risk) {
    const k = risk.factors[0]?.length ?? 0;
    const u = new Float64Array(n * k);
    risk.factors.forEach((row, i) => u.set(row, i * k));
    return factorRiskModel(Float64Array.from(risk.idio), u, new Float64Array(k).fill(1));
  }
  const sigma = new Float64Array(n * n);
  risk.covariance.forEach((row, i) => sigma.set(row, i * n));
  return denseRiskModel(sigma, n);
}

function boundFromJson(bound: number | (number | null)[] | null, infinity: number): Float64Array | number | null {
  if (bound === null || typeof bound === 'number') return bound;
  return Float64Array.from(bound, (value) => (value === null ? infinity : value));
}

/**
 * Validates parsed JSON against `QpProblemJsonSchema` and builds the solver's problem: `factors`
 * (n × k) become a factor model Σ = F·Fᵀ + diag(idio) with factor variances s = 1.
 *
 * @throws an Error listing every offending field path and what is wrong with it.
 */
export function problemFromJson(parsed: unknown): MeanVarianceProblem {
  const result = QpProblemJsonSchema.safeParse(parsed);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
    throw new Error(`invalid QP problem JSON:\n${lines.join('\n')}`);
  }
  const json = result.data;
  const n = json.mu.length;
  return {
    mu: Float64Array.from(json.mu),
    gamma: json.gamma,
    risk: riskFromJson(json.risk, n),
    budget: json.budget,
    lower: boundFromJson(json.lower, -Infinity),
    upper: boundFromJson(json.upper, Infinity),
    ...(json.prev !== undefined ? { prev: Float64Array.from(json.prev) } : {}),
    kappa: json.kappa,
    groups: json.groups.map((group) => ({
      members: [...group.members],
      min: group.min ?? -Infinity,
      max: group.max ?? Infinity,
    })),
  };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** The CLI's output record: `{ status, w, objective, iterations, primalResidual, dualResidual, solveMs }`. */
export function solutionToJson(solution: QpSolution): QpSolutionJson {
  return {
    status: solution.status,
    w: Array.from(solution.w, finiteOrNull),
    objective: finiteOrNull(solution.objective),
    iterations: solution.info.iterations,
    primalResidual: finiteOrNull(solution.info.primalResidual),
    dualResidual: finiteOrNull(solution.info.dualResidual),
    solveMs: solution.info.solveMs,
    ...(solution.infeasibility ? { infeasibility: { ...solution.infeasibility } } : {}),
  };
}
