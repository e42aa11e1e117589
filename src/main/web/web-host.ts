/**
 * Web mode: the same services as the desktop app, behind the same UI, in a browser. One Node
 * process serves the built renderer and the contract over a WebSocket bound to 127.0.0.1 only.
 * Every API use needs the per-launch token, and the WebSocket and upload need our own origin.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch } from '../../shared/contract/dispatch';
import type { App } from '../services/app';
import { newToken, originAllowed, TOKEN_HEADER, tokenMatches } from './security';
import { serveStatic } from './static-files';

export interface WebHostOptions {
  app: App;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Largest accepted upload. */
  maxUploadBytes?: number;
}

export interface WebHost {
  server: Server;
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_UPLOAD = 2 * 1024 ** 3;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function handleUpload(options: WebHostOptions, port: number, token: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (!originAllowed(request.headers.origin, port)) return sendJson(response, 403, { ok: false, error: { code: 'forbidden-origin', message: 'Uploads are accepted only from this app\'s own page' } });
  if (!tokenMatches(token, request.headers[TOKEN_HEADER] as string | undefined)) return sendJson(response, 401, { ok: false, error: { code: 'bad-token', message: 'Missing or wrong launch token' } });
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
  const name = (url.searchParams.get('name') ?? 'upload.csv').replace(/[\\/]/g, '_').slice(0, 200);
  const length = Number(request.headers['content-length'] ?? 0);
  const limit = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD;
  if (length > limit) return sendJson(response, 413, { ok: false, error: { code: 'too-large', message: `${name}: the file is larger than ${limit} bytes` } });
  // A folder per upload keeps the user's own file name, so messages and provenance name it.
  const dir = join(tmpdir(), 'portfolio-audit-uploads', randomUUID());
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await pipeline(request, createWriteStream(path));
  sendJson(response, 200, { ok: true, data: options.app.files.register(path, { name, temporary: true }) });
}

function attachSocket(socket: WebSocket, app: App): void {
  const handlers = app.handlers();
  const unsubscribe = app.bus.subscribe((event, payload) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ event, payload }));
  });
  socket.on('close', unsubscribe);
  socket.on('message', async (raw) => {
    let message: { id?: unknown; channel?: unknown; payload?: unknown };
    try {
      message = JSON.parse(String(raw)) as typeof message;
    } catch {
      socket.send(JSON.stringify({ id: null, envelope: { ok: false, error: { code: 'invalid-json', message: 'The message is not JSON' } } }));
      return;
    }
    const envelope = await dispatch(handlers, message.channel, message.payload);
    socket.send(JSON.stringify({ id: message.id ?? null, envelope }));
  });
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newToken();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  let port = 0;
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const work =
      request.method === 'POST' && path === '/api/upload'
        ? handleUpload(options, port, token, request, response)
        : request.method === 'GET' || request.method === 'HEAD'
          ? serveStatic(options.rendererDir, path, response)
          : Promise.resolve(void response.writeHead(405).end());
    work.catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } });
      else response.destroy();
    });
  });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const refuse = (status: string): void => {
      socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
    };
    if (url.pathname !== '/api/ws') return refuse('404 Not Found');
    if (!originAllowed(request.headers.origin, port)) return refuse('403 Forbidden');
    if (!tokenMatches(token, url.searchParams.get('token'))) return refuse('401 Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws) => attachSocket(ws, options.app));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
