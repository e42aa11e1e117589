/**
 * A bidirectional LSTM or GRU over [B, T, F] sequences as ONE tfjs custom op with hand-written
 * forward and backward kernels (lstm-kernel.ts, gru-kernel.ts): the recurrent core of the
 * eigenvalue cleaner of Bongiorno, Manolakis & Mantegna (arXiv 2507.01918, METHODS.md §3), which
 * runs a BiLSTM (BiGRU in the authors' library) along the sorted spectrum.
 *
 * Why fused: tfjs-layers' Bidirectional(LSTM) issues a dozen small kernels per step and direction,
 * so 500 steps cost ≈1.4 s per forward + backward in op overhead alone (ARCHITECTURE.md). Here the
 * op copies its float32 inputs to float64, runs both directions as plain loops, and copies the
 * result out; its backward pass is back-propagation through time over the traces kept by the
 * forward pass (held by the gradient closure, so no tensor is kept and nothing leaks when no
 * gradient is taken). Works on any backend that can create and read float32 tensors (cpu, wasm).
 *
 * Semantics are Keras's `Bidirectional(layer, merge_mode='concat')` with `return_sequences=True`:
 * output [B, T, 2H] = [h_fwd(t), h_bwd(t)], the backward direction run from T−1 to 0 and re-reversed;
 * zero initial states; sigmoid gates (pass `recurrentActivation: 'sigmoid'` to tfjs-layers to
 * compare, as its default is the hard sigmoid). Weights in Keras layout and order (forward kernel,
 * recurrent kernel, bias, then the same for backward), so `layer.setWeights` of a tfjs
 * Bidirectional and {@link BidirectionalRecurrent.trainableWeights} exchange values one to one.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor3D, Variable } from '@tensorflow/tfjs-core';
import { createRandom } from '../data/random';
import type { Random } from '../data/random';
import { glorotUniform } from '../learn/predictors/initialisers';
import { gruBackward, gruForward } from './gru-kernel';
import type { GruTrace } from './gru-kernel';
import { lstmBackward, lstmForward } from './lstm-kernel';
import type { LstmTrace } from './lstm-kernel';
import { biasLength, gateCount } from './recurrent-types';
import type { RecurrentCell, RecurrentDims, RecurrentGradients, RecurrentWeights } from './recurrent-types';

/** Cell choice of a bidirectional recurrent op. */
export interface RecurrentCellOptions {
  /** 'lstm' (the paper) or 'gru' (the authors' library). */
  readonly cell: RecurrentCell;
  /** GRU only: Keras's `reset_after` (default true); false is the tfjs-layers cell. */
  readonly resetAfter?: boolean;
}

/** Options of {@link bidirectionalRecurrent}. */
export interface BidirectionalRecurrentOptions extends RecurrentCellOptions {
  /** H, hidden units per direction (the paper: 16). */
  readonly units: number;
  /** F, features per step (the cleaner: 4, [λ, q, √N, √T]). */
  readonly features: number;
  /** Seed of the initial weights (default 0). */
  readonly seed?: number;
}

/** One direction's weights as trainable tfjs variables (float32, Keras shapes). */
export interface DirectionVariables {
  /** [F, gH]. */
  readonly kernel: Variable;
  /** [H, gH]. */
  readonly recurrentKernel: Variable;
  /** LSTM [4H]; GRU reset after [2, 3H]; GRU reset before [3H]. */
  readonly bias: Variable;
}

/** The layer: call it on x [B, T, F] to get [B, T, 2H]; gradients flow to x and every variable. */
export interface BidirectionalRecurrent {
  (x: Tensor3D): Tensor3D;
  readonly forward: DirectionVariables;
  readonly backward: DirectionVariables;
  /** The six variables in Keras's Bidirectional weight order (forward kernel, recurrent, bias; backward). */
  readonly trainableWeights: readonly Variable[];
  /** Disposes the variables. */
  dispose(): void;
}

interface DirectionPass {
  readonly output: Float64Array;
  backward(dOutput: Float64Array): RecurrentGradients;
}

