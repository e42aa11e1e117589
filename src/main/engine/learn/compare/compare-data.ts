/**
 * Data of the `compare` experiment: a synthetic factor universe (../../data/synthetic-universe) cut
 * into learning panels and a backtest panel, with one chronological split of the decision months.
 *
 * Decision month t (a row of the universe) sees the characteristics observed at the close of t and
 * the returns up to t; its target is r_{t+1}. The first decision needs a full covariance window,
 * so decision rows run from lookback − 1 to T − 2. They are split in time order into
 * training | validation | test; the test period's returns are never seen by any fit.
 */

import type { BacktestData } from '../../backtest/types';
import { N_CHARACTERISTICS } from '../../data/synthetic-universe';
import type { FactorUniverse } from '../../data/synthetic-universe';
import type { LearningPanel, MonthlyRisk } from '../learning-panel';

/** Name of the backtest feature block holding the characteristics (width N·4). */
export const CHARACTERISTICS_BLOCK = 'characteristics';

/** Rows of each period (decision rows of the universe, inclusive ranges). */
export interface CompareSplit {
  readonly lookback: number;
  readonly train: readonly number[];
  readonly validation: readonly number[];
  readonly test: readonly number[];
  /** First out-of-sample return row (the row after the first test decision). */
  readonly testStart: number;
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, offset) => from + offset);
}

/**
 * Splits decision rows lookback − 1 … T − 2 in time order: ⌊trainFraction·D⌋ training months,
 * ⌊validationFraction·D⌋ validation months, the rest test (D = T − lookback decision months).
 *
 * @throws when a period would be shorter than its minimum (`minTrain`, 2 validation, 2 test months).
 */
export function splitDecisionMonths(
  nMonths: number,
  lookback: number,
  trainFraction: number,
  validationFraction: number,
  minTrain: number,
): CompareSplit {
  if (!(trainFraction > 0 && validationFraction > 0 && trainFraction + validationFraction < 1)) {
    throw new Error(`trainFraction = ${trainFraction}, validationFraction = ${validationFraction}: both must be > 0 with a sum < 1 (the rest is the test period)`);
  }
  const decisions = nMonths - lookback;
  const trainCount = Math.floor(trainFraction * decisions);
  const validationCount = Math.floor(validationFraction * decisions);
  const testCount = decisions - trainCount - validationCount;
  if (trainCount < minTrain || validationCount < 2 || testCount < 2) {
    throw new Error(
      `nMonths = ${nMonths} with lookback ${lookback} leaves ${decisions} decision months, split ${trainCount} / ${validationCount} / ${testCount}; ` +
        `need at least ${minTrain} training, 2 validation and 2 test months — use more months or a shorter lookback`,
    );
  }
  const first = lookback - 1;
  const test = range(first + trainCount + validationCount, testCount);
  return {
    lookback,
    train: range(first, trainCount),
    validation: range(first + trainCount, validationCount),
    test,
    testStart: test[0] + 1,
  };
}

/** The learning panel of the given decision rows: features = observed characteristics, targets = next returns. */
export function universePanel(universe: FactorUniverse, rows: readonly number[], risk?: MonthlyRisk): LearningPanel {
  const n = universe.nAssets;
  const p = N_CHARACTERISTICS;
  const features = new Float64Array(rows.length * n * p);
  const targets = new Float64Array(rows.length * n);
  rows.forEach((row, month) => {
    if (row + 1 >= universe.nMonths) throw new Error(`decision row ${row} has no next-month return in a ${universe.nMonths}-month universe`);
    features.set(universe.characteristics.subarray(row * n * p, (row + 1) * n * p), month * n * p);
    targets.set(universe.returns.subarray((row + 1) * n, (row + 2) * n), month * n);
  });
  return { t: rows.length, n, p, features, targets, ...(risk ? { risk } : {}) };
}

/** Month labels `YYYY-MM` from January 2000, one per row. */
function monthLabels(count: number): string[] {
  return range(0, count).map((row) => `${2000 + Math.floor(row / 12)}-${String((row % 12) + 1).padStart(2, '0')}`);
}

/** The universe as a backtest panel: returns, month labels, and the characteristics block (width N·4). */
export function universeBacktestData(universe: FactorUniverse): BacktestData {
  const n = universe.nAssets;
  return {
    returns: universe.returns,
    t: universe.nMonths,
    n,
    dates: monthLabels(universe.nMonths),
    features: { [CHARACTERISTICS_BLOCK]: { values: universe.characteristics, width: n * N_CHARACTERISTICS } },
  };
}
