/**
 * Turns the walk-forward options into rows: the rebalance rows, the out-of-sample span and the
 * retrain flags. All "data too short" errors come from here, with the numbers a user needs.
 */

import type { DateRef, WalkForwardOptions } from './types';

export interface Schedule {
  /** Rows at whose close the strategy is called, strictly increasing, each < `end`. */
  readonly rebalanceRows: readonly number[];
  /** Retrain hint per rebalance. */
  readonly retrain: readonly boolean[];
  /** Out-of-sample periods are rows rebalanceRows[0] + 1 … end. */
  readonly end: number;
  readonly lookback: number;
}

type ScheduleOptions = Pick<WalkForwardOptions, 'lookback' | 'warmup' | 'rebalanceEvery' | 'rebalanceAt' | 'retrainEvery' | 'start' | 'end'>;

function positiveInteger(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer number of periods, got ${String(value)}`);
  }
  return value;
}

function rowOf(ref: DateRef, dates: readonly string[], name: string, match: 'first-on-or-after' | 'last-on-or-before' | 'exact'): number {
  if (typeof ref === 'number') {
    if (!Number.isInteger(ref) || ref < 0 || ref >= dates.length) {
      throw new Error(`${name} = ${ref} is not a row of the data (0 … ${dates.length - 1})`);
    }
    return ref;
  }
  if (typeof ref !== 'string') throw new Error(`${name} must be a row number or a date label, got ${String(ref)}`);
  if (match === 'exact') {
    const row = dates.indexOf(ref);
    if (row < 0) throw new Error(`${name} = '${ref}' is not a date of the data (${dates[0]} … ${dates[dates.length - 1]})`);
    return row;
  }
  if (match === 'first-on-or-after') {
    const row = dates.findIndex((date) => date >= ref);
    if (row < 0) throw new Error(`${name} = '${ref}' is after the last date of the data (${dates[dates.length - 1]})`);
    return row;
  }
  let row = -1;
  for (let s = 0; s < dates.length && dates[s] <= ref; s++) row = s;
  if (row < 0) throw new Error(`${name} = '${ref}' is before the first date of the data (${dates[0]})`);
  return row;
}

/**
 * @param dates - the panel's labels, length T (validated).
 * @throws when the data cannot hold the lookback / warm-up plus one out-of-sample period, when
 *   start/end/rebalance dates are outside the data or out of order, or on malformed options.
 */
export function resolveSchedule(dates: readonly string[], options: ScheduleOptions): Schedule {
  const t = dates.length;
  const lookback = positiveInteger(options.lookback, 'options.lookback');
  const history = options.warmup === undefined ? lookback : positiveInteger(options.warmup, 'options.warmup');
  if (history < lookback) {
    throw new Error(`options.warmup = ${history} is shorter than options.lookback = ${lookback}: the first window needs ${lookback} periods`);
  }
  if (t < history + 1) {
    throw new Error(
      `data too short for the lookback: the first rebalance needs ${history} periods of history and 1 more to earn a return ` +
        `(T ≥ ${history + 1}), but the data has ${t} periods (${dates[0]} … ${dates[t - 1]})`,
    );
  }
  const end = options.end === undefined ? t - 1 : rowOf(options.end, dates, 'options.end', 'last-on-or-before');
  let first: number | undefined;
  if (options.start !== undefined) first = rowOf(options.start, dates, 'options.start', 'first-on-or-after') - 1;

  let rows: number[];
  if (options.rebalanceAt !== undefined) {
    if (!Array.isArray(options.rebalanceAt)) throw new Error('options.rebalanceAt must be an array of rows or date labels');
    const listed = options.rebalanceAt.map((ref, i) => rowOf(ref, dates, `options.rebalanceAt[${i}]`, 'exact'));
    for (let i = 1; i < listed.length; i++) {
      if (listed[i] <= listed[i - 1]) {
        throw new Error(`options.rebalanceAt must be strictly increasing: entry ${i} (${dates[listed[i]]}) is not after entry ${i - 1} (${dates[listed[i - 1]]})`);
      }
    }
    const from = first ?? 0;
    rows = listed.filter((row) => row >= from && row < end);
    if (rows.length === 0) {
      throw new Error(`options.rebalanceAt has no date in the out-of-sample span: rebalances must lie in ${dates[Math.max(from, 0)]} … ${dates[Math.max(end - 1, 0)]}`);
    }
    first = rows[0];
  } else {
    first ??= history - 1;
    const every = options.rebalanceEvery === undefined ? 1 : positiveInteger(options.rebalanceEvery, 'options.rebalanceEvery');
    rows = [];
    for (let row = first; row < end; row += every) rows.push(row);
  }

  if (first < 0 || first + 1 < history) {
    const earliest = dates[history];
    throw new Error(
      `data too short for the lookback: the first rebalance at ${first < 0 ? 'before the first row' : `${dates[first]} (row ${first})`} ` +
        `has ${Math.max(first + 1, 0)} periods of history, but ${history} are needed; start out of sample on or after ${earliest}`,
    );
  }
  if (end <= first) {
    throw new Error(`no out-of-sample period: the first rebalance is at ${dates[first]} (row ${first}) and the end is ${dates[end]} (row ${end})`);
  }

  const retrain: boolean[] = [];
  if (options.retrainEvery === undefined) {
    for (let i = 0; i < rows.length; i++) retrain.push(true);
  } else {
    const every = positiveInteger(options.retrainEvery, 'options.retrainEvery');
    let last = -Infinity;
    for (const row of rows) {
      const due = row - last >= every;
      if (due) last = row;
      retrain.push(due);
    }
  }
  return { rebalanceRows: rows, retrain, end, lookback };
}
