/**
 * VAR(1) fit, stationary law and Mahalanobis distances against numpy/scipy (tests/fixtures/data.py),
 * on a simulated VAR and on the Goyal–Welch macro state of METHODS §5 (2024 vintage).
 */

import { describe, expect, it } from 'vitest';
import { leastSquares } from '../../../src/main/engine/data/least-squares';
import { luSolve } from '../../../src/main/engine/data/lu-solve';
import { spectralRadius } from '../../../src/main/engine/data/spectral-radius';
import { fitVar1, stationaryCovariance, var1MahalanobisDistances, var1Stationary } from '../../../src/main/engine/data/var1';
import { expectClose, expectScalarClose } from '../linalg/assert-close';
import { loadDataFixture } from './data-fixture';
import type { VarCase } from './data-fixture';

const fixture = loadDataFixture();

function checkVar(reference: VarCase, label: string, rtol: number): void {
  const data = Float64Array.from(reference.data);
  const fit = fitVar1(data, reference.t, reference.k);
  const scale = (values: number[]): number => Math.max(...values.map(Math.abs));
  expectClose(fit.phi, reference.phi, 0, rtol * scale(reference.phi), `${label}: Φ`);
  expectClose(fit.intercept, reference.intercept, 0, rtol * scale(reference.intercept), `${label}: c`);
  expectClose(fit.innovationCovariance, reference.innovationCovariance, rtol, 0, `${label}: Σ_ε`);
  expectScalarClose(fit.spectralRadius, reference.spectralRadius, rtol, 0, `${label}: ρ(Φ)`);
  const stationary = var1Stationary(fit);
  expectClose(stationary.mean, reference.stationaryMean, 0, rtol * 10 * scale(reference.stationaryMean), `${label}: μ*`);
  expectClose(stationary.covariance, reference.stationaryCovariance, 0, rtol * 10 * scale(reference.stationaryCovariance), `${label}: Σ*`);
  expectClose(var1MahalanobisDistances(fit), reference.distances, rtol, 0, `${label}: distances`);
}

describe('fitVar1 against numpy/scipy', () => {
  it('simulated 3-variable VAR(1), T = 300', () => checkVar(fixture.varSimulated, 'simulated', 1e-10));

  it('Goyal–Welch macro state 1980-01..2024-12 (9 variables)', () => {
    // ρ(Φ) = 0.9945 makes (I − Φ)⁻¹ and Σ* amplify the rounding of Φ by ≈ 1/(1 − ρ) ≈ 180.
    checkVar(fixture.varGoyalWelch, 'Goyal–Welch', 1e-8);
  });

  it('Goyal–Welch distance summary equals the numpy one (the published figures are in the report)', () => {
    const gw = fixture.varGoyalWelch;
    const d = Array.from(var1MahalanobisDistances(fitVar1(Float64Array.from(gw.data), gw.t, gw.k)));
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const sorted = [...d].sort((a, b) => a - b);
    const median = (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
    expectScalarClose(mean, gw.summary.mean, 1e-10, 0, 'mean distance');
    expectScalarClose(median, gw.summary.median, 1e-10, 0, 'median distance');
    const largest = gw.summary.largest[0];
    expectScalarClose(Math.max(...d), largest.distance, 1e-10, 0, `largest distance (${largest.month})`);
  });
});

describe('spectralRadius', () => {
  for (const reference of fixture.spectralRadius) {
    it(`${reference.name}: max |eig| as numpy`, () => {
      // A 3 × 3 Jordan block's eigenvalue is ill-conditioned (error ∝ ε^{1/3}) for any eigen-solver;
      // Gelfand's formula does not suffer from it, numpy does, hence the looser bound there.
      const rtol = reference.name.startsWith('defective') ? 1e-5 : 1e-12;
      expectScalarClose(spectralRadius(Float64Array.from(reference.a), reference.n), reference.rho, rtol, 0, reference.name);
    });
  }

  it('is 0 for a nilpotent matrix and rejects non-finite input', () => {
    expect(spectralRadius(Float64Array.from([0, 1, 0, 0]), 2)).toBe(0);
    expect(() => spectralRadius(Float64Array.from([1, NaN, 0, 1]), 2)).toThrow('spectralRadius: a[0, 1] is NaN');
  });
});

describe('stationary law and linear solvers', () => {
  it('Σ* solves the Lyapunov equation; a unit root has no stationary law', () => {
    const phi = Float64Array.from([0.5, 0.2, -0.1, 0.8]);
    const sigma = Float64Array.from([1, 0.3, 0.3, 2]);
    const { covariance } = stationaryCovariance(phi, sigma, 2);
    const residual = new Float64Array(4);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        let sum = sigma[i * 2 + j];
        for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) sum += phi[i * 2 + a] * covariance[a * 2 + b] * phi[j * 2 + b];
        residual[i * 2 + j] = covariance[i * 2 + j] - sum;
      }
    }
    expectClose(residual, [0, 0, 0, 0], 0, 1e-14, 'Σ* − ΦΣ*Φᵀ − Σ_ε');
    expect(() => stationaryCovariance(Float64Array.from([1, 0, 0, 0.5]), sigma, 2)).toThrow(/spectral radius of phi is 1 ≥ 1/);
  });

  it('fitVar1 flags a non-stationary fit and var1Stationary refuses it', () => {
    const t = 60;
    const walk = new Float64Array(t);
    for (let r = 1; r < t; r++) walk[r] = walk[r - 1] * 1.05 + 1;
    const noisy = walk.map((v, r) => v + 0.01 * Math.sin(r * 1.7));
    const fit = fitVar1(noisy, t, 1);
    expect(fit.stationary, `ρ = ${fit.spectralRadius}`).toBe(false);
    expect(() => var1Stationary(fit)).toThrow(/not stationary/);
  });

  it('rejects short, non-finite or collinear data', () => {
    expect(() => fitVar1(new Float64Array(8), 4, 2)).toThrow('fitVar1: t = 4 observations, need at least k + 3 = 5');
    const data = Float64Array.from({ length: 20 }, (_, q) => Math.sin(q));
    data[7] = NaN;
    expect(() => fitVar1(data, 10, 2)).toThrow('fitVar1: data[3, 1] is NaN: must be finite');
    const collinear = Float64Array.from({ length: 20 }, (_, q) => Math.floor(q / 2) * (q % 2 === 0 ? 1 : 2) + Math.sin(Math.floor(q / 2)) * (q % 2 === 0 ? 1 : 2));
    expect(() => fitVar1(collinear, 10, 2)).toThrow(/rank deficient/);
  });

  it('leastSquares recovers an exact solution; luSolve solves a pivoting system', () => {
    const x = Float64Array.from([1, 0, 1, 1, 1, 2, 1, 3]);
    const y = Float64Array.from([1, 3, 5, 7]);
    const fit = leastSquares(x, y, 4, 2, 1);
    expectClose(fit.coefficients, [1, 2], 1e-14, 0, 'coefficients');
    expectClose(fit.residuals, [0, 0, 0, 0], 0, 1e-14, 'residuals');
    expectClose(luSolve(Float64Array.from([0, 1, 2, 0]), 2, [3, 4]), [2, 3], 1e-15, 0, 'lu');
    expect(() => luSolve(Float64Array.from([1, 2, 2, 4]), 2, [1, 1])).toThrow(/singular/);
  });
});
