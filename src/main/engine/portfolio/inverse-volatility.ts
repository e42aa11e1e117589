/**
 * Inverse-volatility (w ∝ 1/σ_i) and inverse-variance (w ∝ 1/σ_i²) portfolios: the minimum-variance
 * portfolio when Σ is diagonal (inverse variance), and a correlation-blind risk-parity proxy
 * (inverse volatility equalises risk contributions when all correlations are equal).
 * Reads only Σ's diagonal: O(n·r) for a factor model.
 */

import { riskDiagonal } from '../risk/risk-ops';
import type { RiskModel } from '../risk/risk-model';
import { assertPositiveVariances, assertRiskModel } from './types';
import type { AllocationResult } from './types';

export interface InverseVolatilityOptions {
  /** `volatility` (default): w ∝ 1/σ_i; `variance`: w ∝ 1/σ_i². */
  scheme?: 'volatility' | 'variance';
}

/**
 * Long-only weights proportional to 1/σ_i (or 1/σ_i²), summing to 1.
 *
 * @throws when an asset's variance Σ_ii is not finite and strictly positive.
 */
export function inverseVolatility(risk: RiskModel, options: InverseVolatilityOptions = {}): AllocationResult {
  assertRiskModel(risk);
  const scheme = options.scheme ?? 'volatility';
  if (scheme !== 'volatility' && scheme !== 'variance') {
    throw new Error(`options.scheme must be 'volatility' or 'variance', got ${String(scheme)}`);
  }
  const variances = riskDiagonal(risk);
  assertPositiveVariances(variances, 'risk');
  const n = risk.n;
  const weights = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    weights[i] = scheme === 'volatility' ? 1 / Math.sqrt(variances[i]) : 1 / variances[i];
    total += weights[i];
  }
  for (let i = 0; i < n; i++) weights[i] /= total;
  return { weights, status: 'ok', details: { scheme } };
}
