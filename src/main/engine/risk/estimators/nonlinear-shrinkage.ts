/**
 * Analytical nonlinear shrinkage (NLS): Ledoit & Wolf (2020), "Analytical nonlinear shrinkage of
 * large-dimensional covariance matrices", Annals of Statistics 48(5), following the authors'
 * analytical_shrinkage.m and METHODS.md §2.
 *
 * Convention: columns demeaned, n = T − 1, S = YᵀY/n, c = N/n, m = min(N, n) non-null sample
 * eigenvalues λ, global bandwidth h = n^(−1/3), local bandwidths hλ_j, x_ij = (λ_i − λ_j)/(hλ_j),
 * Epanechnikov density f̃ and its Hilbert transform Hf̃ (at |x| = √5 only the first term);
 *   N ≤ n: d_i = λ_i / [(πcλ_if̃_i)² + (1 − c − πcλ_iHf̃_i)²];
 *   N > n: d₀ = 1/(π(N − n)/n·Hf̃₀) on the null space, d_i = λ_i/(π²λ_i²(f̃_i² + Hf̃_i²)).
 * Requires n ≥ 12 (so that √5·h < 1 inside the log of Hf̃₀; the authors' code enforces it too).
 * Unlike QIS the trace is not rescaled.
 *
 * Representation: N ≤ T → dense (published formula exactly). T < N → factor model
 * d₀·I + U·diag(d − d₀)·Uᵀ, non-null d_i below d₀ raised to d₀ (`params.clamped`).
 */

import { demeanColumns } from './demean';
import { floorAtNull, spectralRiskModel } from './spectral-model';
import { assertPositiveSpectrum, gramSpectrum } from './spectrum';
import type { EstimatorResult } from './types';
import { assertReturns } from './validate-returns';

const SQRT5 = Math.sqrt(5);
/** Beyond |x| = 2√5 the Hilbert kernel is summed as a series (see {@link hilbertKernel}). */
const SERIES_FROM = 2 * SQRT5;

/**
 * −(3/(10π))x + (3/(4√5π))(1 − x²/5)·log|(√5 − x)/(√5 + x)|, the Hilbert transform of the
 * Epanechnikov kernel (at |x| = √5 only the first term, as the paper).
 *
 * For large |x| the two terms are O(x) and cancel to O(1/x), so the literal formula loses about
 * 2·log10|x| digits (1e-6 relative error in Σ̂ on ordinary monthly data). With u = √5/x the same
 * function is −(3/(√5π))·Σ_{j≥0} u^(2j+1)/((2j + 1)(2j + 3)) (expand log|(1 − u)/(1 + u)| =
 * −2·atanh u), summed here for |x| ≥ 2√5, where |u| ≤ 1/2 and the terms fall by 4× each.
 */
function hilbertKernel(x: number, kernel: number): number {
  if (Math.abs(x) < SERIES_FROM) {
    const linear = (-3 / (10 * Math.PI)) * x;
    if (Math.abs(x) === SQRT5) return linear;
    return linear + (3 / (4 * SQRT5 * Math.PI)) * kernel * Math.log(Math.abs((SQRT5 - x) / (SQRT5 + x)));
  }
  const u = SQRT5 / x;
  const u2 = u * u;
  let power = u;
  let sum = 0;
  for (let j = 0; j < 40; j++) {
    const term = power / ((2 * j + 1) * (2 * j + 3));
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
    power *= u2;
  }
  return (-3 / (SQRT5 * Math.PI)) * sum;
}

/**
 * @param returns - T × N row-major, finite, T − 1 ≥ 12; not mutated.
 * @returns the model and `params.bandwidth` (h), `params.concentration` (c), `params.clamped`.
 * @throws when T − 1 < 12, or the returns are rank deficient.
 */
export function nonlinearShrinkage(returns: Float64Array, t: number, n: number): EstimatorResult {
  assertReturns(returns, t, n, 'nls');
  const divisor = t - 1;
  if (divisor < 12) {
    throw new Error(`nls: T − 1 = ${divisor}, but analytical nonlinear shrinkage needs at least 12 (T ≥ 13) observations`);
  }
  const y = demeanColumns(returns, t, n);
  const c = n / divisor;
  const spectrum = gramSpectrum(y, t, n, divisor);
  assertPositiveSpectrum(spectrum, 'nls');
  const { m, values: lambda } = spectrum;
  const h = Math.pow(divisor, -1 / 3);
  const density = new Float64Array(m);
  const hilbert = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sumDensity = 0;
    let sumHilbert = 0;
    for (let j = 0; j < m; j++) {
      const local = h * lambda[j];
      const x = (lambda[i] - lambda[j]) / local;
      const kernel = 1 - (x * x) / 5;
      sumDensity += Math.max(kernel, 0) / local;
      sumHilbert += hilbertKernel(x, kernel) / local;
    }
    density[i] = ((3 / (4 * SQRT5)) * sumDensity) / m;
    hilbert[i] = sumHilbert / m;
  }
  let shrunk: Float64Array = new Float64Array(m);
  let nullValue = 0;
  let clamped = 0;
  if (n <= divisor) {
    for (let i = 0; i < m; i++) {
      const a = Math.PI * c * lambda[i] * density[i];
      const b = 1 - c - Math.PI * c * lambda[i] * hilbert[i];
      shrunk[i] = lambda[i] / (a * a + b * b);
    }
  } else {
    let meanInverse = 0;
    for (let i = 0; i < m; i++) meanInverse += 1 / lambda[i];
    meanInverse /= m;
    const hilbertNull =
      (1 / Math.PI) *
      (3 / (10 * h * h) + (3 / (4 * SQRT5 * h)) * (1 - 1 / (5 * h * h)) * Math.log((1 + SQRT5 * h) / (1 - SQRT5 * h))) *
      meanInverse;
    nullValue = 1 / ((Math.PI * (n - divisor)) / divisor * hilbertNull);
    for (let i = 0; i < m; i++) {
      shrunk[i] = lambda[i] / (Math.PI * Math.PI * lambda[i] * lambda[i] * (density[i] * density[i] + hilbert[i] * hilbert[i]));
    }
    if (t < n) ({ values: shrunk, clamped } = floorAtNull(shrunk, nullValue));
  }
  const model = spectralRiskModel(spectrum.vectors, n, shrunk, nullValue, t < n);
  return { model, params: { bandwidth: h, concentration: c, clamped } };
}
