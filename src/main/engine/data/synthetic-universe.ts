/**
 * Synthetic factor universe: monthly asset returns together with the noisy firm characteristics
 * that predict them, so that a predictor has something learnable and the truth is known.
 *
 * Data-generating process (monthly, decimal returns; i = asset 0…N−1, t = month 0…T−1;
 * k ∈ {value, quality, momentum, low-volatility}; all parameters are in {@link FactorUniverseSpec},
 * defaults in {@link DEFAULT_FACTOR_UNIVERSE_SPEC}):
 *
 * 1. Sectors: asset i belongs to sector s(i) = i mod S.
 * 2. True characteristics z_{i,t} ∈ ℝ⁴ follow independent-across-assets VAR(1)s with diagonal
 *    persistence ρ_k: z_{i,t,k} = ρ_k z_{i,t−1,k} + √(1 − ρ_k²)·η_{i,t,k}, η_{i,t} ~ N(0, Ω) with Ω a
 *    correlation matrix, started at z_{i,−1} ~ N(0, Ω). Every z_k has stationary variance 1.
 * 3. Observed characteristics (what a predictor sees at the end of month t):
 *    c_{i,t} = z_{i,t} + σ_c·e_{i,t}, with persistent measurement error (accounting and
 *    estimation noise does not redraw itself every month): e_{i,t,k} = ρ_k e_{i,t−1,k} +
 *    √(1 − ρ_k²)·ν_{i,t,k}, ν ~ N(0, 1) i.i.d., e_{i,−1} ~ N(0, I₄); so e has unit variance.
 * 4. Priced factors: factor returns F_t = λ + f_t, f_t ~ N(0, Σ_f) with Σ_f = D_f R_f D_f
 *    (volatilities D_f, correlations R_f). Assets load on them through their characteristics,
 *    so the premia λ are earned in proportion to z.
 * 5. Unpriced (diversifying) factors u_t ~ N(0, diag(σ_u²)), zero mean; static loadings
 *    b_{i,j} = b̄_j + s_{b,j}·ξ_{i,j}, ξ ~ N(0, 1) (factor 0 is market-like: b̄ = 1).
 * 6. Sector shocks g_{s,t} ~ N(0, σ_g²) shared by the assets of sector s (block correlation).
 * 7. Idiosyncratic noise σ_{i,t−1}·ε_{i,t}, ε ~ N(0, 1), with σ_{i,t−1} = σ̄·exp(−κ·z_{i,t−1,lowvol}):
 *    the low-volatility characteristic really is low volatility.
 * 8. Returns, month t, driven by the characteristics known at the end of month t − 1:
 *      r_{i,t} = Σ_k z_{i,t−1,k}·F_{t,k} + λ_qv·z_{i,t−1,quality}·z_{i,t−1,value}
 *               + Σ_j b_{i,j}·u_{t,j} + g_{s(i),t} + σ_{i,t−1}·ε_{i,t}.
 *    Hence E[r_{i,t+1} | z_t] = λᵀz_{i,t} + λ_qv·z_{i,t,quality}·z_{i,t,value}: expected returns are
 *    linear in the characteristics plus a quality × value interaction, and unpriced factors,
 *    sectors and noise add risk without return.
 *
 * Draw order (fixes the stream for a seed, see random.ts): loadings ξ (asset-major, N × 3), then
 * z_{−1} (asset-major, N × 4), then e_{−1} (N × 4); then for each month t: f_t (4), u_t (3), g_t (S), ε_t (N),
 * η_t (N × 4), ν_t (N × 4). Correlated normals are L·(i.i.d. normals) with L the Cholesky factor.
 */

import { cholesky } from '../linalg/cholesky';
import { createRandom } from './random';

/** Names of the priced characteristics, in the order used by every array in this module. */
export const CHARACTERISTIC_NAMES = ['value', 'quality', 'momentum', 'low-volatility'] as const;

/** Number of priced characteristics / factors (value, quality, momentum, low-volatility). */
export const N_CHARACTERISTICS = 4;

const VALUE = 0;
const QUALITY = 1;
const LOW_VOLATILITY = 3;

/** Number of unpriced (diversifying) factors. */
export const N_UNPRICED = 3;

