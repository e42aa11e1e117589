/**
 * Electron transport: one `ipcMain.handle` per contract channel, answering only our own window's
 * main frame, and push events forwarded to the window. No logic here: `dispatch` and the services.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../../shared/contract/channels';
import { dispatch } from '../../shared/contract/dispatch';
import type { App } from '../services/app';

export function registerIpc(app: App, window: BrowserWindow, isTrustedUrl: (url: string) => boolean): () => void {
  const handlers = app.handlers();
  const fromOurWindow = (event: IpcMainInvokeEvent): boolean =>
    event.sender === window.webContents && event.senderFrame !== null && event.senderFrame === window.webContents.mainFrame && isTrustedUrl(event.senderFrame.url);
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!fromOurWindow(event)) {
        return { ok: false, error: { code: 'forbidden-sender', message: 'Request refused: it did not come from the app window' } };
      }
      return dispatch(handlers, channel, payload);
    });
  }
  const unsubscribe = app.bus.subscribe((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(event, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}
