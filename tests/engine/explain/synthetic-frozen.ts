/**
 * A small frozen pipeline for the real probe path (pipelineMap → questionProbe → explainPipeline)
 * without training: 20 assets with 2 characteristics, the 9-variable simulated VAR(1) history of
 * gaussian-fixtures as its macro state, a linear return head with chosen coefficients, a diagonal
 * Σ̂ with similar variances and a large γ, so the long-only QP stays interior (every weight well
 * above 0) over the whole prior and w(m) is affine in m.
 */
import { createRandom } from '../../../src/main/engine/data/random';
import type { FrozenPipeline } from '../../../src/main/engine/explain/frozen-pipeline';
import { interactionFeatures } from '../../../src/main/engine/data/interactions';
import { factorRiskModel } from '../../../src/main/engine/risk/risk-model';
import { K, simulatedVar1 } from './gaussian-fixtures';

export const N_ASSETS = 20;
const C = 2;

/**
 * @param macroLoading - scale of the interaction coefficients (0: μ̂ does not depend on m, so every G is constant).
 */
export function syntheticFrozen(macroLoading: number): FrozenPipeline {
  const random = createRandom(11);
  const { data } = simulatedVar1();
  const rows = data.length / K;
  const anchorMacro = data.slice((rows - 1) * K);
  const characteristics = Float64Array.from({ length: N_ASSETS * C }, () => random.normal());
  const p = C * (1 + K);
  const sd = Float64Array.from({ length: K }, (_, v) => {
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += data[r * K + v] / rows;
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += (data[r * K + v] - mean) ** 2;
    return Math.sqrt(sum / (rows - 1));
  });
  // β on c ⊗ m_v scaled by 1/sd(m_v), so each macro variable moves μ̂ by about macroLoading per sd.
  const beta = Array.from({ length: p }, (_, q) => (q < C ? 0.002 * random.normal() : (macroLoading * random.normal()) / sd[Math.floor(q / C) - 1]));
  const features = interactionFeatures(characteristics, N_ASSETS, C, anchorMacro);
  const names = ['c1', 'c2'];
  const macroNames = Array.from({ length: K }, (_, v) => `m${v + 1}`);
  const months = Array.from({ length: rows }, (_, r) => `${1970 + Math.floor(r / 12)}-${String((r % 12) + 1).padStart(2, '0')}`);
  return {
    anchor: months[rows - 1],
    fitMonth: months[rows - 13],
    assets: Array.from({ length: N_ASSETS }, (_, i) => `A${i + 1}`),
    n: N_ASSETS,
    characteristics,
    characteristicNames: names,
    macroNames,
    anchorMacro,
    macroHistory: data,
    historyMonths: months,
    features,
    featureNames: [...names, ...macroNames.flatMap((m) => names.map((c) => `${c}×${m}`))],
    predictor: { config: { kind: 'linear', nFeatures: p, returnScale: 1 }, weights: [beta, [0.008]] },
    risk: factorRiskModel(Float64Array.from({ length: N_ASSETS }, () => 0.05 ** 2 * (1 + 0.2 * random.uniform())), new Float64Array(0), new Float64Array(0)),
    gamma: 200,
    kappa: 0,
    wMax: null,
    budget: 1,
    prev: new Float64Array(N_ASSETS).fill(1 / N_ASSETS),
    realised: Float64Array.from({ length: N_ASSETS }, () => 0.01 + 0.05 * random.normal()),
    runWeights: new Float64Array(N_ASSETS).fill(1 / N_ASSETS),
    featuresAt: () => undefined,
  };
}
