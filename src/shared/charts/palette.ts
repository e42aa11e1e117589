/**
 * Series colours that read on the chart's background: twelve distinct hues, lighter tints on a dark
 * background (ECharts' default palette has a slate that all but disappears there), and a grey for
 * an "other" bucket.
 */

const LIGHT = ['#1d4e89', '#e07a1f', '#2a9d8f', '#c0392b', '#7b5ea7', '#8c6d46', '#d63384', '#4d7c0f', '#0e7490', '#b45309', '#5b6abf', '#9e9d24'];
const DARK = ['#6ea8fe', '#f5a35c', '#4fd1c5', '#f08080', '#b39ddb', '#c8a27a', '#f48fb1', '#9ccc65', '#4dd0e1', '#ffcc80', '#9fa8da', '#e6ee9c'];

/** True for a `#rrggbb` background darker than mid-grey (relative luminance < 0.5). */
export function isDark(background: string): boolean {
  const rgb = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background);
  if (!rgb) return false;
  const [r, g, b] = rgb.slice(1).map((hex) => parseInt(hex, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

/** The twelve series colours for this background. */
export function seriesPalette(background: string): string[] {
  return isDark(background) ? [...DARK] : [...LIGHT];
}

/** The colour of an "other" (all remaining assets) series on this background. */
export function otherColor(background: string): string {
  return isDark(background) ? '#6b7785' : '#b8c0c8';
}
