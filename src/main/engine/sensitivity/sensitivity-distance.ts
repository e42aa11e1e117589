/**
 * Distance between assets embedded by their sensitivity vectors (METHODS.md §4; Rodriguez Dominguez,
 * MLWA 2022): D_ij = ‖s_i − s_j‖₂, with s_i the i-th row of the N × D averaged sensitivity matrix.
 * Euclidean, so Ward linkage (which assumes Euclidean input) applies too.
 */

/**
 * @param sensitivities - N × D row-major signed sensitivities, finite.
 * @param nDrivers - D ≥ 1 columns.
 * @returns N × N row-major symmetric distances with a zero diagonal.
 * @throws on a length that is not a positive multiple of D, or a non-finite entry.
 */
export function sensitivityDistance(sensitivities: Float64Array, nDrivers: number): Float64Array {
  if (!Number.isInteger(nDrivers) || nDrivers < 1) throw new Error(`nDrivers = ${nDrivers}: must be a positive integer`);
  if (!(sensitivities instanceof Float64Array) || sensitivities.length === 0 || sensitivities.length % nDrivers !== 0) {
    throw new Error(`sensitivities has length ${sensitivities?.length}, not a positive multiple of D = ${nDrivers}`);
  }
  for (let k = 0; k < sensitivities.length; k++) {
    if (!Number.isFinite(sensitivities[k])) {
      throw new Error(`sensitivities[${Math.floor(k / nDrivers)}, ${k % nDrivers}] is ${sensitivities[k]}: input must be finite`);
    }
  }
  const n = sensitivities.length / nDrivers;
  const distance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let total = 0;
      for (let q = 0; q < nDrivers; q++) {
        const difference = sensitivities[i * nDrivers + q] - sensitivities[j * nDrivers + q];
        total += difference * difference;
      }
      distance[i * n + j] = Math.sqrt(total);
      distance[j * n + i] = distance[i * n + j];
    }
  }
  return distance;
}
