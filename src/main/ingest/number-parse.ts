/**
 * Cell → number. A fast path reads plain decimals (`-12.345`, `7`, `1e-3`) straight from the line
 * without allocating; anything else (padding, quotes, thousands separators, decimal comma, `%`,
 * missing tokens) goes through the lenient path.
 */

export interface NumberStyle {
  decimal: '.' | ',';
  /** '' disables thousands separators. */
  thousands: '' | ',' | '.' | ' ' | "'";
  /** Lower-cased texts that mean "missing". */
  missingTokens: ReadonlySet<string>;
  /** Parsed values that mean "missing" (Ken French's -99.99 and -999). */
  missingCodes: readonly number[];
}

/** Texts read as missing in every file. */
export const DEFAULT_MISSING_TOKENS = ['', 'na', 'n/a', 'nan', 'null', 'none', '.', '-', '--', '#n/a', 'nd', 'nm', '#value!', '#div/0!'];

/** Powers of ten that are exact doubles: m / 10^k is then correctly rounded for integer m < 2^53. */
const EXACT_POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const MAX_EXACT = 9007199254740991;

/** Set by `parseCell`: whether the last cell carried a `%` sign (its value is already divided by 100). */
export let lastCellHadPercent = false;

/**
 * Parses `line[start, end)`. Returns the value, `NaN` for a missing cell, or `undefined` when the
 * text is not a number.
 */
export function parseCell(line: string, start: number, end: number, style: NumberStyle): number | undefined {
  lastCellHadPercent = false;
  if (start === end) return style.missingTokens.has('') ? Number.NaN : undefined;
  let i = start;
  let negative = false;
  let c = i < end ? line.charCodeAt(i) : -1;
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  while (i < end) {
    c = line.charCodeAt(i);
    if (c < 48 || c > 57) break;
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    i++;
  }
  if (i < end && c === 46 && style.decimal === '.') {
    i++;
    while (i < end) {
      c = line.charCodeAt(i);
      if (c < 48 || c > 57) break;
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      scale++;
      i++;
    }
  }
  if (i === end && digits > 0 && mantissa <= MAX_EXACT && scale < EXACT_POW10.length) {
    const value = scale === 0 ? mantissa : mantissa / EXACT_POW10[scale];
    return finish(negative ? -value : value, style);
  }
  return parseLenient(line.slice(start, end), style);
}

function finish(value: number, style: NumberStyle): number {
  const codes = style.missingCodes;
  for (let k = 0; k < codes.length; k++) if (value === codes[k]) return Number.NaN;
  return value;
}

const NUMERIC = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const thousandsPatterns = new Map<string, RegExp>();

function thousandsPattern(separator: string, decimal: string): RegExp {
  const key = separator + decimal;
  let pattern = thousandsPatterns.get(key);
  if (!pattern) {
    const sep = separator.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const dec = decimal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`^[-+]?\\d{1,3}(?:${sep}\\d{3})+(?:${dec}\\d*)?$`);
    thousandsPatterns.set(key, pattern);
  }
  return pattern;
}

/** The slow path: trims, unquotes, handles missing tokens, `%`, `$`, `(1.5)`, thousands and decimal comma. */
export function parseLenient(raw: string, style: NumberStyle): number | undefined {
  let text = raw.trim();
  if (text.length >= 2 && text.charCodeAt(0) === 34 && text.charCodeAt(text.length - 1) === 34) {
    text = text.slice(1, -1).replace(/""/g, '"').trim();
  }
  if (style.missingTokens.has(text.toLowerCase())) return Number.NaN;
  let percent = false;
  if (text.endsWith('%')) {
    percent = true;
    text = text.slice(0, -1).trimEnd();
  }
  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  if (text.startsWith('$')) text = text.slice(1);
  else if (text.startsWith('-$')) text = '-' + text.slice(2);
  if (style.thousands !== '' && text.includes(style.thousands) && thousandsPattern(style.thousands, style.decimal).test(text)) {
    text = text.split(style.thousands).join('');
  }
  if (style.decimal === ',') {
    if (text.includes('.')) return undefined;
    text = text.replace(',', '.');
  }
  if (!NUMERIC.test(text)) return undefined;
  let value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  if (negative) value = -value;
  if (percent) {
    lastCellHadPercent = true;
    return value / 100;
  }
  return finish(value, style);
}
