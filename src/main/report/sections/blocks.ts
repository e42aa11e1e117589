/**
 * The report's building blocks — headings, key–value tables, data tables, figures — so every
 * section looks the same: one type scale, one table layout, numbers right-aligned.
 */
import { MONOSPACE, type Content } from '../pdf-document';

export const COLORS = {
  ink: '#1f2933',
  muted: '#616e7c',
  rule: '#cbd2d9',
  headerFill: '#eef1f4',
  zebra: '#f8f9fa',
  accent: '#1d3f66',
  warning: '#9a3412',
  note: '#475569',
};

/** Page text width in pt: A4 (595.28) minus 50 pt margins each side. */
export const TEXT_WIDTH = 495;

export const STYLES: Record<string, Record<string, unknown>> = {
  h1: { fontSize: 16, bold: true, color: COLORS.accent, margin: [0, 0, 0, 10] },
  h2: { fontSize: 12.5, bold: true, color: COLORS.accent, margin: [0, 14, 0, 6] },
  h3: { fontSize: 10.5, bold: true, color: COLORS.ink, margin: [0, 10, 0, 4] },
  body: { margin: [0, 0, 0, 6] },
  small: { fontSize: 8, color: COLORS.muted },
  caption: { fontSize: 8, italics: true, color: COLORS.muted, margin: [0, 2, 0, 10] },
  tableHeader: { bold: true, fontSize: 8.5, color: COLORS.ink },
  table: { fontSize: 8.5, margin: [0, 2, 0, 10] },
  mono: { font: MONOSPACE, fontSize: 7.5 },
};

const TABLE_LAYOUT = {
  hLineWidth: (row: number, node: { table: { body: unknown[]; headerRows?: number } }) => (row === 0 || row === node.table.body.length || row === (node.table.headerRows ?? 0) ? 0.8 : 0.3),
  vLineWidth: () => 0,
  hLineColor: (row: number, node: { table: { body: unknown[]; headerRows?: number } }) => (row === 0 || row === node.table.body.length || row === (node.table.headerRows ?? 0) ? COLORS.ink : COLORS.rule),
  fillColor: (row: number, node: { table: { headerRows?: number } }) => (row < (node.table.headerRows ?? 0) ? COLORS.headerFill : row % 2 === 0 ? COLORS.zebra : null),
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
};

/** A numbered section heading, listed in the contents and the PDF outline. */
export function heading(text: string, level: 1 | 2 | 3, options: { pageBreak?: boolean } = {}): Content {
  return {
    text,
    style: `h${level}`,
    ...(level < 3 ? { tocItem: true, tocStyle: level === 1 ? { bold: true } : {}, tocMargin: level === 1 ? [0, 4, 0, 0] : [14, 0, 0, 0], outline: true } : {}),
    ...(options.pageBreak ? { pageBreak: 'before' } : {}),
    headlineLevel: level,
  };
}

export function paragraph(text: Content, style = 'body'): Content {
  return { text, style };
}

export function mono(text: string, fontSize = 7.5): Content {
  return { text, font: MONOSPACE, fontSize };
}

/** Two columns, label and value, for facts about one thing. */
export function keyValueTable(rows: [string, Content][], labelWidth = 130): Content {
  return {
    style: 'table',
    table: { widths: [labelWidth, '*'], dontBreakRows: true, body: rows.map(([label, value]) => [{ text: label, color: COLORS.muted }, value]) },
    layout: TABLE_LAYOUT,
  };
}

export interface Column {
  header: string;
  /** pdfmake width: pt, `'auto'` or `'*'`. */
  width: number | 'auto' | '*';
  align?: 'left' | 'right' | 'center';
}

/** A table with a repeated header row; cells in right-aligned columns are numbers. */
export function dataTable(columns: Column[], rows: Content[][], options: { fontSize?: number } = {}): Content {
  const cell = (value: Content, column: Column): Content => (typeof value === 'string' ? { text: value, alignment: column.align ?? 'left' } : value);
  return {
    style: 'table',
    ...(options.fontSize ? { fontSize: options.fontSize } : {}),
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: columns.map((column) => column.width),
      body: [columns.map((column) => ({ text: column.header, style: 'tableHeader', alignment: column.align ?? 'left' })), ...rows.map((row) => row.map((value, j) => cell(value, columns[j])))],
    },
    layout: TABLE_LAYOUT,
  };
}

/** An SVG chart at the text width with its caption (and a heading above it), kept on one page. */
export function figure(svg: string, caption: string, above: Content[] = []): Content {
  return keepTogether([...above, { svg, width: TEXT_WIDTH }, { text: caption, style: 'caption' }]);
}

/** Content that moves to the next page whole rather than split (for blocks shorter than a page). */
export function keepTogether(stack: Content[]): Content {
  return { stack, unbreakable: true };
}
