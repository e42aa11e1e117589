/**
 * Seeded pseudo-random numbers for reproducible experiments.
 *
 * Generator: xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 47(4), 2021): 128-bit state, period 2¹²⁸ − 1, 32-bit outputs. All state
 * arithmetic is 32-bit integer (`Math.imul`, shifts), so the stream is bit-identical on every
 * platform and JavaScript engine.
 *
 * Seeding: the four state words are successive outputs of SplitMix32 (golden-ratio increment
 * 0x9e3779b9 and MurmurHash3's fmix32 finaliser) started from the seed's low 32 bits XOR the
 * fmix32 hash of its high bits, so nearby seeds give unrelated streams and no state is all zero.
 *
 * Uniforms take 53 bits from two outputs ((a >>> 5)·2²⁶ + (b >>> 6))/2⁵³ ∈ [0, 1), exact in
 * float64. Normals use Marsaglia's polar method (Marsaglia & Bray 1964), which needs only `sqrt`
 * (correctly rounded by IEEE 754) and `log`, and returns the pair's second value on the next call.
 * `Math.log` is not required by ECMAScript to be correctly rounded; V8 (Node, Electron, Chromium)
 * uses the same fdlibm port everywhere, so normals are reproducible across those platforms and
 * the integer and uniform streams everywhere.
 */

/** A seeded stream of random numbers; each call advances the state. */
export interface Random {
  /** Next raw 32-bit output, an integer in [0, 2³²). */
  nextUint32(): number;
  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

function fmix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Creates a xoshiro128** stream.
 *
 * @param seed - a safe integer ≥ 0 (e.g. an experiment's seed); the same seed gives the same stream.
 * @throws when the seed is not a non-negative safe integer.
 */
export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`seed must be a non-negative safe integer, got ${seed}`);
  }
  let mix = ((seed % TWO_POW_32) ^ fmix32(Math.floor(seed / TWO_POW_32))) | 0;
  const splitMix = (): number => {
    mix = (mix + 0x9e3779b9) | 0;
    return fmix32(mix);
  };
  let s0 = splitMix();
  let s1 = splitMix();
  let s2 = splitMix();
  let s3 = splitMix();

  const nextInt = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result >>> 0;
  };

  const uniform = (): number => {
    const high = nextInt() >>> 5;
    const low = nextInt() >>> 6;
    return (high * 67108864 + low) / TWO_POW_53;
  };

  let spare = 0;
  let hasSpare = false;
  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const scale = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * scale;
    hasSpare = true;
    return u * scale;
  };

  return { nextUint32: nextInt, uniform, normal };
}
