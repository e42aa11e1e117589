/**
 * Reading a counterfactual distribution on a 2-variable case worked by hand: stationary
 * N(0, diag(1, 4)), prior N((1, 0), diag(½, 2)), three draws (1, 2), (3, 2), (2, 4).
 * Mean (2, 8/3), median (2, 2); shifts (2 − 1)/√½ and (8/3)/√2; median distance √(4 + 4/4) = √5.
 * History (0, 0), (3, 0), (2, 2) [anchor], (1, 6), (2.1, 2.2) has distances from μ* of
 * 0, 3, √5, √10, √5.62, so 2 of 5 are ≤ √5 (percentile 0.4); distances to the median are √5, √2,
 * 0 (anchor, excluded), √5, √0.02, so the analogs are rows 4, 1, then 0 (tie with 3 broken by row).
 */

import { describe, expect, it } from 'vitest';
import { gaussianLaw } from '../../../src/main/engine/explain/gaussian-law';
import { summariseScenario } from '../../../src/main/engine/explain/scenario-summary';
import { expectClose, expectScalarClose } from '../linalg/assert-close';

const stationary = gaussianLaw(Float64Array.from([0, 0]), Float64Array.from([1, 0, 0, 4]), 2);
const prior = gaussianLaw(Float64Array.from([1, 0]), Float64Array.from([0.5, 0, 0, 2]), 2);
const draws = { k: 2, chains: 1, draws: 3, samples: Float64Array.from([1, 2, 3, 2, 2, 4]), objective: new Float64Array(3) };
const history = Float64Array.from([0, 0, 3, 0, 2, 2, 1, 6, 2.1, 2.2]);

describe('summariseScenario', () => {
  it('shifts, median, plausibility percentile and analogs match the hand computation', () => {
    const summary = summariseScenario(draws, prior, stationary, history, 5, { anchorIndex: 2, nearest: 3 });
    expectClose(summary.variables.map((v) => v.mean), [2, 8 / 3], 1e-15, 0, 'means');
    expectClose(summary.generatedMedian, [2, 2], 0, 0, 'median');
    expectClose(summary.variables.map((v) => v.shift), [1 / Math.sqrt(0.5), 8 / 3 / Math.sqrt(2)], 1e-15, 0, 'shifts');
    expectScalarClose(summary.medianDistance, Math.sqrt(5), 1e-15, 0, 'median distance');
    expect(summary.distancePercentile).toBe(0.4);
    expect(summary.implausible).toBe(false);
    expect(summary.analogs.map((a) => a.index)).toEqual([4, 1, 0]);
    expectClose(summary.analogs.map((a) => a.distance), [Math.sqrt(0.02), Math.sqrt(2), Math.sqrt(5)], 1e-14, 0, 'analog distances');
  });

  it('flags a median beyond the chosen percentile and keeps the anchor when none is given', () => {
    const summary = summariseScenario(draws, prior, stationary, history, 5, { implausibleAbove: 0.3, nearest: 1 });
    expect(summary.implausible).toBe(true);
    expect(summary.analogs).toEqual([{ index: 2, distance: 0 }]);
  });

  it('rejects mismatched dimensions, a bad history and bad options', () => {
    expect(() => summariseScenario(draws, prior, stationary, history.slice(1), 5)).toThrow(/history has length 9/);
    const bad = Float64Array.from(history);
    bad[3] = Number.NaN;
    expect(() => summariseScenario(draws, prior, stationary, bad, 5)).toThrow(/history\[1, 1\] is NaN/);
    expect(() => summariseScenario(draws, prior, stationary, history, 5, { anchorIndex: 5 })).toThrow(/anchorIndex = 5/);
    expect(() => summariseScenario(draws, prior, stationary, history, 5, { implausibleAbove: 2 })).toThrow(/implausibleAbove = 2/);
    const wide = gaussianLaw(Float64Array.from([0, 0, 0]), Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), 3);
    expect(() => summariseScenario(draws, wide, stationary, history, 5)).toThrow(/prior has k = 3/);
  });
});
