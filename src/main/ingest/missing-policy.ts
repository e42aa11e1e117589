/** The user's missing-data policy: leave gaps, forward-fill up to k periods, or drop thin assets. */
import type { MissingPolicy } from '../../shared/domain/ingest-report';

export interface PolicyOutcome {
  assets: string[];
  values: Float64Array;
  filledCells: number;
  droppedAssets: string[];
  transformCodes?: number[];
}

/** Applies `policy` to a T × N panel; returns new arrays, the inputs are not mutated. */
export function applyMissingPolicy(
  policy: MissingPolicy,
  assets: readonly string[],
  values: Float64Array,
  dates: number,
  transformCodes?: readonly number[],
): PolicyOutcome {
  const n = assets.length;
  if (policy.policy === 'ffill') {
    const out = values.slice();
    let filled = 0;
    for (let j = 0; j < n; j++) {
      let last = Number.NaN;
      let run = 0;
      for (let t = 0; t < dates; t++) {
        const v = out[t * n + j];
        if (v === v) {
          last = v;
          run = 0;
        } else if (last === last && run < policy.limit) {
          out[t * n + j] = last;
          run++;
          filled++;
        } else run++;
      }
    }
    return { assets: [...assets], values: out, filledCells: filled, droppedAssets: [], ...(transformCodes ? { transformCodes: [...transformCodes] } : {}) };
  }
  if (policy.policy === 'drop') {
    const keep: number[] = [];
    const dropped: string[] = [];
    for (let j = 0; j < n; j++) {
      let observed = 0;
      for (let t = 0; t < dates; t++) if (values[t * n + j] === values[t * n + j]) observed++;
      if (dates > 0 && observed / dates >= policy.minCoverage) keep.push(j);
      else dropped.push(assets[j]);
    }
    const out = new Float64Array(dates * keep.length);
    for (let t = 0; t < dates; t++) for (let k = 0; k < keep.length; k++) out[t * keep.length + k] = values[t * n + keep[k]];
    return {
      assets: keep.map((j) => assets[j]),
      values: out,
      filledCells: 0,
      droppedAssets: dropped,
      ...(transformCodes ? { transformCodes: keep.map((j) => transformCodes[j]) } : {}),
    };
  }
  return { assets: [...assets], values, filledCells: 0, droppedAssets: [], ...(transformCodes ? { transformCodes: [...transformCodes] } : {}) };
}
