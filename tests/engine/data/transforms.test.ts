/**
 * FRED-MD transformation codes and characteristic × macro interactions against hand values.
 */

import { describe, expect, it } from 'vitest';
import type { Panel } from '../../../src/shared/domain/panel';
import { interactionFeatures, interactionNames } from '../../../src/main/engine/data/interactions';
import { transformCodes, transformSeries } from '../../../src/main/engine/data/transform-codes';
import { expectClose } from '../linalg/assert-close';

const x = [1, 2, 4, 7, 11];
const { log } = Math;

/** NaN where expected is NaN; else within 1e−14 relative + 1e−15 (log x_t − log x_{t−1} vs log(x_t/x_{t−1})). */
function expectSeries(actual: Float64Array, expected: number[], label: string): void {
  for (let r = 0; r < expected.length; r++) {
    if (Number.isNaN(expected[r])) expect(actual[r], `${label}[${r}]`).toBeNaN();
    else expectClose([actual[r]], [expected[r]], 1e-14, 1e-15, `${label}[${r}]`);
  }
}

describe('transformSeries (FRED-MD codes 1–7)', () => {
  const cases: Array<[number, number[]]> = [
    [1, [1, 2, 4, 7, 11]],
    [2, [NaN, 1, 2, 3, 4]],
    [3, [NaN, NaN, 1, 1, 1]],
    [4, [0, log(2), log(4), log(7), log(11)]],
    [5, [NaN, log(2), log(2), log(7 / 4), log(11 / 7)]],
    [6, [NaN, NaN, 0, log(7 / 4) - log(2), log(11 / 7) - log(7 / 4)]],
    [7, [NaN, NaN, 0, 0.75 - 1, 4 / 7 - 0.75]],
  ];
  for (const [code, expected] of cases) {
    it(`code ${code}`, () => expectSeries(transformSeries(x, code), expected, `code ${code}`));
  }

  it('a missing value makes every difference that touches it NaN', () => {
    expectSeries(transformSeries([1, 2, NaN, 7, 11], 2), [NaN, 1, NaN, NaN, 4], 'Δx with a gap');
  });

  it('rejects unknown codes, logs of non-positive values, zero denominators and infinities', () => {
    expect(() => transformSeries(x, 8, 'INDPRO')).toThrow('INDPRO: transformation code 8 is not one of 1–7');
    expect(() => transformSeries([1, -2], 5, 'CPI')).toThrow('CPI[1] = -2: code 5 takes a log and needs positive values');
    expect(() => transformSeries([1, 0, 2], 7, 'M2')).toThrow('M2[1] = 0: code 7 divides by the previous value');
    expect(() => transformSeries([1, Infinity], 2, 'X')).toThrow('X[1] is Infinity');
  });
});

describe('transformCodes on a panel', () => {
  const panel: Panel = {
    kind: 'macro',
    frequency: 'monthly',
    dates: ['2020-01', '2020-02', '2020-03'],
    assets: ['RATE', 'CPI'],
    values: Float64Array.from([1.5, 100, 1.75, 101, 1.5, 103.02]),
    transformCodes: [2, 5],
  };

  it('uses the panel codes by default and marks the result as already transformed', () => {
    const out = transformCodes(panel);
    expectSeries(Float64Array.from([out.values[2], out.values[3], out.values[4], out.values[5]]), [0.25, log(1.01), -0.25, log(1.02)], 'panel');
    expect(out.values[0]).toBeNaN();
    expect(out.transformCodes).toEqual([1, 1]);
    expect(Array.from(panel.values)).toEqual([1.5, 100, 1.75, 101, 1.5, 103.02]);
  });

  it('explicit codes override; missing or mismatched codes are errors', () => {
    expect(Array.from(transformCodes(panel, [1, 1]).values)).toEqual(Array.from(panel.values));
    expect(() => transformCodes({ ...panel, transformCodes: undefined })).toThrow(/no transformCodes/);
    expect(() => transformCodes(panel, [1])).toThrow('transformCodes: 1 codes for 2 columns');
  });
});

describe('interactionFeatures: c ⊗ (1, m)', () => {
  it('lays out c, then c·m_l per macro variable', () => {
    const c = Float64Array.from([1, 2, -1, 0.5]);
    const out = interactionFeatures(c, 2, 2, [3, -2]);
    expect(Array.from(out)).toEqual([1, 2, 3, 6, -2, -4, -1, 0.5, -3, 1.5, 2, -1]);
    expect(interactionNames(['mom', 'vol'], ['tbl', 'dfy'])).toEqual(['mom', 'vol', 'mom×tbl', 'vol×tbl', 'mom×dfy', 'vol×dfy']);
    expect(Array.from(interactionFeatures(c, 2, 2, []))).toEqual(Array.from(c));
  });

  it('rejects non-finite input and wrong shapes', () => {
    expect(() => interactionFeatures(Float64Array.from([1, NaN]), 1, 2, [1])).toThrow('characteristics[0, 1] is NaN: must be finite');
    expect(() => interactionFeatures(Float64Array.from([1, 2]), 1, 2, [Infinity])).toThrow('macro[0] is Infinity: must be finite');
    expect(() => interactionFeatures(Float64Array.from([1, 2, 3]), 1, 2, [1])).toThrow(/expected N × P = 1 × 2/);
  });
});
