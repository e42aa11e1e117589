/**
 * Fixed covariances in the layer's factor form Σ = F·Fᵀ + diag(d), d > 0 (METHODS.md §1), for
 * end-to-end training without a risk head: the optimiser sees the same Σ̂ the decoupled baseline
 * uses (Ledoit & Wolf 2004, J. Multivariate Anal. 88), estimated on the window ending at each
 * decision month.
 */

import { symmetricEigen } from '../linalg/symmetric-eigen';
import { ledoitWolf } from '../risk/estimators/ledoit-wolf';
import type { RiskModel } from '../risk/risk-model';
import type { MonthlyRisk } from './learning-panel';

/** One month's Σ as F (n × k) and d (n). */
export interface RiskFactors {
  readonly k: number;
  readonly factors: Float64Array;
  readonly idio: Float64Array;
}

/**
 * Σ of a risk model as F·Fᵀ + diag(d):
 * - factor model diag(d) + U·diag(s)·Uᵀ: F = U·diag(√s), d unchanged (k = rank; every d_i must be > 0);
 * - dense Σ: Σ = V·diag(λ)·Vᵀ (λ ascending) is split as c·I + V·diag(λ − c)·Vᵀ with c = λ₁/2, so
 *   F = V·diag(√(λ − c)), d = c (k = n; exact; needs Σ positive definite).
 *
 * @throws when a factor model has some d_i ≤ 0, or a dense Σ is not positive definite (λ₁ ≤ 1e-12·λ_max).
 */
export function riskModelFactors(model: RiskModel): RiskFactors {
  const { n } = model;
  if (model.kind === 'factor') {
    const k = model.rank;
    if (k === 0) throw new Error('riskModelFactors: the factor model has rank 0; the layer needs at least one factor');
    for (let i = 0; i < n; i++) {
      if (!(model.d[i] > 0)) throw new Error(`riskModelFactors: d[${i}] = ${model.d[i]}; the layer's idiosyncratic variances must be > 0`);
    }
    const factors = new Float64Array(n * k);
    for (let j = 0; j < k; j++) {
      const scale = Math.sqrt(model.s[j]);
      for (let i = 0; i < n; i++) factors[i * k + j] = model.u[i * k + j] * scale;
    }
    return { k, factors, idio: Float64Array.from(model.d) };
  }
  const { values, vectors } = symmetricEigen(model.sigma, n);
  // Below 1e-12·λ_max the smallest eigenvalue is round-off, not evidence of definiteness.
  if (!(values[0] > 1e-12 * values[n - 1])) {
    throw new Error(`riskModelFactors: Σ is not positive definite (eigenvalues ${values[0]} … ${values[n - 1]})`);
  }
  const floor = values[0] / 2;
  const factors = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const scale = Math.sqrt(values[j] - floor);
    for (let i = 0; i < n; i++) factors[i * n + j] = vectors[i * n + j] * scale;
  }
  return { k: n, factors, idio: new Float64Array(n).fill(floor) };
}

/**
 * Ledoit–Wolf Σ̂ for each decision row, from the `lookback` rows of `returns` ending at (and
 * including) that row — past only — in factor form, stacked as a {@link MonthlyRisk}.
 *
 * @param returns - T × n row-major, finite over every window used; not mutated.
 * @param rows - decision rows, each with lookback − 1 ≤ row < T.
 * @throws when a window falls outside the data, lookback < 2, or the months' factor counts differ.
 */
export function ledoitWolfRisk(returns: Float64Array, t: number, n: number, rows: readonly number[], lookback: number): MonthlyRisk {
  if (!Number.isInteger(lookback) || lookback < 2) throw new Error(`lookback = ${lookback}: Ledoit–Wolf needs an integer window ≥ 2`);
  if (returns.length !== t * n) throw new Error(`returns have length ${returns.length}, expected T × n = ${t} × ${n}`);
  if (rows.length === 0) throw new Error('ledoitWolfRisk: no decision rows');
  let k = 0;
  let factors = new Float64Array(0);
  const idio = new Float64Array(rows.length * n);
  rows.forEach((row, month) => {
    if (!Number.isInteger(row) || row < lookback - 1 || row >= t) {
      throw new Error(`ledoitWolfRisk: decision row ${row} needs rows ${row - lookback + 1}…${row}, outside the data's 0…${t - 1}`);
    }
    const window = returns.subarray((row - lookback + 1) * n, (row + 1) * n);
    const fitted = riskModelFactors(ledoitWolf(window, lookback, n).model);
    if (month === 0) {
      k = fitted.k;
      factors = new Float64Array(rows.length * n * k);
    } else if (fitted.k !== k) {
      throw new Error(`ledoitWolfRisk: month ${month} has ${fitted.k} factors, month 0 has ${k}`);
    }
    factors.set(fitted.factors, month * n * k);
    idio.set(fitted.idio, month * n);
  });
  return { k, factors, idio };
}
