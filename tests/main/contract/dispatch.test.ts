import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels } from '../../../src/shared/contract/channels';
import { AppError, dispatch, type Handlers } from '../../../src/shared/contract/dispatch';

const summary = { id: 'd1', name: 'n', kind: 'prices', frequency: 'daily', assets: 2, observations: 3, firstDate: '2020-01-01', lastDate: '2020-01-03', missingShare: 0, sourceName: 's', sha256: 'h', createdAt: 't' } as const;

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const missing = async (): Promise<never> => {
    throw new AppError('not-found', 'nothing here');
  };
  return {
    'app.info': missing,
    'datasets.list': async () => [summary],
    'datasets.get': missing,
    'datasets.series': missing,
    'datasets.delete': async () => ({ deleted: true }),
    'datasets.preview': missing,
    'datasets.import': async () => ({ jobId: 'j' }),
    'files.open': async () => null,
    'files.dropped': missing,
    'pipelines.presets': async () => [],
    'pipelines.list': async () => [],
    'pipelines.get': missing,
    'pipelines.save': missing,
    'pipelines.duplicate': missing,
    'pipelines.delete': async () => ({ deleted: false }),
    'pipelines.versions': missing,
    'runs.list': async () => [],
    'runs.get': missing,
    'runs.series': missing,
    'runs.start': missing,
    'runs.compare': missing,
    'reports.export': missing,
    'reports.list': async () => [],
    'explain.attribute': missing,
    'explain.start': missing,
    'explain.list': async () => [],
    'explain.get': missing,
    'explain.presets': async () => [],
    'cleaner.views': missing,
    'jobs.list': async () => [],
    'jobs.get': missing,
    'jobs.cancel': async () => ({ cancelled: false }),
    ...overrides,
  };
}

describe('dispatch', () => {
  it('declares every channel once with a request and a response schema', () => {
    expect(new Set(CHANNEL_NAMES).size).toBe(CHANNEL_NAMES.length);
    for (const name of CHANNEL_NAMES) {
      expect(channels[name].request).toBeDefined();
      expect(channels[name].response).toBeDefined();
    }
  });

  it('answers a valid request with the handler result', async () => {
    await expect(dispatch(handlers(), 'datasets.list', {})).resolves.toEqual({ ok: true, data: [summary] });
  });

  it('turns an invalid payload into a typed error naming the field, without calling the handler', async () => {
    let called = false;
    const result = await dispatch(handlers({ 'datasets.get': async () => ((called = true), undefined as never) }), 'datasets.get', { id: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('id') } });
    expect(called).toBe(false);
    await expect(dispatch(handlers(), 'datasets.list', { extra: 1 })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await expect(dispatch(handlers(), 'datasets.list', 'not an object')).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('refuses unknown channels, including prototype names', async () => {
    await expect(dispatch(handlers(), 'no.such', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    await expect(dispatch(handlers(), 'toString', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('passes AppError codes through, hides nothing else behind a crash, and checks responses', async () => {
    await expect(dispatch(handlers(), 'datasets.get', { id: 'x' })).resolves.toEqual({ ok: false, error: { code: 'not-found', message: 'nothing here', details: undefined } });
    const broken = handlers({ 'datasets.list': async () => { throw new TypeError('boom'); } });
    await expect(dispatch(broken, 'datasets.list', {})).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
    const lying = handlers({ 'datasets.delete': async () => ({ deleted: 'yes' }) as never });
    await expect(dispatch(lying, 'datasets.delete', { id: 'x' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-response' } });
  });
});
