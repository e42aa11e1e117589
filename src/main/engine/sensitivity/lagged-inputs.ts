/**
 * Network inputs with lags (METHODS.md §4: driver changes "and their lags"): row t of the result is
 * [x_t, x_{t−1}, …, x_{t−L}], so the multi-head network can pick up drivers that move assets with a
 * delay (the lag-1 predictability the commonality selection scores, ./select-drivers).
 */

export interface LaggedInputs {
  /** (T − L) × D(L + 1) row-major; column ℓ·D + j is driver j lagged ℓ periods. */
  readonly inputs: Float64Array;
  /** D(L + 1), the network's input count. */
  readonly nInputs: number;
  /** L: row k of `inputs` is period L + k, so targets must drop their first L rows to align. */
  readonly firstRow: number;
}

/**
 * @param drivers - T × D row-major driver changes, finite.
 * @param nDrivers - D ≥ 1.
 * @param lags - L ≥ 0 lags to append (0 returns a copy of `drivers`).
 * @throws on a length not a multiple of D, a non-finite entry, L not an integer ≥ 0, or T ≤ L.
 */
export function laggedInputs(drivers: Float64Array, nDrivers: number, lags: number): LaggedInputs {
  if (!Number.isInteger(nDrivers) || nDrivers < 1) throw new Error(`nDrivers = ${nDrivers}: must be a positive integer`);
  if (!Number.isInteger(lags) || lags < 0) throw new Error(`lags = ${lags}: must be an integer ≥ 0`);
  if (!(drivers instanceof Float64Array) || drivers.length % nDrivers !== 0) {
    throw new Error(`drivers has length ${drivers?.length}, not a multiple of D = ${nDrivers}`);
  }
  for (let k = 0; k < drivers.length; k++) {
    if (!Number.isFinite(drivers[k])) throw new Error(`drivers[${Math.floor(k / nDrivers)}, ${k % nDrivers}] is ${drivers[k]}: input must be finite`);
  }
  const rows = drivers.length / nDrivers;
  if (rows <= lags) throw new Error(`drivers has T = ${rows} rows, need more than lags = ${lags}`);
  const width = nDrivers * (lags + 1);
  const out = rows - lags;
  const inputs = new Float64Array(out * width);
  for (let k = 0; k < out; k++) {
    for (let lag = 0; lag <= lags; lag++) {
      const source = (k + lags - lag) * nDrivers;
      inputs.set(drivers.subarray(source, source + nDrivers), k * width + lag * nDrivers);
    }
  }
  return { inputs, nInputs: width, firstRow: lags };
}
