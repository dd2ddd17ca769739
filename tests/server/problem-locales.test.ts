// Issue 15 item 5: every refusal a person reads is said in their language. Over a real listening
// server on the seed definitions, each request is sent with Accept-Language zh-CN and en: the code
// and status are the same, the zh-CN detail and field messages are Chinese with no English
// developer words, the en ones the English the API has always answered (CONTRACT.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDefinitionFiles } from '../../engine/definitions/index.ts';
import { createApp } from '../../server/app.ts';
import { listen, type Listening } from '../helpers/listening-server.ts';
import { englishWords } from '../helpers/english-words.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD, testServer, type TestServer } from './server-support.ts';

let t: TestServer;
let http: Listening;
let limited: Listening;
const tokens = new Map<string, string>();

beforeAll(async () => {
  t = await testServer({ initialFiles: () => readDefinitionFiles('definitions'), bodyLimit: 4096 });
  http = await listen(t);
  // A second app on the same services whose rate limit is spent after one request (its clock stands still).
  limited = await listen({ ...t, app: createApp(t.services, { rateLimit: { perSecond: 1, burst: 1, now: () => 0 } }) });
  for (const [u, password] of [
    ['admin', ADMIN_PASSWORD],
    ['hq.staff', DEMO_PASSWORD],
    ['hq.gm', DEMO_PASSWORD],
  ] as const) {
    const res = await http.call('POST', '/api/auth/login', { body: { username: u, password } });
    expect(res.status).toBe(200);
    tokens.set(u, res.body.token as string);
  }
}, 60_000);

afterAll(async () => {
  await limited?.close();
  await http?.close();
  await t?.close();
});

type Call = Parameters<Listening['call']>;
interface Answer {
  status: number;
  body: { code?: string; detail: string; errors?: { path: string; message: string }[] };
}

