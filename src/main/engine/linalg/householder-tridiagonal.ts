/**
 * Householder reduction of a symmetric matrix to tridiagonal form, A = Q·T·Qᵀ (Golub & Van Loan,
 * 4th ed., Alg. 8.3.1; LAPACK dsytd2 with uplo = 'U' read row-wise).
 *
 * Row-major storage makes ROWS contiguous, so the reflector of step k is built from row k to the
 * right of the diagonal (equal to column k below it by symmetry) and only the upper triangle of the
 * trailing block is kept: every inner loop walks a contiguous row segment.
 *
 * Step k needs B_k·v_k (B_k the trailing block) and then the rank-2 update B_{k+1} = B_k − v·wᵀ − w·vᵀ.
 * Done as written these are two sweeps over the trailing triangle per step. Here the update of
 * step k is deferred and fused into the matrix–vector sweep of step k + 1 (only row k + 1, which
 * defines the next reflector, is updated ahead of the sweep), so each step reads and writes the
 * trailing triangle once, two rows at a time to share the vector loads: about half the memory
 * traffic of the two-sweep form for the same 4n³/3 flops.
 */

/** T's diagonal and off-diagonal plus the reflectors that define Q. */
export interface Tridiagonal {
  readonly n: number;
  /** T_kk, length n. */
  readonly diagonal: Float64Array;
  /** T_{k,k+1}, length n − 1. */
  readonly offDiagonal: Float64Array;
  /**
   * Reflector k (k = 0 … n − 3) is H_k = I − τ_k·v_k·v_kᵀ with v_k zero on indices ≤ k, 1 at k + 1,
   * and `reflectors[k·n + j]` at j > k + 1 (other entries of row k are workspace, not zero).
   * Q = H_0·H_1···H_{n−3}.
   */
  readonly reflectors: Float64Array;
  /** τ_k, length max(n − 2, 0); 0 where no reflection was needed. */
  readonly tau: Float64Array;
}

/**
 * Builds H_k from row k of `w` (entries k+1..n−1, already updated): stores v_k in place (1 at k + 1)
 * and in `v`, and returns [τ_k, β_k] with β_k = T_{k,k+1}. τ = 0 and v = e_{k+1} when the entries
 * right of k + 1 are already zero.
 */
function reflector(w: Float64Array, n: number, k: number, v: Float64Array): [number, number] {
  const rowK = k * n;
  let scale = 0;
  for (let j = k + 1; j < n; j++) scale = Math.max(scale, Math.abs(w[rowK + j]));
  let sigma = 0;
  if (scale > 0) {
    for (let j = k + 2; j < n; j++) {
      const x = w[rowK + j] / scale;
      sigma += x * x;
    }
  }
  const alpha = w[rowK + k + 1];
  v[k + 1] = 1;
  if (sigma === 0) {
    for (let j = k + 2; j < n; j++) {
      w[rowK + j] = 0;
      v[j] = 0;
    }
    return [0, alpha];
  }
  const ratio = alpha / scale;
  const norm = scale * Math.sqrt(ratio * ratio + sigma);
  const beta = alpha >= 0 ? -norm : norm;
  const inverse = 1 / (alpha - beta);
  for (let j = k + 2; j < n; j++) {
    const vj = w[rowK + j] * inverse;
    w[rowK + j] = vj;
    v[j] = vj;
  }
  w[rowK + k + 1] = 1;
  return [(beta - alpha) / beta, beta];
}

/**
 * One fused sweep over the upper triangle of rows start..n−1 of `w`: applies the deferred update
 * b_ij −= u_i·z_j + z_i·u_j, then accumulates p = B·v with the updated entries (B symmetric, read
 * from its upper triangle). Rows go in pairs so u_j, z_j, v_j and p_j are loaded once per pair.
 */
