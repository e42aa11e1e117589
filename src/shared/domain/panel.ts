/**
 * A dataset as the engine sees it: a dated panel of one kind of quantity.
 * Runs anywhere (main, worker, renderer): no Node or DOM types.
 */

export const DATASET_KINDS = ['prices', 'returns', 'macro', 'factors', 'series'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'annual', 'irregular'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface Panel {
  readonly kind: DatasetKind;
  readonly frequency: Frequency;
  /**
   * Ascending ISO dates, length T: `YYYY-MM-DD`, or `YYYY-MM` when the source keys months only
   * (Ken French `YYYYMM`, Goyal–Welch `yyyymm`).
   */
  readonly dates: readonly string[];
  /** Column names, length N, unique. */
  readonly assets: readonly string[];
  /** T × N row-major. `NaN` marks a missing value. Returns and rates are decimals (0.01 = 1 %). */
  readonly values: Float64Array;
  /** FRED-MD transformation codes (1–7), one per column, when the source has them. */
  readonly transformCodes?: readonly number[];
}

/** Share of missing cells, 0 for an empty panel. */
export function missingShare(panel: Panel): number {
  if (panel.values.length === 0) return 0;
  let missing = 0;
  for (let i = 0; i < panel.values.length; i++) if (Number.isNaN(panel.values[i])) missing++;
  return missing / panel.values.length;
}
