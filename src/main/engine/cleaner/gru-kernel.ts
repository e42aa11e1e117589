/**
 * One direction of a GRU layer over a batch of sequences, forward and backward, in float64 (Cho et
 * al. 2014; Keras's cell; the BiGRU of the authors' library for the eigenvalue cleaner of Bongiorno,
 * Manolakis & Mantegna, arXiv 2507.01918, METHODS.md §3). Gate blocks in Keras's order z, r, h.
 *
 * Reset after (Keras's default `reset_after=True`, cuDNN's form; bias 2 × 3H = [b_x; b_h]):
 *   m = x_t·W + b_x,  n = h_{t−1}·U + b_h,
 *   z = σ(m_z + n_z),  r = σ(m_r + n_r),  ĥ = tanh(m_h + r ⊙ n_h).
 * Reset before (Keras 1 and tfjs-layers, whose GRUCell refuses `resetAfter`; bias 3H):
 *   m = x_t·W + b,  z = σ(m_z + h_{t−1}·U_z),  r = σ(m_r + h_{t−1}·U_r),  ĥ = tanh(m_h + (r ⊙ h_{t−1})·U_h).
 * Both: h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ, h_{−1} = 0, σ the logistic sigmoid (Keras 2+; tfjs-layers
 * defaults to the hard sigmoid, so compare with `recurrentActivation: 'sigmoid'`).
 * The input projection and the weight gradients run in bulk outside the time loop (recurrent-loops.ts).
 */

import { accumulateInputGradients, accumulateOuterProducts, inputProjection, matrixVector, previousStates, transposed } from './recurrent-loops';
import { checkOutputGradient, checkRecurrentInputs, sigmoid } from './recurrent-types';
import type { RecurrentDims, RecurrentGradients, RecurrentWeights } from './recurrent-types';

/** What {@link gruBackward} needs from the forward pass. Treat as opaque. */
export interface GruTrace {
  readonly dims: RecurrentDims;
  readonly reverse: boolean;
  readonly resetAfter: boolean;
  readonly x: Float64Array;
  readonly weights: RecurrentWeights;
  /** B × T × 3H: z, r, ĥ at each original time index. */
  readonly gates: Float64Array;
  /** B × T × H: n_h = h_{t−1}·U_h + b_h (reset after only; empty otherwise). */
  readonly recurrentCandidate: Float64Array;
  /** B × T × H: h_t, the layer output. */
  readonly output: Float64Array;
}

/**
 * Runs the GRU over every sequence.
 *
 * @param x - B × T × F row-major; not mutated (the trace keeps a reference).
 * @param weights - kernel F × 3H, recurrentKernel H × 3H, bias 2 × 3H (reset after) or 3H.
 * @param reverse - process time from T−1 down to 0; the output stays at the original time index.
 * @param resetAfter - which cell (module comment); default true as in Keras.
 * @returns the trace; `trace.output` is h, B × T × H.
 * @throws on bad dims, wrong lengths or non-finite values.
 */
export function gruForward(x: Float64Array, dims: RecurrentDims, weights: RecurrentWeights, reverse = false, resetAfter = true): GruTrace {
  checkRecurrentInputs('gru', x, dims, weights, resetAfter);
  const { batch, steps, features: nf, units: nh } = dims;
  const width = 3 * nh;
  const { bias } = weights;
  const projected = inputProjection(x, weights.kernel, bias, batch * steps, nf, width);
  const recurrentT = transposed(weights.recurrentKernel, nh, width);
  const gates = new Float64Array(batch * steps * width);
  const recurrentCandidate = new Float64Array(resetAfter ? batch * steps * nh : 0);
  const output = new Float64Array(batch * steps * nh);
  // n: the recurrent pre-activations h_{t−1}·U (+ b_h); reset before fills only the z and r blocks.
  const n = new Float64Array(width);
  const zeros = new Float64Array(width);
  const gatedPrev = new Float64Array(nh);
  const candidate = new Float64Array(nh);
  const recurrentBias = resetAfter ? bias.subarray(width) : zeros;
  for (let b = 0; b < batch; b++) {
    for (let s = 0; s < steps; s++) {
      const t = reverse ? steps - 1 - s : s;
      const row = b * steps + t;
      const prev = (b * steps + (reverse ? t + 1 : t - 1)) * nh;
      const m0 = row * width;
      const h0 = row * nh;
      const recurrentWidth = resetAfter ? width : 2 * nh;
      if (s === 0) n.set(recurrentBias.subarray(0, recurrentWidth));
      else matrixVector(recurrentT, 0, nh, nh, recurrentWidth, output, prev, n, 0, recurrentBias, 0);
      for (let k = 0; k < nh; k++) {
        gates[m0 + k] = sigmoid(projected[m0 + k] + n[k]);
        gates[m0 + nh + k] = sigmoid(projected[m0 + nh + k] + n[nh + k]);
      }
      if (resetAfter) {
        for (let k = 0; k < nh; k++) {
          recurrentCandidate[h0 + k] = n[2 * nh + k];
          candidate[k] = projected[m0 + 2 * nh + k] + gates[m0 + nh + k] * n[2 * nh + k];
        }
      } else if (s === 0) {
        candidate.set(projected.subarray(m0 + 2 * nh, m0 + width));
      } else {
        for (let k = 0; k < nh; k++) gatedPrev[k] = gates[m0 + nh + k] * output[prev + k];
        matrixVector(recurrentT, 2 * nh, nh, nh, nh, gatedPrev, 0, candidate, 0, projected, m0 + 2 * nh);
      }
      for (let k = 0; k < nh; k++) {
        const z = gates[m0 + k];
        const hh = Math.tanh(candidate[k]);
        gates[m0 + 2 * nh + k] = hh;
        output[h0 + k] = s === 0 ? (1 - z) * hh : z * output[prev + k] + (1 - z) * hh;
      }
    }
  }
  return { dims, reverse, resetAfter, x, weights, gates, recurrentCandidate, output };
}

