/** Bad input (issue 2 and issue 4): each gives an IngestError naming the file, the line and, where it applies, the column. */
import { afterAll, describe, expect, it } from 'vitest';
import { ingestFile, previewFile } from '../../../src/main/ingest';
import { ingestError, tempDir } from './helpers';

const dir = tempDir();
afterAll(() => dir.remove());

describe('bad input', () => {
  it('empty file', async () => {
    const error = await ingestError(ingestFile(dir.write('empty.csv', '')));
    expect([error.code, error.file, error.message]).toEqual(['empty-file', 'empty.csv', 'empty.csv: the file is empty']);
  });

  it('only blank lines', async () => {
    const error = await ingestError(ingestFile(dir.write('blank.csv', '\n\n  \n')));
    expect(error.code).toBe('empty-file');
  });

  it('binary file (PNG bytes), also inside gzip', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    const error = await ingestError(ingestFile(dir.write('picture.csv', png)));
    expect([error.code, error.message]).toEqual(['binary-file', 'picture.csv: this is a binary file, not CSV text']);
    const zipped = await ingestError(ingestFile(dir.write('picture.csv.gz', png)));
    expect(zipped.code).toBe('binary-file');
  });

  it('header-only file names line 1', async () => {
    const error = await ingestError(ingestFile(dir.write('header.csv', 'date,AAA,BBB\n')));
    expect([error.code, error.line, error.message]).toEqual(['header-only', 1, 'header.csv: line 1: the file has a header but no data rows']);
  });

  it('no date column names the column and an example', async () => {
    const error = await ingestError(ingestFile(dir.write('nodate.csv', 'name,price\nApple,1\nPear,2\n')));
    expect([error.code, error.line, error.column]).toEqual(['no-date-column', 2, 1]);
    expect(error.message).toBe('nodate.csv: line 2, column 1: no date column: column "name" holds no dates (e.g. "Apple"); give the date column or the header line');
  });

  it('data without a header', async () => {
    const error = await ingestError(ingestFile(dir.write('noheader.csv', '2024-01-02,1\n2024-01-03,2\n')));
    expect([error.code, error.line]).toEqual(['no-header', 1]);
  });

  it('non-numeric garbage names line and column', async () => {
    const error = await ingestError(ingestFile(dir.write('garbage.csv', 'date,AAA,BBB\n2024-01-02,1,2\n2024-01-03,1,abc\n')));
    expect([error.code, error.line, error.column]).toEqual(['non-numeric', 3, 'BBB']);
    expect(error.message).toBe('garbage.csv: line 3, column "BBB": "abc" is not a number');
  });

  it('inconsistent column counts: too few and too many fields', async () => {
    const short = await ingestError(ingestFile(dir.write('short.csv', 'date,AAA,BBB\n2024-01-02,1,2\n2024-01-03,1\n')));
    expect([short.code, short.line, short.message]).toEqual(['column-count', 3, 'short.csv: line 3: 2 fields where the header (line 1) has 3']);
    const long = await ingestError(ingestFile(dir.write('long-row.csv', 'date,AAA,BBB\n2024-01-02,1,2,9\n2024-01-03,1,2\n')));
    expect([long.code, long.line]).toEqual(['column-count', 2]);
    const quoted = await ingestError(ingestFile(dir.write('quoted-short.csv', 'date,AAA,BBB\n"2024-01-02","1"\n2024-01-03,1,2\n')));
    expect([quoted.code, quoted.line]).toEqual(['column-count', 2]);
  });

  it('trailing empty fields (spreadsheet padding) are not a column-count error', async () => {
    const { panel } = await ingestFile(dir.write('padded-row.csv', 'date,AAA\n2024-01-02,1,,\n2024-01-03,2\n'));
    expect(Array.from(panel.values)).toEqual([1, 2]);
  });

  it('an invalid date in a dated column names its line', async () => {
    const error = await ingestError(ingestFile(dir.write('baddate.csv', 'date,X\n2024-01-02,1\n2024-02-30,2\n')));
    expect([error.code, error.line]).toEqual(['bad-date', 3]);
  });

  it('an unclosed quote names the line it opens on', async () => {
    const error = await ingestError(ingestFile(dir.write('quote.csv', 'date,X\n2024-01-02,"1\n2024-01-03,2\n')));
    expect([error.code, error.line]).toEqual(['unbalanced-quote', 2]);
  });

  it('a missing file, a bad option, an unknown value column', async () => {
    expect((await ingestError(ingestFile(`${dir.write('x.csv', 'date,X\n2024-01-02,1\n')}.nope`))).code).toBe('not-found');
    const option = await ingestError(ingestFile(dir.write('x.csv', 'date,X\n2024-01-02,1\n'), { delimiter: '#' } as never));
    expect([option.code, option.message.startsWith('x.csv: option delimiter:')]).toEqual(['bad-option', true]);
    const column = await ingestError(ingestFile(dir.write('x.csv', 'date,X\n2024-01-02,1\n'), { valueColumn: 'close' }));
    expect(column.code).toBe('unknown-column');
  });

  it('preview fails the same way on unreadable files', async () => {
    expect((await ingestError(previewFile(dir.write('empty2.csv', '')))).code).toBe('empty-file');
  });

  it('every message is one line that starts with the file name', async () => {
    const error = await ingestError(ingestFile(dir.write('multi\nline.csv', 'date,X\n2024-01-02,a\n')));
    expect(error.message.includes('\n')).toBe(false);
    expect(error.message.startsWith('multi line.csv: ')).toBe(true);
  });
});
