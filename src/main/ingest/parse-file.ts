/**
 * The import pipeline shared by `ingestFile` and `previewFile`: stream → detect on the first lines →
 * parse every line → date format from the whole column → ascending panel → kind, percent, missing
 * policy → checks. Everything chosen is recorded with its reason.
 */
import { basename } from 'node:path';
import {
  type Ambiguity,
  type DateFormat,
  type IngestOptions,
  type MissingPolicy,
  ingestOptionsSchema,
} from '../../shared/domain/ingest-report';
import type { DatasetKind } from '../../shared/domain/panel';
import { type Assembled, assemble } from './assemble';
import { LongCollector, type WideCollector } from './collectors';
import { type SampleLine, type Structure, detectStructure } from './detect';
import { inferDateFormat, isDayMonthAmbiguity, resolveByCalendar, isTwoDigitYear, looksLikeDate } from './date-formats';
import { IngestError } from './ingest-error';
import { type KindGuess, guessKind, isOhlcHeader } from './kind-guess';
import { type Encoding, NotUtf8Error, type ReadSummary, readLines } from './line-reader';
import { DEFAULT_MISSING_TOKENS, type NumberStyle } from './number-parse';
import { type TableResult, TableParser } from './table-parser';

export type ProgressCallback = (fraction: number, stage: string) => void;

/** Sample for detection: this many lines, or fewer once this many characters were read. */
const SAMPLE_LINES = 400;
const SAMPLE_CHARS = 4 << 20;
/** Missing codes of the Ken French data library. */
const KEN_FRENCH_MISSING = ['-99.99', '-999'];
const DEFAULT_PIVOT = 69;

export interface ParsedFile {
  fileName: string;
  options: IngestOptions;
  read: ReadSummary;
  structure: Structure;
  table: TableResult;
  dateFormat: DateFormat;
  dateFormatReason: string;
  pivot: number;
  assembled: Assembled;
  kind: DatasetKind;
  guess: KindGuess;
  percent: boolean;
  percentReason: string;
  missingValues: string[];
  duplicates: 'error' | 'first' | 'last';
  missing: MissingPolicy;
  ambiguities: Ambiguity[];
}

function parseOptions(fileName: string, options: unknown): IngestOptions {
  const parsed = ingestOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new IngestError(fileName, 'bad-option', `option ${issue.path.join('.') || '(options)'}: ${issue.message}`);
  }
  return parsed.data;
}

function baseStyle(options: IngestOptions): Omit<NumberStyle, 'decimal'> {
  const extra = options.missingValues ?? [];
  return {
    thousands: options.thousands ?? ',',
    missingTokens: new Set([...DEFAULT_MISSING_TOKENS, ...extra.map((token) => token.trim().toLowerCase())]),
    missingCodes: extra.map(Number).filter((code, i) => extra[i].trim() !== '' && Number.isFinite(code)),
  };
}

interface Scan {
  read: ReadSummary;
  structure: Structure;
  table: TableResult;
  missingValues: string[];
}

