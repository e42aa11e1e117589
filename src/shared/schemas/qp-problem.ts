/**
 * JSON form of a mean–variance QP problem, as the CLI reads it (`portfolio-audit qp <file>`), and
 * of its result. Plain JSON: ±∞ bounds are written as `null`.
 *
 * Problem: min_w −μᵀw + γ·wᵀΣw + κ‖w − prev‖₁ s.t. Σw = budget, lower ≤ w ≤ upper,
 * min_g ≤ Σ_{i∈G} w_i ≤ max_g, with Σ = F·Fᵀ + diag(idio) (`factors` n × k, `idio` n) or a dense
 * n × n `covariance`. Defaults: budget 1 (`null` = no budget row), lower 0 (`null` = −∞, also per
 * entry), upper `null` (+∞), prev zeros, kappa 0, no groups.
 */
import { z } from 'zod';

const finiteNumber = z.number();
const boundSchema = z.union([finiteNumber, z.array(finiteNumber.nullable()), z.null()]);

export const QpFactorRiskJsonSchema = z
  .object({
    /** Loadings F, n rows of k numbers. */
    factors: z.array(z.array(finiteNumber)),
    /** Idiosyncratic variances, n numbers ≥ 0. */
    idio: z.array(finiteNumber.min(0)),
  })
  .strict();

export const QpDenseRiskJsonSchema = z
  .object({
    /** Σ, n rows of n numbers, symmetric. */
    covariance: z.array(z.array(finiteNumber)),
  })
  .strict();

export const QpGroupJsonSchema = z
  .object({
    members: z.array(z.number().int().min(0)).min(1),
    /** `null` = −∞. */
    min: finiteNumber.nullable(),
    /** `null` = +∞. */
    max: finiteNumber.nullable(),
  })
  .strict();

function lengthIssue(ctx: z.RefinementCtx, path: (string | number)[], actual: number, n: number, what: string): void {
  ctx.addIssue({ code: 'custom', path, message: `${what} has length ${actual}, expected n = ${n} (the length of mu)` });
}

export const QpProblemJsonSchema = z
  .object({
    mu: z.array(finiteNumber).min(1),
    gamma: finiteNumber.min(0),
    risk: z.union([QpFactorRiskJsonSchema, QpDenseRiskJsonSchema]),
    budget: finiteNumber.nullable().default(1),
    lower: boundSchema.default(0),
    upper: boundSchema.default(null),
    prev: z.array(finiteNumber).optional(),
    kappa: finiteNumber.min(0).default(0),
    groups: z.array(QpGroupJsonSchema).default([]),
  })
  .strict()
  .superRefine((problem, ctx) => {
    const n = problem.mu.length;
    if ('factors' in problem.risk) {
      const { factors, idio } = problem.risk;
      if (factors.length !== n) lengthIssue(ctx, ['risk', 'factors'], factors.length, n, 'risk.factors');
      const k = factors[0]?.length ?? 0;
      factors.forEach((row, i) => {
        if (row.length !== k) {
          ctx.addIssue({ code: 'custom', path: ['risk', 'factors', i], message: `risk.factors[${i}] has ${row.length} entries, expected k = ${k} like row 0` });
        }
      });
      if (idio.length !== n) lengthIssue(ctx, ['risk', 'idio'], idio.length, n, 'risk.idio');
    } else {
      const { covariance } = problem.risk;
      if (covariance.length !== n) lengthIssue(ctx, ['risk', 'covariance'], covariance.length, n, 'risk.covariance');
      covariance.forEach((row, i) => {
        if (row.length !== n) lengthIssue(ctx, ['risk', 'covariance', i], row.length, n, `risk.covariance[${i}]`);
      });
    }
    for (const key of ['lower', 'upper'] as const) {
      const bound = problem[key];
      if (Array.isArray(bound) && bound.length !== n) lengthIssue(ctx, [key], bound.length, n, key);
    }
    if (problem.prev !== undefined && problem.prev.length !== n) lengthIssue(ctx, ['prev'], problem.prev.length, n, 'prev');
    problem.groups.forEach((group, g) => {
      group.members.forEach((index, k) => {
        if (index >= n) {
          ctx.addIssue({ code: 'custom', path: ['groups', g, 'members', k], message: `groups[${g}].members[${k}] = ${index} is not an asset index (n = ${n})` });
        }
      });
    });
  });

export type QpProblemJson = z.input<typeof QpProblemJsonSchema>;
export type QpProblemJsonParsed = z.output<typeof QpProblemJsonSchema>;

export const QpSolutionJsonSchema = z.object({
  status: z.enum(['solved', 'solved-inaccurate', 'primal-infeasible', 'dual-infeasible', 'max-iterations', 'time-limit']),
  /** Weights; `null` entries when the problem has no solution. */
  w: z.array(z.number().nullable()),
  objective: z.number().nullable(),
  iterations: z.number().int().min(0),
  primalResidual: z.number().nullable(),
  dualResidual: z.number().nullable(),
  solveMs: z.number().min(0),
  /** Present for primal-infeasible problems: which constraint sets conflict, in words. */
  infeasibility: z.object({ set: z.string(), message: z.string() }).optional(),
});
export type QpSolutionJson = z.infer<typeof QpSolutionJsonSchema>;
