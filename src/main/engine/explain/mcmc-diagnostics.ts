/**
 * Per-coordinate convergence diagnostics of sampler output with METHODS §5's gates: the worst
 * coordinate must have rank-normalised split-R̂ ≤ 1.05 and bulk ESS ≥ 100.
 */

import { coordinateDraws } from './chain-samples';
import type { ChainSamples } from './chain-samples';
import { bulkEss, meanEss } from './effective-sample-size';
import { rankNormalisedSplitRhat } from './split-rhat';

/** Gate thresholds. */
export interface DiagnosticGates {
  /** Largest acceptable R̂; default 1.05. */
  readonly maxRhat: number;
  /** Smallest acceptable bulk ESS; default 100. */
  readonly minEss: number;
}

/** METHODS §5's gates. */
export const DEFAULT_DIAGNOSTIC_GATES: Readonly<DiagnosticGates> = Object.freeze({ maxRhat: 1.05, minEss: 100 });

/** Diagnostics of one coordinate. */
export interface CoordinateDiagnostics {
  /** Pooled sample mean. */
  readonly mean: number;
  /** Pooled sample standard deviation (ddof 1). */
  readonly sd: number;
  /** Rank-normalised split-R̂ (max of bulk and tail). */
  readonly rhat: number;
  /** Bulk ESS. */
  readonly essBulk: number;
  /** ESS for the mean (split chains, no ranks). */
  readonly essMean: number;
  /** Monte Carlo standard error of `mean`: sd/√essMean. */
  readonly mcseMean: number;
}

/** Diagnostics of all coordinates with the gate verdict. */
export interface SamplerDiagnostics {
  /** Length k. */
  readonly coordinates: readonly CoordinateDiagnostics[];
  /** max over coordinates of R̂. */
  readonly worstRhat: number;
  /** min over coordinates of bulk ESS. */
  readonly worstEss: number;
  /** worstRhat ≤ maxRhat and worstEss ≥ minEss (false when either is NaN). */
  readonly passed: boolean;
  readonly gates: DiagnosticGates;
}

/**
 * Mean, sd, ESS and the Monte Carlo standard error of one scalar drawn as chains × draws.
 *
 * @param values - chains × draws row-major, finite, draws ≥ 8.
 */
export function scalarDiagnostics(values: Float64Array, chains: number, draws: number): CoordinateDiagnostics {
  const essMean = meanEss(values, chains, draws);
  let sum = 0;
  for (let q = 0; q < values.length; q++) sum += values[q];
  const mean = sum / values.length;
  let squares = 0;
  for (let q = 0; q < values.length; q++) squares += (values[q] - mean) ** 2;
  const sd = Math.sqrt(squares / (values.length - 1));
  return {
    mean,
    sd,
    rhat: rankNormalisedSplitRhat(values, chains, draws).rhat,
    essBulk: bulkEss(values, chains, draws),
    essMean,
    mcseMean: sd / Math.sqrt(essMean),
  };
}

/**
 * Diagnoses every coordinate of a sampler's draws.
 *
 * @param result - draws of at least 8 per chain.
 * @param gates - thresholds; default {@link DEFAULT_DIAGNOSTIC_GATES}.
 */
export function diagnoseSamples(result: ChainSamples, gates: DiagnosticGates = DEFAULT_DIAGNOSTIC_GATES): SamplerDiagnostics {
  const coordinates: CoordinateDiagnostics[] = [];
  let worstRhat = Number.NEGATIVE_INFINITY;
  let worstEss = Number.POSITIVE_INFINITY;
  for (let i = 0; i < result.k; i++) {
    const diagnostics = scalarDiagnostics(coordinateDraws(result, i), result.chains, result.draws);
    coordinates.push(diagnostics);
    worstRhat = Number.isNaN(diagnostics.rhat) || Number.isNaN(worstRhat) ? Number.NaN : Math.max(worstRhat, diagnostics.rhat);
    worstEss = Number.isNaN(diagnostics.essBulk) || Number.isNaN(worstEss) ? Number.NaN : Math.min(worstEss, diagnostics.essBulk);
  }
  return { coordinates, worstRhat, worstEss, passed: worstRhat <= gates.maxRhat && worstEss >= gates.minEss, gates };
}
