/**
 * `ingestFile`: a file on disk → the typed panel, its validation report and its provenance.
 * `previewFile`: the same parse, returned as detected settings, first rows and open questions.
 */
import type { IngestOptions, IngestPreview, IngestReport, Provenance } from '../../shared/domain/ingest-report';
import type { Panel } from '../../shared/domain/panel';
import { missingShare } from '../../shared/domain/panel';
import { LongCollector } from './collectors';
import { isTwoDigitYear, toIsoDate } from './date-formats';
import { detectFrequency } from './frequency';
import { applyMissingPolicy } from './missing-policy';
import { type ParsedFile, type ProgressCallback, parseFile } from './parse-file';
import { coverage, priceChecks } from './validate';

export interface IngestResult {
  panel: Panel;
  report: IngestReport;
  provenance: Provenance;
}

const PREVIEW_ROWS = 20;

interface Built extends IngestResult {
  parsed: ParsedFile;
}

/** Every option the parse used, in a fixed key order so equal settings serialise equally. */
function usedOptions(parsed: ParsedFile): IngestOptions {
  const { structure, options } = parsed;
  const dateName = structure.header[structure.dateColumn];
  const used: IngestOptions = {
    kind: parsed.kind,
    layout: structure.layout,
    delimiter: structure.delimiter,
    decimal: structure.decimal,
    thousands: options.thousands ?? (structure.decimal === '.' ? ',' : '.'),
    encoding: parsed.read.encoding,
    dateFormat: parsed.dateFormat,
    headerLine: structure.headerLine,
    section: parsed.table.selectedSection,
    dateColumn: dateName ? dateName : structure.dateColumn + 1,
  };
  const valueColumn = structure.valueColumn ?? options.valueColumn;
  if (valueColumn !== undefined) used.valueColumn = valueColumn;
  if (structure.tickerColumn !== undefined) used.tickerColumn = structure.tickerColumn;
  used.missing = parsed.missing;
  used.percent = parsed.percent;
  used.missingValues = parsed.missingValues;
  used.twoDigitYearPivot = parsed.pivot;
  used.duplicates = parsed.duplicates;
  return used;
}

function build(parsed: ParsedFile, onProgress?: ProgressCallback): Built {
  const { assembled, structure, table, read } = parsed;
  onProgress?.(0.96, 'validating');
  const dates = assembled.dates;
  const before = missingShare({ kind: parsed.kind, frequency: 'irregular', dates, assets: assembled.assets, values: assembled.values });
  const outcome = applyMissingPolicy(parsed.missing, assembled.assets, assembled.values, dates.length, table.transformCodes);
  const frequency = detectFrequency(dates);
  const panel: Panel = {
    kind: parsed.kind,
    frequency,
    dates,
    assets: outcome.assets,
    values: outcome.values,
    ...(outcome.transformCodes ? { transformCodes: outcome.transformCodes } : {}),
  };
  const checks =
    parsed.kind === 'prices'
      ? priceChecks(dates, outcome.assets, outcome.values)
      : { nonPositive: { count: 0, items: [] }, staleRuns: { count: 0, items: [] }, jumps: { count: 0, items: [] } };
  const droppedByReason = { ...table.droppedByReason };
  const droppedRows = { count: table.droppedCount, items: [...table.dropped] };
  if (assembled.duplicateLines.length > 0) {
    droppedByReason['duplicate date'] = assembled.duplicateLines.length;
    droppedRows.count += assembled.duplicateLines.length;
    for (const line of assembled.duplicateLines.slice(0, 50)) droppedRows.items.push({ line, reason: 'duplicate date', text: '' });
  }
  const options = usedOptions(parsed);
  const given = new Set(Object.keys(parsed.options));
  const reasons: Record<string, string> = {
    ...structure.reasons,
    dateFormat: parsed.dateFormatReason,
    kind: given.has('kind') ? 'given' : parsed.guess.reason,
    percent: parsed.percentReason,
    encoding: given.has('encoding') ? 'given' : parsed.read.encoding === 'utf-8' ? 'valid UTF-8' : 'not valid UTF-8, read as Windows-1252',
    section: table.sections.length > 1 ? `section ${table.selectedSection} of ${table.sections.length}` : 'single section',
  };
  const warnings: string[] = [];
  if (assembled.order !== 'ascending') warnings.push(`rows were in ${assembled.order} date order; the panel is ascending`);
  if (table.sections.length > 1) warnings.push(`the file has ${table.sections.length} sections; imported ${table.selectedSection}: "${table.sections[table.selectedSection - 1].title}"`);
  if (outcome.droppedAssets.length > 0) warnings.push(`${outcome.droppedAssets.length} assets dropped by the coverage threshold`);
  const report: IngestReport = {
    linesRead: table.linesRead,
    rowsRead: table.rowsRead,
    rowsKept: dates.length,
    droppedRows,
    droppedByReason,
    duplicates: { policy: parsed.duplicates, count: assembled.duplicateCount, dates: assembled.duplicateDates },
    ...checks,
    coverage: coverage(dates, outcome.assets, outcome.values),
    missing: {
      policy: parsed.missing,
      shareBefore: before,
      shareAfter: missingShare(panel),
      filledCells: outcome.filledCells,
      droppedAssets: outcome.droppedAssets,
    },
    sections: table.sections,
    settings: {
      kind: parsed.kind,
      layout: structure.layout,
      delimiter: structure.delimiter,
      decimal: structure.decimal,
      thousands: options.thousands ?? ',',
      encoding: read.encoding,
      bom: read.bom,
      lineEnding: read.lineEnding,
      compressed: read.compressed,
      dateFormat: parsed.dateFormat,
      ...(isTwoDigitYear(parsed.dateFormat) ? { twoDigitYearPivot: parsed.pivot } : {}),
      headerLine: structure.headerLine,
      section: table.selectedSection,
      dateColumn: String(options.dateColumn),
      ...(options.valueColumn !== undefined ? { valueColumn: options.valueColumn } : {}),
      ...(options.tickerColumn !== undefined ? { tickerColumn: options.tickerColumn } : {}),
      percent: parsed.percent,
      missingValues: parsed.missingValues,
      duplicates: parsed.duplicates,
      missing: parsed.missing,
      frequency,
      order: assembled.order,
      detected: Object.keys(options).filter((key) => !given.has(key)),
      reasons,
    },
    shape: { dates: dates.length, assets: outcome.assets.length, firstDate: dates[0], lastDate: dates[dates.length - 1] },
    warnings,
  };
  const provenance: Provenance = { fileName: parsed.fileName, sizeBytes: read.sizeBytes, sha256: read.sha256, options };
  return { panel, report, provenance, parsed };
}