function runDirection(cell: RecurrentCell, resetAfter: boolean, x: Float64Array, dims: RecurrentDims, weights: RecurrentWeights, reverse: boolean): DirectionPass {
  if (cell === 'lstm') {
    const trace: LstmTrace = lstmForward(x, dims, weights, reverse);
    return { output: trace.output, backward: (dOutput) => lstmBackward(trace, dOutput) };
  }
  const trace: GruTrace = gruForward(x, dims, weights, reverse, resetAfter);
  return { output: trace.output, backward: (dOutput) => gruBackward(trace, dOutput) };
}

function toFloat64(tensor: Tensor): Float64Array {
  return Float64Array.from(tensor.dataSync() as ArrayLike<number>);
}

function checkTensor(value: unknown, shape: readonly number[], name: string): void {
  const ok = value instanceof tf.Tensor && value.rank === shape.length && (value.shape as number[]).every((size, axis) => shape[axis] < 0 || size === shape[axis]);
  if (!ok) {
    const got = value instanceof tf.Tensor ? `[${value.shape.join(', ')}]` : String(value);
    throw new Error(`${name} must have shape [${shape.map((size) => (size < 0 ? '?' : size)).join(', ')}], got ${got}`);
  }
}

function biasShape(cell: RecurrentCell, units: number, resetAfter: boolean): number[] {
  return cell === 'gru' && resetAfter ? [2, 3 * units] : [biasLength(cell, units, resetAfter)];
}

/**
 * The fused op on explicit tensors (the layer object below owns variables and calls this).
 *
 * @param x - [B, T, F] float32.
 * @param weights - six tensors: forward kernel [F, gH], recurrent kernel [H, gH], bias; then the
 *   same for the backward direction (shapes as {@link DirectionVariables}).
 * @returns [B, T, 2H]: forward hidden states then backward ones at each time index.
 * @throws on wrong ranks or shapes, or non-finite values (named by argument).
 */
export function bidirectionalRecurrentOp(x: Tensor3D, weights: readonly Tensor[], options: RecurrentCellOptions): Tensor3D {
  const { cell } = options;
  const resetAfter = options.resetAfter ?? true;
  if (cell !== 'lstm' && cell !== 'gru') throw new Error(`cell must be 'lstm' or 'gru', got ${String(cell)}`);
  checkTensor(x, [-1, -1, -1], 'x');
  if (weights.length !== 6) throw new Error(`weights must hold 6 tensors (kernel, recurrent kernel, bias per direction), got ${weights.length}`);
  const [batch, steps, features] = x.shape;
  checkTensor(weights[1], [-1, -1], 'forward recurrent kernel');
  const units = weights[1].shape[0];
  const width = gateCount(cell) * units;
  for (const [offset, direction] of [[0, 'forward'], [3, 'backward']] as const) {
    checkTensor(weights[offset], [features, width], `${direction} kernel`);
    checkTensor(weights[offset + 1], [units, width], `${direction} recurrent kernel`);
    checkTensor(weights[offset + 2], biasShape(cell, units, resetAfter), `${direction} bias`);
  }
  const dims: RecurrentDims = { batch, steps, features, units };
  const op = tf.customGrad((...args: unknown[]) => {
    const tensors = args.slice(0, 7) as Tensor[];
    const input = toFloat64(tensors[0]);
    const direction = (offset: number): RecurrentWeights => ({
      kernel: toFloat64(tensors[offset]),
      recurrentKernel: toFloat64(tensors[offset + 1]),
      bias: toFloat64(tensors[offset + 2]),
    });
    const forward = runDirection(cell, resetAfter, input, dims, direction(1), false);
    const backward = runDirection(cell, resetAfter, input, dims, direction(4), true);
    const out = new Float32Array(batch * steps * 2 * units);
    for (let row = 0; row < batch * steps; row++) {
      for (let k = 0; k < units; k++) {
        out[row * 2 * units + k] = forward.output[row * units + k];
        out[row * 2 * units + units + k] = backward.output[row * units + k];
      }
    }
    const value = tf.tensor3d(out, [batch, steps, 2 * units]);
    const gradFunc = (dy: Tensor): Tensor[] => {
      const dAll = dy.dataSync();
      const dForward = new Float64Array(batch * steps * units);
      const dBackward = new Float64Array(batch * steps * units);
      for (let row = 0; row < batch * steps; row++) {
        for (let k = 0; k < units; k++) {
          dForward[row * units + k] = dAll[row * 2 * units + k];
          dBackward[row * units + k] = dAll[row * 2 * units + units + k];
        }
      }
      const gForward = forward.backward(dForward);
      const gBackward = backward.backward(dBackward);
      const dInput = new Float32Array(gForward.input.length);
      for (let q = 0; q < dInput.length; q++) dInput[q] = gForward.input[q] + gBackward.input[q];
      const weightGrads = (g: RecurrentGradients, offset: number): Tensor[] => [
        tf.tensor(Float32Array.from(g.kernel), tensors[offset].shape),
        tf.tensor(Float32Array.from(g.recurrentKernel), tensors[offset + 1].shape),
        tf.tensor(Float32Array.from(g.bias), tensors[offset + 2].shape),
      ];
      return [tf.tensor3d(dInput, [batch, steps, features]), ...weightGrads(gForward, 1), ...weightGrads(gBackward, 4)];
    };
    return { value, gradFunc };
  });
  return op(x, ...weights) as Tensor3D;
}

