// covers: P-5 (the offline outbox replays each submission exactly once)
import { createOutbox } from '../../ui/offline/outbox.ts';
import { deepEqual, equal, ok } from './assert.ts';

// Each test gets its own database so entries never leak between tests.
let n = 0;
const fresh = () => createOutbox({ dbName: `test-outbox-${Date.now()}-${n++}` });

interface Recorded {
  url: string;
  key: string | null;
  body: string;
}

/** A server that applies each Idempotency-Key once, answers slowly, and records every request. */
function fakeServer(
  answer: (req: Recorded) => Response | Promise<Response> = () => new Response('{}', { status: 201 }),
) {
  const requests: Recorded[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    const req = { url, key: new Headers(init.headers).get('Idempotency-Key'), body: String(init.body) };
    requests.push(req);
    await new Promise((r) => setTimeout(r, 10));
    return answer(req);
  }) as unknown as typeof fetch;
  return { requests, fetchImpl };
}

describe('outbox', () => {
  it('replays each entry exactly once when two flushes run at the same time', async () => {
    // given two POSTs made while offline
    const outbox = fresh();
    const a = await outbox.enqueue({ url: '/api/cases', body: { workflow: 'repair', data: { n: 1 } } });
    const b = await outbox.enqueue({ url: '/api/cases/7/events', body: { type: 'complete' } });
    ok(a.idempotencyKey !== b.idempotencyKey, 'each entry has its own key');
    const server = fakeServer();
    // when the network comes back and two flushes start together (two tabs, or online + a button)
    const [first, second] = await Promise.all([outbox.flush(server.fetchImpl), outbox.flush(server.fetchImpl)]);
    // then each entry was sent once, in order, with its own key
    deepEqual(
      server.requests.map((r) => [r.url, r.key]),
      [
        ['/api/cases', a.idempotencyKey],
        ['/api/cases/7/events', b.idempotencyKey],
      ],
    );
    equal(first.sent + second.sent, 2);
    deepEqual(await outbox.list(), []);
    // and a later flush sends nothing again
    await outbox.flush(server.fetchImpl);
    equal(server.requests.length, 2);
  });

  it('sends the body as JSON with the stored key', async () => {
    const outbox = fresh();
    const entry = await outbox.enqueue({
      url: '/api/cases',
      body: { data: { 客户: '张三' } },
      headers: { Authorization: 'Bearer t' },
    });
    let seen: Headers | undefined;
    let body = '';
    await outbox.flush((async (_url: string, init: RequestInit) => {
      seen = new Headers(init.headers);
      body = String(init.body);
      return new Response(null, { status: 200 });
    }) as unknown as typeof fetch);
    equal(seen?.get('Idempotency-Key'), entry.idempotencyKey);
    equal(seen?.get('Content-Type'), 'application/json');
    equal(seen?.get('Authorization'), 'Bearer t');
    deepEqual(JSON.parse(body), { data: { 客户: '张三' } });
  });

  it('keeps an entry on a network error or 5xx, with attempts and the last error, and stops there to keep the order', async () => {
    const outbox = fresh();
    const a = await outbox.enqueue({ url: '/a', body: {} });
    await outbox.enqueue({ url: '/b', body: {} });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const result = await outbox.flush(offline);
    deepEqual(result, { sent: 0, failed: 0, pending: 2 });
    const [first, second] = await outbox.list();
    equal(first?.attempts, 1);
    equal(first?.lastError, 'Failed to fetch');
    equal(second?.attempts, 0, 'the second entry waits behind the first');

    const server = fakeServer(() => new Response('', { status: 503, statusText: 'Service Unavailable' }));
    await outbox.flush(server.fetchImpl);
    const [again] = await outbox.list();
    equal(again?.attempts, 2);
    equal(again?.lastError, 'HTTP 503 Service Unavailable');
    equal(again?.idempotencyKey, a.idempotencyKey, 'a retry reuses the same key');
  });

  it('records a 4xx problem as failed for the user to see and goes on with the next entry', async () => {
    const outbox = fresh();
    await outbox.enqueue({ url: '/bad', body: {} });
    await outbox.enqueue({ url: '/good', body: {} });
    const problem = {
      title: '数据无效',
      status: 422,
      detail: 'invalid data',
      errors: [{ path: '/phone', message: '电话号码格式不正确' }],
    };
    const server = fakeServer((req) =>
      req.url === '/bad'
        ? new Response(JSON.stringify(problem), {
            status: 422,
            headers: { 'Content-Type': 'application/problem+json' },
          })
        : new Response('{}', { status: 201 }),
    );
    const result = await outbox.flush(server.fetchImpl);
    deepEqual(result, { sent: 1, failed: 1, pending: 0 });
    const entries = await outbox.list();
    equal(entries.length, 1);
    equal(entries[0]?.status, 'failed');
    equal(entries[0]?.lastError, '数据无效');
    deepEqual(entries[0]?.problem?.errors, problem.errors);
    // a failed entry is not sent again
    await outbox.flush(server.fetchImpl);
    equal(server.requests.length, 2);
    await outbox.dismiss(entries[0]!.seq);
    deepEqual(await outbox.list(), []);
  });
});
