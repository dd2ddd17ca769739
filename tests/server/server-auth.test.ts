import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureFiles, testServer, type TestServer } from './server-support.ts';
import { SIGNED_IN_COOKIE } from '../../server/auth/tokens.ts';
import { SIGNED_IN_COOKIE as UI_SIGNED_IN_COOKIE } from '../../ui/api/client.ts';

let s: TestServer;
beforeEach(async () => {
  s = await testServer({ loginLimits: { maxFailures: 3, windowMs: 60_000 } });
});
afterEach(async () => s.close());

describe('logins', () => {
  it('gives a token and the user, and a strict HttpOnly cookie', async () => {
    const res = await s.call('POST', '/api/auth/login', {
      body: { username: 'b1.staff', password: 'demo-password-1' },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual(expect.objectContaining({ username: 'b1.staff', unit: 'b1', roles: ['staff'] }));
    expect(res.headers.get('set-cookie')).toMatch(/sf_session=.+HttpOnly.*SameSite=Strict/i);
    const me = await s.call('GET', '/api/me', { token: res.body.token });
    expect(me.body).toEqual(expect.objectContaining({ username: 'b1.staff', actingUnit: 'b1', customer: false }));
    // the app shows the worklist from the login answer alone: it says what GET /api/me says
    expect(res.body.user).toEqual(me.body);
  });

  it('keeps a readable signed-in marker beside the session cookie, and logout clears both', async () => {
    const res = await s.call('POST', '/api/auth/login', {
      body: { username: 'b1.staff', password: 'demo-password-1' },
    });
    const cookies = res.headers.getSetCookie();
    const marker = cookies.find((c) => c.startsWith(`${UI_SIGNED_IN_COOKIE}=`));
    expect(SIGNED_IN_COOKIE).toBe(UI_SIGNED_IN_COOKIE);
    expect(marker).toMatch(/SameSite=Strict/i);
    expect(marker).not.toMatch(/HttpOnly/i);
    expect(marker).not.toContain(res.body.token);
    const out = await s.call('POST', '/api/auth/logout', { token: res.body.token });
    expect(out.status).toBe(204);
    const cleared = out.headers.getSetCookie();
    expect(cleared.find((c) => c.startsWith('sf_session='))).toMatch(/Max-Age=0/i);
    expect(cleared.find((c) => c.startsWith(`${SIGNED_IN_COOKIE}=`))).toMatch(/Max-Age=0/i);
  });

  it('accepts the session cookie instead of a bearer token', async () => {
    const token = await s.login('b1.staff');
    const me = await s.call('GET', '/api/me', { headers: { cookie: `sf_session=${token}` } });
    expect(me.status).toBe(200);
  });

  it('refuses a wrong password and an unknown user alike, as problem documents', async () => {
    const wrong = await s.call('POST', '/api/auth/login', { body: { username: 'b1.staff', password: 'nope' } });
    const unknown = await s.call('POST', '/api/auth/login', { body: { username: 'nobody', password: 'nope' } });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('rate-limits failed logins per username and address with 429 and Retry-After', async () => {
    for (let i = 0; i < 3; i++)
      await s.call('POST', '/api/auth/login', { body: { username: 'b1.lead', password: 'x' } });
    const blocked = await s.call('POST', '/api/auth/login', {
      body: { username: 'b1.lead', password: 'demo-password-1' },
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // another username is not blocked
    expect(
      (await s.call('POST', '/api/auth/login', { body: { username: 'b1.staff', password: 'demo-password-1' } })).status,
    ).toBe(200);
    s.clock.advance(61_000);
    expect(
      (await s.call('POST', '/api/auth/login', { body: { username: 'b1.lead', password: 'demo-password-1' } })).status,
    ).toBe(200);
  });

  it('answers 401 without a login, with a malformed header, an unknown token, an expired one, after logout', async () => {
    expect((await s.call('GET', '/api/me')).status).toBe(401);
    expect((await s.call('GET', '/api/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    expect((await s.call('GET', '/api/me', { token: 'made-up' })).status).toBe(401);
    const token = await s.login('b1.staff');
    expect((await s.call('POST', '/api/auth/logout', { token })).status).toBe(204);
    expect((await s.call('GET', '/api/me', { token })).status).toBe(401);
    const other = await s.login('b1.staff');
    s.clock.advance(s.services.sessionTtlMs + 1);
    const expired = await s.call('GET', '/api/me', { token: other });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('rejects malformed, mistyped and over-complete login bodies', async () => {
    expect(
      (
        await s.call('POST', '/api/auth/login', {
          raw: '{"username":',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await s.call('POST', '/api/auth/login', {
          raw: 'username=a',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(415);
    const extra = await s.call('POST', '/api/auth/login', { body: { username: 'a', password: 'b', admin: true } });
    expect(extra.status).toBe(422);
    expect(extra.body.errors).toContainEqual(expect.objectContaining({ path: '/admin' }));
    const typed = await s.call('POST', '/api/auth/login', { body: { username: 5, password: 'b' } });
    expect(typed.body.errors).toContainEqual(expect.objectContaining({ path: '/username' }));
  });
});

describe('users (admin)', () => {
  it('lists users to the administrator only', async () => {
    const admin = await s.login('admin');
    const list = await s.call('GET', '/api/users', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.map((u: { username: string }) => u.username)).toEqual(
      expect.arrayContaining(['admin', 'b1.staff', 'cust.a']),
    );
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt/);
    expect((await s.call('GET', '/api/users', { token: await s.login('hq.dir') })).status).toBe(403);
  });

  it('creates a user who can log in; refuses duplicates, unknown units and roles', async () => {
    const admin = await s.login('admin');
    const created = await s.call('POST', '/api/users', {
      token: admin,
      body: { username: 'b2.staff', password: 'b2-staff-pass-2026', unit: 'b2', roles: ['staff'] },
    });
    expect(created.status).toBe(201);
    expect(await s.login('b2.staff', 'b2-staff-pass-2026')).toBeTruthy();
    expect(
      (
        await s.call('POST', '/api/users', {
          token: admin,
          body: { username: 'b2.staff', password: 'b2-staff-pass-2026', unit: 'b2', roles: ['staff'] },
        })
      ).status,
    ).toBe(409);
    const bad = await s.call('POST', '/api/users', {
      token: admin,
      body: { username: 'x1', password: 'b2-staff-pass-2026', unit: 'b9', roles: ['wizard'] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['/unit', '/roles/0']);
    expect(
      (
        await s.call('POST', '/api/users', {
          token: await s.login('b1.lead'),
          body: { username: 'x2', password: 'b2-staff-pass-2026', unit: 'b1', roles: [] },
        })
      ).status,
    ).toBe(403);
  });

  it('refuses a disabled user at once, and moves a user between units', async () => {
    const admin = await s.login('admin');
    const token = await s.login('b1.tech');
    const off = await s.call('PATCH', '/api/users/b1.tech', { token: admin, body: { disabled: true } });
    expect(off.status).toBe(200);
    expect((await s.call('GET', '/api/me', { token })).status).toBe(401);
    expect(
      (await s.call('POST', '/api/auth/login', { body: { username: 'b1.tech', password: 'demo-password-1' } })).status,
    ).toBe(401);
    const moved = await s.call('PATCH', '/api/users/b1.lead', {
      token: admin,
      body: { unit: 'b2', roles: ['lead', 'staff'] },
    });
    expect(moved.body).toEqual(expect.objectContaining({ unit: 'b2', roles: ['lead', 'staff'] }));
    expect((await s.call('PATCH', '/api/users/ghost', { token: admin, body: { disabled: true } })).status).toBe(404);
  });
});

describe('directory (names for ids)', () => {
  it('gives staff every unit and person by name with their roles, disabled ones too (marked), and a customer only themself', async () => {
    const admin = await s.login('admin');
    const created = await s.call('POST', '/api/users', {
      token: admin,
      body: { username: 'b2.wang', password: 'a-long-password-1', name: '王师傅', unit: 'b2', roles: ['tech'] },
    });
    expect(created.status, created.text).toBe(201);
    expect((await s.call('PATCH', '/api/users/b2.wang', { token: admin, body: { disabled: true } })).status).toBe(200);

    const staff = await s.call('GET', '/api/directory', { token: await s.login('b1.staff') });
    expect(staff.status, staff.text).toBe(200);
    expect(staff.body.units.map((u: { name: string }) => u.name).sort()).toEqual(['b1', 'b2', 'hq', 'hq-ops']);
    expect(staff.body.units).toContainEqual(expect.objectContaining({ name: 'b1', parent: 'hq' }));
    // another branch's technician, disabled since: old histories still show their name, no form offers them
    expect(staff.body.people).toContainEqual({
      username: 'b2.wang',
      name: '王师傅',
      unit: 'b2',
      roles: ['tech'],
      disabled: true,
    });
    // roles, so that a user field offers only the people holding its role
    expect(staff.body.people).toContainEqual({ username: 'b1.tech', name: null, unit: 'b1', roles: ['tech'] });
    expect(staff.body.people.map((p: { username: string }) => p.username)).toEqual(
      expect.arrayContaining(['b1.lead', 'hq.mgr', 'cust.a']),
    );
    expect(JSON.stringify(staff.body), 'no contact details').not.toMatch(/@example\.com|13800000001/);

    const customer = await s.call('GET', '/api/directory', { token: await s.login('cust.a') });
    expect(customer.status).toBe(200);
    expect(customer.body.people).toEqual([{ username: 'cust.a', name: null, unit: 'b1' }]);
    expect(customer.body.units.length).toBe(4);
    // both learn the username the engine's own actor writes (timers, schedules)
    expect([staff.body.system, customer.body.system]).toEqual(['system', 'system']);
  });

  it('gives a customer, by name only, the people of their own cases (NORM-5)', async () => {
    const cust = await s.login('cust.a');
    const started = await s.call('POST', '/api/cases', {
      token: cust,
      body: { workflow: 'ticket', data: { customerName: 'Customer A', phone: '13800000009' } },
    });
    expect(started.status, started.text).toBe(201);
    const dispatched = await s.call('POST', `/api/cases/${started.body.id}/events`, {
      token: await s.login('b1.lead'),
      body: { type: 'dispatch', data: { technician: 'b1.tech' }, expectedVersion: started.body.version },
    });
    expect(dispatched.status, dispatched.text).toBe(200);
    // a case of someone else's, handled by others: its people stay unnamed for this customer
    await s.call('POST', '/api/cases', {
      token: await s.login('b2.lead'),
      body: { workflow: 'ticket', data: { customerName: 'Other', phone: '13800000008' } },
    });

    const directory = await s.call('GET', '/api/directory', { token: cust });
    expect(directory.body.people.map((p: { username: string }) => p.username).sort()).toEqual([
      'b1.lead',
      'b1.tech',
      'cust.a',
    ]);
    expect(JSON.stringify(directory.body.people), 'names and units, no roles or contact details').not.toMatch(
      /roles|email|mobile|@example/,
    );
  });
});

describe('administrators', () => {
  it('counts an Organization role marked admin as the admin flag: users, publishing, every unit (and /api/me says so)', async () => {
    // the fixture Organization with one more role, marked admin
    const files = fixtureFiles().map((f) =>
      f.path.endsWith('org.yaml')
        ? {
            ...f,
            text: f.text.replace(
              '    - { name: customer, customer: true }',
              '    - { name: customer, customer: true }\n    - { name: sysadmin, admin: true }',
            ),
          }
        : f,
    );
    expect(files.some((f) => f.text.includes('name: sysadmin'))).toBe(true);
    const t = await testServer({ initialFiles: () => files });
    try {
      const admin = await t.login('admin');
      const made = await t.call('POST', '/api/users', {
        token: admin,
        body: { username: 'ops', password: 'a-long-password-2', unit: 'b2', roles: ['sysadmin'] },
      });
      expect(made.status, made.text).toBe(201);
      expect(made.body.admin, 'no flag of its own').toBe(false);
      const ops = await t.login('ops', 'a-long-password-2');
      expect((await t.call('GET', '/api/me', { token: ops })).body.admin).toBe(true);
      expect((await t.call('GET', '/api/users', { token: ops })).status).toBe(200);
      expect((await t.call('PATCH', '/api/users/b1.staff', { token: ops, body: { name: 'Staff One' } })).status).toBe(
        200,
      );
      expect((await t.call('GET', '/api/definitions/versions', { token: ops })).status).toBe(200);
      // and someone without either stays refused
      const staff = await t.login('b1.staff');
      expect((await t.call('GET', '/api/me', { token: staff })).body.admin).toBe(false);
      expect((await t.call('GET', '/api/users', { token: staff })).status).toBe(403);
    } finally {
      await t.close();
    }
  });
});
