/**
 * What a sensitivity-optimiser run keeps for its views (run page, report): the drivers as built, the
 * network fits, and the last rebalance's window in full (driver scores, sensitivity matrix, dendrogram,
 * weights). Plain JSON, stored in the run's summary under `sensitivity`; `sensitivityDiagnosticsOf`
 * reads it back from the untyped summary.
 */
import { z } from 'zod';

const finiteOrNull = z.number().nullable();

export const SensitivityDriverBuildSchema = z.object({
  name: z.string(),
  source: z.string(),
  transform: z.string(),
  sourceFrequency: z.string(),
  observed: z.number(),
  missing: z.number(),
  firstDate: z.string().nullable(),
  lastDate: z.string().nullable(),
  gaps: z.array(z.object({ from: z.string(), to: z.string(), rows: z.number() })),
  /** Largest age in days of a level used (null for return drivers). */
  maxStaleness: finiteOrNull,
});

export const SensitivityDriverScoreSchema = z.object({
  name: z.string(),
  /** Null when the driver was left out of the window before scoring. */
  correlationShare: finiteOrNull,
  predictabilityShare: finiteOrNull,
  meanAbsCorrelation: finiteOrNull,
  kept: z.boolean(),
  /** Why a driver was not scored or not kept: `missing in window`, `constant in window`, `below share`. */
  reason: z.string().nullable(),
});

export const SensitivityWindowSchema = z.object({
  /** The rebalance date these weights were decided at. */
  date: z.string(),
  /** The date of the network fit whose sensitivities were used (refits follow the retrain schedule). */
  fitDate: z.string(),
  /** The universe's assets, length k. */
  assets: z.array(z.string()),
  drivers: z.array(SensitivityDriverScoreSchema),
  /** Network inputs: kept drivers, then their lags (`VIX (t−1)`), length P. */
  columns: z.array(z.string()),
  /** k rows of P signed averaged sensitivities (standardised units: asset σ per driver σ). */
  sensitivities: z.array(z.array(z.number())),
  /** scipy-convention linkage rows [a, b, height, size], k − 1 of them. */
  linkage: z.array(z.array(z.number()).length(4)),
  /** Leaf order of the dendrogram. */
  order: z.array(z.number()),
  /** Weights of the k assets after this rebalance. */
  weights: z.array(z.number()),
  /** Cluster of each asset (min-variance variant only). */
  labels: z.array(z.number()).nullable(),
  /** The fit's last training loss (MSE on standardised returns). */
  finalLoss: z.number(),
  /** True when no driver reached the share and the best-scoring one was used alone. */
  fallback: z.boolean(),
});

export const SensitivityRunDiagnosticsSchema = z.object({
  variant: z.enum(['hrp', 'min-variance']),
  linkage: z.string(),
  window: z.number(),
  lags: z.number(),
  hidden: z.array(z.number()),
  epochs: z.number(),
  drivers: z.array(SensitivityDriverBuildSchema),
  fits: z.array(z.object({ date: z.string(), kept: z.array(z.string()), finalLoss: z.number(), seconds: z.number() })),
  lastWindow: SensitivityWindowSchema.nullable(),
});

export type SensitivityDriverBuild = z.infer<typeof SensitivityDriverBuildSchema>;
export type SensitivityDriverScore = z.infer<typeof SensitivityDriverScoreSchema>;
export type SensitivityWindow = z.infer<typeof SensitivityWindowSchema>;
export type SensitivityRunDiagnostics = z.infer<typeof SensitivityRunDiagnosticsSchema>;

/** The sensitivity diagnostics of a run's summary, or null when the run has none (another optimiser, an older run). */
export function sensitivityDiagnosticsOf(summary: unknown): SensitivityRunDiagnostics | null {
  if (summary === null || typeof summary !== 'object' || !('sensitivity' in summary)) return null;
  const parsed = SensitivityRunDiagnosticsSchema.safeParse((summary as { sensitivity: unknown }).sensitivity);
  return parsed.success ? parsed.data : null;
}
