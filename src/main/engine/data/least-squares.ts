/**
 * Ordinary least squares by Householder QR (Golub & Van Loan, "Matrix Computations", 4th ed.,
 * §5.2 and §5.3.3): min_B ‖X·B − Y‖_F for several right-hand sides at once. QR rather than the
 * normal equations because macro regressors differ in scale by orders of magnitude (svar ≈ 1e−3,
 * dp ≈ −3.5), and XᵀX would square the condition number.
 */

/** Solution of {@link leastSquares}. */
export interface LeastSquaresFit {
  /** B, p × q row-major. */
  readonly coefficients: Float64Array;
  /** Y − X·B, m × q row-major. */
  readonly residuals: Float64Array;
}

/** |R_jj| below this multiple of max |R_jj| counts as rank deficiency. */
const RANK_TOLERANCE = 1e-12;

/**
 * @param x - X, m × p row-major, finite, full column rank, m ≥ p; not mutated.
 * @param y - Y, m × q row-major, finite; not mutated.
 * @throws on bad shapes, non-finite input or a rank-deficient X.
 */
export function leastSquares(x: Float64Array, y: Float64Array, m: number, p: number, q: number): LeastSquaresFit {
  for (const [value, name] of [[m, 'm'], [p, 'p'], [q, 'q']] as const) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`leastSquares: ${name} must be a positive integer, got ${value}`);
  }
  if (m < p) throw new Error(`leastSquares: ${m} observations for ${p} unknowns; need m ≥ p`);
  if (x.length !== m * p) throw new Error(`leastSquares: x has length ${x.length}, expected m × p = ${m} × ${p}`);
  if (y.length !== m * q) throw new Error(`leastSquares: y has length ${y.length}, expected m × q = ${m} × ${q}`);
  for (const [values, name, width] of [[x, 'x', p], [y, 'y', q]] as const) {
    for (let k = 0; k < values.length; k++) {
      if (!Number.isFinite(values[k])) throw new Error(`leastSquares: ${name}[${Math.floor(k / width)}, ${k % width}] is ${values[k]}: must be finite`);
    }
  }
  const a = Float64Array.from(x);
  const b = Float64Array.from(y);
  const diagonal = new Float64Array(p);
  const v = new Float64Array(m);
  for (let j = 0; j < p; j++) {
    let norm = 0;
    for (let r = j; r < m; r++) norm = Math.hypot(norm, a[r * p + j]);
    const alpha = a[j * p + j] > 0 ? -norm : norm;
    diagonal[j] = alpha;
    if (norm === 0) continue;
    for (let r = j; r < m; r++) v[r] = a[r * p + j];
    v[j] -= alpha;
    let vNorm2 = 0;
    for (let r = j; r < m; r++) vNorm2 += v[r] * v[r];
    if (vNorm2 === 0) continue;
    const reflect = (matrix: Float64Array, width: number, fromColumn: number): void => {
      for (let c = fromColumn; c < width; c++) {
        let dot = 0;
        for (let r = j; r < m; r++) dot += v[r] * matrix[r * width + c];
        const factor = (2 * dot) / vNorm2;
        for (let r = j; r < m; r++) matrix[r * width + c] -= factor * v[r];
      }
    };
    reflect(a, p, j + 1);
    reflect(b, q, 0);
  }
  let scale = 0;
  for (let j = 0; j < p; j++) scale = Math.max(scale, Math.abs(diagonal[j]));
  for (let j = 0; j < p; j++) {
    if (!(Math.abs(diagonal[j]) > RANK_TOLERANCE * scale)) throw new Error(`leastSquares: x is rank deficient (column ${j} is a combination of earlier ones)`);
  }
  const coefficients = new Float64Array(p * q);
  for (let c = 0; c < q; c++) {
    for (let j = p - 1; j >= 0; j--) {
      let sum = b[j * q + c];
      for (let k = j + 1; k < p; k++) sum -= a[j * p + k] * coefficients[k * q + c];
      coefficients[j * q + c] = sum / diagonal[j];
    }
  }
  const residuals = Float64Array.from(y);
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < q; c++) {
      let fitted = 0;
      for (let j = 0; j < p; j++) fitted += x[r * p + j] * coefficients[j * q + c];
      residuals[r * q + c] -= fitted;
    }
  }
  return { coefficients, residuals };
}
