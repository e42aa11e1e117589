/**
 * The contract over the web host's WebSocket (web mode). Requests carry an id; answers and push
 * events come back on the same socket. Reconnects after a drop; requests wait for the socket.
 */
import type { Api, ChannelName, Envelope, EventName, EventPayload, RequestOf, ResponseOf } from '../../../shared/contract/channels';

type Pending = (envelope: Envelope<unknown>) => void;

export class WebSocketApi implements Api {
  private socket?: WebSocket;
  private opening?: Promise<WebSocket>;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(private readonly token: string) {}

  private open(): Promise<WebSocket> {
    if (this.socket?.readyState === WebSocket.OPEN) return Promise.resolve(this.socket);
    this.opening ??= new Promise<WebSocket>((resolve, reject) => {
      const url = `ws://${location.host}/api/ws?token=${encodeURIComponent(this.token)}`;
      const socket = new WebSocket(url);
      socket.onopen = () => {
        this.socket = socket;
        this.opening = undefined;
        resolve(socket);
      };
      socket.onerror = () => {
        this.opening = undefined;
        reject(new Error('Cannot reach the app server: is `portfolio-audit serve` still running?'));
      };
      socket.onclose = () => {
        this.socket = undefined;
        for (const [id, settle] of this.pending) {
          settle({ ok: false, error: { code: 'disconnected', message: 'The connection to the app server closed' } });
          this.pending.delete(id);
        }
      };
      socket.onmessage = (message) => this.receive(String(message.data));
    });
    return this.opening;
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as { id?: number; envelope?: Envelope<unknown>; event?: string; payload?: unknown };
    if (message.event) {
      for (const listener of this.listeners.get(message.event) ?? []) listener(message.payload);
      return;
    }
    if (typeof message.id === 'number' && message.envelope) {
      this.pending.get(message.id)?.(message.envelope);
      this.pending.delete(message.id);
    }
  }

  async invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Envelope<ResponseOf<C>>> {
    let socket: WebSocket;
    try {
      socket = await this.open();
    } catch (error) {
      return { ok: false, error: { code: 'disconnected', message: (error as Error).message } };
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as Pending);
      socket.send(JSON.stringify({ id, channel, payload: request }));
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    this.listeners.set(event, set);
    void this.open().catch(() => undefined);
    return () => set.delete(listener as (payload: unknown) => void);
  }
}
