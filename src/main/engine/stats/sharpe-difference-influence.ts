/**
 * Delta-method pieces of the Sharpe-ratio difference used by the Ledoit–Wolf bootstrap
 * (Ledoit & Wolf, "Robust performance hypothesis testing with the Sharpe ratio", J. Empirical
 * Finance 15(5), 2008, §3.1).
 *
 * Ledoit–Wolf write Δ = f(v) with v = (μ_a, μ_b, γ_a, γ_b), γᵢ = E[rᵢ²] and
 * f(v) = μ_a/√(γ_a − μ_a²) − μ_b/√(γ_b − μ_b²), so that s(Δ̂)² = ∇f(v̂)ᵀ Ψ̂ ∇f(v̂) / T with Ψ the
 * long-run covariance of yₜ = (r_at − μ_a, r_bt − μ_b, r_at² − γ_a, r_bt² − γ_b). Projecting first,
 * uₜ = ∇f(v̂)ᵀyₜ, turns the 4 × 4 long-run covariance into the long-run variance of one series, and
 * with zᵢₜ = (rᵢₜ − μᵢ)/σᵢ, σᵢ² = γᵢ − μᵢ² and SRᵢ = μᵢ/σᵢ the projection simplifies to the Sharpe
 * ratio's influence function uₜ = [z_at − ½SR_a(z_at² − 1)] − [z_bt − ½SR_b(z_bt² − 1)], which
 * avoids forming rₜ² − γ (a cancellation when the mean is large against the spread).
 *
 * Scaling: σ here has divisor T (the moments of v); multiplying f and u by
 * k = √A·√((T − 1)/T) reports Δ as the difference of annualised Sharpe ratios with divisor T − 1,
 * the convention of the backtest metrics and of {@link sharpeDifferenceTest}. The studentised
 * statistics do not depend on k.
 */

/**
 * Writes uₜ (scaled by k) into `influence` and returns k·(SR_a − SR_b); NaN when x or y is constant
 * (a bootstrap resample can be, even when the data are not).
 *
 * @param x - excess returns of a, length T.
 * @param y - excess returns of b, length T.
 * @param scale - k, see the module comment.
 * @param influence - output buffer of length T.
 */
export function sharpeDifferenceInfluence(x: Float64Array, y: Float64Array, scale: number, influence: Float64Array): number {
  const n = x.length;
  let sumX = 0;
  let sumY = 0;
  let constantX = true;
  let constantY = true;
  for (let t = 0; t < n; t++) {
    sumX += x[t];
    sumY += y[t];
    if (x[t] !== x[0]) constantX = false;
    if (y[t] !== y[0]) constantY = false;
  }
  if (constantX || constantY) return NaN;
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0;
  let syy = 0;
  for (let t = 0; t < n; t++) {
    sxx += (x[t] - meanX) ** 2;
    syy += (y[t] - meanY) ** 2;
  }
  const stdX = Math.sqrt(sxx / n);
  const stdY = Math.sqrt(syy / n);
  const srX = meanX / stdX;
  const srY = meanY / stdY;
  for (let t = 0; t < n; t++) {
    const zx = (x[t] - meanX) / stdX;
    const zy = (y[t] - meanY) / stdY;
    influence[t] = scale * (zx - 0.5 * srX * (zx * zx - 1) - (zy - 0.5 * srY * (zy * zy - 1)));
  }
  return scale * srX - scale * srY;
}

/**
 * Squared standard error of Δ̂ from the influence series by a Bartlett-kernel long-run variance with
 * lags below the block length b (Newey & West, Econometrica 55(3), 1987):
 * s² = [γ̂₀ + 2Σ_{j=1}^{b−1}(1 − j/b)γ̂ⱼ]/T, γ̂ⱼ = (1/T)Σ_{t≥j} uₜu_{t−j}. It and
 * {@link blockBatchVariance} on a block-bootstrap resample (Götze & Künsch, Ann. Statist. 24(5),
 * 1996) estimate the same quantity, Σ_{|j|<b}(1 − |j|/b)Γⱼ = Var(sum of b consecutive uₜ)/b, so the
 * original statistic and the resampled ones are studentised alike. Ledoit–Wolf use a prewhitened
 * quadratic-spectral kernel for the original instead.
 *
 * @param influence - uₜ, length T.
 * @param blockLength - b ≥ 1; b = 1 is the iid variance γ̂₀/T.
 */
export function bartlettVariance(influence: Float64Array, blockLength: number): number {
  const n = influence.length;
  let longRun = 0;
  for (let lag = 0; lag < blockLength && lag < n; lag++) {
    let autocovariance = 0;
    for (let t = lag; t < n; t++) autocovariance += influence[t] * influence[t - lag];
    autocovariance /= n;
    longRun += lag === 0 ? autocovariance : 2 * (1 - lag / blockLength) * autocovariance;
  }
  return Math.max(longRun, 0) / n;
}

/**
 * Squared standard error of a resampled Δ* from its own influence series, cut into the resample's
 * blocks of length b (the last one shorter when b does not divide T): s*² = Σⱼ Sⱼ² / T², Sⱼ the sum
 * of uₜ over block j. With T = l·b this is Ledoit–Wolf's Ψ* = (1/l)Σⱼ ζⱼζⱼᵀ, ζⱼ = b^{−½}Σ_{t∈j} yₜ,
 * projected on ∇f(v*) and divided by T (their §3.2).
 */
export function blockBatchVariance(influence: Float64Array, blockLength: number): number {
  const n = influence.length;
  let total = 0;
  for (let start = 0; start < n; start += blockLength) {
    let blockSum = 0;
    const end = Math.min(start + blockLength, n);
    for (let t = start; t < end; t++) blockSum += influence[t];
    total += blockSum * blockSum;
  }
  return total / (n * n);
}