/** Parameters of the data-generating process (monthly units, decimals). */
export interface FactorUniverseSpec {
  /** Premium λ_k per unit of characteristic k, per month, length 4. */
  readonly premia: readonly number[];
  /** Quality × value interaction coefficient λ_qv, per month. */
  readonly interaction: number;
  /** Priced factor volatilities (monthly), length 4. */
  readonly factorVolatilities: readonly number[];
  /** Priced factor correlations R_f, 4 × 4 row-major. */
  readonly factorCorrelations: readonly number[];
  /** Persistence ρ_k of each true characteristic, length 4, in [0, 1). */
  readonly persistence: readonly number[];
  /** Correlation Ω of the characteristic innovations, 4 × 4 row-major. */
  readonly characteristicCorrelations: readonly number[];
  /** Observation noise σ_c added to the true characteristics. */
  readonly characteristicNoise: number;
  /** Unpriced factor volatilities σ_u (monthly), length 3. */
  readonly unpricedVolatilities: readonly number[];
  /** Mean loadings b̄ on the unpriced factors, length 3. */
  readonly unpricedLoadingMeans: readonly number[];
  /** Cross-sectional dispersion s_b of the unpriced loadings, length 3. */
  readonly unpricedLoadingDispersion: readonly number[];
  /** Number of sectors S. */
  readonly sectors: number;
  /** Sector shock volatility σ_g (monthly). */
  readonly sectorVolatility: number;
  /** Baseline idiosyncratic volatility σ̄ (monthly). */
  readonly idiosyncraticVolatility: number;
  /** Sensitivity κ of log idiosyncratic volatility to the low-volatility characteristic. */
  readonly lowVolatilitySensitivity: number;
}

/**
 * Default calibration: premia of 6–10.5 % a year per unit of characteristic on factors of
 * 2.6–5.2 % annual volatility (a strong, clean signal: each priced factor has an annualised
 * Sharpe ratio of about 1.7–2.9), a market-like unpriced factor of 15.6 % a year, sector shocks of
 * 10 % and idiosyncratic volatility of about 21 % a year; characteristics observed with persistent
 * noise of half their own dispersion. The signal strength was set so that the Ledoit–Wolf arm of
 * the shrinkage study (N = 40, 96 months) lands near its published level (1.85); with premia at
 * textbook levels (2.4–4.2 % a year, factor volatility 5–10 %) every arm's net Sharpe is near 0.
 */
export const DEFAULT_FACTOR_UNIVERSE_SPEC: FactorUniverseSpec = {
  premia: [0.0075, 0.00625, 0.00875, 0.005],
  interaction: 0.00625,
  factorVolatilities: [0.01, 0.0075, 0.015, 0.01],
  factorCorrelations: [
    1, 0.1, -0.3, 0.1,
    0.1, 1, 0.1, 0.3,
    -0.3, 0.1, 1, 0,
    0.1, 0.3, 0, 1,
  ],
  persistence: [0.98, 0.97, 0.85, 0.95],
  characteristicCorrelations: [
    1, -0.3, -0.2, 0.1,
    -0.3, 1, 0.1, 0.4,
    -0.2, 0.1, 1, 0,
    0.1, 0.4, 0, 1,
  ],
  characteristicNoise: 0.5,
  unpricedVolatilities: [0.045, 0.02, 0.02],
  unpricedLoadingMeans: [1, 0, 0],
  unpricedLoadingDispersion: [0.3, 1, 1],
  sectors: 8,
  sectorVolatility: 0.03,
  idiosyncraticVolatility: 0.06,
  lowVolatilitySensitivity: 0.25,
};

/** Options of {@link simulateFactorUniverse}. */
export interface FactorUniverseOptions {
  /** N ≥ 1 assets. */
  readonly nAssets: number;
  /** T ≥ 1 months. */
  readonly nMonths: number;
  /** Seed of the random stream (non-negative safe integer). */
  readonly seed: number;
  /** DGP parameters; defaults to {@link DEFAULT_FACTOR_UNIVERSE_SPEC}. */
  readonly spec?: FactorUniverseSpec;
}

/** One simulated universe. Row t of every T-row array is month t. */
export interface FactorUniverse {
  readonly nAssets: number;
  readonly nMonths: number;
  readonly seed: number;
  readonly spec: FactorUniverseSpec;
  /** Realised returns r_{i,t}, T × N row-major (decimals per month). */
  readonly returns: Float64Array;
  /** Observed characteristics c_{i,t,k} at the end of month t, T × N × 4: index (t·N + i)·4 + k. */
  readonly characteristics: Float64Array;
  /** True characteristics z_{i,t,k}, same layout as `characteristics`. */
  readonly trueCharacteristics: Float64Array;
  /** E[r_{i,t+1} | z_t], T × N: row t is the expectation of next month's return. */
  readonly expectedReturns: Float64Array;
  /** Priced factor returns F_t = λ + f_t realised in month t, T × 4. */
  readonly factorReturns: Float64Array;
  /** Unpriced factor returns u_t, T × 3. */
  readonly unpricedFactorReturns: Float64Array;
  /** Static unpriced loadings b, N × 3. */
  readonly unpricedLoadings: Float64Array;
  /** Sector of each asset, length N. */
  readonly sectors: Int32Array;
}

function checkLength(values: readonly number[], expected: number, name: string): void {
  if (values.length !== expected) throw new Error(`spec.${name} has length ${values.length}, expected ${expected}`);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`spec.${name}[${i}] is ${values[i]}: must be finite`);
  }
}

