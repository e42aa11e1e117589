export function percent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)} %`;
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}
