/**
 * xoshiro128** stream against the Python reference in tests/fixtures/data.py (same seeding,
 * uniforms and polar normals written from the algorithm's definition).
 */

import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/main/engine/data/random';
import { expectClose } from '../linalg/assert-close';
import { loadDataFixture } from './data-fixture';

const fixture = loadDataFixture();

describe('createRandom', () => {
  for (const reference of fixture.prng) {
    it(`seed ${reference.seed}: first integers, uniforms and normals match the reference`, () => {
      const ints = createRandom(reference.seed);
      expect(reference.uint32.map(() => ints.nextUint32())).toEqual(reference.uint32);
      const uniforms = createRandom(reference.seed);
      expect(reference.uniform.map(() => uniforms.uniform())).toEqual(reference.uniform);
      const normals = createRandom(reference.seed);
      // Python's log (glibc) and V8's (fdlibm) may differ in the last bit.
      expectClose(reference.normal.map(() => normals.normal()), reference.normal, 4e-16, 0, `normals, seed ${reference.seed}`);
    });
  }

  it('the same seed gives the same stream, different seeds different streams', () => {
    const a = createRandom(123);
    const b = createRandom(123);
    const c = createRandom(124);
    const first = Array.from({ length: 50 }, () => a.normal());
    expect(Array.from({ length: 50 }, () => b.normal())).toEqual(first);
    expect(Array.from({ length: 50 }, () => c.normal())).not.toEqual(first);
  });

  it('uniforms lie in [0, 1) and normals have mean 0, variance 1 within Monte-Carlo error', () => {
    const random = createRandom(9);
    const count = 200_000;
    let sum = 0;
    let sumSquares = 0;
    for (let k = 0; k < count; k++) {
      const u = random.uniform();
      expect(u >= 0 && u < 1, `uniform ${u}`).toBe(true);
      const z = random.normal();
      sum += z;
      sumSquares += z * z;
    }
    const mean = sum / count;
    const variance = sumSquares / count - mean * mean;
    // 5 standard errors: sd(mean) = 1/√count, sd(variance) ≈ √(2/count).
    expect(Math.abs(mean), `|mean| = ${Math.abs(mean)} > ${5 / Math.sqrt(count)}`).toBeLessThan(5 / Math.sqrt(count));
    expect(Math.abs(variance - 1), `|variance − 1| = ${Math.abs(variance - 1)}`).toBeLessThan(5 * Math.sqrt(2 / count));
  });

  it('rejects seeds that are not non-negative safe integers', () => {
    for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 53]) expect(() => createRandom(bad)).toThrow(/seed must be a non-negative safe integer/);
  });
});
