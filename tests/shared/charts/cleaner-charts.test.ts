/** The cleaner's three chart options: what they plot and where the reference lines go. */
import { describe, expect, it } from 'vitest';
import { cleanerEigenvalueMapOption, diagonalExtent, logTick } from '../../../src/shared/charts/cleaner-eigenvalue-map';
import { cleanerLagWeightsOption } from '../../../src/shared/charts/cleaner-lag-weights';
import { cleanerVolatilityMapOption } from '../../../src/shared/charts/cleaner-volatility-map';
import { DARK_THEME } from '../../../src/shared/charts/normalised-prices';

type Series = { name: string; type: string; data: [number, number][] };

describe('cleanerLagWeightsOption', () => {
  it('plots learned and EWMA weight against the lag, the half-life in the EWMA name and the subtitle', () => {
    const option = cleanerLagWeightsOption({ lags: [1, 2, 3], learned: [0.5, 0.3, 0.2], ewma: [0.6, 0.3, 0.1], halfLife: 1.25 }, DARK_THEME);
    const [learned, ewma] = option.series as Series[];
    expect(learned.data).toEqual([[1, 0.5], [2, 0.3], [3, 0.2]]);
    expect(ewma.data).toEqual([[1, 0.6], [2, 0.3], [3, 0.1]]);
    expect(ewma.name).toBe('EWMA, half-life 1.3 d');
    expect((option.title as { subtext: string }).subtext).toBe('half of the weight within 1.3 days');
    expect(option.backgroundColor).toBe(DARK_THEME.background);
  });
});

describe('cleanerEigenvalueMapOption', () => {
  const series = [
    { name: 'Learned cleaner', points: [[0.2, 0.5], [4, 3]] as [number, number][] },
    { name: 'QIS', points: [[0.1, 0.4], [0, 0.2], [5, 2]] as [number, number][] },
  ];

  it('draws each method and a diagonal spanning the smallest to the largest positive value', () => {
    expect(diagonalExtent(series)).toEqual([0.1, 5]);
    const drawn = cleanerEigenvalueMapOption(series).series as Series[];
    expect(drawn.map((s) => s.name)).toEqual(['Learned cleaner', 'QIS', 'no cleaning']);
    expect(drawn[2].data).toEqual([[0.1, 0.1], [5, 5]]);
  });

  it('leaves out points a log axis cannot show (a null eigenvalue of 0)', () => {
    const drawn = cleanerEigenvalueMapOption(series).series as Series[];
    expect(drawn[1].data).toEqual([[0.1, 0.4], [5, 2]]);
  });

  it('labels log ticks plainly from 0.01 to 1,000 and in exponent form outside', () => {
    expect([0.000001, 0.001, 0.01, 1, 1000, 10000].map(logTick)).toEqual(['1e-6', '1e-3', '0.01', '1', '1000', '1e4']);
  });

  it('draws no diagonal without a positive value', () => {
    expect(diagonalExtent([{ name: 'x', points: [[0, 0]] }])).toBeNull();
    expect((cleanerEigenvalueMapOption([{ name: 'x', points: [] }]).series as Series[]).map((s) => s.name)).toEqual(['x']);
  });
});

describe('cleanerVolatilityMapOption', () => {
  it('scatters sample → marginal per asset, names the asset in the tooltip, and spans the diagonal over both', () => {
    const option = cleanerVolatilityMapOption({ assets: ['AAA', 'BBB'], sample: [0.2, 0.4], marginal: [0.25, 0.1] });
    const [scatter, diagonal] = option.series as Series[];
    expect(scatter.data).toEqual([[0.2, 0.25], [0.4, 0.1]]);
    expect(diagonal.data).toEqual([[0.1, 0.1], [0.4, 0.4]]);
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ dataIndex: 1, seriesIndex: 0 })).toBe('BBB: 40.0 % → 10.0 %');
  });
});
