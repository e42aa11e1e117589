/**
 * The cleaner's forward pass in float64 on one window (Bongiorno, Manolakis & Mantegna, arXiv
 * 2507.01918, METHODS.md §3), from the weights as float64 arrays: what inference uses (the QP wants
 * a float64 risk model) and the reference the tfjs training graph (cleaner-graph.ts) is checked
 * against, value for value and by finite differences.
 *
 * Steps, for a window X (L × N, row L − 1 the most recent day):
 * 1. x̃ = α_t·tanh(β_t·s·x)/β_t per lag (lag-transform.ts), s = config.returnScale;
 * 2. per asset mean μ_i and standard deviation σ_i of x̃ (divisor L); Z = (x̃ − μ)/(σ·√L), so the
 *    correlation is C = ZᵀZ;
 * 3. the r = min(N, L − 1) non-null eigenpairs of C, descending: from C itself when N ≤ L − 1, else
 *    from the L × L dual ZZᵀ = UΛUᵀ with v_k = Zᵀu_k/√λ_k (demeaning makes one dual eigenvalue 0,
 *    dropped), so the N − r null directions are never formed;
 * 4. features [λ_k, N/L, √N, √L]·featureScale for the N positions (λ = 0 at the null ones), the
 *    bidirectional RNN along them, and ι_k = softplus(h_k·w + b) read as an inverse eigenvalue;
 * 5. λ̃_k = 1/ι_k; the null positions share their mean λ̃₀ (the null space has no preferred basis),
 *    and the spectrum is scaled to trace N, as a correlation's;
 * 6. inverse volatility ψ_i = exp(−ln σ_i + g(ln σ_i)), g a 1 → V → 1 tanh net;
 * 7. Σ⁻¹ = D⁻¹[V·diag(1/λ̃)·Vᵀ + (I − VVᵀ)/λ̃₀]D⁻¹ with D⁻¹ = diag(ψ), and the GMV weights
 *    w = Σ⁻¹1/(1ᵀΣ⁻¹1).
 */

import { gemm, gemmTransA } from '../linalg/gemm';
import type { CleanerConfig } from './cleaner-config';
import { correlationEigen } from './correlation-eigen';
import { gruForward } from './gru-kernel';
import { applyLagTransform, lagCoefficientsFromWeights } from './lag-transform';
import type { LagCoefficients } from './lag-transform';
import { lstmForward } from './lstm-kernel';
import type { RecurrentWeights } from './recurrent-types';

/** Everything the forward pass computes on one window, in the transformed units. */
export interface CleanerPass {
  readonly n: number;
  /** r, the number of non-null eigenpairs. */
  readonly rank: number;
  /** The lag coefficients used. */
  readonly lag: LagCoefficients;
  /** σ_i of the lag-transformed returns (length N). */
  readonly sigma: Float64Array;
  /** Sample correlation eigenvalues, descending, length N (zeros beyond r). */
  readonly sampleEigenvalues: Float64Array;
  /** Cleaned eigenvalues at the same positions, length N, summing to N. */
  readonly cleanedEigenvalues: Float64Array;
  /** Eigenvectors of the r non-null eigenvalues, N × r row-major (column k ↔ eigenvalue k). */
  readonly vectors: Float64Array;
  /** ψ_i, the inverse marginal volatilities (length N). */
  readonly inverseVol: Float64Array;
  /** GMV weights, length N, summing to 1. */
  readonly gmvWeights: Float64Array;
}

function weight(weights: ReadonlyMap<string, Float64Array>, name: string): Float64Array {
  const value = weights.get(name);
  if (value === undefined) throw new Error(`weights.${name} is missing`);
  return value;
}

function softplus(value: number): number {
  return value > 30 ? value : Math.log1p(Math.exp(value));
}

function direction(weights: ReadonlyMap<string, Float64Array>, name: 'forward' | 'backward'): RecurrentWeights {
  return { kernel: weight(weights, `rnn.${name}.kernel`), recurrentKernel: weight(weights, `rnn.${name}.recurrentKernel`), bias: weight(weights, `rnn.${name}.bias`) };
}

function inverseEigenvalues(config: CleanerConfig, weights: ReadonlyMap<string, Float64Array>, eigenvalues: Float64Array, n: number, t: number): Float64Array {
  const [s0, s1, s2, s3] = config.featureScale;
  const features = new Float64Array(n * 4);
  for (let k = 0; k < n; k++) {
    features[k * 4] = (k < eigenvalues.length ? eigenvalues[k] : 0) * s0;
    features[k * 4 + 1] = (n / t) * s1;
    features[k * 4 + 2] = Math.sqrt(n) * s2;
    features[k * 4 + 3] = Math.sqrt(t) * s3;
  }
  const dims = { batch: 1, steps: n, features: 4, units: config.units };
  const run = (name: 'forward' | 'backward', reverse: boolean): Float64Array =>
    config.cell === 'lstm' ? lstmForward(features, dims, direction(weights, name), reverse).output : gruForward(features, dims, direction(weights, name), reverse, config.resetAfter).output;
  const forward = run('forward', false);
  const backward = run('backward', true);
  const kernel = weight(weights, 'head.kernel');
  const bias = weight(weights, 'head.bias')[0];
  const h = config.units;
  const inverse = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let sum = bias;
    for (let j = 0; j < h; j++) sum += forward[k * h + j] * kernel[j] + backward[k * h + j] * kernel[h + j];
    inverse[k] = softplus(sum);
  }
  return inverse;
}

