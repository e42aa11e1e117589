/**
 * The streaming state machine over logical lines once the dialect and the first header are known:
 * tells data rows from blank, text, title and header lines, splits the file into sections (Ken
 * French files hold several), and feeds the selected section's rows to a collector.
 */
import type { DroppedRow, SectionInfo } from '../../shared/domain/ingest-report';
import { LongCollector, WideCollector } from './collectors';
import { countFields, isBlankLine, splitFields } from './csv-fields';
import { cleanKey } from './date-formats';
import { IngestError } from './ingest-error';
import { type NumberStyle, lastCellHadPercent, parseCell } from './number-parse';
import { columnNames } from './column-names';
import { TRANSFORM_ROW } from './detect';

export interface TableConfig {
  fileName: string;
  delimiter: string;
  style: NumberStyle;
  /** Line number of the first section's header. */
  headerLine: number;
  /** Index of the date field. */
  dateColumn: number;
  layout: 'wide' | 'long';
  /** Long layout: names of the asset and value columns. */
  tickerColumn?: string;
  valueColumn?: string;
  /** Wide layout with one chosen column: its name, and the asset name to give it. */
  wideColumn?: { column: string; asset: string };
  /** Selected section: 1-based index or a title fragment. */
  section: number | string;
  /** Whether a clean key cell is a date key (cheap checks first). */
  isDateKey: (key: string) => boolean;
}

const DROPPED_LIST_CAP = 200;

const CORPORATE_ACTION = /\b(dividends?|stock splits?|splits?|capital gains?)\b/i;

interface HeldLine {
  line: string;
  lineNumber: number;
  fields: string[];
}

interface OpenSection extends SectionInfo {
  selected: boolean;
}

export interface TableResult {
  sections: SectionInfo[];
  selectedSection: number;
  collector: WideCollector | LongCollector;
  dropped: DroppedRow[];
  droppedCount: number;
  droppedByReason: Record<string, number>;
  linesRead: number;
  rowsRead: number;
  transformCodes?: number[];
  /** Header cells of the selected section. */
  header: string[];
}

export class TableParser {
  private readonly sections: OpenSection[] = [];
  private current: OpenSection | null = null;
  private collector: WideCollector | LongCollector | null = null;
  private header: string[] = [];
  private fieldCount = 0;
  private held: HeldLine | null = null;
  /** Consecutive non-blank, non-data lines just before the current position (titles, split headers). */
  private recent: string[][] = [];
  private readonly dropped: DroppedRow[] = [];
  private droppedCount = 0;
  private readonly droppedByReason: Record<string, number> = {};
  private linesRead = 0;
  private rowsRead = 0;
  private afterHeader = false;
  private transformCodes: number[] | undefined;
  /** Long layout: field indices of asset and value. */
  private tickerField = -1;
  private valueField = -1;

  constructor(private readonly config: TableConfig) {}

  /** Feeds one logical line. */
  feed(line: string, lineNumber: number): void {
    this.linesRead++;
    const { delimiter } = this.config;
    if (lineNumber < this.config.headerLine) {
      this.count('preamble');
      if (isBlankLine(line, delimiter)) this.recent = [];
      else this.recent.push(splitFields(line, delimiter));
      return;
    }
    if (lineNumber === this.config.headerLine) {
      this.startSection(splitFields(line, delimiter), lineNumber);
      return;
    }
    if (isBlankLine(line, delimiter)) {
      this.releaseHeld();
      this.recent = [];
      this.drop(lineNumber, 'blank line', line);
      return;
    }
    const key = this.keyOf(line);
    if (this.config.isDateKey(key)) {
      if (this.held) {
        const held = this.held;
        this.held = null;
        if (held.fields.length === countFields(line, delimiter) && held.fields.some((cell, i) => i !== this.config.dateColumn && cell.trim() !== '')) {
          this.startSection(held.fields, held.lineNumber);
        } else {
          this.dropText(held);
        }
      }
      this.recent = [];
      this.afterHeader = false;
      this.dataRow(line, lineNumber, key);
      return;
    }
    if (this.afterHeader && TRANSFORM_ROW.test(key)) {
      this.transformCodes = splitFields(line, delimiter).map((cell) => Number(cell.trim()));
      this.count('transformation codes');
      return;
    }
    this.releaseHeld();
    this.held = { line, lineNumber, fields: splitFields(line, delimiter) };
  }

