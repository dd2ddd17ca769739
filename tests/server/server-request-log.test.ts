import { PassThrough } from 'node:stream';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../server/context.ts';
import { onError } from '../../server/http/on-error.ts';
import { pinoLogger } from '../../server/log.ts';
import { requestLog } from '../../server/middleware/request-log.ts';

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  out.on('data', (b: Buffer) =>
    lines.push(
      ...b
        .toString()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    ),
  );
  err.on('data', (b: Buffer) =>
    errors.push(
      ...b
        .toString()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    ),
  );
  return { log: pinoLogger({ out, err }), lines, errors };
}

function app(log: ReturnType<typeof pinoLogger>) {
  const a = new Hono<AppEnv>();
  a.onError(onError(log));
  a.use('*', ...requestLog(log));
  a.get('/ok', (c) => c.json({ ok: true }));
  a.get('/broken', async () => {
    await Promise.resolve();
    throw new Error('boom');
  });
  return a;
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('request ids and the access log', () => {
  it('answers each request with an id and logs one access line carrying it', async () => {
    const { log, lines } = capture();
    const res = await app(log).request('/ok');
    await settled();
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        message: 'request',
        requestId: id,
        method: 'GET',
        path: '/ok',
        status: 200,
        ms: expect.any(Number),
      }),
    ]);
    expect(typeof lines[0]!.time).toBe('string');
  });

  it("keeps a client's own request id, so a proxy's and the server's lines can be joined", async () => {
    const { log, lines } = capture();
    const res = await app(log).request('/ok', { headers: { 'x-request-id': 'edge-4711' } });
    await settled();
    expect(res.headers.get('x-request-id')).toBe('edge-4711');
    expect(lines[0]).toMatchObject({ requestId: 'edge-4711' });
  });

  it('puts the same id on the error report, on stderr', async () => {
    const { log, lines, errors } = capture();
    const res = await app(log).request('/broken', { headers: { 'x-request-id': 'req-broken' } });
    await settled();
    expect(res.status).toBe(500);
    expect(errors).toEqual([
      expect.objectContaining({ level: 'error', message: 'unhandled error', requestId: 'req-broken', path: '/broken' }),
    ]);
    expect(lines).toEqual([expect.objectContaining({ message: 'request', requestId: 'req-broken', status: 500 })]);
  });

  it('writes lines outside a request without an id', async () => {
    const { log, lines } = capture();
    log('info', 'serving', { url: 'http://127.0.0.1:1' });
    await settled();
    expect(lines).toEqual([{ level: 'info', time: expect.any(String), url: 'http://127.0.0.1:1', message: 'serving' }]);
  });
});
