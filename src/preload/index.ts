/** Builds `window.api` from the contract table. Nothing else runs here (sandboxed preload). */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES, type Api } from '../shared/contract/channels';

const channelSet = new Set<string>(CHANNEL_NAMES);
const eventSet = new Set<string>(EVENT_NAMES);

const api = {
  invoke: (channel, request) => {
    if (!channelSet.has(channel)) return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `Unknown channel ${channel}` } });
    return ipcRenderer.invoke(channel, request);
  },
  on: (event, listener) => {
    if (!eventSet.has(event)) throw new Error(`Unknown event ${event}`);
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload as never);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
  pathForFile: (file) => webUtils.getPathForFile(file),
} satisfies Api;

contextBridge.exposeInMainWorld('api', api);
