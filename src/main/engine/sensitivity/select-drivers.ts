/**
 * Commonality selection of common drivers for the sensitivity-based hierarchical allocation
 * (METHODS.md §4; Rodriguez Dominguez, "Portfolio optimisation via the heterogeneous sensitivity
 * of asset returns to common drivers", Machine Learning with Applications, 2022): a driver is worth
 * embedding assets by only if it matters for most constituents, not for a few.
 *
 * Two scores per driver j, each a share of the N assets:
 * - correlation share: |ρ(r_i, x_j)| > `correlationThreshold` (contemporaneous Pearson correlation);
 * - predictability share: the OLS slope of r_{i,t} on x_{j,t−1} (with intercept, T − 1 pairs) has
 *   |t| > `tCritical`. For a simple regression t = ρ·√((m − 2)/(1 − ρ²)) with ρ the correlation of the
 *   m = T − 1 pairs, which is what is computed.
 * A driver is kept when either share is ≥ `minShare`: a driver can matter contemporaneously (a
 * market index) or with a lag (a slow-moving spread), and the network sees both.
 */

export interface SelectDriversOptions {
  /** Share of assets a driver must reach on either score to be kept, in (0, 1]; default 0.5. */
  readonly minShare?: number;
  /** |ρ| above which an asset counts as correlated with a driver, in [0, 1); default 0.2. */
  readonly correlationThreshold?: number;
  /** |t| above which a lag-1 slope counts as significant, > 0; default 1.96 (two-sided 5 %). */
  readonly tCritical?: number;
}

export interface DriverSelection {
  /** Driver names, length D, in input order. */
  readonly names: readonly string[];
  /** Per driver, share of assets with |ρ| > threshold; length D, in [0, 1]. */
  readonly correlationShare: Float64Array;
  /** Per driver, share of assets with a significant lag-1 t-statistic; length D, in [0, 1]. */
  readonly predictabilityShare: Float64Array;
  /** Per driver, mean over assets of |ρ|; length D (a continuous score for display and ranking). */
  readonly meanAbsCorrelation: Float64Array;
  /** Indices of the kept drivers, increasing. */
  readonly kept: Int32Array;
}

/** Fewest observations: the lag-1 regression on T − 1 pairs needs at least one residual degree of freedom. */
export const MIN_DRIVER_OBSERVATIONS = 4;

function assertPanel(values: Float64Array, rows: number, columns: number, name: string): void {
  if (!(values instanceof Float64Array)) throw new Error(`${name} must be a Float64Array`);
  if (values.length !== rows * columns) {
    throw new Error(`${name} has length ${values.length}, expected T × ${columns} = ${rows * columns}`);
  }
  for (let k = 0; k < values.length; k++) {
    if (!Number.isFinite(values[k])) {
      throw new Error(`${name}[${Math.floor(k / columns)}, ${k % columns}] is ${values[k]}: input must be finite`);
    }
  }
}