function choleskyOf(matrix: readonly number[], n: number, name: string): Float64Array {
  const result = cholesky(Float64Array.from(matrix), n);
  if (result.status !== 'ok') throw new Error(`spec.${name} is not positive definite (pivot ${result.pivot})`);
  return result.factor;
}

function checkSpec(spec: FactorUniverseSpec): void {
  const k = N_CHARACTERISTICS;
  checkLength(spec.premia, k, 'premia');
  checkLength(spec.factorVolatilities, k, 'factorVolatilities');
  checkLength(spec.factorCorrelations, k * k, 'factorCorrelations');
  checkLength(spec.persistence, k, 'persistence');
  checkLength(spec.characteristicCorrelations, k * k, 'characteristicCorrelations');
  checkLength(spec.unpricedVolatilities, N_UNPRICED, 'unpricedVolatilities');
  checkLength(spec.unpricedLoadingMeans, N_UNPRICED, 'unpricedLoadingMeans');
  checkLength(spec.unpricedLoadingDispersion, N_UNPRICED, 'unpricedLoadingDispersion');
  for (const rho of spec.persistence) if (!(rho >= 0 && rho < 1)) throw new Error(`spec.persistence ${rho} is outside [0, 1)`);
  const scalars: Array<[string, number]> = [
    ['interaction', spec.interaction],
    ['characteristicNoise', spec.characteristicNoise],
    ['sectorVolatility', spec.sectorVolatility],
    ['idiosyncraticVolatility', spec.idiosyncraticVolatility],
    ['lowVolatilitySensitivity', spec.lowVolatilitySensitivity],
  ];
  for (const [name, value] of scalars) if (!Number.isFinite(value)) throw new Error(`spec.${name} is ${value}: must be finite`);
  if (spec.characteristicNoise < 0 || spec.sectorVolatility < 0 || spec.idiosyncraticVolatility < 0) {
    throw new Error('spec: characteristicNoise, sectorVolatility and idiosyncraticVolatility must be ≥ 0');
  }
  if (!Number.isInteger(spec.sectors) || spec.sectors < 1) throw new Error(`spec.sectors must be a positive integer, got ${spec.sectors}`);
}

/** Priced factor covariance Σ_f = D_f R_f D_f, 4 × 4 row-major. */
export function factorCovariance(spec: FactorUniverseSpec = DEFAULT_FACTOR_UNIVERSE_SPEC): Float64Array {
  const k = N_CHARACTERISTICS;
  const sigma = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) sigma[a * k + b] = spec.factorVolatilities[a] * spec.factorCorrelations[a * k + b] * spec.factorVolatilities[b];
  }
  return sigma;
}

/** L·(fresh i.i.d. normals) written into out[offset … offset + n). */
function correlatedNormals(factor: Float64Array, n: number, draw: () => number, out: Float64Array, offset: number, scratch: Float64Array): void {
  for (let i = 0; i < n; i++) scratch[i] = draw();
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j <= i; j++) sum += factor[i * n + j] * scratch[j];
    out[offset + i] = sum;
  }
}

/**
 * Simulates one universe from the process in the module header.
 *
 * @throws when N, T or the seed are not valid, or the spec is malformed (wrong lengths, non-finite,
 *   persistence outside [0, 1), a correlation matrix that is not positive definite).
 */
