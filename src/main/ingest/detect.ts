/**
 * Detection on the first lines of a file: delimiter, decimal mark, header row, date column, and
 * wide or long layout. Every choice comes with a reason; options given by the user win.
 */
import type { IngestOptions } from '../../shared/domain/ingest-report';
import { countFields, isBlankLine, splitFields } from './csv-fields';
import { cleanKey, looksLikeDate } from './date-formats';
import { IngestError } from './ingest-error';
import { type NumberStyle, parseLenient } from './number-parse';

export interface SampleLine {
  line: string;
  lineNumber: number;
}

export interface Structure {
  delimiter: ',' | ';' | '\t' | '|';
  decimal: '.' | ',';
  headerLine: number;
  header: string[];
  dateColumn: number;
  layout: 'wide' | 'long';
  tickerColumn?: string;
  valueColumn?: string;
  /** Numeric columns a long file could take its value from. */
  valueCandidates: string[];
  /** Ken French layout: empty first header cell and YYYYMM / YYYYMMDD / YYYY keys. */
  kenFrench: boolean;
  /** Sample keys of the first section (clean). */
  sampleKeys: string[];
  reasons: Record<string, string>;
}

const DELIMITER_ORDER = [',', ';', '\t', '|'] as const;
const DATE_NAMES = /^(date|dates|time|timestamp|datetime|period|day|month|year|observation_date|caldt|sasdate|yyyymm|yyyymmdd|friday_of_week)$/i;
export const TRANSFORM_ROW = /^transform:?$/i;
const VALUE_PREFERENCE = ['close', 'adj close', 'adj_close', 'adjusted_close', 'adjclose', 'value', 'price'];
const SHOWN = (delimiter: string): string => (delimiter === '\t' ? 'tab' : `"${delimiter}"`);

