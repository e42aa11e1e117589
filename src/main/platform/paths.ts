/** Where the store lives: `--db`, then `PORTFOLIO_AUDIT_DB`, then the platform's user-data folder. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'portfolio-audit';
export const STORE_FILE_NAME = 'store.db';

/** The per-user data folder Node-side (Electron uses `app.getPath('userData')` instead). */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), APP_DIR_NAME);
}

export function resolveStorePath(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env, dataDir = userDataDir(env)): string {
  return explicit ?? env.PORTFOLIO_AUDIT_DB ?? join(dataDir, STORE_FILE_NAME);
}
