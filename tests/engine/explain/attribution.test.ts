/**
 * Saliency, integrated gradients and expected gradients on functions with closed-form
 * attributions: f(x) = gᵀx + ½xᵀAx + Σ c_i x_i³. With d = x − b:
 * - exact IG_i = d_i·(g + A(b + d/2))_i + c_i(x_i³ − b_i³);
 * - the trapezoid rule on n intervals integrates the quadratic-in-α path gradient with error
 *   exactly (h²/12)(g_i′(1) − g_i′(0)) = c_i·d_i³/(2n²) (Euler–Maclaurin, exact for degree 2),
 *   zero when c = 0.
 */

import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import { expectedGradients, gradientSaliency, integratedGradients } from '../../../src/main/engine/explain/integrated-gradients';
import type { DifferentiableFunction } from '../../../src/main/engine/explain/integrated-gradients';
import { expectClose, expectScalarClose } from '../linalg/assert-close';
import { matVec } from './gaussian-fixtures';

const P = 6;
const random = createRandom(99);
const draw = (n: number) => Float64Array.from({ length: n }, () => random.normal());
const g = draw(P);
const root = draw(P * P);
const a = new Float64Array(P * P);
for (let i = 0; i < P; i++) for (let j = 0; j < P; j++) for (let q = 0; q < P; q++) a[i * P + j] += (root[i * P + q] * root[j * P + q]) / P;
const x = draw(P);
const b = draw(P);

function polynomial(c: Float64Array, quadratic = true): DifferentiableFunction {
  return {
    value: (z) => {
      const az = quadratic ? matVec(a, z, P) : new Float64Array(P);
      let sum = 0;
      for (let i = 0; i < P; i++) sum += g[i] * z[i] + 0.5 * z[i] * az[i] + c[i] * z[i] ** 3;
      return sum;
    },
    gradient: (z) => {
      const az = quadratic ? matVec(a, z, P) : new Float64Array(P);
      return Float64Array.from({ length: P }, (_, i) => g[i] + az[i] + 3 * c[i] * z[i] ** 2);
    },
  };
}

function exactIg(c: Float64Array, from: Float64Array, quadratic = true): Float64Array {
  const d = x.map((v, i) => v - from[i]);
  const middle = from.map((v, i) => v + d[i] / 2);
  const am = quadratic ? matVec(a, middle, P) : new Float64Array(P);
  return Float64Array.from({ length: P }, (_, i) => d[i] * (g[i] + am[i]) + c[i] * (x[i] ** 3 - from[i] ** 3));
}

const zeroCubic = new Float64Array(P);
const cubic = Float64Array.from([0.3, -0.2, 0.5, 0.1, -0.4, 0.25]);

describe('gradientSaliency', () => {
  it('the test function’s gradient matches central differences (h = 1e-6, tol 1e-7), and saliency returns it', () => {
    const f = polynomial(cubic);
    const numeric = Float64Array.from({ length: P }, (_, i) => {
      const up = Float64Array.from(x);
      const down = Float64Array.from(x);
      up[i] += 1e-6;
      down[i] -= 1e-6;
      return (f.value(up) - f.value(down)) / 2e-6;
    });
    const { gradient, gradientTimesInput } = gradientSaliency(f, x, b);
    expectClose(gradient, numeric, 1e-7, 1e-7, 'FD gradient');
    expectClose(gradientTimesInput, gradient.map((v, i) => v * (x[i] - b[i])), 0, 0, 'gradient × input');
  });
});