async function scan(path: string, fileName: string, options: IngestOptions, encoding: Encoding, onProgress?: ProgressCallback): Promise<Scan> {
  const sample: SampleLine[] = [];
  let sampleChars = 0;
  let parser: TableParser | null = null;
  let structure: Structure | null = null;
  const base = baseStyle(options);
  let missingValues = options.missingValues ?? [];
  const wantedHeader = options.headerLine ?? 0;

  const setup = (): void => {
    const detected = detectStructure(fileName, sample, options, base);
    structure = detected;
    const style: NumberStyle = {
      ...base,
      decimal: detected.decimal,
      thousands: options.thousands ?? (detected.decimal === '.' ? ',' : '.'),
    };
    if (detected.kenFrench) {
      const added = KEN_FRENCH_MISSING.filter((code) => !missingValues.includes(code));
      missingValues = [...missingValues, ...added];
      style.missingCodes = [...style.missingCodes, ...added.map(Number)];
    }
    const sampleShapes = new Set(detected.sampleKeys.map(keyShape));
    const known = new Map<string, boolean>();
    const wideColumn =
      detected.layout === 'wide' && options.valueColumn !== undefined
        ? { column: options.valueColumn, asset: isOhlcHeader(detected.header, detected.dateColumn) ? instrumentName(fileName) : options.valueColumn }
        : undefined;
    parser = new TableParser({
      fileName,
      delimiter: detected.delimiter,
      style,
      headerLine: detected.headerLine,
      dateColumn: detected.dateColumn,
      layout: detected.layout,
      ...(detected.tickerColumn !== undefined ? { tickerColumn: detected.tickerColumn } : {}),
      ...(detected.valueColumn !== undefined ? { valueColumn: detected.valueColumn } : {}),
      ...(wideColumn ? { wideColumn } : {}),
      section: options.section ?? 1,
      // Keys repeat (long files) or share the sample's shape; only other keys pay for the full check.
      isDateKey: (key) => {
        let verdict = known.get(key);
        if (verdict === undefined) {
          verdict = (key.length > 0 && sampleShapes.has(keyShape(key))) || looksLikeDate(key);
          if (known.size > 100_000) known.clear();
          known.set(key, verdict);
        }
        return verdict;
      },
    });
    for (const { line, lineNumber } of sample) parser.feed(line, lineNumber);
    sample.length = 0;
  };

  let lastReported = -1;
  const read = await readLines(
    path,
    fileName,
    encoding,
    (line, lineNumber) => {
      if (parser) {
        parser.feed(line, lineNumber);
        return;
      }
      sample.push({ line, lineNumber });
      sampleChars += line.length;
      if ((sample.length >= SAMPLE_LINES || sampleChars >= SAMPLE_CHARS) && lineNumber >= wantedHeader + 50) setup();
    },
    onProgress
      ? (fraction) => {
          const percent = Math.floor(fraction * 100);
          if (percent !== lastReported) {
            lastReported = percent;
            onProgress(fraction * 0.9, 'reading');
          }
        }
      : undefined,
  );
  if (!parser) setup();
  const table = (parser as unknown as TableParser).finish();
  return { read, structure: structure as unknown as Structure, table, missingValues };
}

/** A key's shape: digits as 0, letter runs as a (`Dec 30, 2024` → `a 00, 0000`). */
function keyShape(key: string): string {
  let shape = '';
  let inLetters = false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      shape += '0';
      inLetters = false;
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      if (!inLetters) shape += 'a';
      inLetters = true;
    } else {
      shape += key[i];
      inLetters = false;
    }
  }
  return shape;
}

function instrumentName(fileName: string): string {
  return fileName.replace(/\.gz$/i, '').replace(/\.(csv|txt|tsv)$/i, '');
}

function chooseDateFormat(
  fileName: string,
  table: TableResult,
  dateColumn: number,
  options: IngestOptions,
  pivot: number,
  ambiguities: Ambiguity[],
  tolerateAmbiguity: boolean,
): { format: DateFormat; reason: string } {
  const collector = table.collector;
  const keys = collector instanceof LongCollector ? collector.keys : [...new Set((collector as WideCollector).keys)];
  if (options.dateFormat) return { format: options.dateFormat, reason: 'given' };
  const inference = inferDateFormat(keys, pivot);
  if (inference.candidates.length === 0) {
    const bad = inference.firstBadKey ?? '';
    const line = lineOfKey(collector, bad);
    throw new IngestError(fileName, 'bad-date', `"${bad}" does not fit the date format of the rows before it`, { ...(line ? { line } : {}), column: table.header[dateColumn] || dateColumn + 1 });
  }
  const [format] = inference.candidates;
  if (isDayMonthAmbiguity(inference.candidates)) {
    const resolved = resolveByCalendar(keys, inference.candidates, pivot);
    if (resolved) return resolved;
    const message = `the dates fit both ${inference.candidates.join(' and ')} (no day above 12 in ${keys.length} dates, and both give an irregular calendar); choose the date format`;
    if (!tolerateAmbiguity) throw new IngestError(fileName, 'ambiguous-date-format', message);
    ambiguities.push({ setting: 'dateFormat', message, candidates: inference.candidates });
    return { format, reason: `undecided between ${inference.candidates.join(' and ')}; showing ${format}` };
  }
  return { format, reason: `every one of ${keys.length} dates reads as ${format}` };
}

function lineOfKey(collector: WideCollector | LongCollector, key: string): number | undefined {
  if (collector instanceof LongCollector) {
    const index = collector.keyIndex.get(key);
    if (index === undefined) return undefined;
    for (let i = 0; i < collector.count; i++) if (collector.dateOf[i] === index) return collector.lines[i];
    return undefined;
  }
  const row = collector.keys.indexOf(key);
  return row >= 0 ? collector.lines[row] : undefined;
}