function updateAndMultiply(w: Float64Array, n: number, start: number, u: Float64Array, z: Float64Array, v: Float64Array, p: Float64Array): void {
  p.fill(0, start, n);
  let i = start;
  for (; i + 1 < n; i += 2) {
    const i1 = i + 1;
    const row0 = i * n;
    const row1 = row0 + n;
    const u0 = u[i];
    const z0 = z[i];
    const v0 = v[i];
    const u1 = u[i1];
    const z1 = z[i1];
    const v1 = v[i1];
    const b00 = w[row0 + i] - (u0 * z0 + z0 * u0);
    w[row0 + i] = b00;
    const b01 = w[row0 + i1] - (u0 * z1 + z0 * u1);
    w[row0 + i1] = b01;
    const b11 = w[row1 + i1] - (u1 * z1 + z1 * u1);
    w[row1 + i1] = b11;
    let sum0 = b00 * v0 + b01 * v1;
    let sum1 = b11 * v1;
    p[i1] += b01 * v0;
    for (let j = i + 2; j < n; j++) {
      const uj = u[j];
      const zj = z[j];
      const vj = v[j];
      const a0 = w[row0 + j] - (u0 * zj + z0 * uj);
      const a1 = w[row1 + j] - (u1 * zj + z1 * uj);
      w[row0 + j] = a0;
      w[row1 + j] = a1;
      sum0 += a0 * vj;
      sum1 += a1 * vj;
      p[j] += a0 * v0 + a1 * v1;
    }
    p[i] += sum0;
    p[i1] += sum1;
  }
  if (i < n) {
    const b = w[i * n + i] - 2 * u[i] * z[i];
    w[i * n + i] = b;
    p[i] += b * v[i];
  }
}

/**
 * Reduces symmetric A (upper triangle read) to tridiagonal T = Qᵀ·A·Q. Costs 4n³/3 flops.
 *
 * @param a - A, n × n row-major; not mutated.
 */
export function householderTridiagonal(a: Float64Array, n: number): Tridiagonal {
  const w = Float64Array.from(a);
  const diagonal = new Float64Array(n);
  const offDiagonal = new Float64Array(Math.max(n - 1, 0));
  const tau = new Float64Array(Math.max(n - 2, 0));
  // (u, z): the deferred rank-2 update B ← B − u·zᵀ − z·uᵀ of the previous step (zero at first).
  let u = new Float64Array(n);
  let z = new Float64Array(n);
  let v = new Float64Array(n);
  let p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    const rowK = k * n;
    const uk = u[k];
    const zk = z[k];
    for (let j = k; j < n; j++) w[rowK + j] -= uk * z[j] + zk * u[j];
    diagonal[k] = w[rowK + k];
    const [tk, beta] = reflector(w, n, k, v);
    offDiagonal[k] = beta;
    tau[k] = tk;

    // p = τ·B·v over the trailing block (after the deferred update), then p ← p − (τ/2)(pᵀv)·v
    // (Golub & Van Loan's w), so that B − v·pᵀ − p·vᵀ is the reflected block.
    const start = k + 1;
    updateAndMultiply(w, n, start, u, z, v, p);
    let pv = 0;
    for (let i = start; i < n; i++) {
      p[i] *= tk;
      pv += p[i] * v[i];
    }
    const half = 0.5 * tk * pv;
    for (let i = start; i < n; i++) p[i] -= half * v[i];
    // The new deferred update is (v, p); the old buffers become workspace.
    [u, v] = [v, u];
    [z, p] = [p, z];
  }
  if (n >= 2) {
    const last = n - 2;
    for (let i = last; i < n; i++) {
      for (let j = i; j < n; j++) w[i * n + j] -= u[i] * z[j] + z[i] * u[j];
    }
    diagonal[last] = w[last * n + last];
    offDiagonal[last] = w[last * n + last + 1];
  }
  diagonal[n - 1] = w[(n - 1) * n + n - 1];
  return { n, diagonal, offDiagonal, reflectors: w, tau };
}
