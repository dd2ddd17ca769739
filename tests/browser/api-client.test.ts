import { ApiClient, ApiError, LOGIN_EXPIRED, SIGNED_IN_COOKIE } from '../../ui/api/client.ts';
import { deepEqual, equal, ok } from './assert.ts';
import { fakeApi, json, problem, until } from './fake-api.ts';

describe('ApiClient', () => {
  it('logs in, then sends the bearer token, the language and the idempotency key', async () => {
    const api = fakeApi({
      'POST /api/auth/login': () => ({ token: 'T1', user: { username: 'li', unit: 'hq', roles: ['agent'] } }),
      'POST /api/cases': (r) => json({ id: 'c1', workflow: (r.body as { workflow: string }).workflow }, 201),
    });
    const client = new ApiClient({ baseUrl: 'https://cs.example.com/', fetch: api.fetch, locale: 'en' });
    const login = await client.login('li', 'pw');
    equal(login.user.unit, 'hq');
    await client.createCase('repair', { a: 1 }, { idempotencyKey: 'K1' });
    const sent = api.calls('/api/cases', 'POST')[0]!;
    equal(sent.headers.get('authorization'), 'Bearer T1');
    equal(sent.headers.get('accept-language'), 'en');
    equal(sent.headers.get('idempotency-key'), 'K1');
    deepEqual(sent.body, { workflow: 'repair', data: { a: 1 } });
    equal(
      client.url('/api/cases', { q: '张', overdue: true, unit: undefined }),
      'https://cs.example.com/api/cases?q=%E5%BC%A0&overdue=true',
    );
  });

  it('knows, on its own origin, whether asking GET /api/me can find a login', () => {
    const forget = () => (document.cookie = `${SIGNED_IN_COOKIE}=; Max-Age=0; path=/`);
    forget();
    try {
      equal(new ApiClient().mayBeLoggedIn(), false, 'no marker cookie: nobody is logged in here');
      document.cookie = `${SIGNED_IN_COOKIE}=1; path=/`;
      equal(new ApiClient().mayBeLoggedIn(), true, 'the marker: a session cookie may be there');
      forget();
      equal(new ApiClient({ token: 'T' }).mayBeLoggedIn(), true, 'a token');
      equal(
        new ApiClient({ baseUrl: 'https://cs.example.com' }).mayBeLoggedIn(),
        true,
        "another origin's cookies cannot be read",
      );
      equal(new ApiClient({ fetch: fakeApi({}).fetch }).mayBeLoggedIn(), true, "a host's own transport");
    } finally {
      forget();
    }
  });

  it('turns a problem document into an ApiError with its field errors', async () => {
    const api = fakeApi({
      'POST /api/cases/c1/events': () =>
        problem(422, 'invalid data', [{ path: '/phone', message: '电话号码格式不正确' }]),
    });
    const client = new ApiClient({ token: 'T', fetch: api.fetch });
    const error = await client
      .sendEvent('c1', { type: 'dispatch', data: {}, expectedVersion: 2 })
      .catch((e: unknown) => e);
    ok(error instanceof ApiError, 'an ApiError');
    equal(error.status, 422);
    equal(error.detail, 'invalid data');
    deepEqual(error.errors, [{ path: '/phone', message: '电话号码格式不正确' }]);
  });

  it('announces an expired login on 401, but not for a failed login', async () => {
    const api = fakeApi({
      'GET /api/me': () => problem(401, 'expired'),
      'POST /api/auth/login': () => problem(401, 'wrong password'),
    });
    const client = new ApiClient({ token: 'old', fetch: api.fetch });
    let expired = 0;
    client.addEventListener(LOGIN_EXPIRED, () => expired++);
    await client.me().catch(() => undefined);
    equal(expired, 1);
    await client.login('x', 'y').catch(() => undefined);
    equal(expired, 1, 'a wrong password is not an expired login');
  });

  it('reports a lost connection as status 0', async () => {
    const api = fakeApi({});
    api.setOffline(true);
    const error = (await new ApiClient({ fetch: api.fetch }).getCase('c1').catch((e: unknown) => e)) as ApiError;
    equal(error.status, 0);
    ok(error.network);
  });

  it('reads server-sent events from /api/stream with the token', async () => {
    const api = fakeApi({});
    const client = new ApiClient({ token: 'T', fetch: api.fetch });
    const seen: unknown[] = [];
    const stop = new AbortController();
    void client.stream((m) => seen.push([m.event, m.data]), stop.signal);
    await until(() => api.openStreams, 'the stream to open');
    api.emit('case', { caseId: 'c9', version: 3 });
    await until(() => seen.length, 'a message');
    deepEqual(seen[0], ['case', { caseId: 'c9', version: 3 }]);
    equal(api.calls('/api/stream')[0]!.headers.get('authorization'), 'Bearer T');
    stop.abort();
  });

  it('sends a GET ahead and hands its answer, once, to the same request (ui.firstWorklist)', async () => {
    let n = 0;
    let fail = false;
    const api = fakeApi({
      'GET /api/cases': () => (fail ? problem(503, 'busy') : { items: [{ id: `c${++n}` }], next: null }),
    });
    const client = new ApiClient({ token: 'T', fetch: api.fetch, locale: 'zh-CN' });
    client.prefetch('/api/cases', { query: { limit: 50 } });
    equal(api.calls('/api/cases').length, 1, 'sent at once');
    const first = await client.listCases({ limit: 50 });
    deepEqual(first.items, [{ id: 'c1' }], 'the answer sent ahead');
    equal(api.calls('/api/cases').length, 1, 'not asked twice');
    const again = await client.listCases({ limit: 50 });
    deepEqual(again.items, [{ id: 'c2' }], 'taken once: the next read asks the server');

    client.prefetch('/api/cases', { query: { limit: 50 } });
    await client.listCases({ limit: 20 });
    client.locale = 'en';
    await client.listCases({ limit: 50 });
    equal(api.calls('/api/cases').length, 5, 'another query or another language is asked for itself');

    fail = true;
    client.prefetch('/api/cases', { query: { limit: 10 } });
    const error = (await client.listCases({ limit: 10 }).catch((e: unknown) => e)) as ApiError;
    equal(error.status, 503, 'a failure reaches the request that takes it');
    equal(api.calls('/api/cases').length, 6);

    fail = false;
    client.prefetch('/api/cases', { query: { limit: 10 } });
    client.logout();
    await client.listCases({ limit: 10 });
    equal(api.calls('/api/cases').length, 8, 'what was asked under a login is not handed on after logout');
  });
});
