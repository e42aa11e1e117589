/**
 * Characteristic × macro interactions, the predictor inputs of Gu, Kelly & Xiu (2020, RFS 33(5),
 * eq. 16) used by METHODS §5: z_{i,t} = c_{i,t} ⊗ (1, m_t), so the economy enters only through
 * interactions with firm characteristics.
 *
 * METHODS writes x = (c, c ⊗ (1, m)); since c ⊗ (1, m) already begins with c ⊗ 1 = c, the
 * characteristics are emitted once, not twice (a duplicated column would make least squares singular).
 */

/**
 * Builds c ⊗ (1, m) for every asset at one date.
 *
 * Column order (P characteristics, L macro variables): first the P characteristics, then for each
 * macro variable l the block c_1·m_l, …, c_P·m_l; that is, column l·P + p holds c_p·(1, m)_l.
 *
 * @param characteristics - N × P row-major, finite; not mutated.
 * @param macro - the macro state m_t, length L ≥ 0, finite.
 * @returns N × P(1 + L) row-major.
 */
export function interactionFeatures(characteristics: Float64Array, n: number, p: number, macro: ArrayLike<number>): Float64Array {
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(p) || p < 1) throw new Error(`interactionFeatures: bad shape n = ${n}, p = ${p}`);
  if (characteristics.length !== n * p) throw new Error(`characteristics has length ${characteristics.length}, expected N × P = ${n} × ${p}`);
  for (let k = 0; k < characteristics.length; k++) {
    if (!Number.isFinite(characteristics[k])) throw new Error(`characteristics[${Math.floor(k / p)}, ${k % p}] is ${characteristics[k]}: must be finite`);
  }
  const l = macro.length;
  for (let k = 0; k < l; k++) if (!Number.isFinite(macro[k])) throw new Error(`macro[${k}] is ${macro[k]}: must be finite`);
  const width = p * (1 + l);
  const out = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q <= l; q++) {
      const scale = q === 0 ? 1 : macro[q - 1];
      for (let c = 0; c < p; c++) out[i * width + q * p + c] = characteristics[i * p + c] * scale;
    }
  }
  return out;
}

/** Column names matching {@link interactionFeatures}: `c` then `c×m` for each macro name. */
export function interactionNames(characteristicNames: readonly string[], macroNames: readonly string[]): string[] {
  return [...characteristicNames, ...macroNames.flatMap((m) => characteristicNames.map((c) => `${c}×${m}`))];
}
