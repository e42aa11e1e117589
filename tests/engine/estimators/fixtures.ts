/**
 * Loads the reference cases written by tests/fixtures/estimators.py and holds small comparison
 * helpers shared by the estimator tests.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EstimatorName } from '../../../src/main/engine/risk/estimators';
import type { RiskModel } from '../../../src/main/engine/risk/risk-model';
import { riskToDense } from '../../../src/main/engine/risk/risk-ops';

export interface ReferenceEstimate {
  sigma: number[];
  params: Record<string, number>;
}

export interface EstimatorCase {
  name: string;
  source: string;
  t: number;
  n: number;
  halfLife: number;
  factors: number;
  returns: Float64Array;
  expected: Partial<Record<EstimatorName, ReferenceEstimate>>;
}

const JSON_DIR = fileURLToPath(new URL('../../fixtures/json/', import.meta.url));

export function loadCases(): EstimatorCase[] {
  return readdirSync(JSON_DIR)
    .filter((file) => file.startsWith('estimators-') && file.endsWith('.json'))
    .sort()
    .map((file) => {
      const raw = JSON.parse(readFileSync(JSON_DIR + file, 'utf8')) as Omit<EstimatorCase, 'returns'> & { returns: number[] };
      return { ...raw, returns: Float64Array.from(raw.returns) };
    });
}

/** max_ij |a_ij − b_ij| / max_ij |b_ij|. */
export function maxRelativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let k = 0; k < b.length; k++) {
    diff = Math.max(diff, Math.abs(a[k] - b[k]));
    scale = Math.max(scale, Math.abs(b[k]));
  }
  return diff / scale;
}

/** Fails with the difference and the tolerance in the message. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, label: string): void {
  if (actual.length !== expected.length) throw new Error(`${label}: length ${actual.length} vs ${expected.length}`);
  const difference = maxRelativeDifference(actual, expected);
  if (!(difference <= tolerance)) {
    throw new Error(`${label}: max relative difference ${difference.toExponential(3)} exceeds tolerance ${tolerance.toExponential(1)}`);
  }
}

export function dense(model: RiskModel): Float64Array {
  return riskToDense(model);
}

/** Columns of a T × N matrix reordered: output column i is input column perm[i]. */
export function permuteColumns(returns: Float64Array, t: number, n: number, perm: readonly number[]): Float64Array {
  const out = new Float64Array(t * n);
  for (let r = 0; r < t; r++) {
    for (let i = 0; i < n; i++) out[r * n + i] = returns[r * n + perm[i]];
  }
  return out;
}

/** Deterministic pseudo-random normals (xorshift + Box–Muller) for test inputs built in TS. */
export function normals(count: number, seed: number): Float64Array {
  let state = seed >>> 0 || 1;
  const uniform = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return (state + 0.5) / 4294967296;
  };
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    out[k] = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  }
  return out;
}
