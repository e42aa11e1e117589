/**
 * Desktop entry point (Electron main). Hosts the services, the store and the job pool; the window
 * is sandboxed and talks only through the preload's `window.api`.
 */
import { app as electronApp, BrowserWindow, dialog, screen, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { registerIpc } from './ipc/register-ipc';
import { resolveStorePath } from './platform/paths';
import { debounced, MIN_SIZE, restoreWindowBounds, WINDOW_STATE_KEY } from './platform/window-bounds';
import { App } from './services/app';
import { CONTENT_SECURITY_POLICY } from './web/security';

const here = dirname(fileURLToPath(import.meta.url));
const rendererIndex = join(here, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

function resourcesDir(): string {
  return electronApp.isPackaged ? join(process.resourcesPath, 'resources') : join(here, '../../resources');
}

/** better-sqlite3 built for Electron's ABI by scripts/build-electron-sqlite.js, when it could be. */
function electronSqliteBinding(): string | undefined {
  const candidate = join(here, '../../native/electron/better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}

function isTrustedUrl(url: string): boolean {
  return url.startsWith(devServerUrl ?? rendererUrl.replace(/index\.html$/, ''));
}

function cliArgument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  await electronApp.whenReady();
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  const app = new App({
    mode: 'desktop',
    storePath: resolveStorePath(cliArgument('--db'), process.env, electronApp.getPath('userData')),
    resourcesDir: resourcesDir(),
    presetsDir: electronApp.isPackaged ? join(process.resourcesPath, 'examples/pipelines') : join(here, '../../examples/pipelines'),
    nativeBinding: electronSqliteBinding(),
    pool: { workerEntry: join(here, 'job-worker.js') },
    openFileDialog: async (title) => {
      const result = await dialog.showOpenDialog(window, {
        title: title ?? 'Import a CSV file',
        properties: ['openFile'],
        filters: [{ name: 'CSV files', extensions: ['csv', 'gz', 'txt', 'tsv'] }],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    saveFileDialog: async (defaultName) => {
      const result = await dialog.showSaveDialog(window, { title: 'Save the audit report', defaultPath: defaultName, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
      return result.canceled ? null : (result.filePath ?? null);
    },
  });
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)];
  const restored = restoreWindowBounds(app.store.settings.get(WINDOW_STATE_KEY), displays.map((display) => display.workArea));
  const window = new BrowserWindow({
    ...restored.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Portfolio Pipeline Auditor',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  // Remember size, position and maximised state (normal bounds, so un-maximising restores them).
  const saver = debounced(() => {
    if (!window.isDestroyed()) app.store.settings.set(WINDOW_STATE_KEY, { bounds: window.getNormalBounds(), maximised: window.isMaximized() });
  }, 500);
  window.on('resize', saver.schedule);
  window.on('move', saver.schedule);
  window.on('maximize', saver.schedule);
  window.on('unmaximize', saver.schedule);
  window.on('close', saver.flush);
  const unregister = registerIpc(app, window, isTrustedUrl);
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  window.once('ready-to-show', () => {
    if (restored.maximised) window.maximize();
    window.show();
  });
  void app.seedDemo().catch((error: unknown) => console.error('Demo datasets could not be seeded:', error));
  if (devServerUrl) await window.loadURL(devServerUrl);
  else await window.loadFile(rendererIndex);
  electronApp.on('window-all-closed', () => {
    unregister();
    void app.close().finally(() => electronApp.quit());
  });
}

void main();
