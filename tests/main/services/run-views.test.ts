import { describe, expect, it } from 'vitest';
import { runSeriesView } from '../../../src/main/services/run-views';

const base = {
  dates: ['2020-01', '2020-02', '2020-03'],
  assets: ['A', 'B', 'C'],
  netReturns: new Float64Array([0.1, -0.5, 0.2]),
  grossReturns: new Float64Array(3),
  costs: new Float64Array(3),
  weights: new Float64Array([0.5, 0.3, 0.2, 0.6, 0.4, 0]),
  rebalances: [{ date: '2019-12', status: 'solved' }, { date: '2020-01', status: 'max-iterations' }],
  training: undefined as unknown,
};

describe('runSeriesView', () => {
  it('compounds equity and drawdown from net returns and keeps the largest holdings', () => {
    const view = runSeriesView(base, 100, 2);
    expect(view.equity).toEqual([1.1, 0.55, 0.66].map((v) => expect.closeTo(v, 12)));
    expect(view.drawdown.map((v) => Number(v.toFixed(12)))).toEqual([0, -0.5, -0.4]);
    expect(view.weights.assets).toEqual(['A', 'B', 'other']);
    expect(view.weights.values[1]).toEqual([0.6, 0.4, 0]);
    expect(view.statuses).toEqual({ solved: 1, 'max-iterations': 1 });
    expect(view.training).toEqual([]);
  });

  it('reads the first fit’s training curves per stage', () => {
    const history = (loss: number) => ({ history: [1, 2].map((epoch) => ({ epoch, trainLoss: loss / epoch, valLoss: null, gradNorm: epoch })), bestEpoch: 2 });
    const training = { fits: [{ date: '2011-12', histories: { decoupled: history(1), endToEnd: history(-1) } }, { date: '2012-12', histories: {} }] };
    const view = runSeriesView({ ...base, training }, 100, 2);
    expect(view.fits).toBe(2);
    expect(view.training.map((c) => [c.stage, c.fitDate, c.trainLoss, c.bestEpoch])).toEqual([
      ['decoupled', '2011-12', [1, 0.5], 2],
      ['end-to-end', '2011-12', [-1, -0.5], 2],
    ]);
  });
});
