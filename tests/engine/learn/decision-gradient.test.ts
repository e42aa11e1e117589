/**
 * Gradients of the decision losses through the QP layer (tfjs, float32) against central differences
 * of an independent float64 forward (reference.ts: the QP solved per month by the float64 core,
 * the losses by plain loops) at the same float32-representable inputs.
 *
 * Tolerance of the float32 path: the layer differentiates in float64 and rounds once, but the loss
 * and its gradient are tfjs float32 ops: the Sharpe gradient ∂L/∂r_t = −√A[1/(T·s) − m(r_t − m)/((T−1)s³)]
 * is formed from float32 sums of O(T) terms (relative error ≈ T·2⁻²⁴ ≈ 1e-6 per term) and passes
 * through the layer's VJP, whose inputs are float32 (relative 6e-8): a bound of about 1e-6, so the
 * tolerance is REL32 = 1e-5 of max|g|. Measured worst relative errors here: 0.7–1.5e-7 on every
 * gradient (μ̂, F, d, the linear head's β and b; Sharpe, utility, variance). The float64 central
 * differences use a step 1e-6·max(|x|, 1e-3), inside every active set (piecewise-smooth w*).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers';
import type { Scalar, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import { linearPredictor } from '../../../src/main/engine/learn/predictors/linear-predictor';
import { negativeSharpeLoss, netReturns, realisedVarianceLoss, utilityLoss } from '../../../src/main/engine/learn/losses';
import { decideWeights } from '../../../src/main/engine/learn/train-end-to-end';
import { meanVarianceLayer } from '../../../src/main/engine/qp/layer';
import type { LayerConstraints } from '../../../src/main/engine/qp/layer-batch';
import {
  centralDifferences,
  decisionInputs,
  expectGradientClose,
  meanStd,
  referenceNetReturns,
  referenceSharpeLoss,
  referenceWeights,
} from './reference';
import type { DecisionInputs } from './reference';

const REL32 = 1e-5;
const STEP = 1e-6;
const SCALE = 1e-3;
const TC = 0.005;
const WITH_TURNOVER: LayerConstraints = { gamma: 2, upper: 0.5, kappa: 0.002 };
const NO_TURNOVER: LayerConstraints = { gamma: 2, upper: 0.5 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Loss = 'sharpe' | 'utility' | 'variance';

/** The tfjs loss as a function of (μ, F, d) tensors, as trainEndToEnd builds it. */
function tfLoss(inputs: DecisionInputs, constraints: LayerConstraints, loss: Loss) {
  const layer = meanVarianceLayer({ ...constraints, warmStart: false });
  const { t, n } = inputs;
  const targets = tf.tensor2d(Float32Array.from(inputs.targets), [t, n]);
  const sequential = (constraints.kappa ?? 0) > 0;
  const f = (mu: Tensor2D, factors: Tensor3D, idio: Tensor2D): Scalar => {
    const weights = decideWeights(layer, mu, factors, idio, sequential);
    const series = netReturns(weights, targets, TC);
    if (loss === 'utility') return utilityLoss(series, weights, factors, idio, constraints.gamma);
    if (loss === 'variance') return realisedVarianceLoss(series, 12);
    return negativeSharpeLoss(series, 12);
  };
  return { f, dispose: () => targets.dispose() };
}

function tensorsOf(inputs: DecisionInputs): [Tensor2D, Tensor3D, Tensor2D] {
  const { t, n, k } = inputs;
  return [
    tf.tensor2d(Float32Array.from(inputs.mu), [t, n]),
    tf.tensor3d(Float32Array.from(inputs.factors), [t, n, k]),
    tf.tensor2d(Float32Array.from(inputs.idio), [t, n]),
  ];
}

/** Float64 reference of each loss. */
function referenceLoss(inputs: DecisionInputs, constraints: LayerConstraints, loss: Loss): number {
  if (loss === 'sharpe') return referenceSharpeLoss(inputs, constraints, TC);
  const { t, n, k } = inputs;
  const weights = referenceWeights(inputs, constraints);
  const series = referenceNetReturns(weights, inputs.targets, t, n, TC);
  if (loss === 'variance') return 12 * meanStd(series).std ** 2;
  let total = 0;
  for (let month = 0; month < t; month++) {
    let variance = 0;
    for (let j = 0; j < k; j++) {
      let exposure = 0;
      for (let i = 0; i < n; i++) exposure += weights[month * n + i] * inputs.factors[(month * n + i) * k + j];
      variance += exposure * exposure;
    }
    for (let i = 0; i < n; i++) variance += inputs.idio[month * n + i] * weights[month * n + i] ** 2;
    total += series[month] - (constraints.gamma / 2) * variance;
  }
  return -total / t;
}

function gradientsOf(inputs: DecisionInputs, constraints: LayerConstraints, loss: Loss): { value: number; mu: Float64Array; factors: Float64Array; idio: Float64Array } {
  const { f, dispose } = tfLoss(inputs, constraints, loss);
  const tensors = tensorsOf(inputs);
  const { value, grads } = tf.valueAndGrads((...args: tf.Tensor[]) => f(args[0] as Tensor2D, args[1] as Tensor3D, args[2] as Tensor2D))(tensors);
  const read = (tensor: tf.Tensor) => Float64Array.from(tensor.dataSync() as Float32Array);
  const result = { value: value.dataSync()[0], mu: read(grads[0]), factors: read(grads[1]), idio: read(grads[2]) };
  tf.dispose([value, ...grads, ...tensors]);
  dispose();
  return result;
}

