/**
 * The differentiable mean–variance layer as a batched tfjs custom op (METHODS.md §1; Amos & Kolter,
 * "OptNet", ICML 2017; Agrawal et al., "Differentiable convex optimization layers", NeurIPS 2019):
 *
 *   w_b = argmin_w −μ_bᵀw + γ·wᵀ(F_b·F_bᵀ + diag(d_b))w + κ‖w − prev_b‖₁   s.t. the layer's constraints.
 *
 * tfjs tensors are float32; the op copies its inputs to float64, solves and differentiates there
 * (./layer-batch: `solveMeanVarianceQp` and `qpBackward` per item), and copies the results out as
 * float32. Built with `tf.customGrad`; works on any backend that can create and read float32 tensors
 * (no kernel of its own), e.g. cpu and wasm.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { GradSaveFunc, Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import { checkLayerConstraints, factorQpBatchBackward, solveFactorQpBatch } from './layer-batch';
import type { FactorQpBatch, FactorQpBatchSolve, LayerConstraints } from './layer-batch';
import type { QpStatus, QpWarmStart } from './qp-types';

export type { LayerConstraints } from './layer-batch';

export interface MeanVarianceLayerOptions extends LayerConstraints {
  /**
   * Warm-start batch slot b from the solution the previous forward call found for slot b (same n);
   * default true. Warm starts change iteration counts, not the polished answer.
   */
  warmStart?: boolean;
}

/** Cumulative outcome counts since the layer was created. */
export interface MeanVarianceLayerCounts {
  /** Items solved, by status. */
  statuses: Record<QpStatus, number>;
  /** Items whose backward returned zero gradients (not solved and polished). */
  zeroGradientItems: number;
}

/**
 * The layer: call it like a function. Inputs (float32 tensors):
 * `mu` [B, n] expected returns; `factors` [B, n, k] loadings F; `idio` [B, n] idiosyncratic
 * variances d (≥ 0; METHODS §1 uses softplus + 1e-4 so d > 0); `prev` [B, n] current weights for the
 * turnover term (optional; zeros when absent). Output: weights [B, n].
 * Gradients flow to every tensor input.
 */
export interface MeanVarianceLayer {
  (mu: Tensor2D, factors: Tensor3D, idio: Tensor2D, prev?: Tensor2D): Tensor2D;
  /** Statuses of the items of the most recent forward call, in batch order. */
  lastStatuses(): readonly QpStatus[];
  /** Cumulative counts over every forward call. */
  counts(): MeanVarianceLayerCounts;
  /** Forgets the warm-start cache (e.g. between epochs when batch slots stop matching). */
  resetWarmStarts(): void;
}

function emptyCounts(): MeanVarianceLayerCounts {
  return {
    statuses: {
      solved: 0,
      'solved-inaccurate': 0,
      'primal-infeasible': 0,
      'dual-infeasible': 0,
      'max-iterations': 0,
      'time-limit': 0,
    },
    zeroGradientItems: 0,
  };
}

function checkInputs(mu: Tensor, factors: Tensor, idio: Tensor, prev: Tensor | undefined): void {
  if (!(mu instanceof tf.Tensor) || mu.rank !== 2) throw new Error(`mu must be a rank-2 tensor [B, n], got ${describe(mu)}`);
  const [batch, n] = mu.shape as [number, number];
  if (!(factors instanceof tf.Tensor) || factors.rank !== 3 || factors.shape[0] !== batch || factors.shape[1] !== n) {
    throw new Error(`factors must be a rank-3 tensor [B, n, k] = [${batch}, ${n}, k], got ${describe(factors)}`);
  }
  if (!(idio instanceof tf.Tensor) || idio.rank !== 2 || idio.shape[0] !== batch || idio.shape[1] !== n) {
    throw new Error(`idio must be a rank-2 tensor [B, n] = [${batch}, ${n}], got ${describe(idio)}`);
  }
  if (prev !== undefined && (!(prev instanceof tf.Tensor) || prev.rank !== 2 || prev.shape[0] !== batch || prev.shape[1] !== n)) {
    throw new Error(`prev must be a rank-2 tensor [B, n] = [${batch}, ${n}], got ${describe(prev)}`);
  }
}

function describe(value: unknown): string {
  return value instanceof tf.Tensor ? `shape [${value.shape.join(', ')}]` : String(value);
}

function toFloat64(tensor: Tensor): Float64Array {
  return Float64Array.from(tensor.dataSync() as ArrayLike<number>);
}