  finish(): TableResult {
    this.releaseHeld();
    const selected = this.sections.find((section) => section.selected);
    if (!selected || !this.collector) {
      const list = this.sections.map((section) => `${section.index} "${section.title}"`).join(', ');
      throw new IngestError(this.config.fileName, 'unknown-section', `no section matches "${this.config.section}"; the file has ${list}`);
    }
    const result: TableResult = {
      sections: this.sections.map(({ selected: _selected, ...info }) => info),
      selectedSection: selected.index,
      collector: this.collector,
      dropped: this.dropped,
      droppedCount: this.droppedCount,
      droppedByReason: this.droppedByReason,
      linesRead: this.linesRead,
      rowsRead: this.rowsRead,
      header: this.header,
    };
    if (this.transformCodes && this.collector instanceof WideCollector) {
      const codes = new Array<number>(this.collector.width).fill(Number.NaN);
      this.collector.targets.forEach((target, field) => {
        if (target >= 0) codes[target] = this.transformCodes?.[field] ?? Number.NaN;
      });
      result.transformCodes = codes;
    }
    return result;
  }

  private keyOf(line: string): string {
    const { delimiter, dateColumn } = this.config;
    if (dateColumn === 0 && line.indexOf('"') < 0) {
      const end = line.indexOf(delimiter);
      return cleanKey(end < 0 ? line : line.slice(0, end));
    }
    return cleanKey(splitFields(line, delimiter)[dateColumn] ?? '');
  }

  private count(reason: string): void {
    this.droppedByReason[reason] = (this.droppedByReason[reason] ?? 0) + 1;
  }

  private drop(line: number, reason: string, text: string): void {
    this.count(reason);
    this.droppedCount++;
    if (this.dropped.length < DROPPED_LIST_CAP) this.dropped.push({ line, reason, text: text.length > 120 ? text.slice(0, 117) + '...' : text });
  }

  private dropText(held: HeldLine): void {
    this.recent.push(held.fields);
    this.drop(held.lineNumber, 'text line, not data', held.line);
  }

  private releaseHeld(): void {
    if (this.held) {
      this.dropText(this.held);
      this.held = null;
    }
  }

  private startSection(fields: string[], lineNumber: number): void {
    const titleLine = [...this.recent].reverse().find((cells) => cells.filter((cell) => cell.trim() !== '').length === 1);
    const index = this.sections.length + 1;
    const title = titleLine ? (titleLine.find((cell) => cell.trim() !== '') as string).trim() : `Section ${index}`;
    const wanted = this.config.section;
    const selected =
      !this.sections.some((section) => section.selected) &&
      (typeof wanted === 'number' ? index === wanted : title.toLowerCase().includes(wanted.toLowerCase()));
    const section: OpenSection = { index, title, headerLine: lineNumber, rows: 0, firstKey: '', lastKey: '', selected };
    this.sections.push(section);
    this.current = section;
    this.afterHeader = true;
    if (index > 1) this.count('section header');
    if (selected) this.openCollector(fields, lineNumber);
    this.recent = [];
  }

  private openCollector(fields: string[], lineNumber: number): void {
    const { config } = this;
    this.fieldCount = fields.length;
    this.header = fields.map((cell) => cell.trim());
    const stacked = this.recent.filter((cells) => cells.length === fields.length);
    if (config.layout === 'long') {
      const find = (name: string): number => this.header.findIndex((cell) => cell.toLowerCase() === name.toLowerCase());
      this.tickerField = find(config.tickerColumn as string);
      this.valueField = find(config.valueColumn as string);
      if (this.tickerField < 0 || this.valueField < 0) {
        const missing = this.tickerField < 0 ? config.tickerColumn : config.valueColumn;
        throw new IngestError(config.fileName, 'unknown-column', `no column named "${missing}" in the header (${this.header.join(', ')})`, { line: lineNumber });
      }
      this.collector = new LongCollector(this.header[this.valueField], this.header[this.tickerField], lineNumber);
      return;
    }
    const names = columnNames(fields, stacked, config.dateColumn);
    const targets = new Int32Array(fields.length).fill(-1);
    const kept: string[] = [];
    if (config.wideColumn) {
      const wanted = config.wideColumn.column.toLowerCase();
      const field = this.header.findIndex((cell, i) => i !== config.dateColumn && cell.toLowerCase() === wanted);
      if (field < 0) {
        throw new IngestError(config.fileName, 'unknown-column', `no column named "${config.wideColumn.column}" in the header (${this.header.join(', ')})`, { line: lineNumber });
      }
      targets[field] = 0;
      kept.push(config.wideColumn.asset);
    } else {
      for (let field = 0; field < fields.length; field++) {
        if (field === config.dateColumn) continue;
        targets[field] = kept.length;
        kept.push(names[field]);
      }
    }
    this.collector = new WideCollector(kept, targets, fields.length, lineNumber);
  }

  private dataRow(line: string, lineNumber: number, key: string): void {
    const section = this.current as OpenSection;
    section.rows++;
    if (section.firstKey === '') section.firstKey = key;
    section.lastKey = key;
    if (!section.selected) {
      this.count('other section');
      return;
    }
    this.rowsRead++;
    if (this.collector instanceof WideCollector) this.wideRow(this.collector, line, lineNumber, key);
    else this.longRow(this.collector as LongCollector, line, lineNumber, key);
  }

