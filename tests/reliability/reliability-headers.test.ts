// Security headers and limits (issue 7): CSP without inline scripts, cookies, CORS closed by
// default and open only to listed origins, body limits, path traversal under /ui.
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { corsOriginsFromEnv } from '../../server/middleware/cross-origin.ts';
import { rateLimitFromEnv } from '../../server/middleware/rate-limit.ts';
import { DEMO_PASSWORD, testServer, ticketData, type TestServer } from '../server/server-support.ts';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

function cspOf(headers: Headers): Map<string, string[]> {
  const policy = headers.get('content-security-policy') ?? '';
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  it('serves the staff app and the API with a content security policy that allows no inline script', async () => {
    s = await testServer();
    for (const path of ['/', '/api/health', '/api/openapi.json', '/api/cases']) {
      const res = await s.app.request(path);
      const csp = cspOf(res.headers);
      const scripts = csp.get('script-src') ?? csp.get('default-src') ?? [];
      expect(scripts, `${path} script-src`).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    // and the page itself has no inline script or inline event handler that the policy would block
    const page = await (await s.app.request('/')).text();
    const scriptTags = [...page.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)];
    for (const [tag, body] of scriptTags) {
      expect(tag).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe('');
    }
    expect(page).not.toMatch(/\son[a-z]+\s*=/i);
    expect(page).not.toMatch(/javascript:/i);
  });

  it('sets exactly what hono secureHeaders sets with the same policy, on answers made either way', async () => {
    // given hono's own middleware with the policy the server uses
    const reference = new Hono();
    reference.use(
      '*',
      secureHeaders({
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
        },
      }),
    );
    reference.get('/', (c) => c.json({}));
    const expected = [...(await reference.request('/')).headers].filter(([name]) => name !== 'content-type');
    expect(expected.length).toBeGreaterThan(10);
    // when the server answers a case (jsonAnswer), a list (c.json), a problem and a page
    s = await testServer();
    const token = await s.login('b1.staff');
    const created = await s.call('POST', '/api/cases', { token, body: { workflow: 'ticket', data: ticketData() } });
    const answers = [
      await s.app.request(`/api/cases/${created.body.id as string}`, { headers: { authorization: `Bearer ${token}` } }),
      await s.app.request('/api/cases', { headers: { authorization: `Bearer ${token}` } }),
      await s.app.request('/api/cases/nope', { headers: { authorization: `Bearer ${token}` } }),
      await s.app.request('/'),
    ];
    // then each carries those headers with those values
    for (const res of answers)
      for (const [name, value] of expected) expect(res.headers.get(name), `${res.url} ${name}`).toBe(value);
    expect(answers[0]!.headers.get('content-type')).toBe('application/json');
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, and Secure over HTTPS', async () => {
    s = await testServer();
    const login = (url: string) =>
      s!.app.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'b1.staff', password: DEMO_PASSWORD }),
      });
    const https = (await login('https://service.example.com/api/auth/login')).headers.get('set-cookie')!;
    expect(https).toMatch(/HttpOnly/i);
    expect(https).toMatch(/SameSite=Strict/i);
    expect(https).toMatch(/;\s*Secure/i);
    expect(https).toMatch(/Path=\//i);
    expect((await login('http://127.0.0.1/api/auth/login')).headers.get('set-cookie')).toMatch(
      /HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/i,
    );
  });
});

describe('cross-origin requests', () => {
  it('are closed by default: no Access-Control header, preflights refused', async () => {
    s = await testServer();
    const token = await s.login('b1.staff');
    const res = await s.app.request('/api/cases', {
      headers: { origin: 'https://evil.example', authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await s.app.request('/api/cases', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.status).not.toBe(204);
  });

  it('open to the listed embedding origins only, without credentials', async () => {
    s = await testServer();
    const app = createApp(s.services, { corsOrigins: ['https://portal.example.com'] });
    const preflight = await app.request('/api/cases', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://portal.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://portal.example.com');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const bundle = await app.request('/ui/serviceframe.js', { headers: { origin: 'https://portal.example.com' } });
    expect(bundle.headers.get('access-control-allow-origin')).toBe('https://portal.example.com');
    // a case answer too (written with its headers at once, see jsonAnswer), keeping its Location
    const token = await s.login('b1.staff');
    const created = await app.request('/api/cases', {
      method: 'POST',
      headers: {
        origin: 'https://portal.example.com',
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ workflow: 'ticket', data: ticketData() }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe('https://portal.example.com');
    expect(created.headers.get('location')).toMatch(/^\/api\/cases\/./);
    expect(created.headers.get('x-content-type-options')).toBe('nosniff');
    const other = await app.request('/api/health', { headers: { origin: 'https://portal.example.com.evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(corsOriginsFromEnv({ SERVICEFRAME_CORS_ORIGINS: ' https://a.example/, https://b.example ,' })).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    expect(corsOriginsFromEnv({})).toEqual([]);
  });
});

describe('limits', () => {
  it('refuses bodies over the limit with 413 before reading them, and stores nothing', async () => {
    s = await testServer({ bodyLimit: 64 * 1024 });
    const token = await s.login('b1.staff');
    const big = await s.call('POST', '/api/cases', {
      token,
      body: { workflow: 'ticket', data: ticketData('x'.repeat(70 * 1024)) },
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ status: 413, code: 'TOO_LARGE' });
    expect(await s.services.store.countCases()).toBe(0);
  });

  it('answers a flood from one address with 429 and Retry-After, and serves it again at the steady rate', async () => {
    s = await testServer();
    let time = 1_000_000;
    const app = createApp(s.services, { rateLimit: { perSecond: 10, burst: 20, now: () => time } });
    const statuses = [];
    for (let i = 0; i < 25; i++) statuses.push((await app.request('/api/health')).status);
    expect(statuses.filter((x) => x === 200)).toHaveLength(20);
    const limited = await app.request('/api/health');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/problem\+json/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    time += 1000;
    const after: number[] = [];
    for (let i = 0; i < 12; i++) after.push((await app.request('/api/health')).status);
    expect(after.filter((x) => x === 200)).toHaveLength(10);
    expect(rateLimitFromEnv({ SERVICEFRAME_RATE_LIMIT: '50' })).toEqual({ perSecond: 50 });
    expect(rateLimitFromEnv({ SERVICEFRAME_RATE_LIMIT: 'lots' })).toEqual({});
  });

  it('limits /metrics much more tightly than the API, refused requests too', async () => {
    s = await testServer();
    const time = 5_000_000;
    const app = createApp(s.services, {
      rateLimit: { perSecond: 1000, now: () => time },
      metricsToken: 'scraper-token',
    });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push((await app.request('/metrics', { headers: { authorization: 'Bearer scraper-token' } })).status);
    expect(statuses.filter((x) => x === 200)).toHaveLength(20);
    expect(statuses.slice(20).every((x) => x === 429)).toBe(true);
    expect((await app.request('/api/health')).status).toBe(200);
  });

  it('serves nothing outside the UI folder, however the path is spelled', async () => {
    s = await testServer();
    for (const path of [
      '/ui/../package.json',
      '/ui/..%2F..%2Fpackage.json',
      '/ui/%2e%2e/%2e%2e/package.json',
      '/ui/..%5C..%5Cpackage.json',
      '/ui/%2e%2e%2fserver%2fapp.ts',
    ]) {
      const res = await s.app.request(path);
      const text = await res.text();
      expect(res.status, path).toBe(404);
      expect(text).not.toMatch(/"name": "serviceframe"|createApp/);
    }
  });
});
