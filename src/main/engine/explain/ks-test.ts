/**
 * One-sample Kolmogorov–Smirnov test of draws against a normal law N(μ, σ²) (Kolmogorov 1933;
 * Smirnov 1948). D = sup |F_n − Φ((x − μ)/σ)| = max_i max(i/n − F(x₍ᵢ₎), F(x₍ᵢ₎) − (i − 1)/n), and
 * the asymptotic p-value P(K > √n·D) from the Kolmogorov distribution (scipy's `kstwobign.sf`):
 *   Q(λ) = 2·Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²}                      for λ ≥ 1.18,
 *   Q(λ) = 1 − (√(2π)/λ)·Σ_{j≥1} e^{−(2j−1)²π²/(8λ²)}          for λ < 1.18,
 * the second (Jacobi theta) form converging fast where the first does not.
 * The test assumes independent draws: apply it to MCMC output thinned to about its ESS.
 */

import { normalCdf } from '../stats/normal-cdf';

/** Upper tail of the Kolmogorov distribution, P(K > λ). */
export function kolmogorovUpperTail(lambda: number): number {
  if (!(lambda >= 0)) throw new Error(`kolmogorovUpperTail: lambda = ${lambda}, must be ≥ 0`);
  if (lambda === 0) return 1;
  if (lambda < 1.18) {
    const factor = (Math.PI * Math.PI) / (8 * lambda * lambda);
    let sum = 0;
    for (let j = 1; j <= 50; j++) {
      const term = Math.exp(-(2 * j - 1) * (2 * j - 1) * factor);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum;
  }
  let sum = 0;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sum += j % 2 === 1 ? term : -term;
    if (term < 1e-17 * Math.abs(sum)) break;
  }
  return Math.max(0, Math.min(1, 2 * sum));
}

/**
 * KS test of `values` against N(mean, sd²).
 *
 * @param values - n ≥ 1 finite draws; not mutated.
 * @returns D and the asymptotic p-value.
 * @throws on empty or non-finite input, or sd ≤ 0.
 */
export function ksTestNormal(values: Float64Array, mean: number, sd: number): { statistic: number; pValue: number } {
  const n = values.length;
  if (n < 1) throw new Error('ksTestNormal: values is empty');
  if (!Number.isFinite(mean)) throw new Error(`ksTestNormal: mean = ${mean}, must be finite`);
  if (!(Number.isFinite(sd) && sd > 0)) throw new Error(`ksTestNormal: sd = ${sd}, must be finite and > 0`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`ksTestNormal: values[${i}] is ${values[i]}: must be finite`);
  }
  const sorted = Float64Array.from(values).sort();
  let statistic = 0;
  for (let i = 0; i < n; i++) {
    const cdf = normalCdf((sorted[i] - mean) / sd);
    statistic = Math.max(statistic, (i + 1) / n - cdf, cdf - i / n);
  }
  return { statistic, pValue: kolmogorovUpperTail(Math.sqrt(n) * statistic) };
}