/** Runs the whole pipeline. `tolerateAmbiguity` (preview) records undecidable settings instead of throwing. */
export async function parseFile(path: string, rawOptions: unknown, tolerateAmbiguity: boolean, onProgress?: ProgressCallback): Promise<ParsedFile> {
  const fileName = basename(path);
  const options = parseOptions(fileName, rawOptions);
  const encodings: Encoding[] = options.encoding ? [options.encoding] : ['utf-8', 'windows-1252'];
  let scanned: Scan | null = null;
  for (const encoding of encodings) {
    try {
      scanned = await scan(path, fileName, options, encoding, onProgress);
      break;
    } catch (error) {
      if (!(error instanceof NotUtf8Error)) throw error;
      if (options.encoding) throw new IngestError(fileName, 'unreadable', 'the file is not valid UTF-8; try the windows-1252 encoding');
    }
  }
  const { read, structure, table, missingValues } = scanned as Scan;
  onProgress?.(0.92, 'assembling');
  const ambiguities: Ambiguity[] = [];
  const pivot = options.twoDigitYearPivot ?? DEFAULT_PIVOT;
  const { format, reason } = chooseDateFormat(fileName, table, structure.dateColumn, options, pivot, ambiguities, tolerateAmbiguity);
  const duplicates = options.duplicates ?? 'last';
  const assembled = assemble(fileName, table.collector, format, pivot, duplicates);
  if (assembled.dates.length === 0) {
    const section = table.sections[table.selectedSection - 1];
    throw new IngestError(fileName, 'no-data', `no data rows in section ${section.index} "${section.title}"`, { line: section.headerLine });
  }
  if (assembled.assets.length === 0) throw new IngestError(fileName, 'no-value-column', 'no value columns besides the date', { line: structure.headerLine });
  const section = table.sections[table.selectedSection - 1];
  const guess = guessKind({
    layout: structure.layout,
    kenFrench: structure.kenFrench,
    sectionTitle: section.title,
    fredMd: table.transformCodes !== undefined,
    header: table.header,
    dateColumn: structure.dateColumn,
    ...(structure.valueColumn !== undefined ? { valueColumn: structure.valueColumn } : {}),
    assets: assembled.assets,
    keyFormatIsCompact: format === 'YYYYMM' || format === 'YYYYMMDD',
    values: assembled.values,
  });
  const kind = options.kind ?? guess.kind;
  let percent: boolean;
  let percentReason: string;
  if (options.percent !== undefined) [percent, percentReason] = [options.percent, 'given'];
  else if (structure.kenFrench && kind !== 'series') [percent, percentReason] = [true, 'Ken French files hold percent returns'];
  else if (kind === 'returns' && guess.percentLikely && !assembled.percentSigned.some(Boolean)) {
    [percent, percentReason] = [true, `median |value| is ${guess.medianAbs.toPrecision(3)}, too large for decimal returns`];
    ambiguities.push({ setting: 'percent', message: `values read as percent returns (${percentReason})`, candidates: ['percent', 'decimal'] });
  } else [percent, percentReason] = [false, assembled.percentSigned.some(Boolean) ? 'cells with a % sign are divided by 100 one by one' : 'values taken as they are'];
  if (percent) scalePercent(assembled);
  if (structure.layout === 'long' && options.valueColumn === undefined && structure.valueCandidates.length > 1) {
    ambiguities.push({
      setting: 'valueColumn',
      message: `values taken from "${structure.valueColumn}"; the file also has ${structure.valueCandidates.filter((name) => name !== structure.valueColumn).join(', ')}`,
      candidates: structure.valueCandidates,
    });
  }
  if (isTwoDigitYear(format) && options.twoDigitYearPivot === undefined) {
    ambiguities.push({ setting: 'twoDigitYearPivot', message: `two-digit years: 00–${pivot - 1} read as 20YY, ${pivot}–99 as 19YY`, candidates: [String(pivot)] });
  }
  return {
    fileName,
    options,
    read,
    structure,
    table,
    dateFormat: format,
    dateFormatReason: reason,
    pivot,
    assembled,
    kind,
    guess,
    percent,
    percentReason,
    missingValues,
    duplicates,
    missing: options.missing ?? { policy: 'leave' },
    ambiguities,
  };
}

/** Divides by 100 every column whose cells did not carry their own `%` sign. */
function scalePercent(assembled: Assembled): void {
  const n = assembled.assets.length;
  const values = assembled.values;
  for (let j = 0; j < n; j++) {
    if (assembled.percentSigned[j]) continue;
    for (let i = j; i < values.length; i += n) values[i] /= 100;
  }
}