describe('decision losses through the QP layer: tfjs gradients vs float64 central differences', () => {
  const inputs = decisionInputs(11, 14, 6, 2);

  for (const [label, constraints] of [
    ['κ > 0, months chained through prev', WITH_TURNOVER],
    ['κ = 0, one batched call', NO_TURNOVER],
  ] as const) {
    it(`Sharpe loss, dL/dμ̂ (${label})`, () => {
      const reference = referenceLoss(inputs, constraints, 'sharpe');
      const tfjs = gradientsOf(inputs, constraints, 'sharpe');
      expect(Math.abs(tfjs.value - reference), `loss ${tfjs.value} vs float64 ${reference}`).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(reference)));
      const fd = centralDifferences((mu) => referenceLoss({ ...inputs, mu }, constraints, 'sharpe'), inputs.mu, STEP, SCALE);
      const worst = expectGradientClose(tfjs.mu, fd, REL32, 1e-6, 'dL/dμ̂');
      expect(worst).toBeLessThan(REL32);
    });
  }

  it('Sharpe loss, dL/dF and dL/dd (risk-head inputs, κ > 0)', () => {
    const tfjs = gradientsOf(inputs, WITH_TURNOVER, 'sharpe');
    const fdFactors = centralDifferences((factors) => referenceLoss({ ...inputs, factors }, WITH_TURNOVER, 'sharpe'), inputs.factors, STEP, SCALE);
    expectGradientClose(tfjs.factors, fdFactors, REL32, 1e-6, 'dL/dF');
    const fdIdio = centralDifferences((idio) => referenceLoss({ ...inputs, idio }, WITH_TURNOVER, 'sharpe'), inputs.idio, STEP, SCALE);
    expectGradientClose(tfjs.idio, fdIdio, REL32, 1e-6, 'dL/dd');
  });

  for (const loss of ['utility', 'variance'] as const) {
    it(`${loss} loss, value and dL/dμ̂ and dL/dd (κ > 0)`, () => {
      const reference = referenceLoss(inputs, WITH_TURNOVER, loss);
      const tfjs = gradientsOf(inputs, WITH_TURNOVER, loss);
      expect(Math.abs(tfjs.value - reference), `loss ${tfjs.value} vs float64 ${reference}`).toBeLessThanOrEqual(1e-5 * Math.max(1e-3, Math.abs(reference)) + 1e-9);
      const fdMu = centralDifferences((mu) => referenceLoss({ ...inputs, mu }, WITH_TURNOVER, loss), inputs.mu, STEP, SCALE);
      expectGradientClose(tfjs.mu, fdMu, REL32, 1e-9, `${loss} dL/dμ̂`);
      const fdIdio = centralDifferences((idio) => referenceLoss({ ...inputs, idio }, WITH_TURNOVER, loss), inputs.idio, STEP, SCALE);
      expectGradientClose(tfjs.idio, fdIdio, REL32, 1e-9, `${loss} dL/dd`);
    });
  }

  it('chain rule into the linear head: dL/dβ, dL/db match central differences of μ̂ = s(Xβ + b) → float64 loss', () => {
    const { t, n } = inputs;
    const p = 3;
    const random = createRandom(5);
    const x = Float64Array.from(Float32Array.from({ length: t * n * p }, () => random.normal()));
    const scale = 0.01;
    const predictor = linearPredictor({ nFeatures: p, returnScale: scale, seed: 9 });
    predictor.setWeights([Float32Array.from([0.5, -0.3, 0.8]), Float32Array.from([1])]);
    const [, factors, idio] = tensorsOf(inputs);
    const features = tf.tensor3d(Float32Array.from(x), [t, n, p]);
    const { f, dispose } = tfLoss(inputs, WITH_TURNOVER, 'sharpe');
    const { grads } = tf.variableGrads(() => f(predictor.predict(features).mu, factors, idio), [...predictor.variables]);
    const analytic = Float64Array.from([...grads[predictor.variables[0].name].dataSync(), ...grads[predictor.variables[1].name].dataSync()]);
    tf.dispose([...Object.values(grads), factors, idio, features]);
    dispose();
    predictor.dispose();
    const lossOfTheta = (theta: Float64Array): number => {
      const mu = new Float64Array(t * n);
      for (let q = 0; q < t * n; q++) {
        let value = theta[p];
        for (let j = 0; j < p; j++) value += x[q * p + j] * theta[j];
        mu[q] = scale * value;
      }
      return referenceLoss({ ...inputs, mu }, WITH_TURNOVER, 'sharpe');
    };
    const fd = centralDifferences(lossOfTheta, Float64Array.from([0.5, -0.3, 0.8, 1]), STEP, SCALE);
    expectGradientClose(analytic, fd, REL32, 1e-6, 'dL/d(β, b)');
  });
});
