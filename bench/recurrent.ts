/**
 * The fused bidirectional recurrent op (src/main/engine/cleaner/bidirectional-recurrent.ts) against
 * tfjs-layers' Bidirectional(LSTM) and Bidirectional(GRU) on the same weights, at issue 8's shapes:
 * 500 steps (the sorted spectrum), batch 4, 16 units per direction, 4 features. One timed step is a
 * forward pass plus the gradients of L = vec(y)·c with respect to the input and all six weights.
 * Backends: cpu, and wasm when `tf.setBackend('wasm')` resolves true.
 * Run: npx tsx bench/recurrent.ts   Writes bench/results/recurrent.json.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor3D, Variable } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { bidirectionalRecurrent } from '../src/main/engine/cleaner/bidirectional-recurrent';
import type { RecurrentCell } from '../src/main/engine/cleaner/recurrent-types';
import { createRandom } from '../src/main/engine/data/random';

const BATCH = 4;
const STEPS = 500;
const FEATURES = 4;
const UNITS = 16;
const FUSED_REPETITIONS = 21;
const LAYERS_REPETITIONS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function uniformTensor(seed: number, shape: number[]): Tensor {
  const random = createRandom(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: size }, () => 2 * random.uniform() - 1), shape);
}

/** Milliseconds of each of `repetitions` forward + backward steps, after one untimed warm-up. */
function timeSteps(step: () => Tensor[], repetitions: number): number[] {
  tf.dispose(step());
  const times: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    const start = process.hrtime.bigint();
    const out = step();
    for (const tensor of out) tensor.dataSync();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    tf.dispose(out);
  }
  return times;
}

interface Row {
  backend: string;
  cell: RecurrentCell;
  fusedMedianMs: number;
  fusedMinMs: number;
  layersMedianMs: number;
  layersMinMs: number;
  /** tfjs-layers median / fused median. */
  speedup: number;
  /** max |Δy| / max(1, ‖y‖∞) and the same for ∂L/∂x, fused vs tfjs-layers. */
  outputRelativeDifference: number;
  inputGradientRelativeDifference: number;
}

function relativeDifference(a: Tensor, b: Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  let difference = 0;
  let scale = 1;
  for (let q = 0; q < y.length; q++) {
    difference = Math.max(difference, Math.abs(x[q] - y[q]));
    scale = Math.max(scale, Math.abs(y[q]));
  }
  return difference / scale;
}

function benchmark(backend: string, cell: RecurrentCell): Row {
  // resetAfter false: the GRU cell tfjs-layers implements, so both sides compute the same function.
  const fused = bidirectionalRecurrent({ cell, resetAfter: false, units: UNITS, features: FEATURES, seed: 1 });
  const options = { units: UNITS, returnSequences: true, recurrentActivation: 'sigmoid' as const, recurrentInitializer: 'zeros' as const };
  const reference = tfl.layers.bidirectional({ layer: (cell === 'lstm' ? tfl.layers.lstm(options) : tfl.layers.gru(options)) as tfl.RNN, mergeMode: 'concat' });
  const x = tf.variable(uniformTensor(2, [BATCH, STEPS, FEATURES]));
  const c = uniformTensor(3, [BATCH * STEPS * 2 * UNITS, 1]);
  // L = vec(y)·c as a matMul: tfjs's Sum gradient broadcasts through a slow per-element path
  // (≈6 ms at this size) that would dominate the fused step and say nothing about either layer.
  const loss = (y: Tensor): tf.Scalar => tf.reshape(tf.matMul(tf.reshape(y, [1, -1]), c as tf.Tensor2D), []);
  reference.apply(x);
  reference.setWeights([...fused.trainableWeights]);
  const fusedVariables: Variable[] = [x, ...fused.trainableWeights];
  const layerVariables: Variable[] = [x, ...reference.trainableWeights.map((w) => w.read() as Variable)];
  const fusedStep = (): Tensor[] => {
    const { value, grads } = tf.variableGrads(() => loss(fused(x as unknown as Tensor3D)), fusedVariables);
    return [value, ...fusedVariables.map((v) => grads[v.name])];
  };
  const layersStep = (): Tensor[] => {
    const { value, grads } = tf.variableGrads(() => loss(reference.apply(x) as Tensor), layerVariables);
    return [value, ...layerVariables.map((v) => grads[v.name])];
  };
  const agreement = tf.tidy(() => {
    const mine = fusedStep();
    const theirs = layersStep();
    return [relativeDifference(fused(x as unknown as Tensor3D), reference.apply(x) as Tensor), relativeDifference(mine[1], theirs[1])];
  });
  const fusedTimes = timeSteps(fusedStep, FUSED_REPETITIONS);
  const layersTimes = timeSteps(layersStep, LAYERS_REPETITIONS);
  fused.dispose();
  reference.dispose();
  tf.dispose([x, c]);
  return {
    backend,
    cell,
    fusedMedianMs: median(fusedTimes),
    fusedMinMs: Math.min(...fusedTimes),
    layersMedianMs: median(layersTimes),
    layersMinMs: Math.min(...layersTimes),
    speedup: median(layersTimes) / median(fusedTimes),
    outputRelativeDifference: agreement[0],
    inputGradientRelativeDifference: agreement[1],
  };
}

const rows: Row[] = [];
const skipped: string[] = [];
for (const backend of ['cpu', 'wasm']) {
  if (!(await tf.setBackend(backend))) {
    skipped.push(`${backend}: tf.setBackend resolved false`);
    continue;
  }
  await tf.ready();
  for (const cell of ['lstm', 'gru'] as const) {
    const row = benchmark(backend, cell);
    rows.push(row);
    console.log(
      `${backend.padEnd(4)} Bi${cell.toUpperCase().padEnd(4)}  fused ${row.fusedMedianMs.toFixed(1).padStart(7)} ms (min ${row.fusedMinMs.toFixed(1)})   tfjs-layers ${row.layersMedianMs.toFixed(0).padStart(6)} ms (min ${row.layersMinMs.toFixed(0)})   ${row.speedup.toFixed(0)}×   rel. Δy ${row.outputRelativeDifference.toExponential(1)}, Δ∂x ${row.inputGradientRelativeDifference.toExponential(1)}`,
    );
  }
}

const machine = { cores: availableParallelism(), node: process.version, loadAverage1m: loadavg()[0] };
const shapes = { batch: BATCH, steps: STEPS, features: FEATURES, units: UNITS };
const note =
  '2 cores shared with other jobs (noisy): medians of warm runs, fused ' +
  `${FUSED_REPETITIONS}, tfjs-layers ${LAYERS_REPETITIONS}, each after one untimed warm-up; one step = forward + gradients w.r.t. input and all weights`;
console.log(`shapes ${JSON.stringify(shapes)}; ${note}; machine ${JSON.stringify(machine)}${skipped.length > 0 ? `; skipped ${skipped.join(', ')}` : ''}`);
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'recurrent.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ machine, shapes, note, skipped, rows }, null, 2)}\n`);
console.log(`wrote ${out}`);
