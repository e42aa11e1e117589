/**
 * Agglomerative hierarchical clustering on a distance matrix, returning a scipy-style linkage matrix
 * and the dendrogram's leaf order. Used by HRP (López de Prado 2016) on correlation distances and by
 * the sensitivity-based hierarchical allocation (METHODS.md §4) on sensitivity distances.
 *
 * Algorithm: the nearest-neighbour chain (Müllner, "Modern hierarchical, agglomerative clustering
 * algorithms", arXiv 1109.2378, 2011, Fig. 4) with Lance–Williams updates, O(n²) time. It is exact for
 * the reducible methods offered here. The merges are then stably sorted by height and relabelled, as
 * `scipy.cluster.hierarchy.linkage` does, so the output matches scipy's row for row whenever no two
 * merge heights tie (ties may legitimately order differently).
 *
 * Linkage matrix convention (scipy): row k = [a, b, height, size] records the merge that creates cluster
 * n + k from clusters a < b (ids < n are single assets), at the given linkage distance, with `size`
 * assets in the new cluster. Ward uses scipy's convention: the input is a Euclidean distance and the
 * heights are √(2·ΔSSE) (the Lance–Williams form of Ward on distances, not on squared distances).
 */

/** Lance–Williams rule used to update the distance from a merged cluster to the others. */
export type LinkageMethod = 'single' | 'complete' | 'average' | 'ward';

const METHODS: readonly LinkageMethod[] = ['single', 'complete', 'average', 'ward'];

export interface Dendrogram {
  /** Number of leaves (assets). */
  readonly n: number;
  /** (n − 1) × 4 row-major: [left id, right id, height, size] per merge, heights non-decreasing. */
  readonly linkage: Float64Array;
  /** Leaves (asset indices) in dendrogram order: pre-order, left child first (scipy's `leaves_list`). */
  readonly order: Int32Array;
}

function mergedDistance(
  method: LinkageMethod,
  dXi: number,
  dYi: number,
  dXy: number,
  sizeX: number,
  sizeY: number,
  sizeI: number,
): number {
  switch (method) {
    case 'single':
      return Math.min(dXi, dYi);
    case 'complete':
      return Math.max(dXi, dYi);
    case 'average':
      return (sizeX * dXi + sizeY * dYi) / (sizeX + sizeY);
    case 'ward': {
      const t = 1 / (sizeX + sizeY + sizeI);
      const squared = (sizeI + sizeX) * t * dXi * dXi + (sizeI + sizeY) * t * dYi * dYi - sizeI * t * dXy * dXy;
      // Rounding can push an exactly-zero Ward distance a few ulps below zero.
      return Math.sqrt(Math.max(squared, 0));
    }
  }
}

/** Relabels merges (recorded by representative asset index) to scipy's cluster ids via union–find. */
function relabel(merges: Float64Array, n: number): void {
  const parent = new Int32Array(2 * n - 1);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const size = new Float64Array(2 * n - 1).fill(1);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root];
    while (parent[x] !== root) {
      const next = parent[x];
      parent[x] = root;
      x = next;
    }
    return root;
  };
  for (let k = 0; k < n - 1; k++) {
    const rootA = find(merges[4 * k]);
    const rootB = find(merges[4 * k + 1]);
    merges[4 * k] = Math.min(rootA, rootB);
    merges[4 * k + 1] = Math.max(rootA, rootB);
    const created = n + k;
    parent[rootA] = created;
    parent[rootB] = created;
    size[created] = size[rootA] + size[rootB];
    merges[4 * k + 3] = size[created];
  }
}

function leafOrder(linkage: Float64Array, n: number): Int32Array {
  const order = new Int32Array(n);
  if (n === 1) return order;
  const stack: number[] = [2 * n - 2];
  let next = 0;
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (id < n) {
      order[next++] = id;
    } else {
      const row = 4 * (id - n);
      stack.push(linkage[row + 1], linkage[row]);
    }
  }
  return order;
}

function assertMethod(method: LinkageMethod): void {
  if (!METHODS.includes(method)) throw new Error(`method must be one of ${METHODS.join(', ')}, got ${String(method)}`);
}

/**
 * Clusters in place: `work` (n × n row-major, symmetric, zero diagonal, finite, ≥ 0) is overwritten
 * by the Lance–Williams updates. For callers that build a distance matrix only to cluster it (HRP),
 * so that no second n × n copy is needed. Inputs are trusted (see {@link hierarchicalClustering}).
 */