/** Sends the same request in both languages (fetch's own bodies where `raw` is given). */
async function both(
  server: () => Listening,
  method: string,
  path: string,
  o: Call[2] & { raw?: { body: string; type: string } } = {},
): Promise<{ zh: Answer; en: Answer }> {
  const once = async (lang: string): Promise<Answer> => {
    const headers = { ...(o.headers ?? {}), 'accept-language': lang };
    if (!o.raw) return server().call(method, path, { ...o, headers });
    const res = await fetch(server().base + path, {
      method,
      headers: { ...headers, 'content-type': o.raw.type, ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) },
      body: o.raw.body,
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };
  return { zh: await once('zh-CN,zh;q=0.9,en;q=0.8'), en: await once('en-US,en;q=0.9') };
}

/** The same refusal in both languages: status and code kept, Chinese words for zh-CN, `english` for en. */
function expectSaid(a: { zh: Answer; en: Answer }, status: number, code: string, english: string | RegExp) {
  expect(a.zh.status).toBe(status);
  expect(a.en.status).toBe(status);
  expect(a.zh.body.code).toBe(code);
  expect(a.en.body.code).toBe(code);
  if (typeof english === 'string') expect(a.en.body.detail).toBe(english);
  else expect(a.en.body.detail).toMatch(english);
  const zhTexts = [a.zh.body.detail, ...(a.zh.body.errors ?? []).map((e) => e.message)];
  for (const text of zhTexts) {
    expect(text, 'Chinese').toMatch(/\p{Script=Han}/u);
    expect(englishWords(text), text).toEqual([]);
  }
  // the fields stay where they were, only their words change
  expect((a.zh.body.errors ?? []).map((e) => e.path)).toEqual((a.en.body.errors ?? []).map((e) => e.path));
}

describe("refusals in the reader's language (Accept-Language)", () => {
  it('413: a body over the limit', async () => {
    const big = { username: 'x'.repeat(5000), password: 'y' };
    expectSaid(
      await both(() => http, 'POST', '/api/auth/login', { body: big }),
      413,
      'TOO_LARGE',
      'the request body is larger than 4096 bytes',
    );
  });

  it('415 and 400: a body that is not JSON, or malformed JSON', async () => {
    expectSaid(
      await both(() => http, 'POST', '/api/auth/login', { raw: { body: 'username=a', type: 'text/plain' } }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'send the body as JSON with Content-Type: application/json',
    );
    expectSaid(
      await both(() => http, 'POST', '/api/auth/login', { raw: { body: '{"username":', type: 'application/json' } }),
      400,
      'MALFORMED_JSON',
      /^malformed JSON: /,
    );
  });

  it('422: a body of the wrong shape, with each field said too', async () => {
    const a = await both(() => http, 'POST', '/api/auth/login', { body: { username: 'a', extra: 1 } });
    expectSaid(a, 422, 'INVALID_BODY', 'the body is not a valid Login');
    expect(a.en.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/extra', message: 'unknown field "extra"', code: 'unknownField' }),
        expect.objectContaining({ path: '/password', message: '"password" is required', code: 'required' }),
      ]),
    );
  });

  it('401: a wrong password, a missing login', async () => {
    expectSaid(
      await both(() => http, 'POST', '/api/auth/login', { body: { username: 'hq.staff', password: 'wrong-one' } }),
      401,
      'BAD_LOGIN',
      'wrong username or password',
    );
    expectSaid(
      await both(() => http, 'GET', '/api/cases'),
      401,
      'UNAUTHORIZED',
      'log in first: POST /api/auth/login, then send Authorization: Bearer TOKEN',
    );
  });

  it('429: the rate limit', async () => {
    await limited.call('GET', '/api/health');
    expectSaid(
      await both(() => limited, 'GET', '/api/health'),
      429,
      'RATE_LIMITED',
      'too many requests from this address; slow down',
    );
  });

  it('422: an Idempotency-Key used again for another request', async () => {
    const token = tokens.get('hq.staff')!;
    const headers = { 'idempotency-key': 'probzh-1' };
    const first = await http.call('POST', '/api/cases', { token, headers, body: { workflow: 'nope', data: {} } });
    expect(first.status).toBe(422);
    expectSaid(
      await both(() => http, 'POST', '/api/cases', { token, headers, body: { workflow: 'nope-2', data: {} } }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'this Idempotency-Key was used for a different request; use a new key',
    );
  });

  it('404: an endpoint that does not exist', async () => {
    expectSaid(
      await both(() => http, 'GET', '/api/nowhere', { token: tokens.get('hq.staff')! }),
      404,
      'NOT_FOUND',
      'no endpoint GET /api/nowhere; see /api/docs',
    );
    expectSaid(
      await both(() => http, 'GET', '/api/cases/no-such-case', { token: tokens.get('hq.staff')! }),
      404,
      'NOT_FOUND',
      'no such case',
    );
  });

  it('400: a period that is not one', async () => {
    const token = tokens.get('hq.gm')!;
    expectSaid(
      await both(() => http, 'GET', '/api/ledger?from=someday', { token }),
      400,
      'INVALID_QUERY',
      'from must be a date (YYYY-MM-DD), a month (YYYY-MM) or an ISO instant',
    );
    expectSaid(
      await both(() => http, 'GET', '/api/ledger?from=2026-05&to=2026-03', { token }),
      400,
      'INVALID_QUERY',
      '`to` is before `from`',
    );
  });

  it('422: an unknown workflow (the engine says it by a key)', async () => {
    const a = await both(() => http, 'POST', '/api/cases', {
      token: tokens.get('hq.staff')!,
      body: { workflow: 'nope', data: {} },
    });
    expectSaid(a, 422, 'UNKNOWN_WORKFLOW', 'unknown workflow "nope"');
  });

  it('409: a record whose key another record has, named by the type title and field label', async () => {
    const token = tokens.get('hq.staff')!;
    const body = { data: { customerName: '张三', phone: '13912345678' } };
    expect((await http.call('POST', '/api/records/customer', { token, body })).status).toBe(201);
    const a = await both(() => http, 'POST', '/api/records/customer', { token, body });
    expectSaid(a, 409, 'DUPLICATE_RECORD', 'a customer record with the same phone exists already');
    expect(a.zh.body.detail).toBe('已有联系电话相同的客户档案');
  });

  it('409: a user that exists already', async () => {
    const body = { username: 'hq.staff', password: 'a long enough pass phrase 77', unit: 'hq', roles: [] };
    const a = await both(() => http, 'POST', '/api/users', { token: tokens.get('admin')!, body });
    expectSaid(a, 409, 'USER_EXISTS', 'user "hq.staff" exists already');
  });

  it('422: a new password the policy refuses, at its field', async () => {
    const a = await both(() => http, 'POST', '/api/me/password', {
      token: tokens.get('hq.gm')!,
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'short' },
    });
    expectSaid(a, 422, 'WEAK_PASSWORD', 'the password is not allowed: use at least 12 characters');
    expect(a.en.body.errors).toEqual([
      expect.objectContaining({ path: '/newPassword', code: 'passwordTooShort', min: 12 }),
    ]);
    expect(a.zh.body.errors![0]!.message).toBe('密码至少需要 12 个字符');
  });

  it("without Accept-Language: the user's own language, Chinese unless they chose English", async () => {
    const res = await http.call('GET', '/api/nowhere', { token: tokens.get('hq.staff')! });
    expect(res.body.detail).toBe('没有这个接口，可用的接口见 /api/docs');
  });
});
