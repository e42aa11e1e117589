// Builds better-sqlite3 against Electron's ABI into native/electron/better_sqlite3.node, leaving
// the Node build in node_modules for tests and the CLI. Needs Electron's headers, so it only runs
// where the Electron binary is present (npm start calls it after fetching Electron); elsewhere it
// says why it skipped and exits 0.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const target = join(root, 'native/electron/better_sqlite3.node');

function skip(reason) {
  console.log(`better-sqlite3 for Electron: skipped (${reason}).`);
  process.exit(0);
}

let electronVersion;
try {
  electronVersion = require('electron/package.json').version;
} catch {
  skip('electron is not installed');
}
const electronDir = dirname(require.resolve('electron/package.json'));
if (!existsSync(join(electronDir, 'path.txt'))) skip('the Electron binary is not present, so the desktop app cannot run here anyway');
if (existsSync(target) && !process.argv.includes('--force')) skip('already built');

const nodeGyp = process.env.npm_config_node_gyp ?? join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
if (!existsSync(nodeGyp)) skip(`node-gyp not found at ${nodeGyp}`);
const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'pa-electron-sqlite-'));
try {
  cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${join(source, 'build')}`) });
  const result = spawnSync(
    process.execPath,
    [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
  );
  if (result.status !== 0) {
    console.error(`better-sqlite3 for Electron ${electronVersion}: the build failed (exit ${result.status}); the desktop app needs it, web mode does not.`);
    process.exit(1);
  }
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(work, 'build/Release/better_sqlite3.node'), target);
  console.log(`better-sqlite3 for Electron ${electronVersion}: built ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