describe('integratedGradients', () => {
  it('linear f: exact attributions w ⊙ (x − b) at the first grid, gap ≤ 1e-13', () => {
    const result = integratedGradients(polynomial(zeroCubic, false), x, b);
    expectClose(result.attributions, exactIg(zeroCubic, b, false), 1e-13, 1e-14, 'IG linear');
    expect(result.steps).toBe(16);
    expect(result.completenessGap).toBeLessThanOrEqual(1e-13);
  });

  it('quadratic f: the trapezoid rule is exact, so IG matches its closed form at 16 intervals (1e-12)', () => {
    const result = integratedGradients(polynomial(zeroCubic), x, b);
    expectClose(result.attributions, exactIg(zeroCubic, b), 1e-12, 1e-13, 'IG quadratic');
    expect(result.steps).toBe(16);
    expect(result.converged).toBe(true);
  });

  it('cubic f: the error is exactly c_i d_i³/(2n²) per coordinate at n = 4, 8, 64 (1e-12)', () => {
    const f = polynomial(cubic);
    const exact = exactIg(cubic, b);
    for (const n of [4, 8, 64]) {
      const result = integratedGradients(f, x, b, { initialSteps: n, maxSteps: n });
      const predicted = exact.map((v, i) => v + (cubic[i] * (x[i] - b[i]) ** 3) / (2 * n * n));
      expectClose(result.attributions, predicted, 1e-12, 1e-12, `IG cubic n = ${n}`);
    }
  });

  it('refines by doubling until the completeness gap meets the tolerance, at the predicted n', () => {
    const f = polynomial(cubic);
    let errorConstant = 0;
    for (let i = 0; i < P; i++) errorConstant += (cubic[i] * (x[i] - b[i]) ** 3) / 2;
    const atol = 1e-6;
    let expectedSteps = 4;
    while (Math.abs(errorConstant) / expectedSteps ** 2 > atol) expectedSteps *= 2;
    const result = integratedGradients(f, x, b, { initialSteps: 4, atol, rtol: 0 });
    expect(result.steps).toBe(expectedSteps);
    expect(result.converged).toBe(true);
    expectScalarClose(result.completenessGap, Math.abs(errorConstant) / expectedSteps ** 2, 1e-6, 1e-13, 'gap');
    const capped = integratedGradients(f, x, b, { initialSteps: 4, maxSteps: 8, atol: 1e-12, rtol: 0 });
    expect(capped.converged).toBe(false);
    expect(capped.steps).toBe(8);
  });

  it('rejects mismatched or non-finite input and bad options; does not mutate its input', () => {
    const f = polynomial(cubic);
    const copy = Float64Array.from(x);
    expect(() => integratedGradients(f, x, b.slice(1))).toThrow(/baseline has length 5/);
    const bad = Float64Array.from(x);
    bad[2] = Number.NaN;
    expect(() => integratedGradients(f, bad, b)).toThrow(/x\[2\] is NaN/);
    expect(() => integratedGradients(f, x, b, { initialSteps: 0 })).toThrow(/initialSteps = 0/);
    expect(() => integratedGradients(f, x, b, { initialSteps: 8, maxSteps: 4 })).toThrow(/maxSteps = 4/);
    expect(() => integratedGradients({ value: () => Number.NaN, gradient: f.gradient }, x, b)).toThrow(/f\(x\) is NaN/);
    expect(() => integratedGradients({ value: f.value, gradient: () => new Float64Array(2) }, x, b)).toThrow(/gradient returned length 2/);
    expect(() => integratedGradients(f, new Float64Array(0), new Float64Array(0))).toThrow(/x is empty/);
    expect(x).toEqual(copy);
  });
});

describe('expectedGradients', () => {
  const n = 5;
  const background = draw(n * P);
  const rows = Array.from({ length: n }, (_, r) => background.slice(r * P, (r + 1) * P));

  it('linear f: w ⊙ (x − mean background) exactly', () => {
    const result = expectedGradients(polynomial(zeroCubic, false), x, background, n, 1);
    const mean = Float64Array.from({ length: P }, (_, i) => rows.reduce((s, row) => s + row[i], 0) / n);
    expectClose(result.attributions, g.map((w, i) => w * (x[i] - mean[i])), 1e-13, 1e-14, 'EG linear');
  });

  it('quadratic f: the mean of the exact IGs over the background, completeness gap ≤ 1e-12', () => {
    const f = polynomial(zeroCubic);
    const result = expectedGradients(f, x, background, n, 3);
    const expected = new Float64Array(P);
    for (const row of rows) exactIg(zeroCubic, row).forEach((v, i) => (expected[i] += v / n));
    expectClose(result.attributions, expected, 1e-12, 1e-13, 'EG quadratic');
    expectScalarClose(result.delta, f.value(x) - rows.reduce((s, row) => s + f.value(row), 0) / n, 1e-13, 1e-13, 'delta');
    expect(result.completenessGap).toBeLessThanOrEqual(1e-12);
  });

  it('cubic f: midpoint error −c_i d_i³/(4n²) per baseline, averaged (1e-12)', () => {
    const steps = 8;
    const result = expectedGradients(polynomial(cubic), x, background, n, steps);
    const expected = new Float64Array(P);
    for (const row of rows) {
      const ig = exactIg(cubic, row);
      for (let i = 0; i < P; i++) expected[i] += (ig[i] - (cubic[i] * (x[i] - row[i]) ** 3) / (4 * steps * steps)) / n;
    }
    expectClose(result.attributions, expected, 1e-12, 1e-12, 'EG cubic');
  });

  it('rejects an empty or mis-shaped background', () => {
    const f = polynomial(cubic);
    expect(() => expectedGradients(f, x, background, 0)).toThrow(/at least one row/);
    expect(() => expectedGradients(f, x, background.slice(1), n)).toThrow(/background has length 29/);
    expect(() => expectedGradients(f, x, background, n, 0)).toThrow(/steps = 0/);
  });
});
