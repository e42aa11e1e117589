/** Starts `portfolio-audit serve` (the built app) on a free port with a temporary store. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  url: string;
  origin: string;
  dbPath: string;
  stop(): Promise<void>;
}

export async function startServer(extraArgs: string[] = []): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pa-e2e-'));
  const dbPath = join(dir, 'store.db');
  const child: ChildProcess = spawn(process.execPath, ['bin/portfolio-audit.js', '--db', dbPath, 'serve', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    dbPath,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
