/** Splits one logical CSV line into fields (RFC 4180 quoting: `"a, b"`, `""` inside quotes). */

/** Fields of `line`, unquoted but not trimmed. */
export function splitFields(line: string, delimiter: string): string[] {
  if (line.indexOf('"') < 0) return line.split(delimiter);
  const fields: string[] = [];
  const d = delimiter.charCodeAt(0);
  let i = 0;
  const length = line.length;
  while (i <= length) {
    // Leading spaces before an opening quote are padding (`a, "b"`).
    let j = i;
    while (j < length && line.charCodeAt(j) === 32) j++;
    if (j < length && line.charCodeAt(j) === 34) {
      let value = '';
      let k = j + 1;
      for (;;) {
        const close = line.indexOf('"', k);
        if (close < 0) {
          value += line.slice(k);
          k = length;
          break;
        }
        value += line.slice(k, close);
        if (line.charCodeAt(close + 1) === 34) {
          value += '"';
          k = close + 2;
        } else {
          k = close + 1;
          break;
        }
      }
      // Text after the closing quote up to the delimiter (usually padding) is kept.
      const next = line.indexOf(delimiter, k);
      const end = next < 0 ? length : next;
      const rest = line.slice(k, end);
      fields.push(rest.trim() === '' ? value : value + rest);
      i = end + 1;
      if (next < 0) break;
    } else {
      let next = -1;
      for (let k = i; k < length; k++) {
        if (line.charCodeAt(k) === d) {
          next = k;
          break;
        }
      }
      const end = next < 0 ? length : next;
      fields.push(line.slice(i, end));
      i = end + 1;
      if (next < 0) break;
    }
  }
  return fields;
}

/** Number of fields, without allocating them for quote-free lines. */
export function countFields(line: string, delimiter: string): number {
  if (line.indexOf('"') >= 0) return splitFields(line, delimiter).length;
  let count = 1;
  let at = line.indexOf(delimiter);
  while (at >= 0) {
    count++;
    at = line.indexOf(delimiter, at + 1);
  }
  return count;
}

/** True when every field is empty or whitespace (Excel's `,,,,` lines count as blank). */
export function isBlankLine(line: string, delimiter: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 34 && line[i] !== delimiter) return false;
  }
  return true;
}
