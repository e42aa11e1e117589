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
 */

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
  const { kernel, recurrentKernel, bias } = weights;
  const gates = new Float64Array(batch * steps * width);
  const recurrentCandidate = new Float64Array(resetAfter ? batch * steps * nh : 0);
  const output = new Float64Array(batch * steps * nh);
  const m = new Float64Array(width);
  const n = new Float64Array(width);
  const gatedPrev = new Float64Array(nh);
  const zeros = new Float64Array(nh);
  for (let b = 0; b < batch; b++) {
    for (let s = 0; s < steps; s++) {
      const t = reverse ? steps - 1 - s : s;
      const prevT = reverse ? t + 1 : t - 1;
      const row = b * steps + t;
      const hPrev = s === 0 ? zeros : output.subarray((b * steps + prevT) * nh, (b * steps + prevT + 1) * nh);
      m.set(bias.subarray(0, width));
      const xRow = row * nf;
      for (let f = 0; f < nf; f++) {
        const value = x[xRow + f];
        const k0 = f * width;
        for (let j = 0; j < width; j++) m[j] += value * kernel[k0 + j];
      }
      // Reset before: n holds only the z and r blocks until r is known.
      if (resetAfter) n.set(bias.subarray(width));
      else n.fill(0);
      const recurrentWidth = resetAfter ? width : 2 * nh;
      for (let k = 0; k < nh; k++) {
        const value = hPrev[k];
        if (value === 0) continue;
        const u0 = k * width;
        for (let j = 0; j < recurrentWidth; j++) n[j] += value * recurrentKernel[u0 + j];
      }
      const g0 = row * width;
      const h0 = row * nh;
      for (let k = 0; k < nh; k++) {
        gates[g0 + k] = sigmoid(m[k] + n[k]);
        gates[g0 + nh + k] = sigmoid(m[nh + k] + n[nh + k]);
      }
      if (resetAfter) {
        for (let k = 0; k < nh; k++) {
          recurrentCandidate[h0 + k] = n[2 * nh + k];
          gates[g0 + 2 * nh + k] = Math.tanh(m[2 * nh + k] + gates[g0 + nh + k] * n[2 * nh + k]);
        }
      } else {
        for (let k = 0; k < nh; k++) gatedPrev[k] = gates[g0 + nh + k] * hPrev[k];
        for (let k = 0; k < nh; k++) {
          let sum = m[2 * nh + k];
          for (let q = 0; q < nh; q++) sum += gatedPrev[q] * recurrentKernel[q * width + 2 * nh + k];
          gates[g0 + 2 * nh + k] = Math.tanh(sum);
        }
      }
      for (let k = 0; k < nh; k++) {
        const z = gates[g0 + k];
        output[h0 + k] = z * hPrev[k] + (1 - z) * gates[g0 + 2 * nh + k];
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
  const { kernel, recurrentKernel } = weights;
  const dInput = new Float64Array(batch * steps * nf);
  const dKernel = new Float64Array(nf * width);
  const dRecurrent = new Float64Array(nh * width);
  const dBias = new Float64Array(resetAfter ? 2 * width : width);
  const dm = new Float64Array(width);
  const dn = new Float64Array(width);
  const dh = new Float64Array(nh);
  const dGatedPrev = new Float64Array(nh);
  const hPrev = new Float64Array(nh);
  for (let b = 0; b < batch; b++) {
    dh.fill(0);
    for (let s = steps - 1; s >= 0; s--) {
      const t = reverse ? steps - 1 - s : s;
      const prevRow = b * steps + (reverse ? t + 1 : t - 1);
      const row = b * steps + t;
      const g0 = row * width;
      const h0 = row * nh;
      if (s === 0) hPrev.fill(0);
      else hPrev.set(output.subarray(prevRow * nh, prevRow * nh + nh));
      for (let k = 0; k < nh; k++) {
        const z = gates[g0 + k];
        const candidate = gates[g0 + 2 * nh + k];
        const dhk = dh[k] + dOutput[h0 + k];
        dm[k] = dhk * (hPrev[k] - candidate) * z * (1 - z);
        dm[2 * nh + k] = dhk * (1 - z) * (1 - candidate * candidate);
        dh[k] = dhk * z;
      }
      if (resetAfter) {
        for (let k = 0; k < nh; k++) {
          const r = gates[g0 + nh + k];
          const dCandidate = dm[2 * nh + k];
          dm[nh + k] = dCandidate * recurrentCandidate[h0 + k] * r * (1 - r);
          dn[k] = dm[k];
          dn[nh + k] = dm[nh + k];
          dn[2 * nh + k] = dCandidate * r;
        }
      } else {
        for (let q = 0; q < nh; q++) {
          let sum = 0;
          for (let k = 0; k < nh; k++) sum += dm[2 * nh + k] * recurrentKernel[q * width + 2 * nh + k];
          dGatedPrev[q] = sum;
        }
        for (let k = 0; k < nh; k++) {
          const r = gates[g0 + nh + k];
          dm[nh + k] = dGatedPrev[k] * hPrev[k] * r * (1 - r);
          dn[k] = dm[k];
          dn[nh + k] = dm[nh + k];
          dh[k] += dGatedPrev[k] * r;
          const gated = r * hPrev[k];
          if (gated === 0) continue;
          const u0 = k * width + 2 * nh;
          for (let j = 0; j < nh; j++) dRecurrent[u0 + j] += gated * dm[2 * nh + j];
        }
      }
      for (let j = 0; j < width; j++) dBias[j] += dm[j];
      if (resetAfter) for (let j = 0; j < width; j++) dBias[width + j] += dn[j];
      const xRow = row * nf;
      for (let f = 0; f < nf; f++) {
        const value = x[xRow + f];
        const k0 = f * width;
        let sum = 0;
        for (let j = 0; j < width; j++) {
          dKernel[k0 + j] += value * dm[j];
          sum += dm[j] * kernel[k0 + j];
        }
        dInput[xRow + f] = sum;
      }
      const recurrentWidth = resetAfter ? width : 2 * nh;
      for (let k = 0; k < nh; k++) {
        const u0 = k * width;
        let sum = 0;
        for (let j = 0; j < recurrentWidth; j++) sum += dn[j] * recurrentKernel[u0 + j];
        dh[k] += sum;
        if (hPrev[k] === 0) continue;
        for (let j = 0; j < recurrentWidth; j++) dRecurrent[u0 + j] += hPrev[k] * dn[j];
      }
    }
  }
  return { input: dInput, kernel: dKernel, recurrentKernel: dRecurrent, bias: dBias };
}