/** Pearson correlation of column a of x (rows xStart..) and column b of y (rows yStart..) over m rows. */
function correlation(
  x: Float64Array,
  xColumns: number,
  a: number,
  xStart: number,
  y: Float64Array,
  yColumns: number,
  b: number,
  yStart: number,
  m: number,
): number {
  let meanX = 0;
  let meanY = 0;
  for (let t = 0; t < m; t++) {
    meanX += x[(xStart + t) * xColumns + a];
    meanY += y[(yStart + t) * yColumns + b];
  }
  meanX /= m;
  meanY /= m;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let t = 0; t < m; t++) {
    const dx = x[(xStart + t) * xColumns + a] - meanX;
    const dy = y[(yStart + t) * yColumns + b] - meanY;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

function assertNotConstant(values: Float64Array, rows: number, columns: number, name: string, label: (j: number) => string): void {
  for (let j = 0; j < columns; j++) {
    let constant = true;
    for (let t = 1; t < rows && constant; t++) constant = values[t * columns + j] === values[j];
    if (constant) throw new Error(`${name}: column ${label(j)} is constant, its correlations are undefined`);
  }
}

/**
 * Scores every driver and keeps those relevant to most assets.
 *
 * @param assetReturns - T × N row-major asset returns (any units; correlations are scale-free).
 * @param drivers - T × D row-major driver changes, aligned row for row with `assetReturns`.
 * @param names - D driver names.
 * @returns the scores and the kept indices (possibly empty: the caller decides what to do then).
 * @throws on mismatched shapes, T < {@link MIN_DRIVER_OBSERVATIONS}, non-finite entries, a constant
 *   column, or options out of range.
 */
export function selectDrivers(
  assetReturns: Float64Array,
  drivers: Float64Array,
  names: readonly string[],
  options: SelectDriversOptions = {},
): DriverSelection {
  const minShare = options.minShare ?? 0.5;
  const threshold = options.correlationThreshold ?? 0.2;
  const tCritical = options.tCritical ?? 1.96;
  if (!(minShare > 0 && minShare <= 1)) throw new Error(`options.minShare = ${minShare}: must be in (0, 1]`);
  if (!(threshold >= 0 && threshold < 1)) throw new Error(`options.correlationThreshold = ${threshold}: must be in [0, 1)`);
  if (!(tCritical > 0 && Number.isFinite(tCritical))) throw new Error(`options.tCritical = ${tCritical}: must be finite and > 0`);
  const d = names.length;
  if (d === 0) throw new Error('names is empty: at least one driver is needed');
  if (drivers.length % d !== 0) throw new Error(`drivers has length ${drivers.length}, not a multiple of D = ${d} (names.length)`);
  const rows = drivers.length / d;
  if (rows < MIN_DRIVER_OBSERVATIONS) throw new Error(`drivers has T = ${rows} rows, need at least ${MIN_DRIVER_OBSERVATIONS}`);
  if (assetReturns.length % rows !== 0 || assetReturns.length === 0) {
    throw new Error(`assetReturns has length ${assetReturns.length}, not a positive multiple of T = ${rows} (rows of drivers)`);
  }
  const n = assetReturns.length / rows;
  assertPanel(assetReturns, rows, n, 'assetReturns');
  assertPanel(drivers, rows, d, 'drivers');
  assertNotConstant(assetReturns, rows, n, 'assetReturns', (j) => `${j}`);
  assertNotConstant(drivers, rows, d, 'drivers', (j) => `${j} (${names[j]})`);

  const correlationShare = new Float64Array(d);
  const predictabilityShare = new Float64Array(d);
  const meanAbsCorrelation = new Float64Array(d);
  const pairs = rows - 1;
  for (let j = 0; j < d; j++) {
    let correlated = 0;
    let predictive = 0;
    let absTotal = 0;
    for (let i = 0; i < n; i++) {
      const rho = correlation(assetReturns, n, i, 0, drivers, d, j, 0, rows);
      absTotal += Math.abs(rho);
      if (Math.abs(rho) > threshold) correlated++;
      const lagged = correlation(assetReturns, n, i, 1, drivers, d, j, 0, pairs);
      const denominator = 1 - lagged * lagged;
      const t = denominator > 0 ? (lagged * Math.sqrt(pairs - 2)) / Math.sqrt(denominator) : Infinity;
      if (Math.abs(t) > tCritical) predictive++;
    }
    correlationShare[j] = correlated / n;
    predictabilityShare[j] = predictive / n;
    meanAbsCorrelation[j] = absTotal / n;
  }
  const kept: number[] = [];
  for (let j = 0; j < d; j++) if (correlationShare[j] >= minShare || predictabilityShare[j] >= minShare) kept.push(j);
  return { names: [...names], correlationShare, predictabilityShare, meanAbsCorrelation, kept: Int32Array.from(kept) };
}
