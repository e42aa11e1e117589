/**
 * Adam (Kingma & Ba 2015, Algorithm 1) on float64 master copies of the cleaner's weights, with
 * global-norm gradient clipping (Keras `clipnorm` applied to the whole gradient, as METHODS.md §3's
 * "clipnorm 1"). Kept here rather than tfjs's AdamOptimizer so its whole state (step, m, v) is plain
 * data a checkpoint can store and a resumed run can restore exactly.
 */

/** Adam's state: step count and the first and second moment estimates, by weight name. */
export interface AdamState {
  step: number;
  readonly m: Map<string, Float64Array>;
  readonly v: Map<string, Float64Array>;
}

/** Adam's constants (Keras defaults for β₁, β₂, ε). */
export interface AdamOptions {
  readonly learningRate: number;
  readonly clipNorm?: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

/** Fresh state with zero moments shaped like the weights. */
export function createAdamState(weights: ReadonlyMap<string, Float64Array>): AdamState {
  const zeros = (): Map<string, Float64Array> => new Map([...weights].map(([name, values]) => [name, new Float64Array(values.length)]));
  return { step: 0, m: zeros(), v: zeros() };
}

/** Global L2 norm of a gradient given by name. */
export function gradientNorm(gradients: ReadonlyMap<string, Float64Array>): number {
  let sum = 0;
  for (const values of gradients.values()) for (let q = 0; q < values.length; q++) sum += values[q] * values[q];
  return Math.sqrt(sum);
}

/**
 * One Adam step in place on `weights` and `state`.
 *
 * @returns the gradient's global norm before clipping.
 * @throws when a gradient is missing or non-finite (the message names it).
 */
export function adamStep(weights: Map<string, Float64Array>, gradients: ReadonlyMap<string, Float64Array>, state: AdamState, options: AdamOptions): number {
  const { learningRate, clipNorm } = options;
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const epsilon = options.epsilon ?? 1e-7;
  for (const [name, values] of weights) {
    const gradient = gradients.get(name);
    if (gradient === undefined || gradient.length !== values.length) throw new Error(`gradient of ${name} is missing or mis-sized`);
    for (let q = 0; q < gradient.length; q++) if (!Number.isFinite(gradient[q])) throw new Error(`gradient of ${name}[${q}] is ${gradient[q]}: the loss is not finite`);
  }
  const norm = gradientNorm(gradients);
  const scale = clipNorm !== undefined && norm > clipNorm ? clipNorm / norm : 1;
  state.step += 1;
  const correction1 = 1 - Math.pow(beta1, state.step);
  const correction2 = 1 - Math.pow(beta2, state.step);
  for (const [name, values] of weights) {
    const gradient = gradients.get(name) as Float64Array;
    const m = state.m.get(name) as Float64Array;
    const v = state.v.get(name) as Float64Array;
    for (let q = 0; q < values.length; q++) {
      const g = gradient[q] * scale;
      m[q] = beta1 * m[q] + (1 - beta1) * g;
      v[q] = beta2 * v[q] + (1 - beta2) * g * g;
      values[q] -= (learningRate * (m[q] / correction1)) / (Math.sqrt(v[q] / correction2) + epsilon);
    }
  }
  return norm;
}
