#!/usr/bin/env node
// The installed command: runs the bundled CLI (built by `npm ci` / `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('portfolio-audit: the app is not built yet; run `npm run build` in the project folder first.');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