/**
 * Reads a CSV (or `.csv.gz`) file into a panel. Streams with bounded memory; hashes the stored
 * bytes (SHA-256) on the way. Throws `IngestError` for anything it cannot read without guessing.
 *
 * @param onProgress fraction 0–1 and a stage name (`reading`, `assembling`, `validating`, `done`).
 */
export async function ingestFile(filePath: string, options?: IngestOptions, onProgress?: ProgressCallback): Promise<IngestResult> {
  const parsed = await parseFile(filePath, options, false, onProgress);
  const { panel, report, provenance } = build(parsed, onProgress);
  onProgress?.(1, 'done');
  return { panel, report, provenance };
}

/**
 * What an import would do: detected settings (each can be given back as an option), the first
 * rows as parsed, the kind guessed, the sections, and the questions the user must answer (an
 * undecidable day/month order does not throw here, it is listed).
 */
export async function previewFile(filePath: string, options?: IngestOptions): Promise<IngestPreview> {
  const parsed = await parseFile(filePath, options, true);
  const { report } = build(parsed);
  const collector = parsed.table.collector;
  const iso = (key: string): string => toIsoDate(key, parsed.dateFormat, parsed.pivot) ?? key;
  const scale = parsed.percent ? 0.01 : 1;
  const cell = (v: number): number | null => (Number.isNaN(v) ? null : v);
  const rows: IngestPreview['rows'] = [];
  if (collector instanceof LongCollector) {
    for (let i = 0; i < Math.min(PREVIEW_ROWS, collector.count); i++) {
      rows.push({
        line: collector.lines[i],
        date: iso(collector.keys[collector.dateOf[i]]),
        asset: collector.assets[collector.assetOf[i]],
        values: [cell(collector.values[i] * (collector.percentSigned ? 1 : scale))],
      });
    }
  } else {
    for (let r = 0; r < Math.min(PREVIEW_ROWS, collector.rows); r++) {
      const values: (number | null)[] = [];
      for (let c = 0; c < collector.width; c++) values.push(cell(collector.values[r * collector.width + c] * (collector.percentSigned[c] ? 1 : scale)));
      rows.push({ line: collector.lines[r], date: iso(collector.keys[r]), values });
    }
  }
  const header =
    collector instanceof LongCollector ? ['date', collector.tickerColumn, collector.valueColumn] : ['date', ...collector.names];
  return {
    fileName: parsed.fileName,
    sizeBytes: parsed.read.sizeBytes,
    settings: report.settings,
    kindGuess: parsed.guess.kind,
    header,
    rows,
    sections: report.sections,
    ambiguities: parsed.ambiguities,
    report,
  };
}
