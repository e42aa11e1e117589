/**
 * What the panel holds, guessed from the layout, the header and the values when the user did not
 * say: prices, returns, macro, factors or a single series. The reason goes into the report.
 */
import type { DatasetKind } from '../../shared/domain/panel';

export interface KindEvidence {
  layout: 'wide' | 'long';
  kenFrench: boolean;
  sectionTitle: string;
  fredMd: boolean;
  header: readonly string[];
  dateColumn: number;
  valueColumn?: string;
  assets: readonly string[];
  keyFormatIsCompact: boolean;
  values: Float64Array;
}

export interface KindGuess {
  kind: DatasetKind;
  reason: string;
  /** For returns: whether the values look like percent (median |value| above 0.2). */
  percentLikely: boolean;
  medianAbs: number;
}

const FACTOR_NAMES = /^(mkt-rf|mkt|smb|hml|rmw|cma|rf|mom|umd|st_rev|lt_rev)$/i;
const PRICE_NAMES = /^(close|adj[ _]?close|adjusted_close|open|high|low|price|last)$/i;
const OHLC_NAMES = /^(open|high|low|close|adj[ _]?close|adjusted_close|volume|vol\.?|change %?)$/i;
const TICKER = /^[A-Z][A-Z0-9]{0,5}(?:[./-][A-Z0-9]{1,3})?$/;
const NOT_RETURNS_SECTION = /number of firms|firm size|be\s*\/\s*me|sum of/i;

/** Median |v| and share of negatives over a strided sample of the finite values. */
function valueStats(values: Float64Array): { medianAbs: number; negativeShare: number; positiveOnly: boolean } {
  const stride = Math.max(1, Math.floor(values.length / 20000));
  const sample: number[] = [];
  let negative = 0;
  for (let i = 0; i < values.length; i += stride) {
    const v = values[i];
    if (v !== v) continue;
    sample.push(Math.abs(v));
    if (v < 0) negative++;
  }
  if (sample.length === 0) return { medianAbs: 0, negativeShare: 0, positiveOnly: true };
  sample.sort((a, b) => a - b);
  return { medianAbs: sample[sample.length >> 1], negativeShare: negative / sample.length, positiveOnly: negative === 0 };
}

export function isOhlcHeader(header: readonly string[], dateColumn: number): boolean {
  const names = header.filter((_, i) => i !== dateColumn).map((name) => name.trim());
  return names.length >= 2 && names.every((name) => OHLC_NAMES.test(name)) && names.some((name) => /close/i.test(name));
}

export function guessKind(evidence: KindEvidence): KindGuess {
  const stats = valueStats(evidence.values);
  const result = (kind: DatasetKind, reason: string): KindGuess => ({ kind, reason, percentLikely: stats.medianAbs > 0.2, medianAbs: stats.medianAbs });
  if (evidence.kenFrench) {
    if (NOT_RETURNS_SECTION.test(evidence.sectionTitle)) return result('series', `Ken French layout, section "${evidence.sectionTitle}" is not returns`);
    if (evidence.assets.some((name) => FACTOR_NAMES.test(name.trim()))) return result('factors', 'Ken French layout with factor columns');
    return result('returns', 'Ken French layout with portfolio returns');
  }
  if (evidence.fredMd) return result('macro', 'FRED-MD layout (Transform: row of codes)');
  if (evidence.layout === 'long') {
    return PRICE_NAMES.test(evidence.valueColumn ?? '') ? result('prices', `long layout, value column "${evidence.valueColumn}"`) : result('series', `long layout, value column "${evidence.valueColumn}" is not a price`);
  }
  if (evidence.assets.length === 1) return result('series', 'a single value column');
  if (isOhlcHeader(evidence.header, evidence.dateColumn)) return result('series', 'open/high/low/close columns of one instrument');
  const tickers = evidence.assets.filter((name) => TICKER.test(name.trim())).length / evidence.assets.length;
  if (stats.negativeShare > 0.25 && (tickers >= 0.8 || evidence.keyFormatIsCompact)) {
    return result('returns', `${(stats.negativeShare * 100).toFixed(0)} % of values are negative`);
  }
  if (stats.negativeShare > 0.3 && stats.medianAbs < 0.2) {
    return result('returns', `values centred on zero (${(stats.negativeShare * 100).toFixed(0)} % negative, median |value| ${stats.medianAbs.toPrecision(2)}): decimal returns`);
  }
  if (tickers >= 0.8 && stats.positiveOnly) return result('prices', 'ticker-like column names and positive values');
  return result('macro', 'several named series that are neither prices nor returns');
}
