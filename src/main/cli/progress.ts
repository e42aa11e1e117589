/** A one-line progress bar on a TTY (stderr); silent otherwise, and always silent with --json. */
export interface ProgressBar {
  update(fraction: number, stage: string): void;
  done(): void;
}

export function progressBar(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!enabled || !stream.isTTY) return { update: () => undefined, done: () => undefined };
  let last = '';
  return {
    update(fraction, stage) {
      const width = 28;
      const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${stage}`.slice(0, (stream.columns ?? 80) - 1);
      if (line !== last) stream.write(`\r${line.padEnd(last.length)}`);
      last = line;
    },
    done() {
      if (last) stream.write(`\r${' '.repeat(last.length)}\r`);
      last = '';
    },
  };
}
