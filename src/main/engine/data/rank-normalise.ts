/**
 * Cross-sectional rank normalisation to [−1, 1], the standard treatment of firm characteristics
 * (Gu, Kelly & Xiu 2020, "Empirical asset pricing via machine learning", RFS 33(5); Kelly, Pruitt
 * & Su 2019): within one date, the smallest value maps to −1, the largest to +1, linearly in rank.
 */

/**
 * Rank-normalises each row of an m × n matrix: over a row's non-missing entries (count c), the
 * entry with (average, for ties) rank ρ ∈ [1, c] becomes 2(ρ − 1)/(c − 1) − 1; a lone entry becomes 0;
 * `NaN` stays `NaN`. Ties share their average rank, so the result does not depend on asset order.
 *
 * @param values - m × n row-major; `NaN` = missing; ±Infinity is rejected; not mutated.
 * @returns m × n row-major in [−1, 1].
 */
export function rankNormalise(values: Float64Array, m: number, n: number): Float64Array {
  if (!Number.isInteger(m) || m < 0 || !Number.isInteger(n) || n < 1) throw new Error(`rankNormalise: bad shape m = ${m}, n = ${n}`);
  if (values.length !== m * n) throw new Error(`rankNormalise: values has length ${values.length}, expected m × n = ${m} × ${n}`);
  const out = new Float64Array(m * n).fill(Number.NaN);
  for (let r = 0; r < m; r++) {
    const present: number[] = [];
    for (let j = 0; j < n; j++) {
      const value = values[r * n + j];
      if (value === Infinity || value === -Infinity) throw new Error(`rankNormalise: values[${r}, ${j}] is ${value}`);
      if (!Number.isNaN(value)) present.push(j);
    }
    const count = present.length;
    if (count === 0) continue;
    if (count === 1) {
      out[r * n + present[0]] = 0;
      continue;
    }
    present.sort((a, b) => values[r * n + a] - values[r * n + b]);
    let start = 0;
    while (start < count) {
      let end = start + 1;
      while (end < count && values[r * n + present[end]] === values[r * n + present[start]]) end++;
      const averageRank = (start + end - 1) / 2;
      const score = (2 * averageRank) / (count - 1) - 1;
      for (let q = start; q < end; q++) out[r * n + present[q]] = score;
      start = end;
    }
  }
  return out;
}
