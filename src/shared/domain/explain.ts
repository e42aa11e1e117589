/**
 * The explain contract (issue 7; METHODS §5): requests and stored results of gradient attributions
 * and of counterfactual macro-scenario distributions of a stored run. Plain JSON only, so the same
 * schemas serve the IPC channels, the store, the CLI's `--json` output and the audit report.
 * Runs anywhere: no Node or DOM types.
 *
 * Conventions used throughout:
 * - months are `YYYY-MM`; the anchor is the month whose rebalance is explained (features at its end,
 *   predictor as trained at the last refit at or before it, weights of its rebalance);
 * - macro variables are in the units the pipeline's features use (the standardised, transformed
 *   macro state of the feature builder), so "standard units" shifts are (mean − μ₀)/σ₀ under p₀;
 * - histograms share their bin edges between prior and posterior and hold shares (each sums to 1).
 */
import { z } from 'zod';

export const EXPLAIN_QUESTIONS = ['benchmark', 'concentration', 'divergence', 'gap', 'custom'] as const;
export type ExplainQuestion = (typeof EXPLAIN_QUESTIONS)[number];

/**
 * Which way the probed outcome is pushed: `increase` tilts toward larger values of the outcome
 * (entropy for concentration = diversify, ‖w₁ − w₂‖₁ for divergence, r_a − r_b for gap, the target
 * weight for custom), `decrease` toward smaller ones. `benchmark` ignores it (it targets |wᵀr − b|).
 */
export const EXPLAIN_DIRECTIONS = ['increase', 'decrease'] as const;
export type ExplainDirection = (typeof EXPLAIN_DIRECTIONS)[number];

export const ATTRIBUTION_METHODS = ['ig', 'saliency', 'shap'] as const;
export type AttributionMethod = (typeof ATTRIBUTION_METHODS)[number];

/** μ̂ of each asset (own features), the largest weight through the QP, the realised portfolio return wᵀr. */
export const ATTRIBUTION_TARGETS = ['mu', 'weight', 'return'] as const;
export type AttributionTarget = (typeof ATTRIBUTION_TARGETS)[number];

/** Feature groups: a characteristic's own (main-effect) column, a macro variable's interactions c ⊗ m summed. */
export const FEATURE_GROUP_KINDS = ['characteristic', 'macro'] as const;

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

/** The custom question's target: the weight of one asset, or the summed weight of a sector. */
export const CustomTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('asset'), asset: z.string().min(1) }).strict(),
  z
    .object({
      kind: z.literal('sector'),
      sector: z.string().min(1),
      /** Ticker → sector map supplied by the caller (the app ships none; the CLI reads it from `--sectors <csv>`). */
      sectors: z.record(z.string(), z.string()),
    })
    .strict(),
]);
export type CustomTarget = z.infer<typeof CustomTargetSchema>;

/** Request of `explain.start`: one counterfactual explanation job. */
export const ExplainRequestSchema = z
  .object({
    runId: z.string().min(1),
    /** Second run for divergence and gap (e.g. the end-to-end run against the decoupled one). */
    versusRunId: z.string().min(1).optional(),
    question: z.enum(EXPLAIN_QUESTIONS),
    /** Preset id this request came from (see `explain.presets`), kept for the report. */
    preset: z.string().optional(),
    anchor: Month,
    /**
     * Temperature τ > 0 of p_τ ∝ exp(−G/τ)·p₀, with G divided by its prior standard deviation, so
     * τ = 1 is a tilt of one outcome-standard-deviation per unit of log density.
     */
    tau: z.number().positive().finite().default(0.5),
    direction: z.enum(EXPLAIN_DIRECTIONS).default('decrease'),
    /** b of the benchmark question, a monthly decimal return; default the equal-weight return of the holding month. */
    benchmark: z.number().finite().optional(),
    custom: CustomTargetSchema.optional(),
    chains: z.number().int().min(2).max(16).default(4),
    /** Steps per chain including burn-in (burn-in is a quarter of them). */
    steps: z.number().int().min(200).max(100_000).default(4000),
    seed: z.number().int().default(1),
    /** Dataset id holding an `NFCI` column for the analog months; default the newest imported dataset that has one. */
    nfci: z.string().min(1).optional(),
  })
  .strict();
export type ExplainRequest = z.input<typeof ExplainRequestSchema>;
export type ParsedExplainRequest = z.output<typeof ExplainRequestSchema>;

/** Request of `explain.attribute`: attributions of one run, or two side by side. */
export const AttributeRequestSchema = z
  .object({
    runId: z.string().min(1),
    /** Second run shown side by side (e.g. decoupled vs end-to-end). */
    versusRunId: z.string().min(1).optional(),
    method: z.enum(ATTRIBUTION_METHODS).default('ig'),
    /** Default: the last rebalance month of the run. */
    anchor: Month.optional(),
    /** Background months for `shap` (drawn from the training history before the anchor). */
    background: z.number().int().min(4).max(256).default(32),
    seed: z.number().int().default(1),
  })
  .strict();
