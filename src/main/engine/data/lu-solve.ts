/**
 * Solves a small dense general system A·x = b by LU with partial pivoting (Golub & Van Loan,
 * Algorithm 3.4.1). For the VAR(1) stationary mean (I − Φ)⁻¹c, where I − Φ is not symmetric.
 */

/**
 * @param a - A, n × n row-major, finite, non-singular; not mutated.
 * @param b - length n; not mutated.
 * @throws when A is singular to working precision (a pivot ≤ 1e−14·max|a_ij|).
 */
export function luSolve(a: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new Error(`luSolve: n must be a positive integer, got ${n}`);
  if (a.length !== n * n) throw new Error(`luSolve: a has length ${a.length}, expected n × n = ${n * n}`);
  if (b.length !== n) throw new Error(`luSolve: b has length ${b.length}, expected ${n}`);
  const lu = Float64Array.from(a);
  const x = Float64Array.from(b);
  let scale = 0;
  for (let k = 0; k < lu.length; k++) scale = Math.max(scale, Math.abs(lu[k]));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(lu[r * n + col]) > Math.abs(lu[pivot * n + col])) pivot = r;
    if (!(Math.abs(lu[pivot * n + col]) > 1e-14 * scale)) throw new Error(`luSolve: matrix is singular (no pivot in column ${col})`);
    if (pivot !== col) {
      for (let c = 0; c < n; c++) {
        const tmp = lu[col * n + c];
        lu[col * n + c] = lu[pivot * n + c];
        lu[pivot * n + c] = tmp;
      }
      const tmp = x[col];
      x[col] = x[pivot];
      x[pivot] = tmp;
    }
    for (let r = col + 1; r < n; r++) {
      const factor = lu[r * n + col] / lu[col * n + col];
      if (factor === 0) continue;
      for (let c = col + 1; c < n; c++) lu[r * n + c] -= factor * lu[col * n + c];
      x[r] -= factor * x[col];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let sum = x[r];
    for (let c = r + 1; c < n; c++) sum -= lu[r * n + c] * x[c];
    x[r] = sum / lu[r * n + r];
  }
  return x;
}
