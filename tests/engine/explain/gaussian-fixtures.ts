/**
 * Shared test setup: a 9-variable VAR(1) simulated from a known stationary Φ with innovation
 * scales spread over two orders of magnitude (as the Goyal–Welch macro state), fitted by OLS, and
 * its anchor-tilted prior; plus small dense helpers for closed-form Gaussian checks.
 */

import { createRandom } from '../../../src/main/engine/data/random';
import { fitVar1 } from '../../../src/main/engine/data/var1';
import { cholesky, choleskySolve } from '../../../src/main/engine/linalg/cholesky';
import { var1Prior } from '../../../src/main/engine/explain/var1-prior';
import type { Var1Prior } from '../../../src/main/engine/explain/var1-prior';

export const K = 9;

/** Simulates T months of m_{t+1} = c + Φm_t + ε with ρ(Φ) < 1 and fits the VAR(1). */
export function simulatedVar1(t = 600, seed = 7) {
  const random = createRandom(seed);
  const phi = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    phi[i * K + i] = 0.5 + 0.04 * i;
    if (i + 1 < K) phi[i * K + i + 1] = 0.1;
  }
  const scales = Float64Array.from({ length: K }, (_, i) => 10 ** (-1 + (2 * i) / (K - 1)));
  const intercept = Float64Array.from({ length: K }, (_, i) => 0.1 * scales[i] * (i % 3));
  const data = new Float64Array(t * K);
  const m = new Float64Array(K);
  for (let step = 0; step < t + 100; step++) {
    const common = random.normal();
    const next = new Float64Array(K);
    for (let i = 0; i < K; i++) {
      let sum = intercept[i];
      for (let j = 0; j < K; j++) sum += phi[i * K + j] * m[j];
      next[i] = sum + scales[i] * (0.8 * random.normal() + 0.4 * common);
    }
    m.set(next);
    if (step >= 100) data.set(m, (step - 100) * K);
  }
  return { fit: fitVar1(data, t, K), data };
}

/** The fitted VAR(1)'s prior tilted to the last simulated month. */
export function simulatedPrior(): Var1Prior {
  const { fit, data } = simulatedVar1();
  return var1Prior(fit, data.slice(data.length - K));
}

/** A⁻¹, n × n, by Cholesky (A SPD). */
export function inverseSpd(a: Float64Array, n: number): Float64Array {
  const result = cholesky(a, n);
  if (result.status !== 'ok') throw new Error('not SPD');
  const out = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const e = new Float64Array(n);
    e[j] = 1;
    const column = choleskySolve(result.factor, n, e);
    for (let i = 0; i < n; i++) out[i * n + j] = column[i];
  }
  return out;
}

export function matVec(a: Float64Array, x: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i] += a[i * n + j] * x[j];
  return out;
}
