/**
 * The risk model every estimator returns and every optimiser consumes.
 *
 * Two shapes:
 * - `factor`: Σ = diag(d) + U·diag(s)·Uᵀ with U an n × r row-major matrix (r ≤ min(n, T)).
 *   This is the shape large universes use; solves go through Woodbury in O(n·r²).
 * - `dense`: Σ as an n × n row-major matrix, for small n or when a reference needs it.
 *
 * Units are whatever the returns were in (e.g. monthly simple returns → monthly variance).
 * Models are immutable values: constructors copy nothing but validate everything.
 */

export interface FactorRiskModel {
  readonly kind: 'factor';
  /** Number of assets. */
  readonly n: number;
  /** Rank r of the low-rank part (may be 0). */
  readonly rank: number;
  /** Idiosyncratic (diagonal) variances, length n, each ≥ 0. */
  readonly d: Float64Array;
  /** Loadings, n × r row-major. */
  readonly u: Float64Array;
  /** Factor variances, length r, each ≥ 0. */
  readonly s: Float64Array;
}

export interface DenseRiskModel {
  readonly kind: 'dense';
  readonly n: number;
  /** Covariance, n × n row-major, symmetric. */
  readonly sigma: Float64Array;
}

export type RiskModel = FactorRiskModel | DenseRiskModel;

function assertFinite(values: Float64Array, name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new Error(`${name}[${i}] is ${values[i]}: risk model inputs must be finite`);
    }
  }
}

/** Builds Σ = diag(d) + U·diag(s)·Uᵀ after checking shapes, finiteness and signs. */
export function factorRiskModel(d: Float64Array, u: Float64Array, s: Float64Array): FactorRiskModel {
  const n = d.length;
  const rank = s.length;
  if (n === 0) throw new Error('d is empty: a risk model needs at least one asset');
  if (u.length !== n * rank) {
    throw new Error(`u has length ${u.length}, expected n × r = ${n} × ${rank} = ${n * rank}`);
  }
  assertFinite(d, 'd');
  assertFinite(u, 'u');
  assertFinite(s, 's');
  for (let i = 0; i < n; i++) if (d[i] < 0) throw new Error(`d[${i}] = ${d[i]} is negative`);
  for (let j = 0; j < rank; j++) if (s[j] < 0) throw new Error(`s[${j}] = ${s[j]} is negative`);
  return { kind: 'factor', n, rank, d, u, s };
}

/** Wraps a dense covariance after checking shape, finiteness and symmetry (relative 1e-10). */
export function denseRiskModel(sigma: Float64Array, n: number): DenseRiskModel {
  if (n <= 0) throw new Error('n must be positive');
  if (sigma.length !== n * n) throw new Error(`sigma has length ${sigma.length}, expected ${n} × ${n}`);
  assertFinite(sigma, 'sigma');
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(sigma[i * n + i]));
  const tol = 1e-10 * Math.max(scale, Number.MIN_VALUE);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(sigma[i * n + j] - sigma[j * n + i]) > tol) {
        throw new Error(`sigma is not symmetric at (${i}, ${j}): ${sigma[i * n + j]} vs ${sigma[j * n + i]}`);
      }
    }
  }
  return { kind: 'dense', n, sigma };
}
