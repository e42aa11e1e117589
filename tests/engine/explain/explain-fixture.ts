/**
 * Loads tests/fixtures/json/explain.json, written by tests/fixtures/explain.py (numpy/scipy
 * implementations of the published R̂/ESS formulas, scipy's ndtri, kstest and multivariate normal).
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface DiagnosticsCase {
  name: string;
  chains: number;
  draws: number;
  values: number[];
  splitRhat: number;
  rhatBulk: number;
  rhatTail: number;
  essBulk: number;
  essMean: number;
  essPlain: number;
}

export interface ExplainFixture {
  diagnostics: DiagnosticsCase[];
  quantiles: { p: number; x: number }[];
  ks: { values: number[]; mean: number; sd: number; statistic: number; pValue: number }[];
  kolmogorov: { lambda: number; sf: number }[];
  gaussian: { k: number; mean: number[]; covariance: number[]; points: number[]; logDensity: number[]; gradient: number[] };
}

export function loadExplainFixture(): ExplainFixture {
  const path = fileURLToPath(new URL('../../fixtures/json/explain.json', import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as ExplainFixture;
}
