/**
 * Dense loops shared by the LSTM and GRU kernels (lstm-kernel.ts, gru-kernel.ts). Everything that
 * does not depend on the recurrence runs here in bulk over all B·T rows, so the sequential time
 * loops carry only the O(H·gH) recurrent work per step.
 */

/** The cols × rows transpose of a rows × cols row-major matrix (gate columns become contiguous rows). */
export function transposed(matrix: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = matrix[i * cols + j];
  }
  return out;
}

/**
 * Weight gradients of one direction from the pre-activation gradients of every step, accumulated
 * after the time loop so that loop carries only the recurrence:
 *   ∂kernel += Xᵀ·dM,  ∂bias += 1ᵀ·dM,  ∂x = dM·kernelᵀ,
 * with X rows × features, dM rows × width (rows = B·T, width = gH), kernel features × width;
 * dBias may be a view of the input-bias half of a GRU's 2 × 3H bias gradient.
 */
export function accumulateInputGradients(
  x: Float64Array,
  dM: Float64Array,
  kernel: Float64Array,
  rows: number,
  features: number,
  width: number,
  dInput: Float64Array,
  dKernel: Float64Array,
  dBias: Float64Array,
): void {
  for (let row = 0; row < rows; row++) {
    const m0 = row * width;
    for (let j = 0; j < width; j++) dBias[j] += dM[m0 + j];
    for (let f = 0; f < features; f++) {
      const value = x[row * features + f];
      const k0 = f * width;
      let sum = 0;
      for (let j = 0; j < width; j++) {
        const d = dM[m0 + j];
        sum += d * kernel[k0 + j];
        dKernel[k0 + j] += value * d;
      }
      dInput[row * features + f] = sum;
    }
  }
}

/** P = X·kernel + bias: rows × width row-major from X rows × features and kernel features × width. */
export function inputProjection(x: Float64Array, kernel: Float64Array, bias: Float64Array, rows: number, features: number, width: number): Float64Array {
  const kernelT = transposed(kernel, features, width);
  const out = new Float64Array(rows * width);
  for (let row = 0; row < rows; row++) {
    const x0 = row * features;
    const p0 = row * width;
    for (let j = 0; j < width; j++) {
      let sum = bias[j];
      const w0 = j * features;
      for (let f = 0; f < features; f++) sum += x[x0 + f] * kernelT[w0 + f];
      out[p0 + j] = sum;
    }
  }
  return out;
}

/**
 * out[k, o0 + j] += Σ_row A[row, k]·D[row, d0 + j] for j < count: A rows × aCols, D rows × dWidth,
 * out aCols × outWidth (all row-major). Both operands are transposed first so each entry is one
 * contiguous dot product.
 */
export function accumulateOuterProducts(
  a: Float64Array,
  rows: number,
  aCols: number,
  d: Float64Array,
  dWidth: number,
  d0: number,
  count: number,
  out: Float64Array,
  outWidth: number,
  o0: number,
): void {
  const aT = transposed(a, rows, aCols);
  const dT = new Float64Array(count * rows);
  for (let row = 0; row < rows; row++) {
    for (let j = 0; j < count; j++) dT[j * rows + row] = d[row * dWidth + d0 + j];
  }
  const products = new Float64Array(count);
  for (let k = 0; k < aCols; k++) {
    matrixVector(dT, 0, rows, rows, count, aT, k * rows, products, 0);
    for (let j = 0; j < count; j++) out[k * outWidth + o0 + j] += products[j];
  }
}

/**
 * Hidden state before each row's step: rows × units, row (b, t) = h at the previous step in
 * processing order (t − 1, or t + 1 when reversed), zero at the first step.
 */
export function previousStates(output: Float64Array, batch: number, steps: number, units: number, reverse: boolean): Float64Array {
  const out = new Float64Array(batch * steps * units);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < steps; t++) {
      const prevT = reverse ? t + 1 : t - 1;
      if (prevT < 0 || prevT >= steps) continue;
      out.set(output.subarray((b * steps + prevT) * units, (b * steps + prevT + 1) * units), (b * steps + t) * units);
    }
  }
  return out;
}

/**
 * out[o0 + j] = base[b0 + j] + Σ_{k < length} m[(r0 + j)·stride + k]·v[v0 + k] for j < count, with
 * base = 0 when absent: `count` rows of a row-major matrix times a vector. Four rows share each load
 * of v (register blocking), which is what makes the recurrent step cheap in scalar JavaScript.
 */
export function matrixVector(
  m: Float64Array,
  r0: number,
  stride: number,
  length: number,
  count: number,
  v: Float64Array,
  v0: number,
  out: Float64Array,
  o0: number,
  base?: Float64Array,
  b0 = 0,
): void {
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const m0 = (r0 + j) * stride;
    const m1 = m0 + stride;
    const m2 = m1 + stride;
    const m3 = m2 + stride;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < length; k++) {
      const value = v[v0 + k];
      s0 += m[m0 + k] * value;
      s1 += m[m1 + k] * value;
      s2 += m[m2 + k] * value;
      s3 += m[m3 + k] * value;
    }
    if (base === undefined) {
      out[o0 + j] = s0;
      out[o0 + j + 1] = s1;
      out[o0 + j + 2] = s2;
      out[o0 + j + 3] = s3;
    } else {
      out[o0 + j] = base[b0 + j] + s0;
      out[o0 + j + 1] = base[b0 + j + 1] + s1;
      out[o0 + j + 2] = base[b0 + j + 2] + s2;
      out[o0 + j + 3] = base[b0 + j + 3] + s3;
    }
  }
  for (; j < count; j++) {
    const m0 = (r0 + j) * stride;
    let sum = base === undefined ? 0 : base[b0 + j];
    for (let k = 0; k < length; k++) sum += m[m0 + k] * v[v0 + k];
    out[o0 + j] = sum;
  }
}
