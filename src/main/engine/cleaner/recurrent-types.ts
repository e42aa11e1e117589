/**
 * Shapes, weights and validation shared by the hand-written recurrent kernels (lstm-kernel.ts,
 * gru-kernel.ts) and their bidirectional tfjs op (bidirectional-recurrent.ts).
 *
 * Layout follows Keras, so weights move between our op and `tf.layers.lstm` / `tf.layers.gru`
 * unchanged: kernel F × gH and recurrent kernel H × gH row-major, the g gate blocks of H columns
 * side by side in Keras's order (LSTM: i, f, c, o; GRU: z, r, h).
 */

/** Sizes of one recurrent pass over a batch of sequences. */
export interface RecurrentDims {
  /** B, number of sequences. */
  readonly batch: number;
  /** T, time steps per sequence. */
  readonly steps: number;
  /** F, features per step. */
  readonly features: number;
  /** H, hidden units. */
  readonly units: number;
}

/** Weights of one direction, float64, Keras layout. */
export interface RecurrentWeights {
  /** F × gH row-major (g = 4 for LSTM, 3 for GRU). */
  readonly kernel: Float64Array;
  /** H × gH row-major. */
  readonly recurrentKernel: Float64Array;
  /**
   * LSTM: 4H. GRU with reset after: 2 × 3H row-major (row 0 input bias, row 1 recurrent bias, as
   * Keras's `reset_after=True`). GRU with reset before: 3H.
   */
  readonly bias: Float64Array;
}

/** Gradients of a scalar loss with respect to one direction's input and weights. */
export interface RecurrentGradients {
  /** B × T × F row-major. */
  readonly input: Float64Array;
  /** Same shapes as {@link RecurrentWeights}. */
  readonly kernel: Float64Array;
  readonly recurrentKernel: Float64Array;
  readonly bias: Float64Array;
}

/** Which cell a recurrent pass runs. */
export type RecurrentCell = 'lstm' | 'gru';

/** Gate blocks per cell: LSTM i, f, c, o; GRU z, r, h. */
export function gateCount(cell: RecurrentCell): number {
  return cell === 'lstm' ? 4 : 3;
}

/** Length of the bias vector of a cell (see {@link RecurrentWeights.bias}). */
export function biasLength(cell: RecurrentCell, units: number, resetAfter: boolean): number {
  if (cell === 'lstm') return 4 * units;
  return resetAfter ? 6 * units : 3 * units;
}

/** Logistic sigmoid, the recurrent (gate) activation of Keras 2+ and of the paper's PyTorch cells. */
export function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

/** @throws when a dimension is not a positive integer. */
export function checkRecurrentDims(dims: RecurrentDims): void {
  for (const key of ['batch', 'steps', 'features', 'units'] as const) {
    const value = dims[key];
    if (!Number.isInteger(value) || value < 1) throw new Error(`dims.${key} must be a positive integer, got ${value}`);
  }
}

function checkArray(values: Float64Array, length: number, name: string, shape: string): void {
  if (!(values instanceof Float64Array)) throw new Error(`${name} must be a Float64Array (${shape})`);
  if (values.length !== length) throw new Error(`${name} has length ${values.length}, expected ${length} (${shape})`);
  for (let q = 0; q < values.length; q++) {
    if (!Number.isFinite(values[q])) throw new Error(`${name}[${q}] is ${values[q]}: values must be finite`);
  }
}

/** @throws when the input or a weight has the wrong type or length, or a non-finite entry. */
export function checkRecurrentInputs(
  cell: RecurrentCell,
  x: Float64Array,
  dims: RecurrentDims,
  weights: RecurrentWeights,
  resetAfter: boolean,
): void {
  checkRecurrentDims(dims);
  const { batch, steps, features, units } = dims;
  const width = gateCount(cell) * units;
  checkArray(x, batch * steps * features, 'x', 'B × T × F');
  checkArray(weights.kernel, features * width, 'kernel', `F × ${gateCount(cell)}H`);
  checkArray(weights.recurrentKernel, units * width, 'recurrentKernel', `H × ${gateCount(cell)}H`);
  const bias = biasLength(cell, units, resetAfter);
  checkArray(weights.bias, bias, 'bias', cell === 'lstm' ? '4H' : resetAfter ? '2 × 3H' : '3H');
}

/** @throws when the output gradient has the wrong length or a non-finite entry. */
export function checkOutputGradient(dOutput: Float64Array, dims: RecurrentDims): void {
  checkArray(dOutput, dims.batch * dims.steps * dims.units, 'dOutput', 'B × T × H');
}
