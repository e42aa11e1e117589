import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../../src/main/web/web-host';
import { createTestApp, type TestApp } from '../helpers/test-app';

let testApp: TestApp;
let host: WebHost;

beforeAll(async () => {
  testApp = createTestApp('web');
  const rendererDir = testApp.dir;
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  host = await startWebHost({ app: testApp.app, rendererDir });
});
afterAll(async () => {
  await host.close();
  await testApp.dispose();
});

function connect(query: string, origin: string | undefined): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api/ws${query}`, origin ? { origin } : {});
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(String(response.statusCode))));
    socket.once('error', reject);
  });
}

function call(socket: WebSocket, message: unknown): Promise<{ id: unknown; envelope: { ok: boolean; data?: unknown; error?: { code: string; message: string } } }> {
  return new Promise((resolve) => {
    socket.once('message', (raw) => resolve(JSON.parse(String(raw))));
    socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('web host', () => {
  const origin = (): string => `http://127.0.0.1:${host.port}`;

  it('listens on 127.0.0.1 only and prints a URL carrying the token', () => {
    expect(host.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
  });

  it('refuses a WebSocket without the token, with a wrong token, or from a foreign origin', async () => {
    await expect(connect('', origin())).rejects.toThrow('401');
    await expect(connect('?token=nope', origin())).rejects.toThrow('401');
    await expect(connect(`?token=${host.token}`, 'http://evil.example')).rejects.toThrow('403');
    await expect(connect(`?token=${host.token}`, undefined)).rejects.toThrow('403');
  });

  it('serves the contract: valid requests answer, invalid ones get typed errors and the socket survives', async () => {
    const socket = await connect(`?token=${host.token}`, origin());
    await expect(call(socket, { id: 1, channel: 'datasets.list', payload: {} })).resolves.toEqual({ id: 1, envelope: { ok: true, data: [] } });
    await expect(call(socket, { id: 2, channel: 'datasets.get', payload: { id: 7 } })).resolves.toMatchObject({ id: 2, envelope: { ok: false, error: { code: 'invalid-request' } } });
    await expect(call(socket, { id: 3, channel: 'shell.exec', payload: {} })).resolves.toMatchObject({ envelope: { ok: false, error: { code: 'unknown-channel' } } });
    await expect(call(socket, '{not json')).resolves.toMatchObject({ envelope: { ok: false, error: { code: 'invalid-json' } } });
    await expect(call(socket, { id: 4, channel: 'files.open', payload: {} })).resolves.toMatchObject({ envelope: { ok: false, error: { code: 'unsupported' } } });
    await expect(call(socket, { id: 5, channel: 'datasets.list', payload: {} })).resolves.toMatchObject({ id: 5, envelope: { ok: true } });
    socket.close();
  });

  it('accepts uploads only with the token and from its own origin', async () => {
    const url = `http://127.0.0.1:${host.port}/api/upload?name=x.csv`;
    const noToken = await fetch(url, { method: 'POST', body: 'date,A\n2020-01-01,1\n', headers: { origin: origin() } });
    expect(noToken.status).toBe(401);
    const foreign = await fetch(url, { method: 'POST', body: 'a', headers: { origin: 'http://evil.example', 'x-portfolio-audit-token': host.token } });
    expect(foreign.status).toBe(403);
    const ok = await fetch(url, { method: 'POST', body: 'date,A\n2020-01-01,1\n', headers: { origin: origin(), 'x-portfolio-audit-token': host.token } });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { ok: boolean; data: { fileRef: string; name: string } };
    expect(body.data.name).toBe('x.csv');
    expect(testApp.app.files.resolve(body.data.fileRef).temporary).toBe(true);
  });

  it('serves the UI with a strict content security policy and never outside its folder', async () => {
    const page = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const escape = await fetch(`http://127.0.0.1:${host.port}/..%2f..%2fetc%2fpasswd`);
    expect(await escape.text()).toContain('<title>t</title>');
  });
});
