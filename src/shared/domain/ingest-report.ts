/**
 * Import options, preview and validation report: zod schemas and their types. Shared so the
 * renderer can render a preview/report and the store can keep the report as JSON.
 * Runs anywhere: no Node or DOM types.
 */
import { z } from 'zod';
import { DATASET_KINDS, FREQUENCIES } from './panel';

/**
 * Date formats the importer reads. `MM`/`DD` also accept one digit. `YY` years use the two-digit
 * pivot. `YYYY.MM` is Shiller's decimal month (`1871.1` is October). `YYYY` keys annual rows.
 */
export const DATE_FORMATS = [
  'YYYY-MM-DD',
  'YYYY/MM/DD',
  'MM/DD/YYYY',
  'DD/MM/YYYY',
  'MM/DD/YY',
  'DD/MM/YY',
  'MM-DD-YYYY',
  'DD-MM-YYYY',
  'DD.MM.YYYY',
  'DD.MM.YY',
  'MMM D, YYYY',
  'D MMM YYYY',
  'YYYY-MM',
  'YYYYMM',
  'YYYYMMDD',
  'YYYY.MM',
  'YYYY',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export const ENCODINGS = ['utf-8', 'windows-1252'] as const;
export const LAYOUTS = ['wide', 'long'] as const;
export const DUPLICATE_POLICIES = ['error', 'first', 'last'] as const;

export const missingPolicySchema = z.discriminatedUnion('policy', [
  z.object({ policy: z.literal('leave') }),
  /** Forward-fill at most `limit` consecutive missing periods after an observed value. */
  z.object({ policy: z.literal('ffill'), limit: z.number().int().min(1) }),
  /** Drop assets observed on fewer than `minCoverage` (0–1) of the panel's dates. */
  z.object({ policy: z.literal('drop'), minCoverage: z.number().min(0).max(1) }),
]);
export type MissingPolicy = z.infer<typeof missingPolicySchema>;

/** Every option is optional: what is not given is detected, and the report says which. */
export const ingestOptionsSchema = z.object({
  kind: z.enum(DATASET_KINDS).optional(),
  /** `long`: one row per (date, asset), pivoted to wide. */
  layout: z.enum(LAYOUTS).optional(),
  delimiter: z.enum(DELIMITERS).optional(),
  decimal: z.enum(['.', ',']).optional(),
  /** Thousands separator inside numbers; `''` for none. */
  thousands: z.enum(['', ',', '.', ' ', "'"]).optional(),
  encoding: z.enum(ENCODINGS).optional(),
  dateFormat: z.enum(DATE_FORMATS).optional(),
  /** 1-based line number of the header row. */
  headerLine: z.number().int().min(1).optional(),
  /** Section of a multi-section file (Ken French): 1-based index or its title. Default: the first. */
  section: z.union([z.number().int().min(1), z.string().min(1)]).optional(),
  /** Date column: its header name or 1-based position. Default: the first column. */
  dateColumn: z.union([z.string().min(1), z.number().int().min(1)]).optional(),
  /** Long layout: the column holding the value (default `close`, else the first numeric column). */
  valueColumn: z.string().min(1).optional(),
  /** Long layout: the column naming the asset. */
  tickerColumn: z.string().min(1).optional(),
  missing: missingPolicySchema.optional(),
  /** Values are percent (4.27 means 4.27 %) and are divided by 100. Cells with a `%` sign always are. */
  percent: z.boolean().optional(),
  /** Extra cell texts that mean "missing" (besides empty, NA, NaN, …). */
  missingValues: z.array(z.string()).optional(),
  /** Two-digit years below the pivot are 20YY, the others 19YY. Default 69 (POSIX `%y`). */
  twoDigitYearPivot: z.number().int().min(0).max(100).optional(),
  /** Rows sharing a date (or date and asset in long layout). Default `last`. */
  duplicates: z.enum(DUPLICATE_POLICIES).optional(),
});
export type IngestOptions = z.infer<typeof ingestOptionsSchema>;

/** Every setting the parser ended up using, and which ones it detected rather than was given. */
export const detectedSettingsSchema = z.object({
  kind: z.enum(DATASET_KINDS),
  layout: z.enum(LAYOUTS),
  delimiter: z.enum(DELIMITERS),
  decimal: z.enum(['.', ',']),
  thousands: z.enum(['', ',', '.', ' ', "'"]),
  encoding: z.enum(ENCODINGS),
  bom: z.boolean(),
  lineEnding: z.enum(['LF', 'CRLF', 'CR', 'none']),
  compressed: z.boolean(),
  dateFormat: z.enum(DATE_FORMATS),
  /** Set when the dates have two-digit years. */
  twoDigitYearPivot: z.number().int().optional(),
  headerLine: z.number().int(),
  section: z.number().int(),
  dateColumn: z.string(),
  valueColumn: z.string().optional(),
  tickerColumn: z.string().optional(),
  percent: z.boolean(),
  missingValues: z.array(z.string()),
  duplicates: z.enum(DUPLICATE_POLICIES),
  missing: missingPolicySchema,
  frequency: z.enum(FREQUENCIES),
  order: z.enum(['ascending', 'descending', 'unsorted']),
  /** Names of the settings that were detected (not given as options). */
  detected: z.array(z.string()),
  /** Why each detected setting was chosen, by setting name. */
  reasons: z.record(z.string(), z.string()),
});
export type DetectedSettings = z.infer<typeof detectedSettingsSchema>;

export const sectionInfoSchema = z.object({
  index: z.number().int(),
  title: z.string(),
  headerLine: z.number().int(),
  rows: z.number().int(),
  firstKey: z.string(),
  lastKey: z.string(),
});
export type SectionInfo = z.infer<typeof sectionInfoSchema>;

export const droppedRowSchema = z.object({ line: z.number().int(), reason: z.string(), text: z.string() });
export type DroppedRow = z.infer<typeof droppedRowSchema>;

export const jumpSchema = z.object({
  asset: z.string(),
  date: z.string(),
  previousDate: z.string(),
  /** value(date) / value(previousDate). */
  ratio: z.number(),
  /** The split ratio it resembles (2, 3, 1/2, 1/3), when it does. */
  splitLike: z.number().optional(),
});
export type Jump = z.infer<typeof jumpSchema>;

export const staleRunSchema = z.object({
  asset: z.string(),
  start: z.string(),
  end: z.string(),
  length: z.number().int(),
  value: z.number(),
});

export const coverageSchema = z.object({
  asset: z.string(),
  first: z.string().nullable(),
  last: z.string().nullable(),
  observations: z.number().int(),
  /** observations / T. */
  share: z.number(),
  /** Missing cells between the asset's first and last observation. */
  gaps: z.number().int(),
});
export type AssetCoverage = z.infer<typeof coverageSchema>;

/** A capped list with the true total, so long lists stay small in JSON. */
function capped<T extends z.ZodType>(item: T) {
  return z.object({ count: z.number().int(), items: z.array(item) });
}

export const ingestReportSchema = z.object({
  linesRead: z.number().int(),
  rowsRead: z.number().int(),
  rowsKept: z.number().int(),
  droppedRows: capped(droppedRowSchema),
  droppedByReason: z.record(z.string(), z.number().int()),
  duplicates: z.object({ policy: z.enum(DUPLICATE_POLICIES), count: z.number().int(), dates: z.array(z.string()) }),
  nonPositive: capped(z.object({ asset: z.string(), date: z.string(), value: z.number() })),
  staleRuns: capped(staleRunSchema),
  jumps: capped(jumpSchema),
  coverage: z.array(coverageSchema),
  missing: z.object({
    policy: missingPolicySchema,
    shareBefore: z.number(),
    shareAfter: z.number(),
    filledCells: z.number().int(),
    droppedAssets: z.array(z.string()),
  }),
  sections: z.array(sectionInfoSchema),
  settings: detectedSettingsSchema,
  shape: z.object({ dates: z.number().int(), assets: z.number().int(), firstDate: z.string(), lastDate: z.string() }),
  warnings: z.array(z.string()),
});
export type IngestReport = z.infer<typeof ingestReportSchema>;

export const ambiguitySchema = z.object({
  setting: z.string(),
  message: z.string(),
  candidates: z.array(z.string()),
});
export type Ambiguity = z.infer<typeof ambiguitySchema>;

export const ingestPreviewSchema = z.object({
  fileName: z.string(),
  sizeBytes: z.number().int(),
  settings: detectedSettingsSchema,
  kindGuess: z.enum(DATASET_KINDS),
  header: z.array(z.string()),
  /**
   * First data rows in file order: ISO date under the chosen format, values as they will be stored
   * (null = missing). Long layout: one observation per row, with its asset.
   */
  rows: z.array(z.object({ line: z.number().int(), date: z.string(), asset: z.string().optional(), values: z.array(z.number().nullable()) })),
  sections: z.array(sectionInfoSchema),
  ambiguities: z.array(ambiguitySchema),
  report: ingestReportSchema.nullable(),
});
export type IngestPreview = z.infer<typeof ingestPreviewSchema>;

export const provenanceSchema = z.object({
  fileName: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  /** Every parse option actually used, given or detected: re-running with these reproduces the panel. */
  options: ingestOptionsSchema,
});
export type Provenance = z.infer<typeof provenanceSchema>;