/**
 * Orthonormal rows (Saxe et al. 2014; Keras's `Orthogonal` initialiser): a standard normal
 * rows × cols matrix (rows ≤ cols) orthonormalised by modified Gram–Schmidt, row-major.
 */
function orthogonalRows(random: Random, rows: number, cols: number): Float32Array {
  const matrix = new Float64Array(rows * cols);
  for (let q = 0; q < matrix.length; q++) matrix[q] = random.normal();
  for (let i = 0; i < rows; i++) {
    const row = matrix.subarray(i * cols, i * cols + cols);
    for (let p = 0; p < i; p++) {
      const previous = matrix.subarray(p * cols, p * cols + cols);
      let dot = 0;
      for (let j = 0; j < cols; j++) dot += row[j] * previous[j];
      for (let j = 0; j < cols; j++) row[j] -= dot * previous[j];
    }
    let norm = 0;
    for (let j = 0; j < cols; j++) norm += row[j] * row[j];
    const scale = 1 / Math.sqrt(norm);
    for (let j = 0; j < cols; j++) row[j] *= scale;
  }
  return Float32Array.from(matrix);
}

/**
 * Builds the layer with Keras's default initialisation from the project's seeded generator:
 * kernels Glorot uniform, recurrent kernels orthogonal (rows ≤ columns, as Keras's H × gH), biases
 * zero except the LSTM forget block at one (Keras's `unit_forget_bias`).
 *
 * @throws when units or features is not a positive integer, or the cell is unknown.
 */
export function bidirectionalRecurrent(options: BidirectionalRecurrentOptions): BidirectionalRecurrent {
  const { cell, units, features, seed = 0 } = options;
  const resetAfter = options.resetAfter ?? true;
  if (cell !== 'lstm' && cell !== 'gru') throw new Error(`options.cell must be 'lstm' or 'gru', got ${String(cell)}`);
  if (!Number.isInteger(units) || units < 1) throw new Error(`options.units must be a positive integer, got ${units}`);
  if (!Number.isInteger(features) || features < 1) throw new Error(`options.features must be a positive integer, got ${features}`);
  const random = createRandom(seed);
  const width = gateCount(cell) * units;
  const makeDirection = (): DirectionVariables => {
    const bias = new Float32Array(biasLength(cell, units, resetAfter));
    if (cell === 'lstm') bias.fill(1, units, 2 * units);
    // tidy disposes the initial-value tensors; variables outlive it.
    return tf.tidy(() => ({
      kernel: tf.variable(tf.tensor2d(glorotUniform(random, features, width), [features, width])),
      recurrentKernel: tf.variable(tf.tensor2d(orthogonalRows(random, units, width), [units, width])),
      bias: tf.variable(tf.tensor(bias, biasShape(cell, units, resetAfter))),
    }));
  };
  const forward = makeDirection();
  const backward = makeDirection();
  const trainableWeights = [forward.kernel, forward.recurrentKernel, forward.bias, backward.kernel, backward.recurrentKernel, backward.bias];
  const layer = ((x: Tensor3D): Tensor3D => {
    checkTensor(x, [-1, -1, features], 'x');
    return bidirectionalRecurrentOp(x, trainableWeights, { cell, resetAfter });
  }) as BidirectionalRecurrent;
  Object.assign(layer, {
    forward,
    backward,
    trainableWeights,
    dispose: () => {
      for (const variable of trainableWeights) variable.dispose();
    },
  });
  return layer;
}
