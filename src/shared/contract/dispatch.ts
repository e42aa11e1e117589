/**
 * The one place a request is validated, handled and wrapped. Every transport (Electron IPC, the
 * web host's WebSocket, in-process calls from the CLI) goes through `dispatch`.
 */
import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type Envelope, type ParsedRequestOf, type ResponseOf } from './channels';

/** One handler per channel: leaving one out is a type error. */
export type Handlers = { [C in ChannelName]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };

/** An error a handler throws on purpose: its code and message reach the user as they are. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(request)'}: ${issue.message}`)
    .join('; ');
}

export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown): Promise<Envelope<unknown>> {
  if (!isChannelName(channel)) {
    return { ok: false, error: { code: 'unknown-channel', message: `Unknown channel ${JSON.stringify(channel)}` } };
  }
  const parsed = channels[channel].request.safeParse(payload ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid-request', message: `${channel}: ${describeZodError(parsed.error)}` } };
  }
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    const result = await handler(parsed.data);
    const checked = channels[channel].response.safeParse(result);
    if (!checked.success) {
      return { ok: false, error: { code: 'invalid-response', message: `${channel}: ${describeZodError(checked.error)}` } };
    }
    return { ok: true, data: checked.data };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message } };
  }
}
