/**
 * Property tests: random and mutated CSV files give either a valid panel (ascending unique dates,
 * consistent shape, finite-or-NaN values, a report that passes its own schema after a JSON round
 * trip) or an IngestError — never any other exception.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestError, ingestFile } from '../../../src/main/ingest';
import { ingestReportSchema } from '../../../src/shared/domain/ingest-report';
import { tempDir } from './helpers';

const dir = tempDir();
afterAll(() => dir.remove());
let counter = 0;

async function checkFile(content: string | Uint8Array, gz = false): Promise<'panel' | 'error'> {
  const path = dir.write(`case-${counter++}.csv${gz ? '.gz' : ''}`, content);
  let result;
  try {
    result = await ingestFile(path);
  } catch (error) {
    if (error instanceof IngestError) {
      expect(error.message.startsWith(`${error.file}: `), error.message).toBe(true);
      expect(error.message.includes('\n')).toBe(false);
      return 'error';
    }
    throw new Error(`not an IngestError for ${JSON.stringify(typeof content === 'string' ? content.slice(0, 300) : 'bytes')}: ${String(error)}`, { cause: error });
  }
  const { panel, report } = result;
  expect(panel.dates.length).toBeGreaterThan(0);
  expect(panel.assets.length).toBeGreaterThan(0);
  expect(panel.values.length).toBe(panel.dates.length * panel.assets.length);
  for (let i = 1; i < panel.dates.length; i++) expect(panel.dates[i] > panel.dates[i - 1], `dates ascending at ${i}`).toBe(true);
  for (const date of panel.dates) expect(date).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
  for (const v of panel.values) expect(Number.isNaN(v) || Number.isFinite(v)).toBe(true);
  expect(new Set(panel.assets).size).toBe(panel.assets.length);
  expect(ingestReportSchema.safeParse(JSON.parse(JSON.stringify(report))).success).toBe(true);
  return 'panel';
}

const isoDate = fc.date({ min: new Date('1950-01-01'), max: new Date('2049-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const numberText = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.constantFrom('', 'NA', 'NaN', '-', '1,234.5', '"2,000"', '3%', ' 4.5 ', '-99.99'),
);
const garbage = fc.string({ maxLength: 6 });
const cellText = fc.oneof({ weight: 30, arbitrary: numberText }, { weight: 1, arbitrary: garbage });
const delimiter = fc.constantFrom(',', ';', '\t', '|');
const newline = fc.constantFrom('\n', '\r\n');

const randomCsv = fc
  .integer({ min: 1, max: 4 })
  .chain((width) =>
    fc.record({
      delimiter,
      newline,
      bom: fc.boolean(),
      names: fc.array(fc.string({ minLength: 0, maxLength: 5 }), { minLength: width, maxLength: width }),
      rows: fc.array(
        fc.tuple(
          fc.oneof({ weight: 8, arbitrary: isoDate }, { weight: 1, arbitrary: garbage }),
          // Mostly the header's width, sometimes not: both outcomes get exercised.
          fc.oneof({ weight: 9, arbitrary: fc.array(cellText, { minLength: width, maxLength: width }) }, { weight: 1, arbitrary: fc.array(cellText, { maxLength: 5 }) }),
        ),
        { maxLength: 12 },
      ),
    }),
  )
  .map(({ delimiter: d, newline: nl, bom, names, rows }) => {
    const lines = [['date', ...names].join(d), ...rows.map(([date, cells]) => [date, ...cells].join(d))];
    return (bom ? '\uFEFF' : '') + lines.join(nl) + nl;
  });

const VALID = 'date,AAA,BBB\n2024-01-02,1.5,2\n2024-01-03,,3\n2024-01-04,2.5,NA\n2024-01-05,3,4\n';
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom(',', '"', '\n', '\r', '\u0000', ';', '%', '-')) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, m: Mutation): string {
  const at = m.at % (text.length + 1);
  const lines = text.split('\n');
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'duplicate-line': {
      const i = m.at % lines.length;
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 'swap-lines': {
      const i = m.at % lines.length;
      const j = m.other % lines.length;
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, at);
  }
}

describe('property: a valid panel or an IngestError, never another exception', () => {
  it('random CSV text in random dialects', async () => {
    const outcomes = { panel: 0, error: 0 };
    await fc.assert(
      fc.asyncProperty(randomCsv, async (text) => {
        outcomes[await checkFile(text)]++;
      }),
      { numRuns: 250, seed: 20250101 },
    );
    // Both outcomes must occur, or the generator tests only one path.
    expect(outcomes.panel).toBeGreaterThan(10);
    expect(outcomes.error).toBeGreaterThan(10);
  });

  it('mutated valid CSV (deletions, insertions, duplicated and swapped lines, truncation)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), async (mutations, gz) => {
        await checkFile(mutations.reduce(mutate, VALID), gz);
      }),
      { numRuns: 250, seed: 20250102 },
    );
  });

  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        await checkFile(bytes);
      }),
      { numRuns: 100, seed: 20250103 },
    );
  });
});
