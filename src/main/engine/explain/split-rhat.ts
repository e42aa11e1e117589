/**
 * Potential scale reduction R̂ (Gelman & Rubin 1992; split and rank-normalised as in Vehtari,
 * Gelman, Simpson, Carpenter & Bürkner 2021, "Rank-normalization, folding, and localization: an
 * improved R̂", Bayesian Analysis 16(2)), for one scalar quantity.
 *
 * Layout: draws of M chains × N draws row-major. Splitting keeps the first ⌊N/2⌋ and the last
 * ⌊N/2⌋ draws of each chain (the middle one is dropped when N is odd), giving 2M half-chains.
 */

import { normalQuantile } from './normal-quantile';

/** A chains × draws block of one scalar. */
export interface ScalarChains {
  readonly values: Float64Array;
  readonly chains: number;
  readonly draws: number;
}

/**
 * Checks a chains × draws block.
 *
 * @throws when the shape is wrong, a value is not finite, or there are fewer than `minDraws` draws.
 */
export function assertScalarChains(values: Float64Array, chains: number, draws: number, minDraws: number, who: string): void {
  if (!Number.isInteger(chains) || chains < 1) throw new Error(`${who}: chains = ${chains}, must be an integer ≥ 1`);
  if (!Number.isInteger(draws) || draws < minDraws) throw new Error(`${who}: draws = ${draws}, need an integer ≥ ${minDraws}`);
  if (values.length !== chains * draws) throw new Error(`${who}: values has length ${values.length}, expected chains × draws = ${chains} × ${draws}`);
  for (let q = 0; q < values.length; q++) {
    if (!Number.isFinite(values[q])) throw new Error(`${who}: values[${Math.floor(q / draws)}, ${q % draws}] is ${values[q]}: must be finite`);
  }
}

/** Splits each chain into its first and last ⌊N/2⌋ draws: 2M × ⌊N/2⌋. */
export function splitChains(values: Float64Array, chains: number, draws: number): ScalarChains {
  const half = Math.floor(draws / 2);
  const out = new Float64Array(2 * chains * half);
  for (let c = 0; c < chains; c++) {
    out.set(values.subarray(c * draws, c * draws + half), 2 * c * half);
    out.set(values.subarray((c + 1) * draws - half, (c + 1) * draws), (2 * c + 1) * half);
  }
  return { values: out, chains: 2 * chains, draws: half };
}

/**
 * Normal scores of the pooled ranks: z = Φ⁻¹((r − 3/8)/(S + 1/4)) with r the average rank (ties
 * share theirs) among all S values (Blom 1958; Vehtari et al. 2021 eq. 14). Same shape as the input.
 */
export function rankNormalScores(values: Float64Array): Float64Array {
  const size = values.length;
  const order = Array.from({ length: size }, (_, q) => q).sort((x, y) => values[x] - values[y]);
  const out = new Float64Array(size);
  let start = 0;
  while (start < size) {
    let end = start + 1;
    while (end < size && values[order[end]] === values[order[start]]) end++;
    const averageRank = (start + 1 + end) / 2;
    const score = normalQuantile((averageRank - 0.375) / (size + 0.25));
    for (let q = start; q < end; q++) out[order[q]] = score;
    start = end;
  }
  return out;
}

/**
 * R̂ = √(((N − 1)/N·W + B/N)/W) of the given chains as they are (no splitting): W the mean of the
 * chains' variances (ddof 1), B/N the variance (ddof 1) of the chain means (Gelman et al., BDA3 §11.4).
 * Returns NaN when W = 0 (every chain constant).
 */
export function rhatOfChains(values: Float64Array, chains: number, draws: number): number {
  const means = new Float64Array(chains);
  let within = 0;
  for (let c = 0; c < chains; c++) {
    let sum = 0;
    for (let d = 0; d < draws; d++) sum += values[c * draws + d];
    const mean = sum / draws;
    means[c] = mean;
    let squares = 0;
    for (let d = 0; d < draws; d++) squares += (values[c * draws + d] - mean) ** 2;
    within += squares / (draws - 1);
  }
  within /= chains;
  let grand = 0;
  for (let c = 0; c < chains; c++) grand += means[c];
  grand /= chains;
  let betweenOverN = 0;
  for (let c = 0; c < chains; c++) betweenOverN += (means[c] - grand) ** 2;
  betweenOverN /= chains - 1;
  if (!(within > 0)) return Number.NaN;
  return Math.sqrt(((draws - 1) / draws * within + betweenOverN) / within);
}

/**
 * Split-R̂ (Gelman et al., BDA3 §11.4): R̂ of the 2M half-chains.
 *
 * @param values - M × N row-major, finite, N ≥ 4.
 */
export function splitRhat(values: Float64Array, chains: number, draws: number): number {
  assertScalarChains(values, chains, draws, 4, 'splitRhat');
  const split = splitChains(values, chains, draws);
  return rhatOfChains(split.values, split.chains, split.draws);
}

/**
 * Rank-normalised split-R̂ (Vehtari et al. 2021 §4.2): the larger of the bulk R̂ (split-R̂ of the
 * rank normal scores) and the tail R̂ (the same on |θ − median θ|, "folding").
 *
 * @param values - M × N row-major, finite, N ≥ 4.
 * @returns { bulk, tail, rhat = max(bulk, tail) }.
 */
export function rankNormalisedSplitRhat(values: Float64Array, chains: number, draws: number): { bulk: number; tail: number; rhat: number } {
  assertScalarChains(values, chains, draws, 4, 'rankNormalisedSplitRhat');
  const split = splitChains(values, chains, draws);
  const bulk = rhatOfChains(rankNormalScores(split.values), split.chains, split.draws);
  const median = medianOf(values);
  const folded = splitChains(values.map((value) => Math.abs(value - median)), chains, draws);
  const tail = rhatOfChains(rankNormalScores(folded.values), folded.chains, folded.draws);
  return { bulk, tail, rhat: Math.max(bulk, tail) };
}

/** Median (mean of the two middle values for an even count). */
export function medianOf(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
}
