/**
 * Jobson–Korkie test of equal Sharpe ratios with Memmel's correction.
 *
 * Jobson & Korkie, "Performance hypothesis testing with the Sharpe and Treynor measures",
 * J. Finance 36(4), 1981; Memmel, "Performance hypothesis testing with the Sharpe ratio",
 * Finance Letters 1, 2003. For two return series over the same T periods with per-period means μᵢ,
 * standard deviations σᵢ and covariance σ_ab,
 *
 *   z = (σ_b μ_a − σ_a μ_b) / √θ,
 *   θ = (1/T)[2σ_a²σ_b² − 2σ_aσ_bσ_ab + ½μ_a²σ_b² + ½μ_b²σ_a² − (μ_aμ_b/(σ_aσ_b))σ_ab²],
 *
 * which, divided through by σ_a²σ_b² with SRᵢ = μᵢ/σᵢ and ρ = σ_ab/(σ_aσ_b), is
 * z = (SR_a − SR_b)/√V, V = (1/T)[2 − 2ρ + ½(SR_a² + SR_b²) − SR_a·SR_b·ρ²], the delta-method
 * variance of the difference of sample Sharpe ratios for iid bivariate normal returns. Memmel's
 * correction is the last term (Jobson–Korkie had −½SR_aSR_b(1 + ρ²)). z is N(0, 1) under
 * H₀: SR_a = SR_b; the p-value is two-sided.
 *
 * Conventions: sample means, standard deviations and covariance with divisor T − 1 (as the
 * backtest's Sharpe). The test uses per-period Sharpe ratios; the reported Sharpe ratios and their
 * difference are annualised by √A. The statistic assumes iid normal returns; with serial
 * dependence or fat tails prefer {@link sharpeDifferenceBootstrap}.
 */

import { twoSidedNormalPValue } from './normal-cdf';
import { annualisedSharpe } from './sharpe-ratio';
import { prepareSharpePair } from './validate-returns';
import type { SharpeOptions } from './validate-returns';

/** Result of {@link sharpeDifferenceTest}. */
export interface SharpeDifferenceTest {
  /** Annualised Sharpe ratio of a: √A · mean/std (std divisor T − 1). */
  readonly sharpeA: number;
  /** Annualised Sharpe ratio of b. */
  readonly sharpeB: number;
  /** sharpeA − sharpeB (annualised). */
  readonly difference: number;
  /** Memmel's z; positive when a has the higher Sharpe ratio. */
  readonly statistic: number;
  /** Two-sided p-value 2·(1 − Φ(|z|)). */
  readonly pValue: number;
  readonly method: 'jobson-korkie-memmel';
  /** Number of periods T. */
  readonly n: number;
}

/**
 * Jobson–Korkie–Memmel test of H₀: equal Sharpe ratios of a and b.
 *
 * @param a - per-period returns of strategy a, length T ≥ 12, finite.
 * @param b - per-period returns of strategy b over the same T periods.
 * @param options - periodsPerYear A (annualisation only; z does not depend on it) and an optional
 *   per-period risk-free series subtracted from both.
 * @throws when a series is shorter than 12, of different length, has a non-finite value (the error
 *   names the index) or zero variance; or when periodsPerYear is not finite and positive.
 * When a and b give exactly the same Sharpe ratio (e.g. identical series) z = 0 and p = 1.
 */
export function sharpeDifferenceTest(a: Float64Array, b: Float64Array, options: SharpeOptions): SharpeDifferenceTest {
  const pair = prepareSharpePair(a, b, options);
  const x = pair.a;
  const y = pair.b;
  const n = x.length;
  let sumX = 0;
  let sumY = 0;
  for (let t = 0; t < n; t++) {
    sumX += x[t];
    sumY += y[t];
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let t = 0; t < n; t++) {
    const dx = x[t] - meanX;
    const dy = y[t] - meanY;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const stdX = Math.sqrt(sxx / (n - 1));
  const stdY = Math.sqrt(syy / (n - 1));
  const rho = sxy / Math.sqrt(sxx * syy);
  const srA = meanX / stdX;
  const srB = meanY / stdY;
  const perPeriodDifference = srA - srB;
  const variance = (2 - 2 * rho + 0.5 * (srA * srA + srB * srB) - srA * srB * rho * rho) / n;

  let statistic: number;
  if (perPeriodDifference === 0) statistic = 0;
  else if (variance > 0) statistic = perPeriodDifference / Math.sqrt(variance);
  else {
    throw new Error(
      `the Jobson–Korkie–Memmel variance is ${variance} for a Sharpe difference of ${perPeriodDifference} per period: ` +
        'the two series are (numerically) perfectly correlated with equal Sharpe ratios, so the test is undefined',
    );
  }
  const sharpeA = annualisedSharpe(x, options.periodsPerYear);
  const sharpeB = annualisedSharpe(y, options.periodsPerYear);
  return {
    sharpeA,
    sharpeB,
    difference: sharpeA - sharpeB,
    statistic,
    pValue: twoSidedNormalPValue(statistic),
    method: 'jobson-korkie-memmel',
    n,
  };
}