export type AttributeRequest = z.input<typeof AttributeRequestSchema>;
export type ParsedAttributeRequest = z.output<typeof AttributeRequestSchema>;

/** Quantiles of a sample. */
export const QuantilesSchema = z.object({ q05: z.number(), q25: z.number(), q50: z.number(), q75: z.number(), q95: z.number() });

/** Moments and quantiles of a sample. */
export const DistributionSummarySchema = QuantilesSchema.extend({ mean: z.number(), sd: z.number() });
export type DistributionSummary = z.infer<typeof DistributionSummarySchema>;

/** Prior and posterior shares on common bins: `edges` has bins + 1 entries, the shares bins each. */
export const HistogramPairSchema = z.object({ edges: z.array(z.number()), prior: z.array(z.number()), posterior: z.array(z.number()) });
export type HistogramPair = z.infer<typeof HistogramPairSchema>;

/** One macro coordinate: prior p₀ vs the tilted p_τ. */
export const MacroVariableResultSchema = z.object({
  name: z.string(),
  /** m̄: the coordinate at the anchor month. */
  anchor: z.number(),
  prior: DistributionSummarySchema,
  posterior: DistributionSummarySchema,
  /** (posterior mean − prior mean) / prior sd. */
  shift: z.number(),
  histogram: HistogramPairSchema,
  rhat: z.number(),
  essBulk: z.number(),
  mcseMean: z.number(),
});
export type MacroVariableResult = z.infer<typeof MacroVariableResultSchema>;

/** A portfolio outcome before (prior draws) and after (tilted draws). */
export const OutcomeResultSchema = z.object({
  key: z.enum(['probe', 'effectiveN', 'hhi', 'maxWeight', 'top10Weight', 'entropy', 'portfolioReturn', 'divergence', 'returnGap', 'targetWeight']),
  label: z.string(),
  /** Value with the anchor month's own macro state. */
  atAnchor: z.number(),
  before: DistributionSummarySchema,
  after: DistributionSummarySchema,
  histogram: HistogramPairSchema,
});
export type OutcomeResult = z.infer<typeof OutcomeResultSchema>;

export const SamplerDiagnosticsSchema = z.object({
  sampler: z.enum(['mala', 'stretch-move']),
  chains: z.number().int(),
  steps: z.number().int(),
  burnIn: z.number().int(),
  /** Post-burn-in acceptance per chain (per walker ensemble for the stretch move). */
  acceptance: z.array(z.number()),
  acceptanceBand: z.tuple([z.number(), z.number()]),
  acceptanceInBand: z.boolean(),
  worstRhat: z.number(),
  worstEss: z.number(),
  gates: z.object({ maxRhat: z.number(), minEss: z.number() }),
  /** worstRhat ≤ gates.maxRhat and worstEss ≥ gates.minEss. */
  passed: z.boolean(),
  elapsedMs: z.number(),
});
export type SamplerDiagnosticsView = z.infer<typeof SamplerDiagnosticsSchema>;

export const PlausibilitySchema = z.object({
  /** Mahalanobis distance of the generated median from μ* under Σ*. */
  medianDistance: z.number(),
  /** Share of historical months at most that far from μ*. */
  percentile: z.number().min(0).max(1),
  threshold: z.number(),
  implausible: z.boolean(),
});

export const AnalogMonthSchema = z.object({
  month: z.string(),
  /** Mahalanobis distance (under Σ*) to the generated median. */
  distance: z.number(),
  /** NFCI (monthly mean of the weekly index) or null when no NFCI dataset covers the month. */
  nfci: z.number().nullable(),
  /** NFCI > 0: tighter than average financial conditions. */
  regime: z.enum(['tight', 'loose']).nullable(),
});
export type AnalogMonth = z.infer<typeof AnalogMonthSchema>;

/** VAR(1) prior facts shown next to the result. */
export const PriorInfoSchema = z.object({
  variables: z.array(z.string()),
  firstMonth: z.string(),
  lastMonth: z.string(),
  months: z.number().int(),
  /** Largest |eigenvalue| of Φ (< 1: stationary). */
  spectralRadius: z.number(),
});

export const FindingSchema = z.object({ severity: z.enum(['info', 'warning']), message: z.string() });
export type Finding = z.infer<typeof FindingSchema>;

/** A run as the explanation used it. */
export const ExplainedRunSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The spec's training kind (`decoupled`, `end-to-end`, `none`). */
  training: z.string(),
  /** Month of the refit whose predictor is explained (null without a trained predictor). */
  fitMonth: z.string().nullable(),
  assets: z.number().int(),
});