function chooseDelimiter(lines: SampleLine[], given: IngestOptions['delimiter']): { delimiter: Structure['delimiter']; reason: string } {
  if (given) return { delimiter: given, reason: 'given' };
  let best: { delimiter: Structure['delimiter']; score: number; fields: number } = { delimiter: ',', score: -1, fields: 1 };
  for (const delimiter of DELIMITER_ORDER) {
    const counts = new Map<number, number>();
    for (const { line } of lines) {
      if (line.indexOf(delimiter) < 0) continue;
      const n = countFields(line, delimiter);
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    let modal = 1;
    let lineCount = 0;
    for (const [fields, count] of counts) if (fields > 1 && (count > lineCount || (count === lineCount && fields > modal))) [modal, lineCount] = [fields, count];
    if (lineCount > best.score) best = { delimiter, score: lineCount, fields: modal };
  }
  return { delimiter: best.delimiter, reason: `${best.score} of the first ${lines.length} lines split into ${best.fields} fields on ${SHOWN(best.delimiter)}` };
}

function chooseDecimal(lines: SampleLine[], delimiter: string, given: IngestOptions['decimal']): { decimal: '.' | ','; reason: string } {
  if (given) return { decimal: given, reason: 'given' };
  let comma = 0;
  let dot = 0;
  for (const { line } of lines.slice(0, 200)) {
    for (const raw of splitFields(line, delimiter)) {
      const cell = raw.trim();
      if (/^[-+]?\d{1,3}(?:[. ]\d{3})*,\d+$/.test(cell) || /^[-+]?\d+,\d+$/.test(cell)) comma++;
      else if (/^[-+]?\d*\.\d+$/.test(cell)) dot++;
    }
  }
  if (comma > dot) return { decimal: ',', reason: `${comma} cells like "1,5" against ${dot} like "1.5"` };
  return { decimal: '.', reason: comma === 0 ? 'no decimal commas seen' : `${dot} cells like "1.5" against ${comma} like "1,5"` };
}

/** Index of the date column given as a name or 1-based position in a header row, or -1. */
function resolveDateColumn(header: string[], given: IngestOptions['dateColumn']): number {
  if (typeof given === 'number') return given - 1;
  if (typeof given === 'string') return header.findIndex((cell) => cleanKey(cell).toLowerCase() === given.toLowerCase());
  return -1;
}

export function detectStructure(fileName: string, sample: SampleLine[], options: IngestOptions, style: Omit<NumberStyle, 'decimal'>): Structure {
  const nonBlank = sample.filter(({ line }) => line.trim() !== '');
  if (nonBlank.length === 0) throw new IngestError(fileName, 'empty-file', 'the file is empty');
  const reasons: Record<string, string> = {};
  const { delimiter, reason } = chooseDelimiter(nonBlank, options.delimiter);
  reasons.delimiter = reason;
  const lines = sample.filter(({ line }) => !isBlankLine(line, delimiter));
  if (lines.length === 0) throw new IngestError(fileName, 'empty-file', 'the file holds only empty lines');
  const fields = lines.map(({ line }) => splitFields(line, delimiter));

  let headerAt = -1;
  let dateColumn = 0;
  if (options.headerLine !== undefined) {
    headerAt = lines.findIndex(({ lineNumber }) => lineNumber === options.headerLine);
    if (headerAt < 0) throw new IngestError(fileName, 'no-header', `line ${options.headerLine} (the header line given) is empty or beyond the first lines read`);
    if (options.dateColumn !== undefined) dateColumn = resolveDateColumn(fields[headerAt], options.dateColumn);
  } else {
    const isData = (i: number, column: number): boolean => looksLikeDate(cleanKey(fields[i][column] ?? ''));
    const findHeader = (column: number): number => {
      for (let i = 0; i + 1 < lines.length; i++) {
        if (!isData(i, column) && isData(i + 1, column) && fields[i].length > 1) {
          // FRED-MD: the header is followed by a `Transform:` row of codes before the data.
          return i > 0 && TRANSFORM_ROW.test(cleanKey(fields[i][column] ?? '')) ? i - 1 : i;
        }
      }
      return -1;
    };
    if (options.dateColumn !== undefined) {
      for (let i = 0; i < lines.length && headerAt < 0; i++) {
        const column = resolveDateColumn(fields[i], options.dateColumn);
        if (column >= 0 && i + 1 < lines.length && isData(i + 1, column)) [headerAt, dateColumn] = [i, column];
      }
    } else {
      headerAt = findHeader(0);
      if (headerAt < 0) {
        for (let i = 0; i < lines.length && headerAt < 0; i++) {
          const column = fields[i].findIndex((cell) => DATE_NAMES.test(cleanKey(cell)));
          if (column > 0) {
            const at = findHeader(column);
            if (at >= 0) [headerAt, dateColumn] = [at, column];
          }
        }
      }
    }
    if (headerAt < 0) throw noHeaderError(fileName, lines, fields, options);
  }
  if (dateColumn < 0) throw new IngestError(fileName, 'no-date-column', `no column "${options.dateColumn}" in the header`, { line: lines[headerAt].lineNumber });
  const header = fields[headerAt].map((cell) => cell.trim());
  reasons.headerLine = options.headerLine !== undefined ? 'given' : headerAt === 0 ? 'first line' : `first line followed by a dated row (${headerAt} line(s) of preamble before it)`;
  reasons.dateColumn = options.dateColumn !== undefined ? 'given' : dateColumn === 0 ? 'first column holds dates' : `column named "${header[dateColumn]}" holds dates`;

  const dataRows: string[][] = [];
  for (let i = headerAt + 1; i < lines.length && dataRows.length < 200; i++) {
    const key = cleanKey(fields[i][dateColumn] ?? '');
    if (looksLikeDate(key)) dataRows.push(fields[i]);
    else if (dataRows.length > 0 && !TRANSFORM_ROW.test(key)) break;
  }
  if (dataRows.length === 0) {
    throw new IngestError(fileName, 'header-only', 'the file has a header but no data rows', { line: lines[headerAt].lineNumber });
  }
  const sampleLines = lines.slice(headerAt + 1).map(({ line }) => line);
  const { decimal, reason: decimalReason } = chooseDecimal(
    sampleLines.map((line, i) => ({ line, lineNumber: i })),
    delimiter,
    options.decimal,
  );
  reasons.decimal = decimalReason;
  const numberStyle: NumberStyle = { ...style, decimal, thousands: options.thousands ?? (decimal === '.' ? ',' : '.') };
  const sampleKeys = dataRows.map((row) => cleanKey(row[dateColumn]));
  const kenFrench = header[dateColumn] === '' && sampleKeys.every((key) => /^\d{4}(\d{2}){0,2}$/.test(key));

  const layout = chooseLayout(fileName, header, dataRows, dateColumn, numberStyle, options, reasons);
  return { delimiter, decimal, headerLine: lines[headerAt].lineNumber, header, dateColumn, kenFrench, sampleKeys, reasons, ...layout };
}

function noHeaderError(fileName: string, lines: SampleLine[], fields: string[][], options: IngestOptions): IngestError {
  if (lines.length === 1) return new IngestError(fileName, 'header-only', 'the file has a header but no data rows', { line: lines[0].lineNumber });
  const firstKey = cleanKey(fields[0][0] ?? '');
  if (looksLikeDate(firstKey)) {
    return new IngestError(fileName, 'no-header', 'the first line is already data: a header row with column names is needed', { line: lines[0].lineNumber });
  }
  if (fields.every((row) => row.length < 2)) {
    return new IngestError(fileName, 'no-date-column', 'no delimited columns found (expected a date column and value columns)', { line: lines[0].lineNumber });
  }
  const column = options.dateColumn !== undefined ? `"${options.dateColumn}"` : `"${fields[0][0]?.trim() ?? ''}"`;
  const example = fields[1]?.[0]?.trim() ?? '';
  return new IngestError(
    fileName,
    'no-date-column',
    `no date column: column ${column} holds no dates${example ? ` (e.g. "${example.slice(0, 30)}")` : ''}; give the date column or the header line`,
    { line: lines[1]?.lineNumber ?? lines[0].lineNumber, column: options.dateColumn ?? 1 },
  );
}

function chooseLayout(
  fileName: string,
  header: string[],
  rows: string[][],
  dateColumn: number,
  style: NumberStyle,
  options: IngestOptions,
  reasons: Record<string, string>,
): Pick<Structure, 'layout' | 'tickerColumn' | 'valueColumn' | 'valueCandidates'> {
  const textColumns: number[] = [];
  const numericColumns: number[] = [];
  for (let column = 0; column < header.length; column++) {
    if (column === dateColumn) continue;
    let text = 0;
    let filled = 0;
    for (const row of rows) {
      const cell = row[column] ?? '';
      if (cell.trim() === '') continue;
      filled++;
      if (parseLenient(cell, style) === undefined) text++;
    }
    if (filled > 0 && text >= 0.9 * filled) textColumns.push(column);
    else if (filled > 0) numericColumns.push(column);
  }
  const valueCandidates = numericColumns.map((column) => header[column]);
  const byName = (name: string): number => header.findIndex((cell) => cell.toLowerCase() === name.toLowerCase());
  const wantLong = options.layout === 'long' || options.tickerColumn !== undefined || (options.layout === undefined && textColumns.length > 0);
  if (!wantLong) {
    reasons.layout = options.layout ? 'given' : 'no text column besides the date: one column per asset';
    return { layout: 'wide', valueCandidates };
  }
  let ticker = options.tickerColumn !== undefined ? byName(options.tickerColumn) : textColumns[0] ?? -1;
  if (options.tickerColumn === undefined && textColumns.length > 1) {
    const named = textColumns.find((column) => /^(ticker|symbol|name|asset|id|permno|code|series)$/i.test(header[column]));
    if (named !== undefined) ticker = named;
  }
  if (ticker < 0) {
    throw new IngestError(fileName, 'unknown-column', options.tickerColumn !== undefined ? `no column named "${options.tickerColumn}"` : 'a long layout needs a column naming the asset');
  }
  let value = -1;
  if (options.valueColumn !== undefined) {
    value = byName(options.valueColumn);
    if (value < 0) throw new IngestError(fileName, 'unknown-column', `no column named "${options.valueColumn}" (columns: ${header.join(', ')})`);
    reasons.valueColumn = 'given';
  } else {
    for (const name of VALUE_PREFERENCE) {
      value = byName(name);
      if (value >= 0 && numericColumns.includes(value)) {
        reasons.valueColumn = `the "${header[value]}" column`;
        break;
      }
      value = -1;
    }
    if (value < 0) {
      value = numericColumns.find((column) => !/volume/i.test(header[column])) ?? -1;
      if (value >= 0) reasons.valueColumn = `first numeric column of ${valueCandidates.length}`;
    }
  }
  if (value < 0) throw new IngestError(fileName, 'no-value-column', `no numeric column to take values from (columns: ${header.join(', ')})`);
  reasons.layout = options.layout ? 'given' : `text column "${header[ticker]}" names the asset of each row`;
  reasons.tickerColumn = options.tickerColumn !== undefined ? 'given' : reasons.layout;
  return { layout: 'long', tickerColumn: header[ticker], valueColumn: header[value], valueCandidates };
}
