/**
 * Annualised Sharpe ratio of a monthly net return series and its gradient (METHODS §1 losses):
 * J = √12 · mean(r)/std(r), std with ddof = 1.
 *
 * Gradient: with m = mean, v = Σ(r_t − m)²/(T − 1), s = √v,
 *   ∂J/∂r_t = √12 · [1/(T·s) − m·(r_t − m)/((T − 1)·s³)].
 */

const SQRT_12 = Math.sqrt(12);

/** Mean, sample standard deviation (ddof 1) and annualised Sharpe of r. */
export function annualisedSharpe(returns: ArrayLike<number>): { mean: number; std: number; sharpe: number } {
  const t = returns.length;
  if (t < 2) throw new Error(`annualisedSharpe: ${t} returns, need at least 2`);
  let mean = 0;
  for (let q = 0; q < t; q++) mean += returns[q];
  mean /= t;
  let variance = 0;
  for (let q = 0; q < t; q++) variance += (returns[q] - mean) ** 2;
  const std = Math.sqrt(variance / (t - 1));
  if (!(std > 0)) throw new Error('annualisedSharpe: the returns are constant, so the Sharpe ratio is undefined');
  return { mean, std, sharpe: (SQRT_12 * mean) / std };
}

/** ∂J/∂r_t for J = annualisedSharpe(r).sharpe, length T. */
export function annualisedSharpeGradient(returns: ArrayLike<number>): Float64Array {
  const t = returns.length;
  const { mean, std } = annualisedSharpe(returns);
  const gradient = new Float64Array(t);
  const cube = std * std * std;
  for (let q = 0; q < t; q++) gradient[q] = SQRT_12 * (1 / (t * std) - (mean * (returns[q] - mean)) / ((t - 1) * cube));
  return gradient;
}