/** Result of `explain.start`. */
export const ExplanationResultSchema = z.object({
  request: ExplainRequestSchema,
  runs: z.array(ExplainedRunSchema).min(1).max(2),
  /** What G measures, in words (e.g. "−entropy(w): concentrate"). */
  probe: z.string(),
  /** Prior standard deviation of the raw G that G was divided by. */
  probeScale: z.number(),
  prior: PriorInfoSchema,
  variables: z.array(MacroVariableResultSchema),
  /** The probed outcome first, then the portfolio's concentration measures. */
  outcomes: z.array(OutcomeResultSchema),
  diagnostics: SamplerDiagnosticsSchema,
  plausibility: PlausibilitySchema,
  analogs: z.array(AnalogMonthSchema),
  /** Dataset the NFCI levels came from, or null. */
  nfciSource: z.object({ id: z.string(), name: z.string() }).nullable(),
  findings: z.array(FindingSchema),
});
export type ExplanationResult = z.infer<typeof ExplanationResultSchema>;

/** One bar: a feature group's attribution to a target. */
export const AttributionBarSchema = z.object({
  group: z.string(),
  kind: z.enum(FEATURE_GROUP_KINDS),
  /** Signed sum of the group's attributions. */
  value: z.number(),
  /** Sum of the group's |attributions| (for μ̂: mean over assets of the per-asset sums). */
  magnitude: z.number(),
});

export const AttributionTargetResultSchema = z.object({
  target: z.enum(ATTRIBUTION_TARGETS),
  /** e.g. "μ̂ (mean over assets)", "w[AAPL]", "wᵀr". */
  label: z.string(),
  bars: z.array(AttributionBarSchema),
  /** f(x) − f(baseline) (mean over assets for μ̂); NaN-free, 0 for saliency. */
  delta: z.number(),
  /** Largest |Σ attributions − delta| (ig/shap; 0 for saliency). */
  completenessGap: z.number(),
  converged: z.boolean(),
  steps: z.number().int(),
});

/** Asset × feature group matrix (rows `assets`, columns `groups`). */
export const AttributionMatrixSchema = z.object({
  target: z.enum(ATTRIBUTION_TARGETS),
  assets: z.array(z.string()),
  groups: z.array(z.string()),
  values: z.array(z.array(z.number())),
});

export const RunAttributionSchema = z.object({
  run: ExplainedRunSchema,
  targets: z.array(AttributionTargetResultSchema),
  /** μ̂_i by asset i's own features, and wᵀr by each asset's features; largest weights first, at most 60 assets. */
  matrices: z.array(AttributionMatrixSchema),
});

/** Result of `explain.attribute`. */
export const AttributionResultSchema = z.object({
  request: AttributeRequestSchema,
  anchor: z.string(),
  method: z.enum(ATTRIBUTION_METHODS),
  groups: z.array(z.object({ name: z.string(), kind: z.enum(FEATURE_GROUP_KINDS) })),
  /** One per run, in request order (runId first, then versusRunId). */
  runs: z.array(RunAttributionSchema).min(1).max(2),
  elapsedMs: z.number(),
});
export type AttributionResult = z.infer<typeof AttributionResultSchema>;

const RecordBase = z.object({
  id: z.string(),
  runId: z.string(),
  versusRunId: z.string().nullable(),
  jobId: z.string(),
  createdAt: z.string(),
  anchor: z.string(),
  /** One line for lists, e.g. "concentration at 2019-01 (τ = 0.5)". */
  title: z.string(),
});

/** Row of `explain.list`. */
export const ExplainSummarySchema = z.discriminatedUnion('kind', [
  RecordBase.extend({ kind: z.literal('attribution'), method: z.enum(ATTRIBUTION_METHODS) }),
  RecordBase.extend({ kind: z.literal('explanation'), question: z.enum(EXPLAIN_QUESTIONS), passed: z.boolean(), implausible: z.boolean() }),
]);
export type ExplainSummary = z.infer<typeof ExplainSummarySchema>;

/** Answer of `explain.get`. */
export const ExplainRecordSchema = z.discriminatedUnion('kind', [
  RecordBase.extend({ kind: z.literal('attribution'), method: z.enum(ATTRIBUTION_METHODS), result: AttributionResultSchema }),
  RecordBase.extend({ kind: z.literal('explanation'), question: z.enum(EXPLAIN_QUESTIONS), passed: z.boolean(), implausible: z.boolean(), result: ExplanationResultSchema }),
]);
export type ExplainRecord = z.infer<typeof ExplainRecordSchema>;

/** A published question, ready to fill in (METHODS §5 "Published cells"). */
export const ExplainPresetSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  question: z.enum(EXPLAIN_QUESTIONS),
  direction: z.enum(EXPLAIN_DIRECTIONS),
  tau: z.number(),
  /** 2 when the question compares two runs (`versusRunId` required). */
  runs: z.union([z.literal(1), z.literal(2)]),
  /** What the two runs should be, when runs = 2. */
  runsHint: z.string().nullable(),
  /** The published anchor month, as a suggestion. */
  anchor: z.string(),
});
export type ExplainPreset = z.infer<typeof ExplainPresetSchema>;
