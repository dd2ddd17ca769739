import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginLimiter } from '../../server/auth/login-limiter.ts';
import { limitKeyOf } from '../../server/http/client-address.ts';
import { silentLogger } from '../../server/log.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { DEMO_PASSWORD, testServer, type TestServer } from './server-support.ts';

const USERS = ['hq.mgr', 'hq.dir', 'b1.staff', 'b1.lead', 'b1.tech', 'b2.lead'];

/**
 * A fresh test server (its own limiter) for the tests of the enclosing describe. Started in a hook:
 * a process's first start compiles every definition schema and builds the password checker's
 * dictionaries, seconds on a busy machine, which the 30 s test timeout is not for.
 */
function serverForSuite(options: Parameters<typeof testServer>[0] = {}): () => TestServer {
  let s: TestServer | undefined;
  beforeAll(async () => {
    s = await testServer(options);
  });
  afterAll(async () => {
    await s?.close();
  });
  return () => s!;
}

describe('login limits per address across usernames (password spraying)', () => {
  describe('with the default limits', () => {
    const server = serverForSuite();
    it('answers 429 to one address trying a few passwords on many usernames, and backs off further with each failure', async () => {
      const s = server();
      // given one address (every app.request shares one) spraying 20 usernames × 4 passwords
      const statuses: number[] = [];
      for (let p = 0; p < 4; p++)
        for (let u = 0; u < 20; u++) {
          statuses.push(
            (
              await s.call('POST', '/api/auth/login', {
                body: {
                  username: USERS[u % USERS.length] + (u >= USERS.length ? `.${u}` : ''),
                  password: `spray-${p}`,
                },
              })
            ).status,
          );
        }
      // then the eleventh failure is the last 401: after it every attempt waits, whichever username
      expect(statuses.filter((x) => x === 401)).toHaveLength(10);
      expect(statuses.slice(10).every((x) => x === 429)).toBe(true);
      // and the right password from that address waits too, for as long as Retry-After says
      const blocked = await s.call('POST', '/api/auth/login', {
        body: { username: 'b1.staff', password: DEMO_PASSWORD },
      });
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('RATE_LIMITED');
      const first = Number(blocked.headers.get('retry-after'));
      expect(first).toBeGreaterThanOrEqual(1);
      // when the wait is over, another failure doubles it
      s.clock.advance(first * 1000);
      expect(
        (await s.call('POST', '/api/auth/login', { body: { username: 'b2.lead', password: 'spray-5' } })).status,
      ).toBe(401);
      const second = Number(
        (
          await s.call('POST', '/api/auth/login', { body: { username: 'b1.staff', password: DEMO_PASSWORD } })
        ).headers.get('retry-after'),
      );
      expect(second).toBe(first * 2);
      // and a correct login after the wait gets in (the pair of b1.staff and this address never failed five times)
      s.clock.advance(second * 1000);
      expect(
        (await s.call('POST', '/api/auth/login', { body: { username: 'b1.staff', password: DEMO_PASSWORD } })).status,
      ).toBe(200);
    });
  });

  describe('with an address allowing 100 failures', () => {
    const server = serverForSuite({ loginLimits: { addressFailures: 100 } });
    it('keeps the limit per (username, address) beside it: five failures block that username even below the address limit', async () => {
      const s = server();
      for (let i = 0; i < 5; i++)
        expect(
          (await s.call('POST', '/api/auth/login', { body: { username: 'b1.lead', password: `wrong-${i}` } })).status,
        ).toBe(401);
      expect(
        (await s.call('POST', '/api/auth/login', { body: { username: 'b1.lead', password: DEMO_PASSWORD } })).status,
      ).toBe(429);
      expect(
        (await s.call('POST', '/api/auth/login', { body: { username: 'b1.staff', password: DEMO_PASSWORD } })).status,
      ).toBe(200);
    });
  });
});

describe('the limiter trimming its memory', () => {
  it('never forgets a blocked key, however many other keys fail after it', () => {
    // given a key blocked by five failures
    const limiter = createLoginLimiter();
    const now = 1_000_000;
    for (let i = 0; i < 5; i++) limiter.failed('victim', '10.0.0.1', now);
    expect(limiter.retryAfter('victim', '10.0.0.1', now)).toBeGreaterThan(0);
    // when a spray of fresh keys (one failure each, from many addresses) fills the memory past its bound
    for (let i = 0; i < 120_000; i++)
      limiter.failed(`user-${i}`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, now + 1);
    // then the memory was trimmed, but the blocked key still blocks
    expect(limiter.size().pairs).toBeLessThanOrEqual(100_000);
    expect(limiter.retryAfter('victim', '10.0.0.1', now + 2)).toBeGreaterThan(0);
  });
});

describe('client addresses', () => {
  it('counts IPv6 clients by their /64, since one subscriber holds all of it', () => {
    expect(limitKeyOf('2001:db8:1:2:aaaa::1')).toBe(limitKeyOf('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(limitKeyOf('2001:db8:1:2::1')).not.toBe(limitKeyOf('2001:db8:1:3::1'));
    expect(limitKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(limitKeyOf('192.0.2.7')).toBe('192.0.2.7');
  });
});

describe('X-Forwarded-For (SERVICEFRAME_TRUST_PROXY), on a listening server', () => {
  let dir: string;
  let untrusted: RunningServer;
  let trusted: RunningServer;
  const common = (name: string) => ({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, name),
    definitionsDir: join(dir, 'definitions'),
    adminPassword: 'proxy-admin-password',
    demoPassword: DEMO_PASSWORD,
    log: silentLogger,
    schedulerIntervalMs: 60_000,
  });
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sf-proxy-'));
    cpSync('tests/fixtures/engine', join(dir, 'definitions', 'engine'), { recursive: true });
    cpSync('tests/fixtures/server', join(dir, 'definitions', 'server'), { recursive: true });
    untrusted = await startServer(common('direct'));
    trusted = await startServer({ ...common('proxied'), trustProxy: ['127.0.0.1'] });
  }, 60_000);
  afterAll(async () => {
    await untrusted?.close();
    await trusted?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const attempt = (server: RunningServer, forwardedFor: string, username = 'b1.staff') =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ username, password: 'not-the-password' }),
    }).then((r) => r.status);

  it('ignores the header unless the peer is the named proxy: a client cannot pose as many', async () => {
    // given a client that writes a new X-Forwarded-For on each attempt against one username
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push(await attempt(untrusted, `198.51.100.${i}`));
    // then they all count against its real address
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('reads the client from the header when the peer is the proxy, so one blocked client does not block the others behind it', async () => {
    for (let i = 0; i < 5; i++) expect(await attempt(trusted, '203.0.113.9')).toBe(401);
    expect(await attempt(trusted, '203.0.113.9')).toBe(429);
    // another client behind the same proxy is not blocked
    expect(await attempt(trusted, '203.0.113.10')).toBe(401);
    // and what the client wrote left of the proxy's entry proves nothing: the proxy appended the real address
    expect(await attempt(trusted, '203.0.113.77, 203.0.113.9')).toBe(429);
  });
});
