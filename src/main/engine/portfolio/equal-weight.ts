/**
 * The 1/N portfolio, the benchmark every construction must beat out of sample
 * (DeMiguel, Garlappi, Uppal, "Optimal versus naive diversification", RFS 2009).
 */

import type { AllocationResult } from './types';

/** w_i = 1/n for n assets. @throws unless n is a positive integer. */
export function equalWeight(n: number): AllocationResult {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`n must be a positive integer, got ${n}`);
  return { weights: new Float64Array(n).fill(1 / n), status: 'ok' };
}
