/**
 * Polishing ends ADMM early on long-only turnover problems shaped like the benchmark's (bench/qp.ts):
 * the prox-based active-set correction converges from the guess ADMM makes after its first 10
 * iterations, so the solver stops at the first polish attempt. Correctness is checked with the
 * independent dense KKT residuals of the fixture helpers (Σ ≻ 0, so KKT ≤ 1e-9 pins the optimum).
 */
import { describe, expect, it } from 'vitest';
import { problemFromJson } from '../../../src/main/engine/qp/problem-json';
import { solveMeanVarianceQp } from '../../../src/main/engine/qp/solve-mean-variance-qp';
import type { QpProblemJson } from '../../../src/shared/schemas/qp-problem';
import { independentKkt } from './qp-fixture';
import { uniform } from '../../helpers/mulberry32';

const KKT_TOL = 1e-9;


/** Market factor plus k − 1 styles, μ of the given scale, prev ~ Dirichlet(1), caps max(6/n, 0.05). */
function turnoverProblem(n: number, k: number, seed: number, scale: { mu: number; gamma: number; kappa: number }): QpProblemJson {
  const random = uniform(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const factors = Array.from({ length: n }, () => Array.from({ length: k }, (_, q) => (q === 0 ? 0.16 * (1 + 0.3 * normal()) : 0.06 * normal())));
  const idio = Array.from({ length: n }, () => (0.1 + 0.2 * random()) ** 2);
  const mu = Array.from({ length: n }, () => scale.mu * (1.5 + normal()));
  const raw = Array.from({ length: n }, () => -Math.log(1 - random()));
  const total = raw.reduce((a, b) => a + b, 0);
  return {
    mu,
    gamma: scale.gamma,
    risk: { factors, idio },
    lower: 0,
    upper: Math.max(6 / n, 0.05),
    prev: raw.map((value) => value / total),
    kappa: scale.kappa,
  };
}

describe('early polish on long-only turnover problems', () => {
  const scales = [
    { name: 'annual μ, κ = 0.002', mu: 0.04, gamma: 2.5, kappa: 0.002 },
    { name: 'monthly μ, κ = 0.005', mu: 0.01, gamma: 5, kappa: 0.005 },
  ];
  for (const scale of scales) {
    for (const [n, seed] of [
      [100, 6],
      [300, 2],
      [300, 3],
    ] as const) {
      it(`${scale.name}, n = ${n}, k = 10, seed ${seed}: solved at the first polish attempt (iteration 10), KKT ≤ ${KKT_TOL}`, () => {
        const json = turnoverProblem(n, 10, seed, scale);
        const solution = solveMeanVarianceQp(problemFromJson(json));
        expect(solution.status).toBe('solved');
        expect(solution.info.polished).toBe(true);
        expect(solution.info.iterations, `iterations ${solution.info.iterations}, expected ≤ 10`).toBeLessThanOrEqual(10);

        // The problem must exercise the kink, the caps and free assets, or it proves little.
        const states = new Set(solution.activeSet!.assets);
        for (const state of ['kink', 'upper', 'lower']) expect(states.has(state as never), `active set holds '${state}'`).toBe(true);
        expect(states.has('free-up') || states.has('free-down'), 'active set holds a free asset').toBe(true);

        const kkt = independentKkt(json, solution.w, solution.y);
        const worst = Math.max(kkt.primal, kkt.stationarity, kkt.complementarity);
        expect(worst, `KKT residuals ${JSON.stringify(kkt)}, tol ${KKT_TOL}`).toBeLessThanOrEqual(KKT_TOL);
      });
    }
  }
});
