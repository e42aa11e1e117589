/** Number formats shared by tables, findings and tests; the spec appendix's escaping and wrapping. */
import { describe, expect, it } from 'vitest';
import { formatCount, formatDifference, formatPercent, formatPointsDifference, formatRatio, formatTimestamp } from '../../../src/main/report/format';
import { specJson, wrapLines } from '../../../src/main/report/sections/appendix';

describe('formats', () => {
  it('prints ratios, percentages and differences with a true minus sign and a dash for missing', () => {
    expect(formatRatio(0.5312)).toBe('0.53');
    expect(formatRatio(-0.5312)).toBe('−0.53');
    expect(formatRatio(null)).toBe('—');
    expect(formatRatio(Number.NaN)).toBe('—');
    expect(formatPercent(0.0731)).toBe('7.31 %');
    expect(formatPercent(-0.2, 0)).toBe('−20 %');
    expect(formatPointsDifference(0.012)).toBe('+1.20 pp');
    expect(formatPointsDifference(-0.012)).toBe('−1.20 pp');
    expect(formatDifference(0.126)).toBe('+0.13');
    expect(formatDifference(-0.001)).toBe('−0.00');
    expect(formatCount(1234567)).toBe('1\u2009234\u2009567');
    expect(formatTimestamp('2024-05-01T09:30:12.345Z')).toBe('2024-05-01 09:30 UTC');
  });
});

describe('spec appendix', () => {
  it('escapes non-ASCII characters as JSON escapes that parse back to the same spec', () => {
    const spec = { name: 'GMV Ledoit–Wolf · σ', nested: { emoji: '😀', text: 'plain' } };
    const json = specJson(spec);
    expect(json).toMatch(/^[\x20-\x7e\n]*$/);
    expect(json).toContain('"GMV Ledoit\\u2013Wolf \\u00b7 \\u03c3"');
    expect(JSON.parse(json)).toEqual(spec);
  });

  it('wraps long lines at the width with marked, indented continuations and loses no character', () => {
    const line = `    "description": "${'x'.repeat(250)}"`;
    const wrapped = wrapLines(`{\n${line}\n}`, 100).split('\n');
    for (const piece of wrapped) expect(piece.length, piece).toBeLessThanOrEqual(100);
    const continuations = wrapped.slice(2, -1);
    expect(continuations.length).toBeGreaterThan(1);
    for (const piece of continuations) expect(piece.startsWith('    > ')).toBe(true);
    const rebuilt = wrapped[1] + continuations.map((piece) => piece.slice('    > '.length)).join('');
    expect(rebuilt).toBe(line);
  });
});
