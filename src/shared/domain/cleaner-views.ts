/**
 * The learned covariance cleaner's interpretability views (issue 8, item 6) as they cross the IPC
 * boundary and reach the charts and the report: lag weights against an EWMA of the same half-life,
 * the eigenvalue map (sample → cleaned) beside QIS and RIE, and the volatility map.
 */
import { z } from 'zod';

export const CleanerViewsRequestSchema = z
  .object({
    /** Dataset id, unique id prefix or exact name; default the daily prices dataset with the most assets. */
    dataset: z.string().min(1).optional(),
    /** Last day of the window (ISO); default the dataset's last date. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(),
  })
  .strict();
export type CleanerViewsRequest = z.infer<typeof CleanerViewsRequestSchema>;

export const LagWeightsViewSchema = z.object({
  /** 1..L, lag 1 the most recent day. */
  lags: z.array(z.number().int()),
  /** The cleaner's variance weights α_t² / Σα², summing to 1. */
  learned: z.array(z.number()),
  /** An EWMA's weights with the same half-life, summing to 1 over the same lags. */
  ewma: z.array(z.number()),
  /** Lags by which half of the learned weight has accumulated. */
  halfLife: z.number(),
});
export type LagWeightsViewData = z.infer<typeof LagWeightsViewSchema>;

export const EigenvalueMapSeriesSchema = z.object({
  name: z.string(),
  /** [sample correlation eigenvalue, cleaned eigenvalue], ascending in the first. */
  points: z.array(z.tuple([z.number(), z.number()])),
});
export type EigenvalueMapSeriesData = z.infer<typeof EigenvalueMapSeriesSchema>;

export const VolatilityMapViewSchema = z.object({
  assets: z.array(z.string()),
  /** Annualised sample volatility of each asset over the window. */
  sample: z.array(z.number()),
  /** Annualised marginal volatility the cleaner assigns. */
  marginal: z.array(z.number()),
});
export type VolatilityMapViewData = z.infer<typeof VolatilityMapViewSchema>;

export const CleanerViewsSchema = z.object({
  dataset: z.object({ id: z.string(), name: z.string() }),
  /** First and last day of the returns window. */
  windowStart: z.string(),
  date: z.string(),
  /** Assets with complete returns over the window (N) and those left out for gaps. */
  n: z.number().int(),
  excluded: z.number().int().nonnegative(),
  lookback: z.number().int(),
  model: z.object({ source: z.enum(['shipped', 'untrained']), description: z.string() }),
  lagWeights: LagWeightsViewSchema,
  /** The learned cleaner first, then QIS and RIE on the same window. */
  eigenvalues: z.array(EigenvalueMapSeriesSchema),
  volatility: VolatilityMapViewSchema,
});
export type CleanerViews = z.infer<typeof CleanerViewsSchema>;

/** The views a `learned-cleaner` run stores in its summary (last rebalance window), for its report section. */
export const CleanerRunViewsSchema = z.object({
  /** First and last day of the last rebalance's window. */
  windowStart: z.string(),
  date: z.string(),
  n: z.number().int(),
  lookback: z.number().int(),
  lagWeights: LagWeightsViewSchema,
  eigenvalues: z.array(EigenvalueMapSeriesSchema),
  volatility: VolatilityMapViewSchema,
});
export type CleanerRunViews = z.infer<typeof CleanerRunViewsSchema>;

/** A stored run summary's cleaner views, or null when it has none (or they do not parse). */
export function cleanerRunViewsOf(summary: unknown): CleanerRunViews | null {
  if (summary === null || typeof summary !== 'object') return null;
  const parsed = CleanerRunViewsSchema.safeParse((summary as { cleaner?: unknown }).cleaner);
  return parsed.success ? parsed.data : null;
}
