/**
 * Streams a file (plain or gzip, detected by its magic bytes) as decoded text lines with bounded
 * memory: the raw bytes are hashed (SHA-256) as they are read, decoded incrementally, and split on
 * LF, CRLF or CR. A quoted field that spans lines is joined into one logical line.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { IngestError } from './ingest-error';

export type Encoding = 'utf-8' | 'windows-1252';

export interface ReadSummary {
  sizeBytes: number;
  /** Hex SHA-256 of the file's bytes as stored (compressed bytes for `.gz`). Empty when stopped early. */
  sha256: string;
  compressed: boolean;
  encoding: Encoding;
  bom: boolean;
  lineEnding: 'LF' | 'CRLF' | 'CR' | 'none';
  /** Logical lines delivered. */
  lines: number;
  /** True when the consumer asked to stop before the end. */
  stoppedEarly: boolean;
}

/** Receives each logical line (without its terminator) and its 1-based physical line number; `false` stops. */
export type LineSink = (line: string, lineNumber: number) => boolean | void;

/** Thrown inside the reader when the bytes are not valid UTF-8, so the caller can retry as Windows-1252. */
export class NotUtf8Error extends Error {
  constructor() {
    super('not valid UTF-8');
  }
}

const SNIFF_BYTES = 8192;
/** A quoted field longer than this is taken as an unclosed quote rather than read to the end. */
const MAX_QUOTED_FIELD = 1 << 20;

function looksBinary(bytes: Uint8Array): boolean {
  let control = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return bytes.length > 0 && control / bytes.length > 0.05;
}

function countQuotes(text: string): number {
  let count = 0;
  let at = text.indexOf('"');
  while (at >= 0) {
    count++;
    at = text.indexOf('"', at + 1);
  }
  return count;
}

/**
 * Reads `path` line by line into `sink`. `onProgress` gets the fraction of stored bytes read.
 * Throws `IngestError` (binary file, unreadable) or `NotUtf8Error` when `encoding` is utf-8 and
 * the bytes are not.
 */
export async function readLines(
  path: string,
  fileName: string,
  encoding: Encoding,
  sink: LineSink,
  onProgress?: (fraction: number) => void,
): Promise<ReadSummary> {
  let sizeBytes: number;
  let magic: Uint8Array;
  try {
    sizeBytes = (await stat(path)).size;
    const handle = await open(path, 'r');
    try {
      const buffer = new Uint8Array(2);
      const { bytesRead } = await handle.read(buffer, 0, 2, 0);
      magic = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new IngestError(fileName, 'not-found', 'no such file');
    throw new IngestError(fileName, 'unreadable', `cannot read the file (${code ?? (error as Error).message})`);
  }
  const compressed = magic.length === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  const hash = createHash('sha256');
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  let rawBytes = 0;
  raw.on('data', (chunk) => {
    hash.update(chunk as Buffer);
    rawBytes += (chunk as Buffer).length;
    if (onProgress && sizeBytes > 0) onProgress(Math.min(1, rawBytes / sizeBytes));
  });
  let text: Readable = raw;
  if (compressed) {
    const gunzip = createGunzip({ chunkSize: 1 << 18 });
    raw.on('error', (error) => gunzip.destroy(error));
    text = raw.pipe(gunzip);
  }

  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });
  const summary: ReadSummary = {
    sizeBytes,
    sha256: '',
    compressed,
    encoding,
    bom: false,
    lineEnding: 'none',
    lines: 0,
    stoppedEarly: false,
  };
  let first = true;
  let pending: string | null = null;
  let pendingLine = 0;
  let pendingQuotes = 0;
  let lineNumber = 0;
  let carry = '';
  let crMode = false;
  let stop = false;

  const deliver = (text: string): void => {
    lineNumber++;
    let line = text;
    let at = lineNumber;
    if (pending !== null) {
      pending += '\n' + line;
      pendingQuotes += countQuotes(line);
      if (pendingQuotes % 2 === 1) {
        if (pending.length > MAX_QUOTED_FIELD) {
          throw new IngestError(fileName, 'unbalanced-quote', 'a quote (") opened here is never closed', { line: pendingLine });
        }
        return;
      }
      line = pending;
      pending = null;
      at = pendingLine;
    } else if (line.indexOf('"') >= 0 && (pendingQuotes = countQuotes(line)) % 2 === 1) {
      pending = line;
      pendingLine = lineNumber;
      return;
    }
    summary.lines++;
    if (sink(line, at) === false) stop = true;
  };

  const consume = (chunkText: string, final: boolean): void => {
    let textPart = carry + chunkText;
    carry = '';
    if (summary.lineEnding === 'none') {
      const lf = textPart.indexOf('\n');
      const cr = textPart.indexOf('\r');
      if (lf >= 0) summary.lineEnding = cr >= 0 && cr === lf - 1 ? 'CRLF' : 'LF';
      else if (cr >= 0 && cr < textPart.length - 1) {
        summary.lineEnding = 'CR';
        crMode = true;
      }
    }
    const separator = crMode ? '\r' : '\n';
    let start = 0;
    let at = textPart.indexOf(separator, start);
    while (at >= 0 && !stop) {
      const end = !crMode && at > start && textPart.charCodeAt(at - 1) === 13 ? at - 1 : at;
      deliver(textPart.slice(start, end));
      start = at + 1;
      at = textPart.indexOf(separator, start);
    }
    if (stop) return;
    textPart = textPart.slice(start);
    if (final) {
      if (textPart.endsWith('\r')) textPart = textPart.slice(0, -1);
      if (textPart.length > 0) deliver(textPart);
      if (pending !== null) {
        throw new IngestError(fileName, 'unbalanced-quote', 'a quote (") opened here is never closed', { line: pendingLine });
      }
    } else carry = textPart;
  };

  try {
    for await (const chunk of text) {
      const bytes = chunk as Buffer;
      if (first) {
        if (looksBinary(bytes.subarray(0, SNIFF_BYTES))) {
          throw new IngestError(fileName, 'binary-file', 'this is a binary file, not CSV text');
        }
        summary.bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        first = false;
      }
      let decoded: string;
      try {
        decoded = decoder.decode(bytes, { stream: true });
      } catch {
        throw new NotUtf8Error();
      }
      consume(decoded, false);
      if (stop) break;
    }
    if (!stop) {
      let tail: string;
      try {
        tail = decoder.decode();
      } catch {
        throw new NotUtf8Error();
      }
      consume(tail, true);
    }
  } finally {
    raw.destroy();
    if (text !== raw) text.destroy();
  }
  summary.stoppedEarly = stop;
  if (!stop) summary.sha256 = hash.digest('hex');
  return summary;
}