export function hierarchicalClusteringInPlace(work: Float64Array, n: number, method: LinkageMethod): Dendrogram {
  assertMethod(method);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`n must be a positive integer, got ${n}`);
  if (work.length !== n * n) throw new Error(`distance has length ${work.length}, expected n × n = ${n * n}`);
  const merges = new Float64Array(4 * Math.max(n - 1, 0));
  const size = new Float64Array(n).fill(1);
  const chain = new Int32Array(n);
  let chainLength = 0;
  for (let k = 0; k < n - 1; k++) {
    if (chainLength === 0) {
      let start = 0;
      while (size[start] === 0) start++;
      chain[0] = start;
      chainLength = 1;
    }
    let x: number;
    let y: number;
    let currentMin: number;
    for (;;) {
      x = chain[chainLength - 1];
      // Preferring the previous chain element on ties is what guarantees the chain terminates.
      y = chainLength > 1 ? chain[chainLength - 2] : -1;
      currentMin = chainLength > 1 ? work[x * n + y] : Infinity;
      const row = x * n;
      for (let i = 0; i < n; i++) {
        if (size[i] === 0 || i === x) continue;
        if (work[row + i] < currentMin) {
          currentMin = work[row + i];
          y = i;
        }
      }
      if (chainLength > 1 && y === chain[chainLength - 2]) break;
      chain[chainLength++] = y;
    }
    chainLength -= 2;
    if (x > y) [x, y] = [y, x];
    const sizeX = size[x];
    const sizeY = size[y];
    merges[4 * k] = x;
    merges[4 * k + 1] = y;
    merges[4 * k + 2] = currentMin;
    size[x] = 0;
    size[y] = sizeX + sizeY;
    for (let i = 0; i < n; i++) {
      if (size[i] === 0 || i === y) continue;
      const updated = mergedDistance(method, work[x * n + i], work[y * n + i], currentMin, sizeX, sizeY, size[i]);
      work[y * n + i] = updated;
      work[i * n + y] = updated;
    }
  }
  const byHeight = Array.from({ length: n - 1 }, (_, k) => k).sort((a, b) => merges[4 * a + 2] - merges[4 * b + 2]);
  const linkage = new Float64Array(merges.length);
  byHeight.forEach((k, row) => linkage.set(merges.subarray(4 * k, 4 * k + 4), 4 * row));
  relabel(linkage, n);
  return { n, linkage, order: leafOrder(linkage, n) };
}

/**
 * Agglomerative clustering of n items from their pairwise distances.
 *
 * @param distance - n × n row-major, symmetric (relative 1e-10), zero diagonal, finite, ≥ 0; not mutated.
 *   Only the strict upper triangle is used after validation.
 * @param n - number of items, ≥ 1.
 * @param method - Lance–Williams linkage rule; `ward` expects Euclidean distances.
 * @returns the linkage matrix ((n − 1) × 4) and leaf order, see {@link Dendrogram}.
 * @throws on a wrong shape, NaN/±Infinity, negative or asymmetric entries, a non-zero diagonal,
 *   or an unknown method.
 */
export function hierarchicalClustering(distance: Float64Array, n: number, method: LinkageMethod): Dendrogram {
  assertMethod(method);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`n must be a positive integer, got ${n}`);
  if (!(distance instanceof Float64Array)) throw new Error('distance must be a Float64Array');
  if (distance.length !== n * n) throw new Error(`distance has length ${distance.length}, expected n × n = ${n * n}`);
  let scale = 0;
  for (let i = 0; i < n * n; i++) {
    const value = distance[i];
    if (!Number.isFinite(value)) throw new Error(`distance[${Math.floor(i / n)}, ${i % n}] is ${value}: input must be finite`);
    if (value < 0) throw new Error(`distance[${Math.floor(i / n)}, ${i % n}] = ${value} is negative`);
    scale = Math.max(scale, value);
  }
  const tolerance = 1e-10 * scale;
  const work = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    if (distance[i * n + i] > tolerance) throw new Error(`distance[${i}, ${i}] = ${distance[i * n + i]}: the diagonal must be 0`);
    for (let j = i + 1; j < n; j++) {
      const upper = distance[i * n + j];
      if (Math.abs(upper - distance[j * n + i]) > tolerance) {
        throw new Error(`distance is not symmetric at (${i}, ${j}): ${upper} vs ${distance[j * n + i]}`);
      }
      work[i * n + j] = upper;
      work[j * n + i] = upper;
    }
  }
  return hierarchicalClusteringInPlace(work, n, method);
}
