/**
 * Seeded weight initialisers drawn from the project's PRNG (../../data/random), so the same seed
 * gives bit-identical initial weights on every backend (tfjs's own seeded initialisers depend on
 * its internal generator and on float32 rounding inside the backend).
 */

import type { Random } from '../../data/random';

/**
 * Glorot/Xavier uniform (Glorot & Bengio, AISTATS 2010): U(−a, a) with a = gain·√(6/(fanIn + fanOut)),
 * fanIn × fanOut row-major, drawn in row-major order.
 */
export function glorotUniform(random: Random, fanIn: number, fanOut: number, gain = 1): Float32Array {
  const limit = gain * Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(fanIn * fanOut);
  for (let q = 0; q < values.length; q++) values[q] = (2 * random.uniform() - 1) * limit;
  return values;
}

/**
 * Gain of output layers: their weights start ten times smaller than Glorot's, so the first
 * predictions are a tenth of the return scale, near the (small) conditional means, instead of
 * full-scale noise that would put every QP on a corner.
 */
export const OUTPUT_GAIN = 0.1;
