// `npm start`: the desktop app where Electron can run; otherwise, after one line saying why, the
// identical UI in web mode on 127.0.0.1, backed by the same services.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

function run(command, args, options = {}) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
}

function ensureBuilt() {
  if (existsSync(join(root, 'out/main/index.js')) && existsSync(join(root, 'out/renderer/index.html'))) return;
  const built = run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/** Path of the Electron binary, fetching it with electron's own installer when it is missing. */
function electronBinary() {
  let electronDir;
  try {
    electronDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(electronDir, 'path.txt');
  const binaryFromPathFile = () => {
    if (!existsSync(pathFile)) return undefined;
    const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  };
  let binary = binaryFromPathFile();
  if (!binary) {
    const fetched = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, encoding: 'utf8', timeout: 120_000 });
    binary = binaryFromPathFile();
    if (!binary) {
      const detail = `${fetched.stderr ?? ''}${fetched.stdout ?? ''}`.trim().split('\n').find((line) => line.trim()) ?? `exit code ${fetched.status}`;
      return { reason: `the Electron binary is missing and could not be fetched (${detail.trim().slice(0, 160)})` };
    }
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  }
  if (!existsSync(join(root, 'native/electron/better_sqlite3.node'))) {
    const built = spawnSync(process.execPath, [join(root, 'scripts/build-electron-sqlite.mjs')], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) return { reason: 'better-sqlite3 could not be built for Electron (see above)' };
  }
  return { binary };
}

ensureBuilt();
const electron = electronBinary();
if (electron.binary) {
  const child = spawn(electron.binary, ['.', ...passThrough], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Electron cannot run here: ${electron.reason}. Serving the same UI in web mode instead.`);
  const child = spawn(process.execPath, [join(root, 'bin/portfolio-audit.js'), 'serve', ...passThrough], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