/**
 * Back-propagation through time for {@link gruForward}.
 *
 * @param trace - the forward pass's trace.
 * @param dOutput - ∂L/∂h, B × T × H row-major; not mutated.
 * @returns ∂L/∂x (B × T × F) and ∂L/∂(kernel, recurrentKernel, bias), shapes as the weights.
 * @throws when dOutput has the wrong length or a non-finite entry.
 */
export function gruBackward(trace: GruTrace, dOutput: Float64Array): RecurrentGradients {
  const { dims, reverse, resetAfter, x, weights, gates, recurrentCandidate, output } = trace;
  checkOutputGradient(dOutput, dims);
  const { batch, steps, features: nf, units: nh } = dims;
  const width = 3 * nh;
  const rows = batch * steps;
  const { recurrentKernel } = weights;
  const recurrentWidth = resetAfter ? width : 2 * nh;
  // dM: ∂L/∂(x·W + b_x) per row; dN: ∂L/∂(h_{t−1}·U + b_h) per row (z, r and, reset after, h blocks).
  const dM = new Float64Array(rows * width);
  const dN = new Float64Array(rows * recurrentWidth);
  const dh = new Float64Array(nh);
  const dGatedPrev = new Float64Array(nh);
  const dRecurrentPart = new Float64Array(nh);
  const hPrev = previousStates(output, batch, steps, nh, reverse);
  // Row q of this view starts at U[q, 2H]: the candidate block U_h, rows still `width` apart.
  const candidateColumns = recurrentKernel.subarray(2 * nh);
  for (let b = 0; b < batch; b++) {
    dh.fill(0);
    for (let s = steps - 1; s >= 0; s--) {
      const t = reverse ? steps - 1 - s : s;
      const row = b * steps + t;
      const m0 = row * width;
      const n0 = row * recurrentWidth;
      const h0 = row * nh;
      for (let k = 0; k < nh; k++) {
        const z = gates[m0 + k];
        const hh = gates[m0 + 2 * nh + k];
        const dhk = dh[k] + dOutput[h0 + k];
        dM[m0 + k] = dhk * (hPrev[h0 + k] - hh) * z * (1 - z);
        dM[m0 + 2 * nh + k] = dhk * (1 - z) * (1 - hh * hh);
        dh[k] = dhk * z;
      }
      if (resetAfter) {
        for (let k = 0; k < nh; k++) {
          const r = gates[m0 + nh + k];
          const dCandidate = dM[m0 + 2 * nh + k];
          dM[m0 + nh + k] = dCandidate * recurrentCandidate[h0 + k] * r * (1 - r);
          dN[n0 + 2 * nh + k] = dCandidate * r;
        }
      } else {
        matrixVector(candidateColumns, 0, width, nh, nh, dM, m0 + 2 * nh, dGatedPrev, 0);
        for (let k = 0; k < nh; k++) {
          const r = gates[m0 + nh + k];
          dM[m0 + nh + k] = dGatedPrev[k] * hPrev[h0 + k] * r * (1 - r);
          dh[k] += dGatedPrev[k] * r;
        }
      }
      for (let k = 0; k < 2 * nh; k++) dN[n0 + k] = dM[m0 + k];
      matrixVector(recurrentKernel, 0, width, recurrentWidth, nh, dN, n0, dRecurrentPart, 0);
      for (let k = 0; k < nh; k++) dh[k] += dRecurrentPart[k];
    }
  }
  const dInput = new Float64Array(rows * nf);
  const dKernel = new Float64Array(nf * width);
  const dBias = new Float64Array(resetAfter ? 2 * width : width);
  accumulateInputGradients(x, dM, weights.kernel, rows, nf, width, dInput, dKernel, dBias.subarray(0, width));
  const dRecurrent = new Float64Array(nh * width);
  accumulateOuterProducts(hPrev, rows, nh, dN, recurrentWidth, 0, recurrentWidth, dRecurrent, width, 0);
  if (resetAfter) {
    for (let row = 0; row < rows; row++) {
      for (let j = 0; j < width; j++) dBias[width + j] += dN[row * width + j];
    }
  } else {
    const gatedPrevAll = new Float64Array(rows * nh);
    for (let row = 0; row < rows; row++) {
      for (let k = 0; k < nh; k++) gatedPrevAll[row * nh + k] = gates[row * width + nh + k] * hPrev[row * nh + k];
    }
    accumulateOuterProducts(gatedPrevAll, rows, nh, dM, width, 2 * nh, nh, dRecurrent, width, 2 * nh);
  }
  return { input: dInput, kernel: dKernel, recurrentKernel: dRecurrent, bias: dBias };
}
