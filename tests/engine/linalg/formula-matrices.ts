/**
 * The closed-form test matrices of tests/fixtures/linalg.py, evaluated the same way here so the
 * committed fixtures hold only reference outputs. Keep the two files in step.
 */

/** a_ij = cos(0.37·i·j + 0.11·(i + j)) + shift·δ_ij, n × n row-major. */
export function cosMatrix(n: number, shift: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a[i * n + j] = Math.cos(0.37 * i * j + 0.11 * (i + j)) + (i === j ? shift : 0);
  }
  return a;
}

/** The SPD cosine matrix: shift n. */
export const spdCos = (n: number): Float64Array => cosMatrix(n, n);

/** b_ic = sin(0.5·i + 1 + 0.7·c), n × cols row-major. */
export function rhs(n: number, cols = 1): Float64Array {
  const b = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) for (let c = 0; c < cols; c++) b[i * cols + c] = Math.sin(0.5 * i + 1 + 0.7 * c);
  return b;
}

/** a_ij = sin(0.3·i + 0.7·j + 0.1), m × k. */
export function gemmA(m: number, k: number): Float64Array {
  const a = new Float64Array(m * k);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) a[i * k + j] = Math.sin(0.3 * i + 0.7 * j + 0.1);
  return a;
}

/** b_ij = cos(0.2·i − 0.5·j), k × n. */
export function gemmB(k: number, n: number): Float64Array {
  const b = new Float64Array(k * n);
  for (let i = 0; i < k; i++) for (let j = 0; j < n; j++) b[i * n + j] = Math.cos(0.2 * i - 0.5 * j);
  return b;
}

const WOODBURY_C = [2.0, 1.0, 0.0, 0.5, 3.0, 1e-3, 7.0, 0.25];

/** D_i = 0.5 + 0.25·(1 + sin(1.3·i)); W_ij = cos(0.21·i·(j + 1) + 0.4·j) (n × m); c fixed, with a zero. */
export function woodburyParts(n: number, m: number): { d: Float64Array; w: Float64Array; c: Float64Array } {
  const d = new Float64Array(n);
  const w = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    d[i] = 0.5 + 0.25 * (1 + Math.sin(1.3 * i));
    for (let j = 0; j < m; j++) w[i * m + j] = Math.cos(0.21 * i * (j + 1) + 0.4 * j);
  }
  return { d, w, c: Float64Array.from(WOODBURY_C.slice(0, m)) };
}

/** diag(D) + W·diag(c)·Wᵀ formed densely: the independent route the Woodbury tests compare with. */
export function denseDiagPlusLowRank(d: Float64Array, w: Float64Array, c: Float64Array): Float64Array {
  const n = d.length;
  const m = c.length;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = i === j ? d[i] : 0;
      for (let q = 0; q < m; q++) sum += w[i * m + q] * c[q] * w[j * m + q];
      a[i * n + j] = sum;
    }
  }
  return a;
}

/** Q·diag(λ)·Qᵀ with Q = I − 2uuᵀ/(uᵀu), u_i = cos(0.9·i + 0.3) + 0.5, and λ the clustered spectrum. */
export function clustered(n: number): Float64Array {
  const u = new Float64Array(n);
  let uu = 0;
  for (let i = 0; i < n; i++) {
    u[i] = Math.cos(0.9 * i + 0.3) + 0.5;
    uu += u[i] * u[i];
  }
  const lambda = new Float64Array(n);
  for (let i = 0; i < n; i++) lambda[i] = i < 40 ? Math.floor(i / 10) + 1 : i < 60 ? 5 + 1e-8 * (i - 40) : 6 + i;
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q[i * n + j] = (i === j ? 1 : 0) - (2 * u[i] * u[j]) / uu;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += q[i * n + k] * lambda[k] * q[j * n + k];
      a[i * n + j] = sum;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
  return a;
}

/** Wilkinson W⁺ of order 2h + 1: diagonal |i − h|, off-diagonal 1. */
export function wilkinson(half: number): Float64Array {
  const n = 2 * half + 1;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = Math.abs(i - half);
    if (i + 1 < n) {
      a[i * n + i + 1] = 1;
      a[(i + 1) * n + i] = 1;
    }
  }
  return a;
}

/**
 * Sample covariance YᵀY/(t − 1) of t observations of n assets, Y = X demeaned by column, with
 * x_ti = sin(0.3·(t + 1)·(i + 1) + 0.17·i) + 0.1·cos(1.1·t + 0.05·i²). For t ≤ n it has rank t − 1:
 * n − t + 1 eigenvalues are zero up to rounding, the case that stalled a relative deflation test.
 */
export function sampleCovariance(t: number, n: number): Float64Array {
  const y = new Float64Array(t * n);
  for (let s = 0; s < t; s++) {
    for (let i = 0; i < n; i++) y[s * n + i] = Math.sin(0.3 * (s + 1) * (i + 1) + 0.17 * i) + 0.1 * Math.cos(1.1 * s + 0.05 * i * i);
  }
  for (let i = 0; i < n; i++) {
    let mean = 0;
    for (let s = 0; s < t; s++) mean += y[s * n + i];
    mean /= t;
    for (let s = 0; s < t; s++) y[s * n + i] -= mean;
  }
  const a = new Float64Array(n * n);
  for (let s = 0; s < t; s++) {
    const row = s * n;
    for (let i = 0; i < n; i++) {
      const yi = y[row + i] / (t - 1);
      for (let j = 0; j <= i; j++) a[i * n + j] += yi * y[row + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
  return a;
}

/** u·uᵀ with u_i = cos(0.9·i + 0.3) + 0.5: rank one, eigenvalues uᵀu and n − 1 zeros. */
export function rankOne(n: number): Float64Array {
  const u = Float64Array.from({ length: n }, (_, i) => Math.cos(0.9 * i + 0.3) + 0.5);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = u[i] * u[j];
  return a;
}
