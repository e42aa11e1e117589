/** Reads a PDF back with Debian's poppler-utils: its text (layout kept), page count, rendered pages. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

export function pdfPages(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const match = /^Pages:\s+(\d+)/m.exec(info);
  if (!match) throw new Error(`pdfinfo printed no page count for ${path}:\n${info}`);
  return Number(match[1]);
}

/** Renders every page at `dpi` to PNG; returns each page's PNG size in bytes, in page order. */
export function renderedPageSizes(path: string, dpi: number): number[] {
  const out = mkdtempSync(join(tmpdir(), 'pa-pages-'));
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', path, join(out, 'page')]);
    return readdirSync(out)
      .filter((file) => file.endsWith('.png'))
      .sort()
      .map((file) => statSync(join(out, file)).size);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
