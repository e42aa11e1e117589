/**
 * The float64 LSTM and GRU kernels: every gradient (input, kernel, recurrent kernel, bias; both time
 * directions; both GRU variants) against central finite differences of L = Σ c ⊙ h.
 */
import { describe, expect, it } from 'vitest';
import { gruBackward, gruForward } from '../../../src/main/engine/cleaner/gru-kernel';
import { lstmBackward, lstmForward } from '../../../src/main/engine/cleaner/lstm-kernel';
import type { RecurrentDims, RecurrentGradients, RecurrentWeights } from '../../../src/main/engine/cleaner/recurrent-types';
import { centralDifferences, dot, randomProblem, worstRelative } from './recurrent-helpers';

const DIMS: RecurrentDims = { batch: 2, steps: 7, features: 3, units: 4 };
/** Central differences with h = 1e-6 on O(1) losses: truncation ≈ 1e-12·L‴, rounding ≈ 1e-16/1e-6. */
const FD_TOLERANCE = 1e-7;

interface Variant {
  name: string;
  cell: 'lstm' | 'gru';
  resetAfter: boolean;
  run(x: Float64Array, dims: RecurrentDims, weights: RecurrentWeights, reverse: boolean): { output: Float64Array; backward(d: Float64Array): RecurrentGradients };
}

const VARIANTS: Variant[] = [
  {
    name: 'LSTM',
    cell: 'lstm',
    resetAfter: false,
    run: (x, dims, weights, reverse) => {
      const trace = lstmForward(x, dims, weights, reverse);
      return { output: trace.output, backward: (d) => lstmBackward(trace, d) };
    },
  },
  {
    name: 'GRU (reset after)',
    cell: 'gru',
    resetAfter: true,
    run: (x, dims, weights, reverse) => {
      const trace = gruForward(x, dims, weights, reverse, true);
      return { output: trace.output, backward: (d) => gruBackward(trace, d) };
    },
  },
  {
    name: 'GRU (reset before)',
    cell: 'gru',
    resetAfter: false,
    run: (x, dims, weights, reverse) => {
      const trace = gruForward(x, dims, weights, reverse, false);
      return { output: trace.output, backward: (d) => gruBackward(trace, d) };
    },
  },
];

describe.each(VARIANTS)('$name kernel', (variant) => {
  for (const reverse of [false, true]) {
    it(`gradients match central differences (${reverse ? 'reverse' : 'forward'} in time)`, () => {
      const problem = randomProblem(variant.cell, DIMS, variant.resetAfter, reverse ? 71 : 17);
      const { x, weights, c } = problem;
      const loss = (): number => dot(variant.run(x, DIMS, weights, reverse).output, c);
      const analytic = variant.run(x, DIMS, weights, reverse).backward(c);
      const checks: [string, Float64Array, Float64Array][] = [
        ['x', x, analytic.input],
        ['kernel', weights.kernel, analytic.kernel],
        ['recurrentKernel', weights.recurrentKernel, analytic.recurrentKernel],
        ['bias', weights.bias, analytic.bias],
      ];
      for (const [name, values, gradient] of checks) {
        const numeric = centralDifferences(values, loss);
        const { error, index } = worstRelative(gradient, numeric);
        expect(error, `${name}[${index}]: analytic ${gradient[index]} vs FD ${numeric[index]}, relative error ${error} > ${FD_TOLERANCE}`).toBeLessThanOrEqual(FD_TOLERANCE);
        expect(Math.max(...Array.from(gradient, Math.abs)), `${name}: gradient is identically zero, the check would be vacuous`).toBeGreaterThan(1e-3);
      }
    });
  }

  it('reverse direction equals the forward direction on time-reversed input', () => {
    const { x, weights } = randomProblem(variant.cell, DIMS, variant.resetAfter, 5);
    const { batch, steps, features, units } = DIMS;
    const flipped = new Float64Array(x.length);
    for (let b = 0; b < batch; b++) {
      for (let t = 0; t < steps; t++) flipped.set(x.subarray((b * steps + t) * features, (b * steps + t + 1) * features), (b * steps + steps - 1 - t) * features);
    }
    const reversed = variant.run(x, DIMS, weights, true).output;
    const forwardOnFlipped = variant.run(flipped, DIMS, weights, false).output;
    let worst = 0;
    for (let b = 0; b < batch; b++) {
      for (let t = 0; t < steps; t++) {
        for (let k = 0; k < units; k++) {
          worst = Math.max(worst, Math.abs(reversed[(b * steps + t) * units + k] - forwardOnFlipped[(b * steps + steps - 1 - t) * units + k]));
        }
      }
    }
    expect(worst, `max |Δh| ${worst} > 0`).toBe(0);
  });

  it('does not mutate its inputs', () => {
    const { x, weights, c } = randomProblem(variant.cell, DIMS, variant.resetAfter, 9);
    const copies = [x, weights.kernel, weights.recurrentKernel, weights.bias, c].map((a) => Float64Array.from(a));
    variant.run(x, DIMS, weights, false).backward(c);
    [x, weights.kernel, weights.recurrentKernel, weights.bias, c].forEach((a, q) => expect(Array.from(a)).toEqual(Array.from(copies[q])));
  });

  it('rejects bad shapes and non-finite values with named errors', () => {
    const { x, weights, c } = randomProblem(variant.cell, DIMS, variant.resetAfter, 3);
    expect(() => variant.run(x.subarray(1), DIMS, weights, false)).toThrow(/x has length/);
    expect(() => variant.run(x, { ...DIMS, units: 0 }, weights, false)).toThrow(/dims.units must be a positive integer/);
    expect(() => variant.run(x, DIMS, { ...weights, recurrentKernel: weights.recurrentKernel.subarray(1) }, false)).toThrow(/recurrentKernel has length/);
    expect(() => variant.run(x, DIMS, { ...weights, bias: new Float64Array(weights.bias.length + 1) }, false)).toThrow(/bias has length/);
    const bad = Float64Array.from(x);
    bad[4] = Number.NaN;
    expect(() => variant.run(bad, DIMS, weights, false)).toThrow(/x\[4\] is NaN/);
    const kernel = Float64Array.from(weights.kernel);
    kernel[0] = Number.POSITIVE_INFINITY;
    expect(() => variant.run(x, DIMS, { ...weights, kernel }, false)).toThrow(/kernel\[0\] is Infinity/);
    const pass = variant.run(x, DIMS, weights, false);
    expect(() => pass.backward(c.subarray(1))).toThrow(/dOutput has length/);
  });
});

