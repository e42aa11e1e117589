/**
 * Spectral radius ρ(A) = max |λ_i(A)| of a square, not necessarily symmetric, matrix by Gelfand's
 * formula ρ(A) = lim_k ‖A^k‖^{1/k}, evaluated along k = 2^j by repeated squaring with
 * renormalisation: B_0 = A/‖A‖, ℓ_0 = log‖A‖; B_{j+1} = B_j²/‖B_j²‖, ℓ_{j+1} = 2ℓ_j + log‖B_j²‖, so
 * ℓ_j = log‖A^{2^j}‖ without overflow and ρ ≈ exp(ℓ_j/2^j).
 *
 * Why not an eigen-solver: only the modulus is needed (VAR stationarity), and this needs no
 * complex arithmetic. Accuracy: ‖A^k‖ = C(k)·ρ^k with C(k) ≤ c·k^{n−1}, so after J squarings the
 * relative error is about log(c·2^{J(n−1)})/2^J; with J = 60 that is below 1e−15 for any sane c, and
 * the rounding of step j enters the estimate divided by 2^j, so the result is as accurate as ρ is
 * well conditioned. The norm is the max-abs entry (any norm gives the same limit).
 */

const SQUARINGS = 60;

function maxAbs(values: Float64Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  return max;
}

/**
 * @param a - A, n × n row-major, finite; not mutated.
 * @returns ρ(A) ≥ 0 (exactly 0 when A is nilpotent).
 */
export function spectralRadius(a: Float64Array, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`spectralRadius: n must be a positive integer, got ${n}`);
  if (a.length !== n * n) throw new Error(`spectralRadius: a has length ${a.length}, expected n × n = ${n * n}`);
  for (let k = 0; k < a.length; k++) if (!Number.isFinite(a[k])) throw new Error(`spectralRadius: a[${Math.floor(k / n)}, ${k % n}] is ${a[k]}: must be finite`);
  const norm = maxAbs(a);
  if (norm === 0) return 0;
  let b = a.map((value) => value / norm);
  let logNorm = Math.log(norm);
  let power = 1;
  const square = new Float64Array(n * n);
  for (let j = 0; j < SQUARINGS; j++) {
    square.fill(0);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        const bik = b[i * n + k];
        if (bik === 0) continue;
        for (let c = 0; c < n; c++) square[i * n + c] += bik * b[k * n + c];
      }
    }
    const squareNorm = maxAbs(square);
    if (squareNorm === 0) return 0;
    logNorm = 2 * logNorm + Math.log(squareNorm);
    power *= 2;
    b = square.map((value) => value / squareNorm);
  }
  return Math.exp(logNorm / power);
}
