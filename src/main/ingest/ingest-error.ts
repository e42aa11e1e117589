/** The one error type of the importer: what went wrong, where (file, line, column), as one line. */

export type IngestErrorCode =
  | 'not-found'
  | 'unreadable'
  | 'binary-file'
  | 'empty-file'
  | 'header-only'
  | 'no-header'
  | 'no-date-column'
  | 'bad-date'
  | 'ambiguous-date-format'
  | 'non-numeric'
  | 'column-count'
  | 'unbalanced-quote'
  | 'duplicate-date'
  | 'no-value-column'
  | 'unknown-column'
  | 'unknown-section'
  | 'bad-option'
  | 'no-data';

export interface IngestErrorWhere {
  line?: number;
  /** Column name, or 1-based position when the column has no name. */
  column?: number | string;
}

/**
 * `message` is a single line: `<file>: [line L, column C: ]<reason>`. `file` is the base name of
 * the input, `line` is 1-based in the decompressed text.
 */
export class IngestError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly column?: number | string;
  readonly code: IngestErrorCode;

  constructor(file: string, code: IngestErrorCode, reason: string, where: IngestErrorWhere = {}) {
    const place = [
      where.line !== undefined ? `line ${where.line}` : '',
      where.column !== undefined ? `column ${typeof where.column === 'string' ? `"${where.column}"` : where.column}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    super(`${file}: ${place ? `${place}: ` : ''}${reason}`.replace(/[\r\n]+/g, ' '));
    this.name = 'IngestError';
    this.file = file;
    this.code = code;
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
  }
}