describe('one step from zero state (closed forms)', () => {
  const dims: RecurrentDims = { batch: 1, steps: 1, features: 2, units: 1 };
  const x = Float64Array.from([0.7, -1.3]);
  const sigma = (v: number): number => 1 / (1 + Math.exp(-v));

  it('LSTM: h = σ(z_o)·tanh(σ(z_i)·tanh(z_c)), the forget gate and U unused', () => {
    const kernel = Float64Array.from([0.1, 0.2, 0.3, 0.4, -0.5, 0.6, -0.7, 0.8]);
    const weights = { kernel, recurrentKernel: Float64Array.from([9, 9, 9, 9]), bias: Float64Array.from([0.05, 0.1, -0.15, 0.2]) };
    const z = [0, 1, 2, 3].map((j) => weights.bias[j] + x[0] * kernel[j] + x[1] * kernel[4 + j]);
    const expected = sigma(z[3]) * Math.tanh(sigma(z[0]) * Math.tanh(z[2]));
    const h = lstmForward(x, dims, weights).output[0];
    expect(Math.abs(h - expected), `h ${h} vs ${expected}`).toBeLessThanOrEqual(1e-15);
  });

  it('GRU: h = (1 − z)·tanh(m_h + r·b_hh) after reset, tanh(m_h) before; U unused', () => {
    const kernel = Float64Array.from([0.1, 0.2, 0.3, -0.4, 0.5, -0.6]);
    const recurrentKernel = Float64Array.from([9, 9, 9]);
    const m = [0, 1, 2].map((j) => x[0] * kernel[j] + x[1] * kernel[3 + j]);
    const after = gruForward(x, dims, { kernel, recurrentKernel, bias: Float64Array.from([0.1, 0.2, 0.3, -0.2, 0.4, 0.5]) }).output[0];
    const z = sigma(m[0] + 0.1 - 0.2);
    const r = sigma(m[1] + 0.2 + 0.4);
    const expectedAfter = (1 - z) * Math.tanh(m[2] + 0.3 + r * 0.5);
    expect(Math.abs(after - expectedAfter), `reset after: h ${after} vs ${expectedAfter}`).toBeLessThanOrEqual(1e-15);
    const before = gruForward(x, dims, { kernel, recurrentKernel, bias: Float64Array.from([0.1, 0.2, 0.3]) }, false, false).output[0];
    const expectedBefore = (1 - sigma(m[0] + 0.1)) * Math.tanh(m[2] + 0.3);
    expect(Math.abs(before - expectedBefore), `reset before: h ${before} vs ${expectedBefore}`).toBeLessThanOrEqual(1e-15);
  });
});
