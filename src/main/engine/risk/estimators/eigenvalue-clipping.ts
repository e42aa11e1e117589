/**
 * Eigenvalue clipping: Laloux, Cizeau, Bouchaud & Potters (1999), "Noise dressing of financial
 * correlation matrices", Phys. Rev. Lett. 83; Bouchaud & Potters (2009) "Financial applications
 * of random matrix theory: a short review".
 *
 * On the sample correlation matrix E (q = N/T, eigenvalues λ, N − min(N, T − 1) of them null after
 * demeaning): every eigenvalue below the Marchenko–Pastur upper edge λ₊ = (1 + √q)² is replaced by
 * the mean of those eigenvalues (null ones included), which keeps the trace; eigenvalues ≥ λ₊ and
 * all eigenvectors are kept. The cleaned matrix is renormalised to unit diagonal and rescaled by
 * the sample standard deviations (divisor T − 1).
 *
 * Representation: with r eigenvalues above the edge, Σ̂ = D^(1/2)·(ν·I + U_r·diag(λ − ν)·U_rᵀ)·D^(1/2)
 * (up to the renormalisation) is an exact factor model of rank r, returned as such whenever r < N
 * (always when T < N); dense only if nothing is clipped.
 */

import { correlationRiskModel, correlationSpectrum } from './correlation-spectrum';
import { topEigenvectors } from './spectrum';
import type { EstimatorResult } from './types';
import { assertReturns } from './validate-returns';

/**
 * @param returns - T × N row-major, finite, no zero-variance column; not mutated.
 * @returns the model and `params.edge` (λ₊), `params.q` (N/T), `params.rank` (eigenvalues kept),
 *   `params.clippedValue` (ν, the common value of the clipped eigenvalues).
 * @throws naming the column when a column has zero variance.
 */
export function eigenvalueClipping(returns: Float64Array, t: number, n: number): EstimatorResult {
  assertReturns(returns, t, n, 'clip');
  const { spectrum, std } = correlationSpectrum(returns, t, n, 'clip');
  const { m, values } = spectrum;
  const q = n / t;
  const edge = (1 + Math.sqrt(q)) ** 2;
  let rank = 0;
  let belowSum = 0;
  for (let k = 0; k < m; k++) {
    if (values[k] >= edge) rank++;
    else belowSum += values[k];
  }
  const belowCount = n - rank;
  const clippedValue = belowCount > 0 ? belowSum / belowCount : 0;
  const kept = values.slice(m - rank);
  const model = correlationRiskModel(topEigenvectors(spectrum, rank), n, kept, clippedValue, rank < n, std);
  return { model, params: { edge, q, rank, clippedValue } };
}
