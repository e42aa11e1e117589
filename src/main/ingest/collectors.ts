/**
 * Accumulators for the rows of the selected section, grown by doubling so a file of unknown length
 * streams into typed arrays without building per-cell strings.
 */

function grow<T extends Float64Array | Int32Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  let capacity = Math.max(16, array.length);
  while (capacity < needed) capacity *= 2;
  const next = new (array.constructor as { new (n: number): T })(capacity);
  next.set(array);
  return next;
}

/** Wide layout: one row per line, `width` value columns. */
export class WideCollector {
  values: Float64Array;
  lines: Int32Array;
  readonly keys: string[] = [];
  rows = 0;
  /** Per value column: some cell held a value (spacer columns have none). */
  readonly hasData: Uint8Array;
  /** Per value column: some cell carried a `%` sign. */
  readonly percentSigned: Uint8Array;

  constructor(
    /** Value column names, in output order. */
    readonly names: string[],
    /** Per field of the line: index into `names`, or -1 to ignore the field. */
    readonly targets: Int32Array,
    readonly fieldCount: number,
    readonly headerLine: number,
  ) {
    this.values = new Float64Array(Math.max(16, names.length) * 64);
    this.lines = new Int32Array(64);
    this.hasData = new Uint8Array(names.length);
    this.percentSigned = new Uint8Array(names.length);
  }

  get width(): number {
    return this.names.length;
  }

  /** Offset of the next row's first cell, with room ensured; the row counts only after `commit`. */
  openRow(): number {
    const width = this.names.length;
    this.values = grow(this.values, (this.rows + 1) * width);
    const offset = this.rows * width;
    this.values.fill(Number.NaN, offset, offset + width);
    return offset;
  }

  commit(key: string, line: number): void {
    this.lines = grow(this.lines, this.rows + 1);
    this.lines[this.rows] = line;
    this.keys.push(key);
    this.rows++;
  }
}

/** Long layout: one observation per line, keyed by (date, asset). */
export class LongCollector {
  readonly keyIndex = new Map<string, number>();
  readonly keys: string[] = [];
  readonly assetIndex = new Map<string, number>();
  readonly assets: string[] = [];
  dateOf: Int32Array = new Int32Array(1024);
  assetOf: Int32Array = new Int32Array(1024);
  values: Float64Array = new Float64Array(1024);
  lines: Int32Array = new Int32Array(1024);
  count = 0;
  percentSigned = false;
  private lastAsset = '';
  private lastAssetIndex = -1;

  constructor(
    readonly valueColumn: string,
    readonly tickerColumn: string,
    readonly headerLine: number,
  ) {}

  add(key: string, asset: string, value: number, line: number): void {
    let d = this.keyIndex.get(key);
    if (d === undefined) {
      d = this.keys.length;
      this.keyIndex.set(key, d);
      this.keys.push(key);
    }
    // Long files are usually grouped by asset: most rows repeat the previous row's asset.
    let a = asset === this.lastAsset ? this.lastAssetIndex : this.assetIndex.get(asset);
    if (a === undefined) {
      a = this.assets.length;
      this.assetIndex.set(asset, a);
      this.assets.push(asset);
    }
    this.lastAsset = asset;
    this.lastAssetIndex = a;
    const i = this.count;
    if (i >= this.values.length) {
      this.dateOf = grow(this.dateOf, i + 1);
      this.assetOf = grow(this.assetOf, i + 1);
      this.values = grow(this.values, i + 1);
      this.lines = grow(this.lines, i + 1);
    }
    this.dateOf[i] = d;
    this.assetOf[i] = a;
    this.values[i] = value;
    this.lines[i] = line;
    this.count = i + 1;
  }
}
