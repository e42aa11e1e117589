/**
 * Input checks shared by the Sharpe-difference tests and {@link compareRuns}: every error names the
 * argument (and the index of a bad value) and says what is wrong.
 */

/**
 * Fewest periods a Sharpe comparison accepts: one year of monthly data. Both tests are asymptotic
 * and with fewer points their standard errors mean little.
 */
export const MIN_OBSERVATIONS = 12;

/** Throws unless `values` is a Float64Array of at least {@link MIN_OBSERVATIONS} finite numbers. */
export function assertReturnSeries(values: Float64Array, label: string): void {
  if (!(values instanceof Float64Array)) throw new Error(`${label} must be a Float64Array`);
  if (values.length < MIN_OBSERVATIONS) {
    throw new Error(`${label} has ${values.length} observations: a Sharpe comparison needs at least ${MIN_OBSERVATIONS}`);
  }
  for (let t = 0; t < values.length; t++) {
    if (!Number.isFinite(values[t])) throw new Error(`${label}[${t}] is ${values[t]}: returns must be finite numbers`);
  }
}

/** Throws unless both series cover the same number of periods. */
export function assertSameLength(a: Float64Array, labelA: string, b: Float64Array, labelB: string): void {
  if (a.length !== b.length) {
    throw new Error(`${labelB} has length ${b.length} but ${labelA} has length ${a.length}: the series must cover the same periods`);
  }
}

/** Throws when every value is the same, where a Sharpe ratio (mean over a zero standard deviation) is undefined. */
export function assertNotConstant(values: Float64Array, label: string): void {
  for (let t = 1; t < values.length; t++) if (values[t] !== values[0]) return;
  throw new Error(`${label} has zero variance (all ${values.length} values equal ${values[0]}): its Sharpe ratio is undefined`);
}

/** Throws unless periodsPerYear is finite and positive. */
export function assertPeriodsPerYear(periodsPerYear: number): void {
  if (!(typeof periodsPerYear === 'number' && Number.isFinite(periodsPerYear) && periodsPerYear > 0)) {
    throw new Error(`periodsPerYear must be a finite number > 0 (252 daily, 52 weekly, 12 monthly), got ${periodsPerYear}`);
  }
}

/** Options shared by the two Sharpe-difference tests. */
export interface SharpeOptions {
  /** A: 252 daily, 52 weekly, 12 monthly; annualised Sharpe = √A · per-period Sharpe. */
  readonly periodsPerYear: number;
  /**
   * Per-period risk-free returns of the same periods, subtracted from both series before any
   * moment is taken (Sharpe on excess returns, as in the backtest metrics). Omitted: the series are
   * used as given (already excess returns, or a zero risk-free rate).
   */
  readonly riskFree?: Float64Array;
}

/**
 * Validates a pair of return series and the shared options, and returns the excess returns the
 * tests work on (the inputs themselves when there is no risk-free series; they are never mutated).
 */
export function prepareSharpePair(a: Float64Array, b: Float64Array, options: SharpeOptions): { a: Float64Array; b: Float64Array } {
  if (options === null || typeof options !== 'object') throw new Error('options must be an object with periodsPerYear');
  assertPeriodsPerYear(options.periodsPerYear);
  assertReturnSeries(a, 'a');
  assertReturnSeries(b, 'b');
  assertSameLength(a, 'a', b, 'b');
  const riskFree = options.riskFree;
  if (riskFree !== undefined) {
    assertReturnSeries(riskFree, 'riskFree');
    assertSameLength(a, 'a', riskFree, 'riskFree');
  }
  const excessA = riskFree === undefined ? a : a.map((value, t) => value - riskFree[t]);
  const excessB = riskFree === undefined ? b : b.map((value, t) => value - riskFree[t]);
  assertNotConstant(excessA, riskFree === undefined ? 'a' : 'a − riskFree');
  assertNotConstant(excessB, riskFree === undefined ? 'b' : 'b − riskFree');
  return { a: excessA, b: excessB };
}
