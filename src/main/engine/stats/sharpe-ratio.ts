/**
 * The annualised Sharpe ratio shared by every figure in this folder, with the backtest metrics'
 * convention: √A · mean / std, std with divisor T − 1 (no risk-free rate subtracted here).
 */

/**
 * √A · mean(values) / std(values), std with divisor T − 1.
 *
 * @param values - per-period (excess) returns, length T ≥ 2, not all equal (callers validate).
 * @param periodsPerYear - A > 0.
 */
export function annualisedSharpe(values: Float64Array, periodsPerYear: number): number {
  const n = values.length;
  let sum = 0;
  for (let t = 0; t < n; t++) sum += values[t];
  const mean = sum / n;
  let squares = 0;
  for (let t = 0; t < n; t++) squares += (values[t] - mean) ** 2;
  return (Math.sqrt(periodsPerYear) * mean) / Math.sqrt(squares / (n - 1));
}
