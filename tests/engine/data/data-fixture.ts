/**
 * Loads tests/fixtures/json/data.json, written by tests/fixtures/data.py (numpy/scipy references).
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface PrngCase {
  seed: number;
  uint32: number[];
  uniform: number[];
  normal: number[];
}

export interface SpectralCase {
  name: string;
  n: number;
  a: number[];
  rho: number;
}

export interface VarCase {
  t: number;
  k: number;
  data: number[];
  phi: number[];
  intercept: number[];
  innovationCovariance: number[];
  spectralRadius: number;
  stationaryMean: number[];
  stationaryCovariance: number[];
  distances: number[];
}

export interface GoyalWelchCase extends VarCase {
  names: string[];
  dates: string[];
  summary: { mean: number; median: number; p95: number; largest: Array<{ month: string; distance: number }> };
  published: { mean: number; median: number; p95: number; largest: Record<string, number> };
  vintage: string;
}

export interface DataFixture {
  prng: PrngCase[];
  spectralRadius: SpectralCase[];
  varSimulated: VarCase;
  varGoyalWelch: GoyalWelchCase;
}

const PATH = fileURLToPath(new URL('../../fixtures/json/data.json', import.meta.url));

export function loadDataFixture(): DataFixture {
  return JSON.parse(readFileSync(PATH, 'utf8')) as DataFixture;
}