/**
 * Builds the layer. The constraints (γ, bounds, budget, κ, groups) and solver settings are fixed
 * hyper-parameters; only the tensor inputs are differentiated.
 *
 * Forward: per item, `solveMeanVarianceQp` in float64 (sequential; warm-started per batch slot).
 * Saved for the backward pass: the float64 copies of the inputs and each item's polished solution
 * (active set and duals), held by the op's closure — no tensors are kept, so nothing leaks when no
 * gradient is taken.
 * Backward: per item, `qpBackward` (implicit differentiation of the KKT system at the polished
 * active set, O(n·k²)); see its TSDoc for the one-sided choice at degenerate points.
 *
 * Non-`solved` items (`solved-inaccurate`, `max-iterations`, `time-limit`) still return the solver's
 * best weights, are reported by {@link MeanVarianceLayer.lastStatuses} and
 * {@link MeanVarianceLayer.counts}, and get ZERO gradients in the backward pass. Infeasible items
 * throw (no weights exist).
 *
 * @throws at construction when γ ≤ 0 or κ < 0 (non-finite included); at call time on wrong ranks or
 *   shapes, non-finite inputs, negative `idio`, malformed bounds or groups, or an infeasible item.
 */
export function meanVarianceLayer(options: MeanVarianceLayerOptions): MeanVarianceLayer {
  checkLayerConstraints(options);
  const { warmStart = true, ...constraints } = options;
  let slots: (QpWarmStart | undefined)[] = [];
  let last: QpStatus[] = [];
  const totals = emptyCounts();

  function forward(tensors: Tensor[], hasPrev: boolean): FactorQpBatchSolve {
    const [mu, factors, idio] = tensors;
    const shape = { batch: mu.shape[0], n: mu.shape[1] as number, k: factors.shape[2] as number };
    const batch: FactorQpBatch = {
      ...shape,
      mu: toFloat64(mu),
      factors: toFloat64(factors),
      idio: toFloat64(idio),
      ...(hasPrev ? { prev: toFloat64(tensors[3]) } : {}),
    };
    const starts = warmStart ? slots.map((slot) => (slot !== undefined && slot.w.length === shape.n ? slot : undefined)) : undefined;
    const solved = solveFactorQpBatch(batch, constraints, starts);
    last = solved.solutions.map((solution) => solution.status);
    for (const status of last) totals.statuses[status]++;
    if (warmStart) {
      slots = solved.solutions.map((solution) => ({ w: solution.w, y: solution.y, rho: solution.info.rho }));
    }
    return solved;
  }

  function backward(solved: FactorQpBatchSolve, dy: Tensor): Tensor[] {
    const { batch, n, k } = solved;
    totals.zeroGradientItems += solved.differentiable.filter((ok) => !ok).length;
    const gradients = factorQpBatchBackward(solved, toFloat64(dy));
    const out: Tensor[] = [
      tf.tensor2d(Float32Array.from(gradients.mu), [batch, n]),
      tf.tensor3d(Float32Array.from(gradients.factors), [batch, n, k]),
      tf.tensor2d(Float32Array.from(gradients.idio), [batch, n]),
    ];
    if (gradients.prev !== undefined) out.push(tf.tensor2d(Float32Array.from(gradients.prev), [batch, n]));
    return out;
  }

  const op = (hasPrev: boolean): ((...inputs: Tensor[]) => Tensor2D) =>
    tf.customGrad((...args: (Tensor | GradSaveFunc)[]) => {
      const tensors = args.slice(0, hasPrev ? 4 : 3) as Tensor[];
      const solved = forward(tensors, hasPrev);
      const value = tf.tensor2d(Float32Array.from(solved.w), [solved.batch, solved.n]);
      return { value, gradFunc: (dy: Tensor2D) => backward(solved, dy) };
    });
  const withPrev = op(true);
  const withoutPrev = op(false);

  const layer = ((mu: Tensor2D, factors: Tensor3D, idio: Tensor2D, prev?: Tensor2D): Tensor2D => {
    checkInputs(mu, factors, idio, prev);
    return prev === undefined ? withoutPrev(mu, factors, idio) : withPrev(mu, factors, idio, prev);
  }) as MeanVarianceLayer;
  layer.lastStatuses = () => last;
  layer.counts = () => ({ statuses: { ...totals.statuses }, zeroGradientItems: totals.zeroGradientItems });
  layer.resetWarmStarts = () => {
    slots = [];
  };
  return layer;
}
