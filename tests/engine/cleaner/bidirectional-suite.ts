/**
 * The fused bidirectional op against tfjs-layers' Bidirectional(LSTM) / Bidirectional(GRU) on the
 * same weights (GRU with reset after, which tfjs-layers lacks, against the same cell composed from
 * tfjs-core ops and differentiated by tfjs's autodiff), plus leaks, initialisation and bad input.
 * Run per backend by bidirectional-cpu.test.ts and bidirectional-wasm.test.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor3D, Variable } from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { bidirectionalRecurrent, bidirectionalRecurrentOp } from '../../../src/main/engine/cleaner/bidirectional-recurrent';
import type { BidirectionalRecurrent } from '../../../src/main/engine/cleaner/bidirectional-recurrent';
import { createRandom } from '../../../src/main/engine/data/random';

const B = 3;
const T = 40;
const F = 4;
const H = 6;
/**
 * float32 agreement: both sides round to float32 (ours only at the copy in and out, tfjs-layers at
 * every op), so differences are a few ulps per step accumulated along 40 steps. Bound per compared
 * tensor: max |Δ| ≤ 4e-6 × max(1, ‖reference‖∞) (observed on cpu: ≤ 1.2e-7 on outputs, ≤ 4e-7 on
 * gradients, i.e. ≈ 3 float32 ulps; 10× margin).
 */
const FLOAT32_TOLERANCE = 4e-6;

function randomTensor(seed: number, shape: number[], scale: number): Tensor {
  const random = createRandom(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: size }, () => scale * (2 * random.uniform() - 1)), shape);
}

function worst(actual: Tensor, expected: Tensor): { difference: number; scale: number } {
  const a = actual.dataSync();
  const e = expected.dataSync();
  let difference = 0;
  let scale = 1;
  for (let q = 0; q < e.length; q++) {
    difference = Math.max(difference, Math.abs(a[q] - e[q]));
    scale = Math.max(scale, Math.abs(e[q]));
  }
  if (a.length !== e.length) difference = Number.POSITIVE_INFINITY;
  return { difference, scale };
}

function expectClose(name: string, actual: Tensor, expected: Tensor): void {
  const { difference, scale } = worst(actual, expected);
  const tolerance = FLOAT32_TOLERANCE * scale;
  expect(difference, `${name}: max |Δ| ${difference} > tolerance ${tolerance} (scale ${scale})`).toBeLessThanOrEqual(tolerance);
}

/** Loss Σ c ⊙ y and its gradients with respect to x and the six weight tensors. */
function lossGradients(apply: (x: Tensor3D, weights: Tensor[]) => Tensor, x: Tensor3D, weights: Tensor[], c: Tensor): { output: Tensor; grads: Tensor[] } {
  const output = apply(x, weights);
  const grads = tf.grads((...inputs: Tensor[]) => tf.sum(tf.mul(apply(inputs[0] as Tensor3D, inputs.slice(1)), c)))([x, ...weights]);
  return { output, grads };
}

/** Keras's reset-after GRU cell, one direction, from tfjs-core ops (an independent reference). */
function gruResetAfterDirection(x: Tensor3D, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor, reverse: boolean): Tensor {
  const [inputBias, recurrentBias] = tf.unstack(bias);
  // A copy: the tape keeps unstack's own output array, and reversing that in place would
  // silently permute the gradient.
  const steps = [...tf.unstack(x, 1)];
  if (reverse) steps.reverse();
  let h: Tensor = tf.zeros([x.shape[0], recurrentKernel.shape[0]]);
  const outputs: Tensor[] = [];
  for (const step of steps) {
    const [mz, mr, mh] = tf.split(tf.add(tf.matMul(step as tf.Tensor2D, kernel as tf.Tensor2D), inputBias), 3, 1);
    const [nz, nr, nh] = tf.split(tf.add(tf.matMul(h as tf.Tensor2D, recurrentKernel as tf.Tensor2D), recurrentBias), 3, 1);
    const z = tf.sigmoid(tf.add(mz, nz));
    const r = tf.sigmoid(tf.add(mr, nr));
    const candidate = tf.tanh(tf.add(mh, tf.mul(r, nh)));
    h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate));
    outputs.push(h);
  }
  if (reverse) outputs.reverse();
  return tf.stack(outputs, 1);
}

