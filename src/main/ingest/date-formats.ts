/**
 * Date keys: recognising, inferring the format from a whole column, converting to ISO.
 * Output is `YYYY-MM-DD` for daily keys, `YYYY-MM` for month keys, and `YYYY-12` for year keys
 * (the month the year ends in, so annual rows sort and compare like monthly ones).
 */
import type { DateFormat } from '../../shared/domain/ingest-report';

export interface YearMonthDay {
  year: number;
  month: number;
  /** 0 when the key names a month or a year only. */
  day: number;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

/** Keys with only digits must look like years in this range to count as dates. */
const MIN_YEAR = 1600;
const MAX_YEAR = 2200;

interface FormatSpec {
  format: DateFormat;
  pattern: RegExp;
  /** Parses a match; `pivot` resolves two-digit years. Returns null for an impossible date. */
  read: (m: RegExpExecArray, pivot: number) => YearMonthDay | null;
  twoDigitYear?: boolean;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function ymd(year: number, month: number, day: number): YearMonthDay | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function ym(year: number, month: number): YearMonthDay | null {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
  return { year, month, day: 0 };
}

function expandYear(yy: number, pivot: number): number {
  return yy < pivot ? 2000 + yy : 1900 + yy;
}

const n = (text: string): number => Number(text);

const SPECS: readonly FormatSpec[] = [
  { format: 'YYYY-MM-DD', pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]*(?:Z|[+-]\d\d:?\d\d)?)?$/, read: (m) => ymd(n(m[1]), n(m[2]), n(m[3])) },
  { format: 'YYYY/MM/DD', pattern: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, read: (m) => ymd(n(m[1]), n(m[2]), n(m[3])) },
  { format: 'MM/DD/YYYY', pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, read: (m) => ymd(n(m[3]), n(m[1]), n(m[2])) },
  { format: 'DD/MM/YYYY', pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, read: (m) => ymd(n(m[3]), n(m[2]), n(m[1])) },
  { format: 'MM/DD/YY', twoDigitYear: true, pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/, read: (m, p) => ymd(expandYear(n(m[3]), p), n(m[1]), n(m[2])) },
  { format: 'DD/MM/YY', twoDigitYear: true, pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/, read: (m, p) => ymd(expandYear(n(m[3]), p), n(m[2]), n(m[1])) },
  { format: 'MM-DD-YYYY', pattern: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, read: (m) => ymd(n(m[3]), n(m[1]), n(m[2])) },
  { format: 'DD-MM-YYYY', pattern: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, read: (m) => ymd(n(m[3]), n(m[2]), n(m[1])) },
  { format: 'DD.MM.YYYY', pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, read: (m) => ymd(n(m[3]), n(m[2]), n(m[1])) },
  { format: 'DD.MM.YY', twoDigitYear: true, pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{2})$/, read: (m, p) => ymd(expandYear(n(m[3]), p), n(m[2]), n(m[1])) },
  {
    format: 'MMM D, YYYY',
   
    pattern: /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/,
    read: (m) => {
      const month = MONTHS[m[1].toLowerCase()];
      return month ? ymd(n(m[3]), month, n(m[2])) : null;
    },
  },
  {
    format: 'D MMM YYYY',
   
    pattern: /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})$/,
    read: (m) => {
      const month = MONTHS[m[2].toLowerCase()];
      return month ? ymd(n(m[3]), month, n(m[1])) : null;
    },
  },
  { format: 'YYYY-MM', pattern: /^(\d{4})-(\d{1,2})$/, read: (m) => ym(n(m[1]), n(m[2])) },
  { format: 'YYYYMM', pattern: /^(\d{4})(\d{2})$/, read: (m) => ym(n(m[1]), n(m[2])) },
  {
    format: 'YYYYMMDD',
   
    pattern: /^(\d{4})(\d{2})(\d{2})$/,
    read: (m) => (n(m[1]) < MIN_YEAR || n(m[1]) > MAX_YEAR ? null : ymd(n(m[1]), n(m[2]), n(m[3]))),
  },
  {
    // Shiller writes the month as a decimal fraction of a number, so October (.10) loses its zero.
    format: 'YYYY.MM',
   
    pattern: /^(\d{4})\.(\d{1,2})$/,
    read: (m) => ym(n(m[1]), m[2].length === 1 ? n(m[2]) * 10 : n(m[2])),
  },
  { format: 'YYYY', pattern: /^(\d{4})$/, read: (m) => ym(n(m[1]), 12) },
];

const BY_FORMAT = new Map(SPECS.map((spec) => [spec.format, spec]));

/** Formats that read the same text differently (day/month order): inference must not pick one silently. */
const RIVALS: Partial<Record<DateFormat, DateFormat>> = {
  'MM/DD/YYYY': 'DD/MM/YYYY',
  'DD/MM/YYYY': 'MM/DD/YYYY',
  'MM/DD/YY': 'DD/MM/YY',
  'DD/MM/YY': 'MM/DD/YY',
  'MM-DD-YYYY': 'DD-MM-YYYY',
  'DD-MM-YYYY': 'MM-DD-YYYY',
};

