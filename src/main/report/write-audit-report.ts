/**
 * Loads, renders and writes an audit report. The PDF is written to a temporary file next to the
 * target and renamed over it only when complete, so a failure leaves either the old file or none,
 * never a half-written one.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Store } from '../store/store';
import { loadReportData } from './load-report-data';
import type { ReportStamp } from './report-data';
import { renderAuditReport } from './render-audit-report';

export interface WrittenReport {
  /** Absolute path of the PDF. */
  path: string;
  bytes: number;
  runIds: string[];
}

/** Writes `contents` to `path` through a temporary sibling file and a rename. */
export async function writeFileAtomic(path: string, contents: Buffer): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, contents, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Reads the runs (ids or unique id prefixes) from the store, renders the report and writes it to
 * `outPath`, replacing an existing file only once the new one is complete. A `tfBackend` function
 * is called only when a reported run trains a model (asking starts tfjs, which takes a while).
 *
 * @throws before writing anything when a run is unknown, ambiguous, repeated or not succeeded, or
 *   when `outPath`'s folder does not exist or `outPath` is a folder.
 */
export async function writeAuditReport(store: Store, runIds: readonly string[], outPath: string, stamp: ReportStamp): Promise<WrittenReport> {
  const path = resolve(outPath);
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new Error(`outPath: the folder ${folder} does not exist`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new Error(`outPath: ${path} is a folder; give a file name such as report.pdf`);
  const data = loadReportData(store, runIds);
  const { tfBackend, ...fixed } = stamp;
  const backend = typeof tfBackend === 'function' ? (data.runs.some((run) => run.trains) ? await tfBackend() : undefined) : tfBackend;
  const pdf = await renderAuditReport(data, { ...fixed, ...(backend !== undefined ? { tfBackend: backend } : {}) });
  await writeFileAtomic(path, pdf);
  return { path, bytes: pdf.byteLength, runIds: data.runs.map((run) => run.id) };
}
