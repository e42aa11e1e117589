/**
 * The frozen pipeline as a differentiable map of the macro state (METHODS §5):
 *   m ↦ x(m) = c ⊗ (1, m) ↦ μ̂ = f(x) ↦ w = argmin −μ̂ᵀw + γwᵀΣ̂w + κ‖w − w_prev‖₁ (the QP layer),
 * with the exact vector–Jacobian product dG/dm = (∂x/∂m)ᵀ(∂μ̂/∂x)ᵀ(∂w/∂μ̂)ᵀ∇_wG: implicit
 * differentiation of the polished QP (kkt-backward.ts), the predictor's backward pass in float64,
 * and ∂x_{i,(v+1)c+k}/∂m_v = c_{i,k}. A state where the QP does not reach a polished solution is
 * reported as not finite (the samplers reject it), because its gradient is not defined there.
 */
import { qpBackward } from '../qp/kkt-backward';
import { solveMeanVarianceQp } from '../qp/solve-mean-variance-qp';
import type { MeanVarianceProblem, QpSolution } from '../qp/qp-types';
import { interactionFeatures } from '../data/interactions';
import type { FrozenPipeline } from './frozen-pipeline';
import { returnHead, type ReturnHead } from './predictor-f64';

/** w(m) with what its backward pass needs. */
export interface PipelineEvaluation {
  readonly m: Float64Array;
  readonly features: Float64Array;
  readonly mu: Float64Array;
  /** Weights, length n; NaN when the QP did not reach a polished solution. */
  readonly w: Float64Array;
  readonly solution: QpSolution;
  readonly problem: MeanVarianceProblem;
  readonly ok: boolean;
}

/** The frozen pipeline's forward map and its vector–Jacobian products. */
export interface PipelineMap {
  readonly frozen: FrozenPipeline;
  readonly head: ReturnHead;
  /** Features at macro state m (length l), n × p. */
  features(m: Float64Array): Float64Array;
  /** w(m); the last evaluation is cached, so value-then-gradient at one m solves once. */
  evaluate(m: Float64Array): PipelineEvaluation;
  /** dG/dm (length l) given dG/dw (length n) at a successful evaluation. */
  backward(evaluation: PipelineEvaluation, dw: Float64Array): Float64Array;
  /** dG/dx (n × p) given dG/dw, for attributions over the features. */
  backwardToFeatures(evaluation: PipelineEvaluation, dw: Float64Array): Float64Array;
  /**
   * w for arbitrary features x (n × p): the map attributions differentiate. The last evaluation is
   * cached, so several targets' gradients at one x solve once.
   */
  evaluateFeatures(x: Float64Array): PipelineEvaluation;
}

function sameVector(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Builds the map of a frozen pipeline. */
export function pipelineMap(frozen: FrozenPipeline): PipelineMap {
  const head = returnHead(frozen.predictor);
  const { n, characteristics } = frozen;
  const l = frozen.macroNames.length;
  const c = characteristics.length / n;
  const p = c * (1 + l);
  if (head.p !== p) throw new Error(`the predictor takes ${head.p} features, the pipeline builds ${p}`);
  let last: PipelineEvaluation | undefined;
  let lastOfFeatures: PipelineEvaluation | undefined;
  let warm: QpSolution | undefined;

  const solve = (m: Float64Array, x: Float64Array): PipelineEvaluation => {
    const mu = head.predict(x, n);
    const problem: MeanVarianceProblem = {
      mu,
      gamma: frozen.gamma,
      risk: frozen.risk,
      budget: frozen.budget,
      lower: 0,
      upper: frozen.wMax,
      prev: frozen.prev,
      kappa: frozen.kappa,
    };
    const solution = solveMeanVarianceQp(problem, undefined, warm && warm.status === 'solved' ? { w: warm.w, y: warm.y, rho: warm.info.rho } : undefined);
    const ok = solution.status === 'solved' && solution.activeSet !== undefined;
    if (ok) warm = solution;
    return { m: Float64Array.from(m), features: x, mu, w: ok ? solution.w : new Float64Array(n).fill(Number.NaN), solution, problem, ok };
  };

  const features = (m: Float64Array): Float64Array => {
    if (m.length !== l) throw new Error(`m has length ${m.length}, expected l = ${l} macro variables`);
    return interactionFeatures(characteristics, n, c, m);
  };

  const backwardToFeatures = (evaluation: PipelineEvaluation, dw: Float64Array): Float64Array => {
    if (!evaluation.ok) throw new Error('backward: the QP did not reach a polished solution at this state');
    const dmu = qpBackward(evaluation.problem, evaluation.solution, dw).mu;
    return head.backward(evaluation.features, n, dmu);
  };

  return {
    frozen,
    head,
    features,
    evaluate(m) {
      if (last && sameVector(last.m, m)) return last;
      last = solve(m, features(m));
      return last;
    },
    backward(evaluation, dw) {
      const dx = backwardToFeatures(evaluation, dw);
      const dm = new Float64Array(l);
      for (let i = 0; i < n; i++) {
        for (let v = 0; v < l; v++) {
          let sum = 0;
          for (let k = 0; k < c; k++) sum += dx[i * p + (v + 1) * c + k] * characteristics[i * c + k];
          dm[v] += sum;
        }
      }
      return dm;
    },
    backwardToFeatures,
    evaluateFeatures(x) {
      if (x.length !== n * p) throw new Error(`x has length ${x.length}, expected n × p = ${n} × ${p}`);
      if (lastOfFeatures && sameVector(lastOfFeatures.features, x)) return lastOfFeatures;
      lastOfFeatures = solve(new Float64Array(l), Float64Array.from(x));
      return lastOfFeatures;
    },
  };
}
