/**
 * Effective sample size of MCMC draws of one scalar (Geyer 1992, "Practical Markov chain Monte
 * Carlo", Stat. Sci. 7(4), §3.3; multi-chain form of Vehtari et al. 2021, Bayesian Analysis 16(2),
 * §3.2 and eqs. 10–13, as in Stan and ArviZ):
 * - autocovariances γ̂_c(t) = (1/N)·Σ_{i<N−t} (θ_i − θ̄_c)(θ_{i+t} − θ̄_c) per chain (biased, /N; by FFT,
 *   autocovariance.ts);
 * - W = mean_c γ̂_c(0)·N/(N − 1), var⁺ = (N − 1)/N·W + var_c(θ̄_c) (ddof 1; omitted for one chain);
 * - ρ̂_t = 1 − (W − mean_c γ̂_c(t))/var⁺;
 * - Geyer's initial positive sequence: sum pairs P_j = ρ̂_{2j} + ρ̂_{2j+1} while positive, then the
 *   initial monotone sequence (each pair capped by the previous one);
 * - τ̂ = −1 + 2·Σ_{t ≤ t_max} ρ̂_t + ρ̂_{t_max+1} (the last even term when still positive),
 *   floored at 1/log₁₀(MN); ESS = MN/τ̂.
 * Bulk ESS applies this to the rank normal scores of the split chains; "mean" ESS (for the Monte
 * Carlo standard error of a mean) to the split chains as they are.
 */

import { autocovariance } from './autocovariance';
import { assertScalarChains, rankNormalScores, splitChains } from './split-rhat';

/**
 * ESS of M chains × N draws as given (no splitting, no ranks). NaN when every chain is constant.
 *
 * @param values - M × N row-major, finite, N ≥ 4.
 */
export function essOfChains(values: Float64Array, chains: number, draws: number): number {
  assertScalarChains(values, chains, draws, 4, 'essOfChains');
  const n = draws;
  const centred = new Float64Array(values.length);
  const means = new Float64Array(chains);
  for (let c = 0; c < chains; c++) {
    let sum = 0;
    for (let d = 0; d < n; d++) sum += values[c * n + d];
    means[c] = sum / n;
    for (let d = 0; d < n; d++) centred[c * n + d] = values[c * n + d] - means[c];
  }
  const meanAutocovarianceByLag = new Float64Array(n);
  for (let c = 0; c < chains; c++) {
    const gamma = autocovariance(centred.subarray(c * n, (c + 1) * n));
    for (let t = 0; t < n; t++) meanAutocovarianceByLag[t] += gamma[t] / chains;
  }
  const meanAutocovariance = (lag: number): number => meanAutocovarianceByLag[lag];
  const meanVariance = (meanAutocovariance(0) * n) / (n - 1);
  let varPlus = (meanVariance * (n - 1)) / n;
  if (chains > 1) {
    let grand = 0;
    for (let c = 0; c < chains; c++) grand += means[c];
    grand /= chains;
    let spread = 0;
    for (let c = 0; c < chains; c++) spread += (means[c] - grand) ** 2;
    varPlus += spread / (chains - 1);
  }
  if (!(varPlus > 0)) return Number.NaN;
  const rho = (lag: number): number => 1 - (meanVariance - meanAutocovariance(lag)) / varPlus;

  const rhoHat = new Float64Array(n);
  rhoHat[0] = 1;
  let rhoEven = 1;
  let rhoOdd = rho(1);
  rhoHat[1] = rhoOdd;
  let t = 1;
  while (t < n - 3 && rhoEven + rhoOdd > 0) {
    rhoEven = rho(t + 1);
    rhoOdd = rho(t + 2);
    if (rhoEven + rhoOdd >= 0) {
      rhoHat[t + 1] = rhoEven;
      rhoHat[t + 2] = rhoOdd;
    }
    t += 2;
  }
  const maxT = t - 2;
  if (rhoEven > 0) rhoHat[maxT + 1] = rhoEven;
  for (let s = 1; s <= maxT - 2; s += 2) {
    if (rhoHat[s + 1] + rhoHat[s + 2] > rhoHat[s - 1] + rhoHat[s]) {
      rhoHat[s + 1] = (rhoHat[s - 1] + rhoHat[s]) / 2;
      rhoHat[s + 2] = rhoHat[s + 1];
    }
  }
  const total = chains * n;
  let sum = 0;
  for (let s = 0; s <= maxT; s++) sum += rhoHat[s];
  const tauHat = Math.max(-1 + 2 * sum + (maxT + 1 < n ? rhoHat[maxT + 1] : 0), 1 / Math.log10(total));
  return total / tauHat;
}

/**
 * Bulk ESS (Vehtari et al. 2021 §4.3): ESS of the rank normal scores of the split chains.
 *
 * @param values - M × N row-major, finite, N ≥ 8.
 */
export function bulkEss(values: Float64Array, chains: number, draws: number): number {
  assertScalarChains(values, chains, draws, 8, 'bulkEss');
  const split = splitChains(values, chains, draws);
  return essOfChains(rankNormalScores(split.values), split.chains, split.draws);
}

/**
 * ESS for the mean: ESS of the split chains without ranks; the Monte Carlo standard error of the
 * sample mean is sd/√ESS.
 *
 * @param values - M × N row-major, finite, N ≥ 8.
 */
export function meanEss(values: Float64Array, chains: number, draws: number): number {
  assertScalarChains(values, chains, draws, 8, 'meanEss');
  const split = splitChains(values, chains, draws);
  return essOfChains(split.values, split.chains, split.draws);
}
