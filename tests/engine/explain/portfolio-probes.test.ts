/**
 * Probing functions of the weights: closed-form values (equal weights: H = ln n, HHI = 1/n,
 * effective N = n) and gradients against central differences away from kinks.
 */

import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import {
  benchmarkGap,
  concentration,
  portfolioReturn,
  weightDivergence,
  weightEntropy,
} from '../../../src/main/engine/explain/portfolio-probes';
import { expectClose, expectScalarClose } from '../linalg/assert-close';

const n = 12;
const random = createRandom(41);
const raw = Float64Array.from({ length: n }, () => random.uniform() + 0.1);
const total = raw.reduce((s, v) => s + v, 0);
const w = raw.map((v) => v / total);
const other = Float64Array.from({ length: n }, () => random.uniform() / n);
const r = Float64Array.from({ length: n }, () => 0.01 + 0.05 * random.normal());

function centralDifference(f: (x: Float64Array) => number, x: Float64Array, h: number): Float64Array {
  return Float64Array.from({ length: x.length }, (_, i) => {
    const up = Float64Array.from(x);
    const down = Float64Array.from(x);
    up[i] += h;
    down[i] -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}

describe('portfolio probes', () => {
  it('gradients match central differences (h = 1e-7, tol 1e-6)', () => {
    expectClose(portfolioReturn(w, r).gradient, centralDifference((x) => portfolioReturn(x, r).value, w, 1e-7), 1e-6, 1e-9, 'return');
    expectClose(benchmarkGap(w, r, 0.03).gradient, centralDifference((x) => benchmarkGap(x, r, 0.03).value, w, 1e-7), 1e-6, 1e-9, 'benchmark');
    expectClose(weightEntropy(w).gradient, centralDifference((x) => weightEntropy(x).value, w, 1e-7), 1e-6, 1e-8, 'entropy');
    expectClose(weightDivergence(w, other).gradient, centralDifference((x) => weightDivergence(x, other).value, w, 1e-7), 1e-6, 1e-8, 'divergence');
  });

  it('equal weights: H = ln n, HHI = 1/n, effective N = n, max 1/n, top-10 10/n', () => {
    const equal = new Float64Array(n).fill(1 / n);
    const c = concentration(equal);
    expectScalarClose(c.entropy, Math.log(n), 1e-15, 0, 'entropy');
    expectScalarClose(c.hhi, 1 / n, 1e-15, 0, 'HHI');
    expectScalarClose(c.effectiveN, n, 1e-14, 0, 'effective N');
    expectScalarClose(c.maxWeight, 1 / n, 0, 0, 'max');
    expectScalarClose(c.top10Weight, 10 / n, 1e-15, 0, 'top 10');
  });

  it('a concentrated portfolio: zero weights add nothing to H and get gradient 0', () => {
    const w3 = Float64Array.from([0.5, 0.5, 0, 0]);
    const { value, gradient } = weightEntropy(w3);
    expectScalarClose(value, Math.log(2), 1e-15, 0, 'H');
    expect(Array.from(gradient.slice(2))).toEqual([0, 0]);
    expect(concentration(w3)).toMatchObject({ effectiveN: 2, maxWeight: 0.5, top10Weight: 1 });
    expectScalarClose(weightDivergence(w3, Float64Array.from([0.25, 0.25, 0.5, 0])).value, 1, 1e-15, 0, 'ℓ₁');
    expectScalarClose(benchmarkGap(w3, Float64Array.from([0.02, 0.04, 1, 1]), 0.01).value, 0.02 ** 2, 1e-15, 0, 'benchmark');
  });

  it('rejects empty, non-finite, negative, all-zero and mismatched input', () => {
    expect(() => weightEntropy(new Float64Array(0))).toThrow(/w is empty/);
    expect(() => weightEntropy(Float64Array.from([0.5, -0.1]))).toThrow(/w\[1\] = -0.1/);
    expect(() => concentration(new Float64Array(3))).toThrow(/all zero/);
    expect(() => portfolioReturn(w, r.slice(1))).toThrow(/r has length 11/);
    expect(() => weightDivergence(w, Float64Array.from({ length: n }, () => Number.NaN))).toThrow(/w2\[0\] is NaN/);
    expect(() => benchmarkGap(w, r, Number.POSITIVE_INFINITY)).toThrow(/b = Infinity/);
  });
});
