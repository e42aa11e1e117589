/**
 * Training losses as tfjs scalars (METHODS.md §1). Timing: row t of `weights` is w_t, chosen at the
 * close of decision month t; row t of `nextReturns` is r_{t+1}, the return it earns. The realised net
 * return of month t is
 *   r_t = w_tᵀr_{t+1} − tc·‖w_t − w_{t−1}‖₁,
 * with w_{−1} the holdings before the first decision (default all cash, zeros — the backtester's
 * default start, so for a fully invested long-only w_0 the first cost is the constant tc).
 * Costs are additive on the period's return, as in the walk-forward simulator.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor1D, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';

/** Mean squared error of μ̂ against the realised next returns (both B × n): the decoupled loss. */
export function mseLoss(mu: Tensor2D, nextReturns: Tensor2D): Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(mu, nextReturns)) as Scalar);
}

/**
 * Net return series r_t (length T) of weights T × n against next returns T × n with proportional
 * cost `tc` per unit of ‖Δw‖₁; `initialWeights` (1 × n) is w_{−1}, default zeros.
 */
export function netReturns(weights: Tensor2D, nextReturns: Tensor2D, tc: number, initialWeights?: Tensor2D): Tensor1D {
  if (!(Number.isFinite(tc) && tc >= 0)) throw new Error(`tc = ${tc}: the cost per unit turnover must be finite and ≥ 0`);
  return tf.tidy(() => {
    const [t, n] = weights.shape;
    const gross = tf.sum(tf.mul(weights, nextReturns), 1) as Tensor1D;
    if (tc === 0) return gross;
    const start = initialWeights ?? tf.zeros([1, n]);
    const previous = t > 1 ? tf.concat([start, tf.slice(weights, [0, 0], [t - 1, n])], 0) : start;
    const turnover = tf.sum(tf.abs(tf.sub(weights, previous)), 1);
    return tf.sub(gross, tf.mul(turnover, tc)) as Tensor1D;
  });
}

/** Sample mean and standard deviation (divisor T − 1) of a series of length T ≥ 2. */
function meanStd(series: Tensor1D): { mean: Scalar; std: Scalar } {
  const t = series.shape[0];
  if (t < 2) throw new Error(`the return series has ${t} period(s): Sharpe and variance need at least 2`);
  const mean = tf.mean(series) as Scalar;
  const variance = tf.div(tf.sum(tf.square(tf.sub(series, mean))), t - 1) as Scalar;
  return { mean, std: tf.sqrt(variance) as Scalar };
}

/** L = −√A · mean(r)/std(r) (std with divisor T − 1): negative annualised Sharpe, A periods per year. */
export function negativeSharpeLoss(series: Tensor1D, periodsPerYear: number): Scalar {
  return tf.tidy(() => {
    const { mean, std } = meanStd(series);
    return tf.mul(tf.div(mean, std), -Math.sqrt(periodsPerYear)) as Scalar;
  });
}

/** L = A · var(r) (divisor T − 1): annualised realised variance of the net series. */
export function realisedVarianceLoss(series: Tensor1D, periodsPerYear: number): Scalar {
  return tf.tidy(() => {
    const { std } = meanStd(series);
    return tf.mul(tf.square(std), periodsPerYear) as Scalar;
  });
}

/**
 * L = −mean_t(r_t − γ/2 · w_tᵀΣ_t w_t), Σ_t = F_t·F_tᵀ + diag(d_t): negative mean–variance utility of
 * the net returns, with Σ_t the covariance the optimiser was given (`factors` T × n × k, `idio` T × n).
 * The ½ follows METHODS' utility; the optimiser's own objective has γ·wᵀΣw without ½.
 */
export function utilityLoss(series: Tensor1D, weights: Tensor2D, factors: Tensor3D, idio: Tensor2D, gamma: number): Scalar {
  return tf.tidy(() => {
    const [t, n] = weights.shape;
    const exposures = tf.matMul(tf.reshape(weights, [t, 1, n]) as Tensor3D, factors);
    const variance = tf.add(tf.sum(tf.square(exposures), [1, 2]), tf.sum(tf.mul(idio, tf.square(weights)), 1));
    return tf.neg(tf.mean(tf.sub(series, tf.mul(variance, gamma / 2)))) as Scalar;
  });
}
