/** A seeded sensitivity matrix S (n × d) and a well-conditioned covariance Σ = AAᵀ/n + ½I. */
import { createRandom } from '../../../src/main/engine/data/random';

export function randomCase(seed: number, n: number, d: number): { s: Float64Array; sigma: Float64Array } {
  const random = createRandom(seed);
  const s = new Float64Array(n * d);
  for (let k = 0; k < s.length; k++) s[k] = random.normal();
  const a = new Float64Array(n * n);
  for (let k = 0; k < a.length; k++) a[k] = random.normal();
  const sigma = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let total = i === j ? 0.5 : 0;
      for (let k = 0; k < n; k++) total += (a[i * n + k] * a[j * n + k]) / n;
      sigma[i * n + j] = total;
    }
  }
  return { s, sigma };
}
