/**
 * Biased autocovariances γ̂(t) = (1/n)·Σ_{i<n−t} x_i·x_{i+t}, t = 0..n−1, of a centred series by
 * the Wiener–Khinchin route: zero-pad to m = 2^⌈log₂ 2n⌉ (so the circular correlation has no
 * wrap-around), γ̂ = IFFT(|FFT(x)|²)/n. O(n log n) instead of O(n·lags), which matters for the
 * ensemble sampler's long autocorrelations. Radix-2 iterative Cooley–Tukey with one table of
 * twiddles e^{∓2πik/m} (computed directly, not by recurrence, so they carry no accumulated error); round-off ~ε·log₂ m relative to γ̂(0).
 */

function fftInPlace(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const m = re.length;
  for (let i = 1, j = 0; i < m; i++) {
    let bit = m >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const r = re[i];
      re[i] = re[j];
      re[j] = r;
      const c = im[i];
      im[i] = im[j];
      im[j] = c;
    }
  }
  const sign = inverse ? 1 : -1;
  const quarter = m >> 1;
  const cos = new Float64Array(quarter);
  const sin = new Float64Array(quarter);
  for (let k = 0; k < quarter; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / m);
    sin[k] = sign * Math.sin((2 * Math.PI * k) / m);
  }
  for (let size = 2; size <= m; size <<= 1) {
    const half = size >> 1;
    const stride = m / size;
    for (let start = 0; start < m; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * stride];
        const wi = sin[k * stride];
        const a = start + k;
        const b = a + half;
        const tr = wr * re[b] - wi * im[b];
        const ti = wr * im[b] + wi * re[b];
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
}

/**
 * Autocovariances of a centred series (the caller subtracts its mean).
 *
 * @param centred - x, length n ≥ 1; not mutated.
 * @returns γ̂(0..n−1), length n.
 */
export function autocovariance(centred: Float64Array): Float64Array {
  const n = centred.length;
  let m = 1;
  while (m < 2 * n) m <<= 1;
  const re = new Float64Array(m);
  const im = new Float64Array(m);
  re.set(centred);
  fftInPlace(re, im, false);
  for (let i = 0; i < m; i++) {
    re[i] = re[i] * re[i] + im[i] * im[i];
    im[i] = 0;
  }
  fftInPlace(re, im, true);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = re[t] / (m * n);
  return out;
}