/** λ̃ from ι: null positions share their mean, then the whole spectrum sums to N. */
function cleanedSpectrum(inverse: Float64Array, rank: number): Float64Array {
  const n = inverse.length;
  const cleaned = new Float64Array(n);
  for (let k = 0; k < n; k++) cleaned[k] = 1 / inverse[k];
  if (rank < n) {
    let nullSum = 0;
    for (let k = rank; k < n; k++) nullSum += cleaned[k];
    cleaned.fill(nullSum / (n - rank), rank);
  }
  let total = 0;
  for (let k = 0; k < n; k++) total += cleaned[k];
  for (let k = 0; k < n; k++) cleaned[k] *= n / total;
  return cleaned;
}

function inverseVolatility(weights: ReadonlyMap<string, Float64Array>, sigma: Float64Array, hidden: number): Float64Array {
  const k1 = weight(weights, 'vol.kernel1');
  const b1 = weight(weights, 'vol.bias1');
  const k2 = weight(weights, 'vol.kernel2');
  const b2 = weight(weights, 'vol.bias2')[0];
  const out = new Float64Array(sigma.length);
  for (let i = 0; i < sigma.length; i++) {
    const logSigma = Math.log(sigma[i]);
    let g = b2;
    for (let j = 0; j < hidden; j++) g += Math.tanh(logSigma * k1[j] + b1[j]) * k2[j];
    out[i] = Math.exp(-logSigma + g);
  }
  return out;
}

/** Σ⁻¹y for the cleaned model: ψ∘(V·((Vᵀ(ψ∘y))/λ̃) + ((ψ∘y) − V·Vᵀ(ψ∘y))/λ̃₀). */
function cleanedInverseTimes(pass: Omit<CleanerPass, 'gmvWeights'>, y: Float64Array): Float64Array {
  const { n, rank, vectors, inverseVol, cleanedEigenvalues } = pass;
  const scaled = new Float64Array(n);
  for (let i = 0; i < n; i++) scaled[i] = inverseVol[i] * y[i];
  const projected = gemmTransA(vectors, scaled, n, rank, 1);
  const weighted = new Float64Array(rank);
  for (let k = 0; k < rank; k++) weighted[k] = projected[k] / cleanedEigenvalues[k];
  const inRange = gemm(vectors, weighted, n, rank, 1);
  const out = new Float64Array(n);
  if (rank < n) {
    const back = gemm(vectors, projected, n, rank, 1);
    const nullInverse = 1 / cleanedEigenvalues[rank];
    for (let i = 0; i < n; i++) out[i] = inverseVol[i] * (inRange[i] + (scaled[i] - back[i]) * nullInverse);
  } else {
    for (let i = 0; i < n; i++) out[i] = inverseVol[i] * inRange[i];
  }
  return out;
}

/**
 * The forward pass on one finite window whose every column varies (cleanCovariance validates).
 *
 * @param window - L × N row-major, L = config.lookback, row L − 1 the most recent day.
 * @param weights - every weight by name (cleanerWeightValues).
 * @throws when a weight is missing or the window is rank deficient.
 */
export function cleanerForward(config: CleanerConfig, weights: ReadonlyMap<string, Float64Array>, window: Float64Array, n: number): CleanerPass {
  const t = config.lookback;
  const lag = lagCoefficientsFromWeights(config, weights);
  const x = applyLagTransform(window, t, n, lag, config.returnScale);
  const sigma = new Float64Array(n);
  const z = new Float64Array(t * n);
  for (let j = 0; j < n; j++) {
    let mean = 0;
    for (let row = 0; row < t; row++) mean += x[row * n + j];
    mean /= t;
    let variance = 0;
    for (let row = 0; row < t; row++) variance += (x[row * n + j] - mean) ** 2;
    sigma[j] = Math.sqrt(variance / t);
    if (!(sigma[j] > 0)) throw new Error(`asset ${j} has zero variance after the lag transform`);
    const scale = 1 / (sigma[j] * Math.sqrt(t));
    for (let row = 0; row < t; row++) z[row * n + j] = (x[row * n + j] - mean) * scale;
  }
  const { values, vectors, rank } = correlationEigen(z, t, n);
  const sampleEigenvalues = new Float64Array(n);
  sampleEigenvalues.set(values);
  const cleanedEigenvalues = cleanedSpectrum(inverseEigenvalues(config, weights, sampleEigenvalues, n, t), rank);
  const inverseVol = inverseVolatility(weights, sigma, config.volHidden);
  const partial = { n, rank, lag, sigma, sampleEigenvalues, cleanedEigenvalues, vectors, inverseVol };
  const u = cleanedInverseTimes(partial, new Float64Array(n).fill(1));
  let total = 0;
  for (let i = 0; i < n; i++) total += u[i];
  const gmvWeights = u.map((value) => value / total);
  return { ...partial, gmvWeights };
}

/**
 * The training loss on one sample in float64: N·wᵀΣ_f·w, Σ_f = returnScale·(future sample
 * covariance, divisor h), i.e. N times the GMV portfolio's annualised realised variance.
 *
 * @param future - h × N row-major daily returns after the window.
 */
export function cleanerLossFloat64(config: CleanerConfig, weights: ReadonlyMap<string, Float64Array>, window: Float64Array, future: Float64Array, h: number, n: number): number {
  const { gmvWeights } = cleanerForward(config, weights, window, n);
  return n * realisedVariance(gmvWeights, future, h, n, config.returnScale);
}

/** scale·(1/h)·Σ_t (r_t·w − mean)², the realised variance of a portfolio over h days. */
export function realisedVariance(weights: Float64Array, future: Float64Array, h: number, n: number, scale: number): number {
  const portfolio = new Float64Array(h);
  let mean = 0;
  for (let row = 0; row < h; row++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += future[row * n + i] * weights[i];
    portfolio[row] = sum;
    mean += sum / h;
  }
  let variance = 0;
  for (let row = 0; row < h; row++) variance += (portfolio[row] - mean) ** 2;
  return (scale * variance) / h;
}
