/**
 * Contracts of `solveMeanVarianceQp` that the layer relies on, checked from the layer's side.
 * A failure here is a defect in the solver's files, not in the layer's; the layer passes the
 * solver's point through unchanged rather than patching it.
 */
import { describe, expect, it } from 'vitest';
import { solveFactorQpBatch } from '../../../src/main/engine/qp/layer-batch';
import { CONSTRAINTS, randomBatch } from './layer-problems';

describe('QpSolution.w when not solved', () => {
  it('is "the ADMM iterate projected on the bounds" (qp-types.ts), so 0 ≤ w ≤ upper', () => {
    const batch = randomBatch(26, 2, 10, 3);
    const solved = solveFactorQpBatch(batch, { ...CONSTRAINTS, settings: { maxIter: 3, polish: false } });
    expect(solved.solutions.map((solution) => solution.status)).toEqual(['max-iterations', 'max-iterations']);
    let violation = 0;
    for (const w of solved.w) violation = Math.max(violation, -w, w - 0.3);
    expect(violation, `largest bound violation ${violation}, tolerance 0`).toBeLessThanOrEqual(0);
  });
});
