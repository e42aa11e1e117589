/**
 * Quadratic-inverse shrinkage (QIS): Ledoit & Wolf (2022), "Quadratic shrinkage for large
 * covariance matrices", Bernoulli 28(3), following the authors' QIS.m and METHODS.md §2.
 *
 * Convention: columns demeaned, n = T − 1, S = YᵀY/n, c = N/n, m = min(N, n) non-null sample
 * eigenvalues λ (ascending), ι = 1/λ, bandwidth h = min(c², 1/c²)^0.35 / N^0.35,
 *   θ_i  = mean_j[ι_j(ι_j − ι_i) / ((ι_j − ι_i)² + h²ι_j²)],
 *   Hθ_i = mean_j[ι_j·hι_j / ((ι_j − ι_i)² + h²ι_j²)],   A_i = θ_i² + Hθ_i²;
 *   N ≤ n: δ_i = 1/[(1 − c)²ι_i + 2c(1 − c)ι_iθ_i + c²ι_iA_i];
 *   N > n: null eigenvalues δ₀ = 1/((c − 1)·mean(ι)), others δ_i = 1/(ι_iA_i);
 * then δ ← δ·tr(S)/Σδ (trace kept) and Σ̂ = U·diag(δ)·Uᵀ.
 *
 * Representation: N ≤ T → dense (the published formula exactly). T < N → factor model
 * δ₀·I + U·diag(δ − δ₀)·Uᵀ of rank T − 1 via the dual spectrum; there non-null δ_i below δ₀ are
 * raised to δ₀ before the trace rescaling (`params.clamped` counts them), because a factor model
 * cannot carry negative factor variances.
 */

import { demeanColumns } from './demean';
import { floorAtNull, spectralRiskModel } from './spectral-model';
import { assertPositiveSpectrum, gramSpectrum } from './spectrum';
import type { EstimatorResult } from './types';
import { assertReturns } from './validate-returns';

/**
 * @param returns - T × N row-major, finite; not mutated.
 * @returns the model and `params.bandwidth` (h), `params.concentration` (c = N/(T − 1)),
 *   `params.clamped` (eigenvalues floored at δ₀, T < N only).
 * @throws when the returns are rank deficient (collinear assets): QIS inverts every non-null eigenvalue.
 */
export function qis(returns: Float64Array, t: number, n: number): EstimatorResult {
  assertReturns(returns, t, n, 'qis');
  const y = demeanColumns(returns, t, n);
  const divisor = t - 1;
  const c = n / divisor;
  const spectrum = gramSpectrum(y, t, n, divisor);
  assertPositiveSpectrum(spectrum, 'qis');
  const { m, values } = spectrum;
  const h = Math.pow(Math.min(c * c, 1 / (c * c)), 0.35) / Math.pow(n, 0.35);
  const inv = new Float64Array(m);
  for (let i = 0; i < m; i++) inv[i] = 1 / values[i];
  const theta = new Float64Array(m);
  const hilbert = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sumTheta = 0;
    let sumHilbert = 0;
    for (let j = 0; j < m; j++) {
      const diff = inv[j] - inv[i];
      const denominator = diff * diff + h * h * inv[j] * inv[j];
      sumTheta += (inv[j] * diff) / denominator;
      sumHilbert += (inv[j] * h * inv[j]) / denominator;
    }
    theta[i] = sumTheta / m;
    hilbert[i] = sumHilbert / m;
  }
  let delta: Float64Array = new Float64Array(m);
  let nullValue = 0;
  let clamped = 0;
  if (n <= divisor) {
    for (let i = 0; i < m; i++) {
      const a = theta[i] * theta[i] + hilbert[i] * hilbert[i];
      delta[i] = 1 / ((1 - c) ** 2 * inv[i] + 2 * c * (1 - c) * inv[i] * theta[i] + c * c * inv[i] * a);
    }
  } else {
    let meanInv = 0;
    for (let i = 0; i < m; i++) meanInv += inv[i];
    meanInv /= m;
    nullValue = 1 / ((c - 1) * meanInv);
    for (let i = 0; i < m; i++) delta[i] = 1 / (inv[i] * (theta[i] * theta[i] + hilbert[i] * hilbert[i]));
    if (t < n) ({ values: delta, clamped } = floorAtNull(delta, nullValue));
  }
  let trace = 0;
  for (let k = 0; k < y.length; k++) trace += y[k] * y[k];
  trace /= divisor;
  let total = (n - m) * nullValue;
  for (let i = 0; i < m; i++) total += delta[i];
  const scale = trace / total;
  for (let i = 0; i < m; i++) delta[i] *= scale;
  const model = spectralRiskModel(spectrum.vectors, n, delta, nullValue * scale, t < n);
  return { model, params: { bandwidth: h, concentration: c, clamped } };
}
