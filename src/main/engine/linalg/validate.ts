/**
 * Argument checks shared by the linear-algebra kernels.
 *
 * Kernels whose work is O(size of a matrix argument) do not pre-scan that matrix for NaN/±Infinity,
 * because the scan would double their cost. They rely instead on propagation: a non-finite entry in
 * any input that is read always produces a non-finite output (NaN·0 and ∞·0 are NaN), so checking
 * the output is O(output) and `assertFiniteResult` then finds and names the offending argument.
 */

/** Throws unless `value` is a positive integer; `name` is the argument's name in the message. */
export function assertDimension(value: number, name: string): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, got ${value}`);
  }
}

/** Throws unless `array.length === expected`; `shape` describes the expected shape, e.g. `m × k`. */
export function assertLength(array: ArrayLike<number>, expected: number, name: string, shape: string): void {
  if (array.length !== expected) {
    throw new Error(`${name} has length ${array.length}, expected ${shape} = ${expected}`);
  }
}

/** Index of the first NaN or ±Infinity in `values`, or -1 when all are finite. */
export function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) return i;
  }
  return -1;
}

/** Throws when `values` holds a NaN or ±Infinity, naming the argument and the index. */
export function assertFinite(values: ArrayLike<number>, name: string): void {
  const i = firstNonFinite(values);
  if (i >= 0) throw new Error(`${name}[${i}] is ${values[i]}: input must be finite`);
}

/**
 * Returns `out` after checking its length, or a fresh zeroed array of that length.
 * `out` must not alias an input unless the kernel's documentation says it may.
 */
export function outputArray(out: Float64Array | undefined, length: number, shape: string): Float64Array {
  if (out === undefined) return new Float64Array(length);
  assertLength(out, length, 'out', shape);
  return out;
}

/**
 * Post-check of a kernel's result (see the module comment). When `result` holds a non-finite value,
 * throws naming the first input argument that holds one, or reports an overflow when the inputs are
 * all finite.
 */
export function assertFiniteResult(
  result: Float64Array,
  inputs: ReadonlyArray<readonly [name: string, values: ArrayLike<number>]>,
  operation: string,
): void {
  if (firstNonFinite(result) < 0) return;
  for (const [name, values] of inputs) assertFinite(values, name);
  throw new Error(`${operation} overflowed: the inputs are finite but the result is not`);
}