  private columnLabel(field: number): string | number {
    return this.header[field] !== undefined && this.header[field] !== '' ? this.header[field] : field + 1;
  }

  private fieldCountError(lineNumber: number, found: number): never {
    throw new IngestError(this.config.fileName, 'column-count', `${found} fields where the header (line ${(this.current as OpenSection).headerLine}) has ${this.fieldCount}`, { line: lineNumber });
  }

  /** A cell that is not a number: a corporate-action row is dropped, anything else stops the import. */
  private badCell(line: string, lineNumber: number, field: number, text: string): 'dropped' {
    const action = CORPORATE_ACTION.exec(line);
    if (action) {
      this.drop(lineNumber, `corporate action row (${action[1].toLowerCase()})`, line);
      return 'dropped';
    }
    const shown = text.trim().length > 40 ? text.trim().slice(0, 37) + '...' : text.trim();
    throw new IngestError(this.config.fileName, 'non-numeric', `"${shown}" is not a number`, { line: lineNumber, column: this.columnLabel(field) });
  }

  private wideRow(collector: WideCollector, line: string, lineNumber: number, key: string): void {
    const { delimiter, style } = this.config;
    const targets = collector.targets;
    const offset = collector.openRow();
    const values = collector.values;
    const expected = this.fieldCount;
    if (line.indexOf('"') >= 0) {
      const fields = splitFields(line, delimiter);
      this.checkCount(fields, lineNumber);
      for (let field = 0; field < fields.length && field < expected; field++) {
        const target = targets[field];
        if (target < 0) continue;
        const text = fields[field];
        const value = parseCell(text, 0, text.length, style);
        if (value === undefined) {
          this.badCell(line, lineNumber, field, text);
          return;
        }
        if (value === value) collector.hasData[target] = 1;
        if (lastCellHadPercent) collector.percentSigned[target] = 1;
        values[offset + target] = value;
      }
      collector.commit(key, lineNumber);
      return;
    }
    let start = 0;
    let field = 0;
    const length = line.length;
    for (;;) {
      let end = line.indexOf(delimiter, start);
      if (end < 0) end = length;
      if (field < expected) {
        const target = targets[field];
        if (target >= 0) {
          const value = parseCell(line, start, end, style);
          if (value === undefined) {
            this.badCell(line, lineNumber, field, line.slice(start, end));
            return;
          }
          if (value === value) collector.hasData[target] = 1;
          if (lastCellHadPercent) collector.percentSigned[target] = 1;
          values[offset + target] = value;
        }
      } else if (end > start && line.slice(start, end).trim() !== '') {
        this.fieldCountError(lineNumber, countFields(line, delimiter));
      }
      field++;
      if (end === length) break;
      start = end + 1;
    }
    if (field < expected) this.fieldCountError(lineNumber, field);
    collector.commit(key, lineNumber);
  }

  private checkCount(fields: string[], lineNumber: number): void {
    if (fields.length < this.fieldCount) this.fieldCountError(lineNumber, fields.length);
    for (let i = this.fieldCount; i < fields.length; i++) if (fields[i].trim() !== '') this.fieldCountError(lineNumber, fields.length);
  }

  private longRow(collector: LongCollector, line: string, lineNumber: number, key: string): void {
    const { delimiter, style } = this.config;
    let asset = '';
    let value: number | undefined;
    let valueText = '';
    if (line.indexOf('"') >= 0) {
      const fields = splitFields(line, delimiter);
      this.checkCount(fields, lineNumber);
      asset = cleanKey(fields[this.tickerField]);
      valueText = fields[this.valueField];
      value = parseCell(valueText, 0, valueText.length, style);
    } else {
      let start = 0;
      let field = 0;
      const length = line.length;
      for (;;) {
        let end = line.indexOf(delimiter, start);
        if (end < 0) end = length;
        if (field === this.tickerField) asset = cleanKey(line.slice(start, end));
        else if (field === this.valueField) {
          value = parseCell(line, start, end, style);
          if (value === undefined) valueText = line.slice(start, end);
        } else if (field >= this.fieldCount && end > start && line.slice(start, end).trim() !== '') {
          this.fieldCountError(lineNumber, countFields(line, delimiter));
        }
        field++;
        if (end === length) break;
        start = end + 1;
      }
      if (field < this.fieldCount) this.fieldCountError(lineNumber, field);
    }
    if (value === undefined) {
      this.badCell(line, lineNumber, this.valueField, valueText);
      return;
    }
    if (lastCellHadPercent) collector.percentSigned = true;
    if (asset === '') {
      this.drop(lineNumber, `no ${this.header[this.tickerField] || 'asset'} name`, line);
      return;
    }
    collector.add(key, asset, value, lineNumber);
  }
}
