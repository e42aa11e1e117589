/**
 * Column names from a header row. Empty names become `column N`; duplicates (Shiller's header is
 * split over several lines, so the last line repeats `Price` and `Earnings`) are prefixed with the
 * words stacked above them until they are unique, then numbered.
 */

export function columnNames(header: readonly string[], above: readonly (readonly string[])[], dateColumn: number): string[] {
  const names = header.map((cell, i) => cell.trim().replace(/\s+/g, ' ') || (i === dateColumn ? 'date' : `column ${i + 1}`));
  for (let level = above.length - 1; level >= -1; level--) {
    const duplicated = duplicates(names, dateColumn);
    if (duplicated.size === 0) return names;
    for (let i = 0; i < names.length; i++) {
      if (i === dateColumn || !duplicated.has(names[i])) continue;
      if (level >= 0) {
        const word = (above[level][i] ?? '').trim().replace(/\s+/g, ' ');
        if (word) names[i] = `${word} ${names[i]}`;
      }
    }
    if (level === -1) break;
  }
  const seen = new Map<string, number>();
  return names.map((name, i) => {
    if (i === dateColumn) return name;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}

function duplicates(names: readonly string[], dateColumn: number): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  names.forEach((name, i) => {
    if (i === dateColumn) return;
    if (seen.has(name)) repeated.add(name);
    seen.add(name);
  });
  return repeated;
}
