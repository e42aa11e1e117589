import { describe, expect, it } from 'vitest';
import { hierarchicalClustering } from '../../../src/main/engine/portfolio/hierarchical-clustering';
import type { LinkageMethod } from '../../../src/main/engine/portfolio/hierarchical-clustering';
import { expectClose, fixture, seededUniform } from './portfolio-fixture';

/** Heights are sums/mins of O(1) distances updated ≤ n times: rounding stays near 1e-15. */
const HEIGHT_TOL = 1e-12;
const METHODS: LinkageMethod[] = ['single', 'complete', 'average', 'ward'];

function column(linkage: Float64Array | number[], c: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < linkage.length / 4; k++) out.push(linkage[4 * k + c]);
  return out;
}

function randomEuclidean(n: number, seed: number): Float64Array {
  const uniform = seededUniform(seed);
  const points = Array.from({ length: n }, () => [uniform(), uniform(), uniform()]);
  const distance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) distance[i * n + j] = Math.hypot(...points[i].map((x, q) => x - points[j][q]));
  }
  return distance;
}

describe('hierarchicalClustering matches scipy.cluster.hierarchy.linkage', () => {
  const { n, distance, methods } = fixture.clustering;
  for (const method of METHODS) {
    it(`${method}: linkage matrix and leaf order on 15 points in 3 clusters`, () => {
      const result = hierarchicalClustering(Float64Array.from(distance), n, method);
      const expected = methods[method];
      expect(result.linkage.length).toBe(4 * (n - 1));
      expect(column(result.linkage, 0), 'left ids').toEqual(column(expected.linkage, 0));
      expect(column(result.linkage, 1), 'right ids').toEqual(column(expected.linkage, 1));
      expect(column(result.linkage, 3), 'sizes').toEqual(column(expected.linkage, 3));
      expectClose(column(result.linkage, 2), column(expected.linkage, 2), HEIGHT_TOL, `${method} heights`);
      expect(Array.from(result.order), 'leaf order').toEqual(expected.order);
    });
  }
});

describe('hierarchicalClustering invariants', () => {
  it('heights are non-decreasing, sizes add up, and the order is a permutation', () => {
    const n = 60;
    const distance = randomEuclidean(n, 3);
    for (const method of METHODS) {
      const { linkage, order } = hierarchicalClustering(distance, n, method);
      const sizes = new Float64Array(2 * n - 1).fill(1);
      for (let k = 0; k < n - 1; k++) {
        if (k > 0) expect(linkage[4 * k + 2], `${method} height ${k}`).toBeGreaterThanOrEqual(linkage[4 * (k - 1) + 2]);
        const [a, b] = [linkage[4 * k], linkage[4 * k + 1]];
        expect(a, `${method} row ${k}: a < b`).toBeLessThan(b);
        expect(b, `${method} row ${k}: child created earlier`).toBeLessThan(n + k);
        sizes[n + k] = sizes[a] + sizes[b];
        expect(linkage[4 * k + 3], `${method} size ${k}`).toBe(sizes[n + k]);
      }
      expect(linkage[4 * (n - 2) + 3]).toBe(n);
      expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('relabelling the items permutes the leaves but keeps every merge height', () => {
    const n = 40;
    const distance = randomEuclidean(n, 9);
    const permutation = Array.from({ length: n }, (_, i) => (7 * i + 3) % n);
    const permuted = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) permuted[i * n + j] = distance[permutation[i] * n + permutation[j]];
    for (const method of METHODS) {
      const base = hierarchicalClustering(distance, n, method);
      const other = hierarchicalClustering(permuted, n, method);
      expectClose(column(other.linkage, 2), column(base.linkage, 2), HEIGHT_TOL, `${method} heights after relabelling`);
      expect(column(other.linkage, 3), `${method} sizes`).toEqual(column(base.linkage, 3));
    }
  });

  it('handles n = 1 and n = 2', () => {
    const single = hierarchicalClustering(new Float64Array([0]), 1, 'ward');
    expect(single.linkage.length).toBe(0);
    expect(Array.from(single.order)).toEqual([0]);
    const pair = hierarchicalClustering(new Float64Array([0, 2.5, 2.5, 0]), 2, 'average');
    expect(Array.from(pair.linkage)).toEqual([0, 1, 2.5, 2]);
    expect(Array.from(pair.order)).toEqual([0, 1]);
  });

  it('does not mutate its input', () => {
    const distance = randomEuclidean(12, 5);
    const copy = Float64Array.from(distance);
    hierarchicalClustering(distance, 12, 'ward');
    expect(Array.from(distance)).toEqual(Array.from(copy));
  });
});

describe('hierarchicalClustering rejects bad input with a named argument', () => {
  const good = (): Float64Array => new Float64Array([0, 1, 2, 1, 0, 3, 2, 3, 0]);
  it.each([
    ['NaN', (d: Float64Array) => { d[1] = NaN; d[3] = NaN; }, /distance\[0, 1\] is NaN/],
    ['Infinity', (d: Float64Array) => { d[5] = Infinity; }, /distance\[1, 2\] is Infinity/],
    ['negative', (d: Float64Array) => { d[1] = -1; d[3] = -1; }, /distance\[0, 1\] = -1 is negative/],
    ['asymmetric', (d: Float64Array) => { d[1] = 1.5; }, /not symmetric at \(0, 1\)/],
    ['non-zero diagonal', (d: Float64Array) => { d[4] = 0.5; }, /distance\[1, 1\] = 0.5: the diagonal must be 0/],
  ])('%s', (_label, corrupt, message) => {
    const distance = good();
    corrupt(distance);
    expect(() => hierarchicalClustering(distance, 3, 'single')).toThrow(message);
  });

  it('wrong length, empty, bad n, unknown method', () => {
    expect(() => hierarchicalClustering(new Float64Array(8), 3, 'single')).toThrow(/length 8, expected n × n = 9/);
    expect(() => hierarchicalClustering(new Float64Array(0), 0, 'single')).toThrow(/n must be a positive integer/);
    expect(() => hierarchicalClustering(good(), 3, 'median' as LinkageMethod)).toThrow(/method must be one of/);
  });
});
