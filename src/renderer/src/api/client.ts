/**
 * The only door from the UI to the app: `window.api` (desktop, built by the preload) or the web
 * host's WebSocket. `call` unwraps the envelope and throws an `ApiError` the UI can show.
 */
import type { Api, ChannelName, EventName, EventPayload, RequestOf, ResponseOf } from '../../../shared/contract/channels';
import { WebSocketApi } from './ws-transport';

declare global {
  interface Window {
    api?: Api;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'portfolio-audit.token';

/** Web mode: the launch token arrives in the URL once; keep it for reloads and hide it. */
function webToken(): string {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const query = params.toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

class Client {
  readonly mode: 'desktop' | 'web';
  private readonly api: Api;
  private readonly token: string;

  constructor() {
    if (window.api) {
      this.mode = 'desktop';
      this.api = window.api;
      this.token = '';
    } else {
      this.mode = 'web';
      this.token = webToken();
      this.api = new WebSocketApi(this.token);
    }
  }

  async call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const envelope = await this.api.invoke(channel, request);
    if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.details);
    return envelope.data;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.api.on(event, listener);
  }

  /** A dropped file, by reference: its path on the desktop, an upload in web mode. */
  async dropped(file: File, onProgress?: (fraction: number) => void): Promise<{ fileRef: string; name: string }> {
    const path = this.mode === 'desktop' ? window.api?.pathForFile?.(file) : undefined;
    if (path) return this.call('files.dropped', { path });
    return this.upload(file, onProgress);
  }

  /** Web mode: sends a browser-chosen file to the host, which returns a reference for `datasets.import`. */
  async upload(file: File, onProgress?: (fraction: number) => void): Promise<{ fileRef: string; name: string }> {
    const url = `/api/upload?name=${encodeURIComponent(file.name)}`;
    const body = await new Promise<string>((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', url);
      request.setRequestHeader('x-portfolio-audit-token', this.token);
      request.upload.onprogress = (event) => event.lengthComputable && onProgress?.(event.loaded / event.total);
      request.onload = () => resolve(request.responseText);
      request.onerror = () => reject(new ApiError('upload-failed', `${file.name}: the upload failed`));
      request.send(file);
    });
    const parsed = JSON.parse(body) as { ok: true; data: { fileRef: string; name: string } } | { ok: false; error: { code: string; message: string } };
    if (!parsed.ok) throw new ApiError(parsed.error.code, parsed.error.message);
    return parsed.data;
  }
}

export const client = new Client();
