/**
 * Appendix A: each run's pipeline spec as stored, in monospace JSON. Non-ASCII characters are
 * written as JSON \u escapes (the same JSON value) because PDF's built-in Courier covers only
 * WinAnsi; over-long lines are hard-wrapped with a marked continuation so nothing runs off the page.
 */
import type { Content } from '../pdf-document';
import type { AuditReportData, ReportRun } from '../report-data';
import { heading, paragraph } from './blocks';

/**
 * Courier at 7.5 pt is 4.5 pt a character: 110 fit in the text width; leave a margin. (Courier's
 * built-in metrics give a tight line box, hence the line height of 1.5 below.)
 */
export const SPEC_LINE_CHARACTERS = 104;

/** The spec as 2-space-indented JSON with non-ASCII characters escaped. */
export function specJson(spec: unknown): string {
  return JSON.stringify(spec, null, 2).replace(/[^\x20-\x7e\n]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Splits lines longer than `width` characters; continuation lines keep the indent and start with `> `. */
export function wrapLines(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      if (line.length <= width) return [line];
      const indent = line.length - line.trimStart().length;
      const pieces = [line.slice(0, width)];
      const room = Math.max(8, width - indent - 2);
      for (let start = width; start < line.length; start += room) pieces.push(`${' '.repeat(indent)}> ${line.slice(start, start + room)}`);
      return pieces;
    })
    .join('\n');
}

function specBlock(run: ReportRun): Content[] {
  return [
    { text: `Run ${run.label} — ${run.name}`, style: 'h3' },
    { text: `run ${run.id}, seed ${run.seed}`, style: 'small', margin: [0, 0, 0, 4] },
    { text: wrapLines(specJson(run.spec), SPEC_LINE_CHARACTERS), style: 'mono', preserveLeadingSpaces: true, lineHeight: 1.5 },
  ];
}

export function appendixSection(data: AuditReportData): Content[] {
  return [
    heading('Appendix A  Pipeline specs', 1, { pageBreak: true }),
    paragraph('Each spec as stored with its run (dataset references resolved to dataset ids). Replaying a spec with its seed on the same datasets reproduces the run. Lines longer than the page continue on a line starting with ">".'),
    ...data.runs.flatMap(specBlock),
  ];
}