export function simulateFactorUniverse(options: FactorUniverseOptions): FactorUniverse {
  const { nAssets: n, nMonths: t, seed } = options;
  const spec = options.spec ?? DEFAULT_FACTOR_UNIVERSE_SPEC;
  if (!Number.isInteger(n) || n < 1) throw new Error(`nAssets must be a positive integer, got ${n}`);
  if (!Number.isInteger(t) || t < 1) throw new Error(`nMonths must be a positive integer, got ${t}`);
  checkSpec(spec);
  const k = N_CHARACTERISTICS;
  const random = createRandom(seed);
  const draw = (): number => random.normal();
  const factorL = choleskyOf(Array.from(factorCovariance(spec)), k, 'factorCorrelations');
  const innovationL = choleskyOf(spec.characteristicCorrelations, k, 'characteristicCorrelations');
  const innovationScale = spec.persistence.map((rho) => Math.sqrt(1 - rho * rho));

  const sectors = new Int32Array(n);
  for (let i = 0; i < n; i++) sectors[i] = i % spec.sectors;
  const loadings = new Float64Array(n * N_UNPRICED);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < N_UNPRICED; j++) loadings[i * N_UNPRICED + j] = spec.unpricedLoadingMeans[j] + spec.unpricedLoadingDispersion[j] * draw();
  }
  const scratch = new Float64Array(k);
  let state = new Float64Array(n * k);
  for (let i = 0; i < n; i++) correlatedNormals(innovationL, k, draw, state, i * k, scratch);
  const noise = new Float64Array(n * k);
  for (let q = 0; q < n * k; q++) noise[q] = draw();

  const returns = new Float64Array(t * n);
  const characteristics = new Float64Array(t * n * k);
  const trueCharacteristics = new Float64Array(t * n * k);
  const expectedReturns = new Float64Array(t * n);
  const factorReturns = new Float64Array(t * k);
  const unpricedFactorReturns = new Float64Array(t * N_UNPRICED);
  const sectorShocks = new Float64Array(spec.sectors);
  const innovation = new Float64Array(k);

  for (let month = 0; month < t; month++) {
    correlatedNormals(factorL, k, draw, factorReturns, month * k, scratch);
    for (let j = 0; j < k; j++) factorReturns[month * k + j] += spec.premia[j];
    for (let j = 0; j < N_UNPRICED; j++) unpricedFactorReturns[month * N_UNPRICED + j] = spec.unpricedVolatilities[j] * draw();
    for (let s = 0; s < spec.sectors; s++) sectorShocks[s] = spec.sectorVolatility * draw();
    for (let i = 0; i < n; i++) {
      const z = i * k;
      let r = spec.interaction * state[z + QUALITY] * state[z + VALUE];
      for (let j = 0; j < k; j++) r += state[z + j] * factorReturns[month * k + j];
      for (let j = 0; j < N_UNPRICED; j++) r += loadings[i * N_UNPRICED + j] * unpricedFactorReturns[month * N_UNPRICED + j];
      r += sectorShocks[sectors[i]];
      r += spec.idiosyncraticVolatility * Math.exp(-spec.lowVolatilitySensitivity * state[z + LOW_VOLATILITY]) * draw();
      returns[month * n + i] = r;
    }
    const next = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      correlatedNormals(innovationL, k, draw, innovation, 0, scratch);
      for (let j = 0; j < k; j++) next[i * k + j] = spec.persistence[j] * state[i * k + j] + innovationScale[j] * innovation[j];
    }
    state = next;
    const base = month * n * k;
    trueCharacteristics.set(state, base);
    for (let i = 0; i < n; i++) {
      const z = i * k;
      let mu = spec.interaction * state[z + QUALITY] * state[z + VALUE];
      for (let j = 0; j < k; j++) {
        mu += spec.premia[j] * state[z + j];
        noise[z + j] = spec.persistence[j] * noise[z + j] + innovationScale[j] * draw();
        characteristics[base + z + j] = state[z + j] + spec.characteristicNoise * noise[z + j];
      }
      expectedReturns[month * n + i] = mu;
    }
  }
  return {
    nAssets: n,
    nMonths: t,
    seed,
    spec,
    returns,
    characteristics,
    trueCharacteristics,
    expectedReturns,
    factorReturns,
    unpricedFactorReturns,
    unpricedLoadings: loadings,
    sectors,
  };
}

/** The data-generating process in words, with the parameter values of `spec` (for README and reports). */
export function describeFactorUniverse(spec: FactorUniverseSpec = DEFAULT_FACTOR_UNIVERSE_SPEC): string {
  const list = (values: readonly number[]): string => values.join(', ');
  return [
    'Synthetic factor universe (monthly, decimal returns):',
    `- characteristics z (value, quality, momentum, low-volatility): per-asset AR(1), persistence (${list(spec.persistence)}), unit stationary variance, innovation correlations Ω = [${list(spec.characteristicCorrelations)}];`,
    `- observed characteristics c = z + ${spec.characteristicNoise}·e, e a unit-variance AR(1) with the same persistence as z;`,
    `- priced factor returns F_t = λ + f_t, λ = (${list(spec.premia)}), f_t ~ N(0, D R D), vols (${list(spec.factorVolatilities)}), correlations R = [${list(spec.factorCorrelations)}];`,
    `- return r_{i,t} = z_{i,t-1}ᵀF_t + ${spec.interaction}·z_quality·z_value + b_iᵀu_t + g_{sector,t} + σ_i·ε, so E[r_{t+1} | z_t] = λᵀz + ${spec.interaction}·z_quality·z_value;`,
    `- unpriced factors u ~ N(0, diag(${list(spec.unpricedVolatilities)})²) with loadings b ~ (${list(spec.unpricedLoadingMeans)}) + (${list(spec.unpricedLoadingDispersion)})·N(0, 1);`,
    `- ${spec.sectors} sectors (asset i in sector i mod ${spec.sectors}) with shocks N(0, ${spec.sectorVolatility}²);`,
    `- idiosyncratic volatility ${spec.idiosyncraticVolatility}·exp(−${spec.lowVolatilitySensitivity}·z_lowvol).`,
  ].join('\n');
}
