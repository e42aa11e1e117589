/**
 * Number formats of the report, one place so a figure reads the same in a table, a finding and a
 * test. Missing values print as an em dash. Minus signs are U+2212 so columns of signed numbers
 * line up in a proportional font.
 */

const DASH = '—';

function signed(text: string): string {
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/** `0.5312` → `0.53` (ratios such as Sharpe, Sortino, Calmar). */
export function formatRatio(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : signed(value.toFixed(digits));
}

/** A fraction as a percentage: `0.0731` → `7.31 %`. */
export function formatPercent(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : `${signed((value * 100).toFixed(digits))} %`;
}

/** A difference of fractions in percentage points, always signed: `0.012` → `+1.20 pp`. */
export function formatPointsDifference(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const text = (value * 100).toFixed(digits);
  return `${value >= 0 && !text.startsWith('-') ? '+' : ''}${signed(text)} pp`;
}

/** A signed difference of plain numbers: `0.12` → `+0.12`. */
export function formatDifference(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const text = value.toFixed(digits);
  return `${value >= 0 && !text.startsWith('-') ? '+' : ''}${signed(text)}`;
}

/** A p-value: three decimals, `< 0.001` below that. */
export function formatPValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return value < 0.001 ? '< 0.001' : value.toFixed(3);
}

/** Thousands separated with a thin space: `12345` → `12 345`. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return signed(Math.round(value).toString()).replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
}

/** Bytes in KB/MB (decimal units, as file managers show them). */
export function formatBytes(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (value < 1e3) return `${value} B`;
  if (value < 1e6) return `${(value / 1e3).toFixed(1)} kB`;
  return `${(value / 1e6).toFixed(1)} MB`;
}

/** `2024-05-01T09:30:12.345Z` → `2024-05-01 09:30 UTC`. */
export function formatTimestamp(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? String(value) : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