/** Strips padding and surrounding quotes from a raw key cell. */
export function cleanKey(raw: string): string {
  let text = raw.trim();
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1).trim();
  return text;
}

/** Whether a (clean) cell has the shape of some supported date key. Used to tell data rows from text. */
export function looksLikeDate(key: string): boolean {
  if (key.length < 4 || key.length > 32) return false;
  for (const spec of SPECS) {
    const m = spec.pattern.exec(key);
    if (m && spec.read(m, 69)) return true;
  }
  return false;
}

export function isTwoDigitYear(format: DateFormat): boolean {
  return BY_FORMAT.get(format)?.twoDigitYear === true;
}

export interface FormatInference {
  /** Formats that read every key; more than one means the column cannot decide. */
  candidates: DateFormat[];
  /** When no format reads every key: the first key that none of the plausible formats reads. */
  firstBadKey?: string;
}

/**
 * Finds the formats under which every key is a valid date. Day/month rivals both survive when no
 * day exceeds 12 — the caller must then ask.
 */
export function inferDateFormat(keys: Iterable<string>, pivot: number): FormatInference {
  const list = Array.isArray(keys) ? (keys as string[]) : [...keys];
  let alive = SPECS.filter((spec) => list.length > 0 && spec.pattern.test(list[0]));
  let firstBadKey: string | undefined;
  for (const key of list) {
    const next = alive.filter((spec) => {
      const m = spec.pattern.exec(key);
      return m !== null && spec.read(m, pivot) !== null;
    });
    if (next.length === 0) {
      firstBadKey = key;
      break;
    }
    alive = next;
  }
  if (firstBadKey !== undefined || list.length === 0) return { candidates: [], firstBadKey: firstBadKey ?? '' };
  const candidates = alive.map((spec) => spec.format);
  // A four-digit key column that also reads as YYYYMM/YYYYMMDD is never both; keep the most specific.
  return { candidates: candidates.filter((format, _, all) => !(format === 'YYYY' && all.length > 1)) };
}

/** True when the candidates differ only in day/month order. */
export function isDayMonthAmbiguity(candidates: readonly DateFormat[]): boolean {
  return candidates.length === 2 && RIVALS[candidates[0]] === candidates[1];
}

const pad2 = (v: number): string => (v < 10 ? '0' + v : String(v));

/** Converts a clean key to ISO under `format`, or null when it is not a valid date in that format. */
export function toIsoDate(key: string, format: DateFormat, pivot: number): string | null {
  const spec = BY_FORMAT.get(format) as FormatSpec;
  const m = spec.pattern.exec(key);
  if (!m) return null;
  const date = spec.read(m, pivot);
  if (!date) return null;
  const head = `${date.year}-${pad2(date.month)}`;
  return date.day === 0 ? head : `${head}-${pad2(date.day)}`;
}

/** Gap classes (days) of regular calendars: business-daily, weekly, monthly, quarterly, annual. */
const REGULAR_GAPS: readonly (readonly [number, number])[] = [
  [1, 4],
  [7, 7],
  [28, 31],
  [89, 92],
  [365, 366],
];

/**
 * Share of gaps between consecutive distinct dates that fall in the single most common regular
 * gap class. A wrong day/month reading of month-start keys turns monthly steps into runs of
 * 1-day gaps broken by ~355-day jumps, which no real calendar has.
 */
function calendarRegularity(isoDates: readonly string[]): number {
  const days = [...new Set(isoDates)].map((date) => Date.parse(date) / 86_400_000).sort((a, b) => a - b);
  if (days.length < 3) return 0;
  const counts = REGULAR_GAPS.map(() => 0);
  for (let i = 1; i < days.length; i++) {
    const gap = days[i] - days[i - 1];
    const band = REGULAR_GAPS.findIndex(([low, high]) => gap >= low && gap <= high);
    if (band >= 0) counts[band]++;
  }
  return Math.max(...counts) / (days.length - 1);
}

/**
 * Decides a day/month ambiguity from the whole column when exactly one reading gives a regular
 * calendar (≥ 99 % of gaps in one class) and the other clearly does not (< 95 %). Null: undecidable.
 */
export function resolveByCalendar(keys: readonly string[], candidates: readonly DateFormat[], pivot: number): { format: DateFormat; reason: string } | null {
  const scores = candidates.map((format) => calendarRegularity(keys.map((key) => toIsoDate(key, format, pivot) as string)));
  const regular = candidates.filter((_, i) => scores[i] >= 0.99);
  if (regular.length !== 1 || scores.some((score, i) => candidates[i] !== regular[0] && score >= 0.95)) return null;
  const shown = candidates.map((format, i) => `${format} ${(scores[i] * 100).toFixed(1)} %`).join(', ');
  return { format: regular[0], reason: `no day above 12, but only ${regular[0]} gives a regular calendar (share of regular gaps: ${shown})` };
}
