/**
 * Checks sampler draws against a known Gaussian: gates passed, every mean and covariance entry
 * within 5 Monte Carlo standard errors (sd/√ESS of the quantity itself), and a KS test per
 * coordinate on draws thinned to about their bulk ESS (the test assumes independence). Ensemble
 * walkers are correlated with each other, so their ESS (walkers taken as chains) overstates the
 * independent draws; ensemble callers thin `thinning` = 2 times further.
 */

import { expect } from 'vitest';
import { coordinateDraws } from '../../../src/main/engine/explain/chain-samples';
import type { ChainSamples } from '../../../src/main/engine/explain/chain-samples';
import { ksTestNormal } from '../../../src/main/engine/explain/ks-test';
import { meanEss } from '../../../src/main/engine/explain/effective-sample-size';
import { diagnoseSamples } from '../../../src/main/engine/explain/mcmc-diagnostics';
import { expectScalarClose } from '../linalg/assert-close';

const STANDARD_ERRORS = 5;
const KS_LEVEL = 0.01;

export function expectGaussianDraws(result: ChainSamples, mean: Float64Array, covariance: Float64Array, label: string, thinning = 1): void {
  const { k, chains, draws } = result;
  const diagnostics = diagnoseSamples(result);
  expect(diagnostics.passed, `${label}: gates R̂ ${diagnostics.worstRhat} ≤ 1.05, ESS ${diagnostics.worstEss} ≥ 100`).toBe(true);
  const columns = Array.from({ length: k }, (_, i) => coordinateDraws(result, i));
  for (let i = 0; i < k; i++) {
    const d = diagnostics.coordinates[i];
    expectScalarClose(d.mean, mean[i], 0, STANDARD_ERRORS * d.mcseMean, `${label}: mean ${i} (5 MCSE)`);
    for (let j = 0; j <= i; j++) {
      const products = new Float64Array(chains * draws);
      for (let q = 0; q < products.length; q++) products[q] = (columns[i][q] - mean[i]) * (columns[j][q] - mean[j]);
      let sum = 0;
      for (let q = 0; q < products.length; q++) sum += products[q];
      const average = sum / products.length;
      let squares = 0;
      for (let q = 0; q < products.length; q++) squares += (products[q] - average) ** 2;
      const mcse = Math.sqrt(squares / (products.length - 1) / meanEss(products, chains, draws));
      expectScalarClose(average, covariance[i * k + j], 0, STANDARD_ERRORS * mcse, `${label}: covariance ${i},${j} (5 MCSE)`);
    }
    const step = Math.max(1, Math.ceil((thinning * chains * draws) / d.essBulk));
    const thinned = new Float64Array(Math.floor((chains * draws) / step));
    for (let q = 0; q < thinned.length; q++) thinned[q] = columns[i][q * step];
    const { pValue } = ksTestNormal(thinned, mean[i], Math.sqrt(covariance[i * k + i]));
    expect(pValue, `${label}: KS coordinate ${i} on ${thinned.length} thinned draws, p = ${pValue} must exceed ${KS_LEVEL}`).toBeGreaterThan(KS_LEVEL);
  }
}