export function bidirectionalSuite(backend: string, select: () => Promise<boolean>): void {
  describe(`bidirectional recurrent op on ${backend}`, () => {
    beforeAll(async () => {
      expect(await select(), `tf.setBackend('${backend}') resolved false`).toBe(true);
    });

    const cases = [
      { name: 'LSTM', cell: 'lstm' as const, resetAfter: false, layer: () => tfl.layers.lstm({ units: H, returnSequences: true, recurrentActivation: 'sigmoid', recurrentInitializer: 'zeros' }) },
      { name: 'GRU (reset before)', cell: 'gru' as const, resetAfter: false, layer: () => tfl.layers.gru({ units: H, returnSequences: true, recurrentActivation: 'sigmoid', recurrentInitializer: 'zeros' }) },
    ];
    for (const testCase of cases) {
      it(`${testCase.name}: output and every gradient match tfjs-layers' Bidirectional on the same weights`, () => {
        const ours = bidirectionalRecurrent({ cell: testCase.cell, resetAfter: testCase.resetAfter, units: H, features: F, seed: 11 });
        const reference = tfl.layers.bidirectional({ layer: testCase.layer() as tfl.RNN, mergeMode: 'concat' });
        tf.tidy(() => {
          const x = randomTensor(21, [B, T, F], 1.5) as Tensor3D;
          const c = randomTensor(22, [B, T, 2 * H], 1);
          reference.apply(x);
          reference.setWeights(ours.trainableWeights.map((w) => tf.mul(w, 2)));
          const weights = reference.getWeights();
          const xVariable = tf.variable(x);
          const variables = [xVariable, ...reference.trainableWeights.map((w) => w.read() as Variable)];
          const theirOutput = reference.apply(x) as Tensor;
          const theirs = tf.variableGrads(() => tf.sum(tf.mul(reference.apply(xVariable) as Tensor, c)), variables);
          xVariable.dispose();
          const mine = lossGradients((input, ws) => bidirectionalRecurrentOp(input, ws, testCase), x, weights, c);
          expectClose('output', mine.output, theirOutput);
          const names = ['x', 'forward kernel', 'forward recurrent kernel', 'forward bias', 'backward kernel', 'backward recurrent kernel', 'backward bias'];
          names.forEach((name, q) => expectClose(`∂L/∂${name}`, mine.grads[q], theirs.grads[variables[q].name]));
        });
        reference.dispose();
        ours.dispose();
      });
    }

    it('GRU (reset after): output and every gradient match the cell composed from tfjs-core ops', () => {
      const ours = bidirectionalRecurrent({ cell: 'gru', units: H, features: F, seed: 12 });
      tf.tidy(() => {
        const x = randomTensor(31, [B, T, F], 1.5) as Tensor3D;
        const c = randomTensor(32, [B, T, 2 * H], 1);
        const weights = ours.trainableWeights.map((w, q) => tf.add(tf.mul(w, 2), q % 3 === 2 ? randomTensor(33 + q, w.shape, 0.5) : 0));
        const composed = (input: Tensor3D, ws: Tensor[]): Tensor =>
          tf.concat([gruResetAfterDirection(input, ws[0], ws[1], ws[2], false), gruResetAfterDirection(input, ws[3], ws[4], ws[5], true)], 2);
        const theirs = lossGradients(composed, x, weights, c);
        const mine = lossGradients((input, ws) => bidirectionalRecurrentOp(input, ws, { cell: 'gru' }), x, weights, c);
        expectClose('output', mine.output, theirs.output);
        const names = ['x', 'forward kernel', 'forward recurrent kernel', 'forward bias', 'backward kernel', 'backward recurrent kernel', 'backward bias'];
        names.forEach((name, q) => expectClose(`∂L/∂${name}`, mine.grads[q], theirs.grads[q]));
      });
      ours.dispose();
    });

    it('a training step leaves tf.memory().numTensors unchanged', () => {
      const layer: BidirectionalRecurrent = bidirectionalRecurrent({ cell: 'lstm', units: H, features: F, seed: 13 });
      const x = randomTensor(41, [B, T, F], 1) as Tensor3D;
      const before = tf.memory().numTensors;
      const initial = layer.forward.kernel.dataSync().slice();
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => tf.mean(tf.square(layer(x))), [...layer.trainableWeights]);
        for (const variable of layer.trainableWeights) variable.assign(tf.sub(variable, tf.mul(0.1, grads[variable.name])));
      });
      expect(tf.memory().numTensors, 'tensors alive after the step').toBe(before);
      const moved = layer.forward.kernel.dataSync().some((value, q) => value !== initial[q]);
      expect(moved, 'the step changed the forward kernel').toBe(true);
      layer(x).dispose();
      expect(tf.memory().numTensors, 'tensors alive after a forward call without gradient').toBe(before);
      layer.dispose();
      x.dispose();
    });

    it('initialises like Keras from the seed: orthonormal recurrent rows, unit forget bias', () => {
      const first = bidirectionalRecurrent({ cell: 'lstm', units: H, features: F, seed: 5 });
      const second = bidirectionalRecurrent({ cell: 'lstm', units: H, features: F, seed: 5 });
      first.trainableWeights.forEach((w, q) => expect(Array.from(w.dataSync())).toEqual(Array.from(second.trainableWeights[q].dataSync())));
      const u = first.backward.recurrentKernel.dataSync();
      let worstGram = 0;
      for (let i = 0; i < H; i++) {
        for (let j = 0; j < H; j++) {
          let sum = 0;
          for (let k = 0; k < 4 * H; k++) sum += u[i * 4 * H + k] * u[j * 4 * H + k];
          worstGram = Math.max(worstGram, Math.abs(sum - (i === j ? 1 : 0)));
        }
      }
      expect(worstGram, `max |UUᵀ − I| ${worstGram} > 1e-6 (float32 storage)`).toBeLessThanOrEqual(1e-6);
      expect(Array.from(first.forward.bias.dataSync())).toEqual([...Array(H).fill(0), ...Array(H).fill(1), ...Array(2 * H).fill(0)]);
      const gru = bidirectionalRecurrent({ cell: 'gru', units: H, features: F });
      expect(gru.forward.bias.shape).toEqual([2, 3 * H]);
      expect(gru.forward.kernel.shape).toEqual([F, 3 * H]);
      for (const layer of [first, second, gru]) layer.dispose();
    });

    it('rejects bad shapes, options and non-finite input with named errors', () => {
      const layer = bidirectionalRecurrent({ cell: 'lstm', units: H, features: F });
      tf.tidy(() => {
        expect(() => layer(tf.zeros([B, T, F + 1]) as Tensor3D)).toThrow(/x must have shape \[\?, \?, 4\]/);
        expect(() => layer(tf.zeros([B, F]) as unknown as Tensor3D)).toThrow(/x must have shape/);
        const weights = [...layer.trainableWeights] as Tensor[];
        expect(() => bidirectionalRecurrentOp(tf.zeros([B, T, F]) as Tensor3D, weights.slice(1), { cell: 'lstm' })).toThrow(/weights must hold 6 tensors/);
        const badBias = [...weights.slice(0, 5), tf.zeros([3 * H])];
        expect(() => bidirectionalRecurrentOp(tf.zeros([B, T, F]) as Tensor3D, badBias, { cell: 'lstm' })).toThrow(/backward bias must have shape \[24\]/);
        expect(() => bidirectionalRecurrentOp(tf.zeros([B, T, F]) as Tensor3D, weights, { cell: 'gru' })).toThrow(/forward kernel must have shape \[4, 18\]/);
        const nan = tf.tensor3d(Float32Array.from({ length: B * T * F }, (_, q) => (q === 7 ? Number.NaN : 0)), [B, T, F]);
        expect(() => layer(nan)).toThrow(/x\[7\] is NaN/);
      });
      expect(() => bidirectionalRecurrent({ cell: 'rnn' as 'lstm', units: H, features: F })).toThrow(/options.cell/);
      expect(() => bidirectionalRecurrent({ cell: 'lstm', units: 0, features: F })).toThrow(/options.units must be a positive integer/);
      expect(() => bidirectionalRecurrent({ cell: 'lstm', units: H, features: 2.5 })).toThrow(/options.features must be a positive integer/);
      layer.dispose();
    });
  });
}
