/**
 * mulberry32: a tiny deterministic uniform(0, 1) generator for test and benchmark problems. The
 * engine's own seeded stream is `createRandom` (src/main/engine/data/random.ts); this one stays
 * because existing fixtures and benchmark problems were generated with it.
 */
export function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
