/**
 * Householder reduction of a symmetric matrix to tridiagonal form, A = Q·T·Qᵀ, and the
 * back-transformation of eigenvectors of T into eigenvectors of A (Golub & Van Loan, 4th ed.,
 * Alg. 8.3.1; LAPACK dsytd2/dormtr with uplo = 'U' read row-wise).
 *
 * Row-major storage makes ROWS contiguous, so the reflector of step k is built from row k to the
 * right of the diagonal (equal to column k below it by symmetry) and only the upper triangle of the
 * trailing block is updated: every inner loop walks a contiguous row segment.
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
   * and `reflectors[k·n + j]` at j > k + 1. Q = H_0·H_1···H_{n−3}.
   */
  readonly reflectors: Float64Array;
  /** τ_k, length max(n − 2, 0); 0 where no reflection was needed. */
  readonly tau: Float64Array;
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
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    const rowK = k * n;
    diagonal[k] = w[rowK + k];
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
    if (sigma === 0) {
      offDiagonal[k] = alpha;
      for (let j = k + 2; j < n; j++) w[rowK + j] = 0;
      continue;
    }
    const ratio = alpha / scale;
    const norm = scale * Math.sqrt(ratio * ratio + sigma);
    const beta = alpha >= 0 ? -norm : norm;
    const tk = (beta - alpha) / beta;
    const inverse = 1 / (alpha - beta);
    for (let j = k + 2; j < n; j++) w[rowK + j] *= inverse;
    w[rowK + k + 1] = 1;
    offDiagonal[k] = beta;
    tau[k] = tk;

    // p = τ·B·v over the trailing block B = w[k+1.., k+1..], reading its upper triangle only.
    const start = k + 1;
    p.fill(0, start, n);
    for (let i = start; i < n; i++) {
      const row = i * n;
      const vi = w[rowK + i];
      let sum = w[row + i] * vi;
      for (let j = i + 1; j < n; j++) {
        const bij = w[row + j];
        sum += bij * w[rowK + j];
        p[j] += bij * vi;
      }
      p[i] += sum;
    }
    let pv = 0;
    for (let i = start; i < n; i++) {
      p[i] *= tk;
      pv += p[i] * w[rowK + i];
    }
    // w = p − (τ/2)(pᵀv)·v, then B ← B − v·wᵀ − w·vᵀ (upper triangle).
    const half = 0.5 * tk * pv;
    for (let i = start; i < n; i++) p[i] -= half * w[rowK + i];
    for (let i = start; i < n; i++) {
      const row = i * n;
      const vi = w[rowK + i];
      const pi = p[i];
      for (let j = i; j < n; j++) w[row + j] -= vi * p[j] + pi * w[rowK + j];
    }
  }
  if (n >= 2) {
    diagonal[n - 2] = w[(n - 2) * n + n - 2];
    offDiagonal[n - 2] = w[(n - 2) * n + n - 1];
  }
  diagonal[n - 1] = w[(n - 1) * n + n - 1];
  return { n, diagonal, offDiagonal, reflectors: w, tau };
}

/**
 * Turns eigenvectors of T into eigenvectors of A in place: given Zᵀ (row i = eigenvector i of T),
 * computes Vᵀ = Zᵀ·Qᵀ = Zᵀ·H_{n−3}···H_0. Rows are processed four at a time so each reflector is
 * read once per four rows (cache reuse); costs 2n³ flops.
 *
 * @param vectorsT - Zᵀ, n × n row-major, overwritten by Vᵀ.
 */
export function applyTridiagonalQ(tri: Tridiagonal, vectorsT: Float64Array): void {
  const { n, reflectors: v, tau } = tri;
  let r = 0;
  for (; r + 4 <= n; r += 4) {
    const r0 = r * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    for (let k = n - 3; k >= 0; k--) {
      const tk = tau[k];
      if (tk === 0) continue;
      const rowK = k * n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = k + 1; j < n; j++) {
        const vj = v[rowK + j];
        s0 += vectorsT[r0 + j] * vj;
        s1 += vectorsT[r1 + j] * vj;
        s2 += vectorsT[r2 + j] * vj;
        s3 += vectorsT[r3 + j] * vj;
      }
      s0 *= tk;
      s1 *= tk;
      s2 *= tk;
      s3 *= tk;
      for (let j = k + 1; j < n; j++) {
        const vj = v[rowK + j];
        vectorsT[r0 + j] -= s0 * vj;
        vectorsT[r1 + j] -= s1 * vj;
        vectorsT[r2 + j] -= s2 * vj;
        vectorsT[r3 + j] -= s3 * vj;
      }
    }
  }
  for (; r < n; r++) {
    const row = r * n;
    for (let k = n - 3; k >= 0; k--) {
      const tk = tau[k];
      if (tk === 0) continue;
      const rowK = k * n;
      let s = 0;
      for (let j = k + 1; j < n; j++) s += vectorsT[row + j] * v[rowK + j];
      s *= tk;
      for (let j = k + 1; j < n; j++) vectorsT[row + j] -= s * v[rowK + j];
    }
  }
}
