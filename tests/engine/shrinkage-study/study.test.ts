/**
 * The shrinkage study end to end on small universes: determinism, the decision-aware arm's
 * starting point, the summary arithmetic and option checks.
 */

import { describe, expect, it } from 'vitest';
import { runShrinkageStudy } from '../../../src/main/engine/learn/shrinkage-study';

const SMALL = { seeds: [4, 9], nAssets: 8, nMonths: 24, lookback: 10, iterations: 30 };

describe('runShrinkageStudy', () => {
  it('the same options give identical numbers (twice in a row)', () => {
    const first = runShrinkageStudy(SMALL);
    const second = runShrinkageStudy(SMALL);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    const other = runShrinkageStudy({ ...SMALL, seeds: [5, 9] });
    expect(other.seeds[0].plugIn.sharpe).not.toBe(first.seeds[0].plugIn.sharpe);
    expect(other.seeds[1]).toEqual(first.seeds[1]);
  });

  it('with 0 Adam steps the decision-aware arm is θ_LS with the mean training Ledoit–Wolf δ', () => {
    const result = runShrinkageStudy({ ...SMALL, iterations: 0 });
    for (const seed of result.seeds) {
      expect(seed.thetaDecisionAware).toEqual(seed.thetaLeastSquares);
      expect(seed.decisionAwareStep).toBe(0);
    }
  });

  it('summarises mean Sharpe, edges and win rates from the per-seed figures; reports progress', () => {
    const progress: number[] = [];
    const result = runShrinkageStudy(SMALL, (p) => progress.push(p.done));
    expect(progress).toEqual([1, 2]);
    const [a, b] = result.seeds;
    const tolerance = 1e-15;
    expect(Math.abs(result.meanSharpe.ledoitWolf - (a.ledoitWolf.sharpe + b.ledoitWolf.sharpe) / 2)).toBeLessThan(tolerance);
    const edges = [a.decisionAware.sharpe - a.plugIn.sharpe, b.decisionAware.sharpe - b.plugIn.sharpe];
    expect(Math.abs(result.vsPlugIn.meanEdge - (edges[0] + edges[1]) / 2)).toBeLessThan(tolerance);
    expect(result.vsPlugIn.wins).toBe(edges.filter((e) => e > 0).length);
    expect(result.vsLedoitWolf.winRate).toBe(result.vsLedoitWolf.wins / 2);
    expect(result.settings).toMatchObject({ nTrain: 12, nTest: 12, fitDecisions: 9, gamma: 8, tc: 0.005 });
    expect(result.seeds.every((s) => s.plugIn.delta === 0 && s.ledoitWolf.delta > 0 && s.ledoitWolf.delta <= 1)).toBe(true);
    expect(result.description).toContain('Synthetic factor universe');
    expect(result.description).toContain('N = 8 assets, 24 study months after a 10-month warm-up');
  });

  it('rejects invalid options by name', () => {
    expect(() => runShrinkageStudy({ ...SMALL, seeds: [] })).toThrow('seeds is empty');
    expect(() => runShrinkageStudy({ ...SMALL, seeds: [1.5] })).toThrow('seed 1.5 is not a non-negative safe integer');
    expect(() => runShrinkageStudy({ ...SMALL, lookback: 8 })).toThrow(/lookback ≥ nAssets \+ 1 = 9/);
    expect(() => runShrinkageStudy({ ...SMALL, gamma: 0 })).toThrow('gamma must be positive and finite, got 0');
    expect(() => runShrinkageStudy({ ...SMALL, tc: -1 })).toThrow('tc must be ≥ 0 and finite, got -1');
    expect(() => runShrinkageStudy({ ...SMALL, trainFraction: 1 })).toThrow('trainFraction must be in (0, 1), got 1');
    expect(() => runShrinkageStudy({ ...SMALL, nMonths: 4 })).toThrow('nMonths must be an integer ≥ 8, got 4');
  });
});
