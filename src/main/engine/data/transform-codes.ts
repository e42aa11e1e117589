/**
 * FRED-MD transformation codes (McCracken & Ng 2016, "FRED-MD: A monthly database for
 * macroeconomic research", JBES 34(4), appendix), applied column by column:
 *   1 x_t                 2 Δx_t               3 Δ²x_t
 *   4 log x_t             5 Δlog x_t           6 Δ²log x_t
 *   7 Δ(x_t/x_{t−1} − 1)
 * No ×100 scaling (FRED-MD's own MATLAB code does none either). Rows where a difference reaches
 * before the first observation, or touches a missing value, are `NaN`: codes 2, 5 lose one row,
 * codes 3, 6, 7 lose two.
 */

import type { Panel } from '../../../shared/domain/panel';

/** The FRED-MD code of each transformation. */
export type TransformCode = 1 | 2 | 3 | 4 | 5 | 6 | 7;

function isCode(value: number): value is TransformCode {
  return Number.isInteger(value) && value >= 1 && value <= 7;
}

/**
 * Applies one code to a series.
 *
 * @param series - length T, `NaN` = missing; codes 4–6 need positive values, code 7 non-zero ones.
 * @param name - the series name, used in error messages.
 * @returns length T.
 */
export function transformSeries(series: ArrayLike<number>, code: number, name = 'series'): Float64Array {
  if (!isCode(code)) throw new Error(`${name}: transformation code ${code} is not one of 1–7`);
  const t = series.length;
  const x = Float64Array.from(series);
  for (let r = 0; r < t; r++) {
    const value = x[r];
    if (value === Infinity || value === -Infinity) throw new Error(`${name}[${r}] is ${value}: values must be finite or NaN`);
    if (code >= 4 && code <= 6 && !Number.isNaN(value) && value <= 0) throw new Error(`${name}[${r}] = ${value}: code ${code} takes a log and needs positive values`);
    if (code === 7 && value === 0) throw new Error(`${name}[${r}] = 0: code 7 divides by the previous value`);
  }
  const level = code >= 4 && code <= 6 ? x.map(Math.log) : x;
  const diff = (v: Float64Array): Float64Array => {
    const out = new Float64Array(t).fill(Number.NaN);
    for (let r = 1; r < t; r++) out[r] = v[r] - v[r - 1];
    return out;
  };
  switch (code) {
    case 1:
    case 4:
      return level;
    case 2:
    case 5:
      return diff(level);
    case 3:
    case 6:
      return diff(diff(level));
    case 7: {
      const growth = new Float64Array(t).fill(Number.NaN);
      for (let r = 1; r < t; r++) growth[r] = x[r] / x[r - 1] - 1;
      return diff(growth);
    }
  }
}

/**
 * Applies FRED-MD codes to every column of a macro panel.
 *
 * @param panel - T × N panel; not mutated.
 * @param codes - one code per column; defaults to `panel.transformCodes`.
 * @returns T × N panel with the transformed values, the same dates and names, and `transformCodes`
 *   all 1 (the result is stationary levels: applying it again must not transform twice).
 */
export function transformCodes(panel: Panel, codes: readonly number[] | undefined = panel.transformCodes): Panel {
  const n = panel.assets.length;
  const t = panel.dates.length;
  if (codes === undefined) throw new Error('transformCodes: panel has no transformCodes and none were given');
  if (codes.length !== n) throw new Error(`transformCodes: ${codes.length} codes for ${n} columns`);
  if (panel.values.length !== t * n) throw new Error(`transformCodes: panel.values has length ${panel.values.length}, expected T × N = ${t} × ${n}`);
  const values = new Float64Array(t * n);
  const column = new Float64Array(t);
  for (let j = 0; j < n; j++) {
    for (let r = 0; r < t; r++) column[r] = panel.values[r * n + j];
    const transformed = transformSeries(column, codes[j], panel.assets[j]);
    for (let r = 0; r < t; r++) values[r * n + j] = transformed[r];
  }
  return { kind: panel.kind, frequency: panel.frequency, dates: panel.dates.slice(), assets: panel.assets.slice(), values, transformCodes: new Array<number>(n).fill(1) };
}
