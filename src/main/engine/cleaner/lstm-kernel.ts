/**
 * One direction of an LSTM layer over a batch of sequences, forward and backward, in float64
 * (Hochreiter & Schmidhuber 1997 with the forget gate of Gers et al. 2000; Keras's cell, as used by
 * the BiLSTM eigenvalue cleaner of Bongiorno, Manolakis & Mantegna, arXiv 2507.01918, METHODS.md §3):
 *
 *   z = x_t·W + h_{t−1}·U + b,   i = σ(z_i), f = σ(z_f), g = tanh(z_c), o = σ(z_o)
 *   c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t),   h_{−1} = c_{−1} = 0,
 *
 * gate blocks in Keras's order i, f, c, o (recurrent-types.ts), σ the logistic sigmoid (Keras 2+;
 * tfjs-layers defaults to the hard sigmoid, so compare with `recurrentActivation: 'sigmoid'`).
 * Backward is back-propagation through time over the trace the forward pass keeps (gate
 * activations, cell states and tanh(c)): O(B·T·(F + H)·4H) both ways. The input projection and the
 * weight gradients run in bulk outside the time loop (recurrent-loops.ts).
 */

import { accumulateInputGradients, accumulateOuterProducts, inputProjection, matrixVector, previousStates, transposed } from './recurrent-loops';
import { checkOutputGradient, checkRecurrentInputs, sigmoid } from './recurrent-types';
import type { RecurrentDims, RecurrentGradients, RecurrentWeights } from './recurrent-types';

/** What {@link lstmBackward} needs from the forward pass. Treat as opaque. */
export interface LstmTrace {
  readonly dims: RecurrentDims;
  readonly reverse: boolean;
  readonly x: Float64Array;
  readonly weights: RecurrentWeights;
  /** B × T × 4H: activations i, f, g, o at each original time index. */
  readonly gates: Float64Array;
  /** B × T × H: tanh(c_t). */
  readonly tanhCells: Float64Array;
  /** B × T × H: c_t. */
  readonly cells: Float64Array;
  /** B × T × H: h_t, the layer output. */
  readonly output: Float64Array;
}

/**
 * Runs the LSTM over every sequence.
 *
 * @param x - B × T × F row-major; not mutated (the trace keeps a reference).
 * @param weights - kernel F × 4H, recurrentKernel H × 4H, bias 4H (i, f, c, o blocks).
 * @param reverse - process time from T−1 down to 0 (the backward half of a bidirectional layer);
 *   the output stays at the original time index, as Keras's Bidirectional re-reverses it.
 * @returns the trace; `trace.output` is h, B × T × H.
 * @throws on bad dims, wrong lengths or non-finite values.
 */
export function lstmForward(x: Float64Array, dims: RecurrentDims, weights: RecurrentWeights, reverse = false): LstmTrace {
  checkRecurrentInputs('lstm', x, dims, weights, false);
  const { batch, steps, features: nf, units: nh } = dims;
  const width = 4 * nh;
  const projected = inputProjection(x, weights.kernel, weights.bias, batch * steps, nf, width);
  const recurrentT = transposed(weights.recurrentKernel, nh, width);
  const gates = new Float64Array(batch * steps * width);
  const cells = new Float64Array(batch * steps * nh);
  const tanhCells = new Float64Array(batch * steps * nh);
  const output = new Float64Array(batch * steps * nh);
  const z = new Float64Array(width);
  for (let b = 0; b < batch; b++) {
    for (let s = 0; s < steps; s++) {
      const t = reverse ? steps - 1 - s : s;
      const row = b * steps + t;
      const prev = (b * steps + (reverse ? t + 1 : t - 1)) * nh;
      const p0 = row * width;
      if (s === 0) {
        z.set(projected.subarray(p0, p0 + width));
      } else {
        matrixVector(recurrentT, 0, nh, nh, width, output, prev, z, 0, projected, p0);
      }
      const h0 = row * nh;
      for (let k = 0; k < nh; k++) {
        const gi = sigmoid(z[k]);
        const gf = sigmoid(z[nh + k]);
        const gg = Math.tanh(z[2 * nh + k]);
        const go = sigmoid(z[3 * nh + k]);
        gates[p0 + k] = gi;
        gates[p0 + nh + k] = gf;
        gates[p0 + 2 * nh + k] = gg;
        gates[p0 + 3 * nh + k] = go;
        const c = s === 0 ? gi * gg : gf * cells[prev + k] + gi * gg;
        const tc = Math.tanh(c);
        cells[h0 + k] = c;
        tanhCells[h0 + k] = tc;
        output[h0 + k] = go * tc;
      }
    }
  }
  return { dims, reverse, x, weights, gates, tanhCells, cells, output };
}

/**
 * Back-propagation through time for {@link lstmForward}.
 *
 * @param trace - the forward pass's trace.
 * @param dOutput - ∂L/∂h, B × T × H row-major; not mutated.
 * @returns ∂L/∂x (B × T × F) and ∂L/∂(kernel, recurrentKernel, bias), shapes as the weights.
 * @throws when dOutput has the wrong length or a non-finite entry.
 */
export function lstmBackward(trace: LstmTrace, dOutput: Float64Array): RecurrentGradients {
  const { dims, reverse, x, weights, gates, cells, tanhCells, output } = trace;
  checkOutputGradient(dOutput, dims);
  const { batch, steps, features: nf, units: nh } = dims;
  const width = 4 * nh;
  const rows = batch * steps;
  const { recurrentKernel } = weights;
  const dZ = new Float64Array(rows * width);
  const dh = new Float64Array(nh);
  const dc = new Float64Array(nh);
  for (let b = 0; b < batch; b++) {
    dh.fill(0);
    dc.fill(0);
    for (let s = steps - 1; s >= 0; s--) {
      const t = reverse ? steps - 1 - s : s;
      const row = b * steps + t;
      const prev = (b * steps + (reverse ? t + 1 : t - 1)) * nh;
      const g0 = row * width;
      const h0 = row * nh;
      for (let k = 0; k < nh; k++) {
        const gi = gates[g0 + k];
        const gf = gates[g0 + nh + k];
        const gg = gates[g0 + 2 * nh + k];
        const go = gates[g0 + 3 * nh + k];
        const tc = tanhCells[h0 + k];
        const dhk = dh[k] + dOutput[h0 + k];
        const dck = dc[k] + dhk * go * (1 - tc * tc);
        const cPrev = s === 0 ? 0 : cells[prev + k];
        dZ[g0 + k] = dck * gg * gi * (1 - gi);
        dZ[g0 + nh + k] = dck * cPrev * gf * (1 - gf);
        dZ[g0 + 2 * nh + k] = dck * gi * (1 - gg * gg);
        dZ[g0 + 3 * nh + k] = dhk * tc * go * (1 - go);
        dc[k] = dck * gf;
      }
      matrixVector(recurrentKernel, 0, width, width, nh, dZ, g0, dh, 0);
    }
  }
  const dInput = new Float64Array(rows * nf);
  const dKernel = new Float64Array(nf * width);
  const dBias = new Float64Array(width);
  accumulateInputGradients(x, dZ, weights.kernel, rows, nf, width, dInput, dKernel, dBias);
  const dRecurrent = new Float64Array(nh * width);
  accumulateOuterProducts(previousStates(output, batch, steps, nh, reverse), rows, nh, dZ, width, 0, width, dRecurrent, width, 0);
  return { input: dInput, kernel: dKernel, recurrentKernel: dRecurrent, bias: dBias };
}
