/**
 * Collected rows → ascending dated panel: converts keys to ISO dates under the chosen format, sorts
 * (descending and unsorted files come out ascending), applies the duplicate-date policy, and pivots
 * long observations to wide.
 */
import type { DateFormat } from '../../shared/domain/ingest-report';
import { LongCollector, type WideCollector } from './collectors';
import { toIsoDate } from './date-formats';
import { IngestError } from './ingest-error';

export type DuplicatePolicy = 'error' | 'first' | 'last';

export interface Assembled {
  dates: string[];
  assets: string[];
  /** T × N row-major. */
  values: Float64Array;
  order: 'ascending' | 'descending' | 'unsorted';
  duplicateCount: number;
  duplicateDates: string[];
  /** Lines dropped as duplicates, for the report. */
  duplicateLines: number[];
  /** Per asset: some cell carried a `%` sign. */
  percentSigned: boolean[];
}

const DUPLICATE_LIST_CAP = 100;

function isoKeys(fileName: string, keys: readonly string[], lineOf: (index: number) => number, format: DateFormat, pivot: number): string[] {
  const iso = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const date = toIsoDate(keys[i], format, pivot);
    if (date === null) throw new IngestError(fileName, 'bad-date', `"${keys[i]}" is not a valid ${format} date`, { line: lineOf(i) });
    iso[i] = date;
  }
  return iso;
}

function orderOf(iso: readonly string[]): Assembled['order'] {
  let up = true;
  let down = true;
  for (let i = 1; i < iso.length && (up || down); i++) {
    if (iso[i] < iso[i - 1]) up = false;
    if (iso[i] > iso[i - 1]) down = false;
  }
  return up ? 'ascending' : down ? 'descending' : 'unsorted';
}

export function assemble(fileName: string, collector: WideCollector | LongCollector, format: DateFormat, pivot: number, policy: DuplicatePolicy): Assembled {
  return collector instanceof LongCollector ? assembleLong(fileName, collector, format, pivot, policy) : assembleWide(fileName, collector, format, pivot, policy);
}

function assembleWide(fileName: string, collector: WideCollector, format: DateFormat, pivot: number, policy: DuplicatePolicy): Assembled {
  const rows = collector.rows;
  const iso = isoKeys(fileName, collector.keys, (i) => collector.lines[i], format, pivot);
  const order = orderOf(iso);
  const index = Array.from({ length: rows }, (_, i) => i);
  if (order === 'descending') index.reverse();
  else if (order === 'unsorted') index.sort((a, b) => (iso[a] < iso[b] ? -1 : iso[a] > iso[b] ? 1 : a - b));
  // Within a run of equal dates `index` is in file order (stable), so first/last are well defined.
  const kept: number[] = [];
  const duplicateDates: string[] = [];
  const duplicateLines: number[] = [];
  let duplicateCount = 0;
  for (let k = 0; k < rows; ) {
    let end = k + 1;
    while (end < rows && iso[index[end]] === iso[index[k]]) end++;
    if (end - k > 1) {
      const lines = index.slice(k, end).map((row) => collector.lines[row]).sort((a, b) => a - b);
      if (policy === 'error') {
        throw new IngestError(fileName, 'duplicate-date', `${iso[index[k]]} appears on ${end - k} rows (lines ${lines.join(', ')}); choose the duplicates policy first or last`, { line: lines[1] });
      }
      duplicateCount += end - k - 1;
      if (duplicateDates.length < DUPLICATE_LIST_CAP) duplicateDates.push(iso[index[k]]);
      const byLine = index.slice(k, end).sort((a, b) => collector.lines[a] - collector.lines[b]);
      const keep = policy === 'first' ? byLine[0] : byLine[byLine.length - 1];
      for (const row of byLine) if (row !== keep) duplicateLines.push(collector.lines[row]);
      kept.push(keep);
    } else kept.push(index[k]);
    k = end;
  }
  const width = collector.width;
  const keepColumn: number[] = [];
  for (let c = 0; c < width; c++) if (collector.hasData[c] || !/^column \d+$/.test(collector.names[c])) keepColumn.push(c);
  const values = new Float64Array(kept.length * keepColumn.length);
  const source = collector.values;
  for (let t = 0; t < kept.length; t++) {
    const from = kept[t] * width;
    const to = t * keepColumn.length;
    if (keepColumn.length === width) values.set(source.subarray(from, from + width), to);
    else for (let j = 0; j < keepColumn.length; j++) values[to + j] = source[from + keepColumn[j]];
  }
  return {
    dates: kept.map((row) => iso[row]),
    assets: keepColumn.map((c) => collector.names[c]),
    values,
    order,
    duplicateCount,
    duplicateDates,
    duplicateLines,
    percentSigned: keepColumn.map((c) => collector.percentSigned[c] === 1),
  };
}

function assembleLong(fileName: string, collector: LongCollector, format: DateFormat, pivot: number, policy: DuplicatePolicy): Assembled {
  const firstLineOfKey = new Int32Array(collector.keys.length);
  for (let i = collector.count - 1; i >= 0; i--) firstLineOfKey[collector.dateOf[i]] = collector.lines[i];
  const iso = isoKeys(fileName, collector.keys, (i) => firstLineOfKey[i], format, pivot);
  const order = orderOf(iso);
  const dates = [...new Set(iso)].sort();
  const rowOfDate = new Map(dates.map((date, t) => [date, t]));
  const rowOfKey = Int32Array.from(iso, (date) => rowOfDate.get(date) as number);
  const assetOrder = collector.assets.map((_, a) => a).sort((a, b) => (collector.assets[a] < collector.assets[b] ? -1 : collector.assets[a] > collector.assets[b] ? 1 : 0));
  const columnOf = new Int32Array(collector.assets.length);
  assetOrder.forEach((a, j) => (columnOf[a] = j));
  const n = collector.assets.length;
  const values = new Float64Array(dates.length * n).fill(Number.NaN);
  const seenLine = new Int32Array(dates.length * n);
  const duplicateDates = new Set<string>();
  const duplicateLines: number[] = [];
  let duplicateCount = 0;
  for (let i = 0; i < collector.count; i++) {
    const cell = rowOfKey[collector.dateOf[i]] * n + columnOf[collector.assetOf[i]];
    const line = collector.lines[i];
    if (seenLine[cell] !== 0) {
      const date = dates[rowOfKey[collector.dateOf[i]]];
      const asset = collector.assets[collector.assetOf[i]];
      if (policy === 'error') {
        throw new IngestError(fileName, 'duplicate-date', `${asset} has two rows for ${date} (lines ${seenLine[cell]} and ${line}); choose the duplicates policy first or last`, { line });
      }
      duplicateCount++;
      if (duplicateDates.size < DUPLICATE_LIST_CAP) duplicateDates.add(date);
      const laterWins = policy === 'last' ? line > seenLine[cell] : line < seenLine[cell];
      duplicateLines.push(laterWins ? seenLine[cell] : line);
      if (!laterWins) continue;
    }
    seenLine[cell] = line;
    values[cell] = collector.values[i];
  }
  return {
    dates,
    assets: assetOrder.map((a) => collector.assets[a]),
    values,
    order,
    duplicateCount,
    duplicateDates: [...duplicateDates],
    duplicateLines,
    percentSigned: assetOrder.map(() => collector.percentSigned),
  };
}
