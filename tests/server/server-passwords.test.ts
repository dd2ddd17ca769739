import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPassword } from '../../server/auth/password-policy.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD, testServer, type TestServer } from './server-support.ts';

let s: TestServer;
beforeEach(async () => {
  s = await testServer();
});
afterEach(async () => s.close());

const GOOD = 'violet-harbour-ledger-42';

describe('the password policy', () => {
  it('refuses short, common and guessable passwords, and ones built from the user, with a code for each reason', () => {
    expect(checkPassword('password')?.code).toBe('passwordTooShort');
    expect(checkPassword('12345678')?.code).toBe('passwordTooShort');
    expect(checkPassword('password1234')?.code).toBe('passwordCommon');
    expect(checkPassword('123456789012')?.code).toBe('passwordCommon');
    expect(checkPassword('aaaaaaaaaaaaaaaa')?.code).toBe('passwordGuessable');
    expect(checkPassword('b1.staffb1.staff', { username: 'b1.staff' })?.code).toBe('passwordPersonal');
    expect(checkPassword('x'.repeat(257))?.code).toBe('passwordTooLong');
    expect(checkPassword(GOOD)).toBeUndefined();
  });

  it('applies when an administrator creates a user or resets a password: 422 with the reason at the field, nothing changes', async () => {
    const admin = await s.login('admin');
    for (const password of ['password', '12345678', 'password1234']) {
      const made = await s.call('POST', '/api/users', {
        token: admin,
        body: { username: 'b2.new', password, unit: 'b2', roles: ['staff'] },
      });
      expect(made.status).toBe(422);
      expect(made.headers.get('content-type')).toMatch(/problem\+json/);
      expect(made.body.errors).toEqual([
        expect.objectContaining({ path: '/password', code: expect.stringMatching(/^password/) }),
      ]);
    }
    expect(
      (await s.call('POST', '/api/auth/login', { body: { username: 'b2.new', password: 'password1234' } })).status,
    ).toBe(401);
    const reset = await s.call('PATCH', '/api/users/b1.tech', {
      token: admin,
      body: { password: '12345678', unit: 'b2' },
    });
    expect(reset.status).toBe(422);
    expect(reset.body.errors).toEqual([
      expect.objectContaining({ path: '/password', code: 'passwordTooShort', min: 12 }),
    ]);
    // nothing changed: neither the password nor the unit sent with it
    expect(
      (await s.call('POST', '/api/auth/login', { body: { username: 'b1.tech', password: DEMO_PASSWORD } })).body.user
        .unit,
    ).toBe('b1');
  });
});

describe('POST /api/me/password', () => {
  it("changes one's own password with the current one, ends the other sessions and keeps this one", async () => {
    const here = await s.login('b1.staff');
    const elsewhere = await s.login('b1.staff');
    const changed = await s.call('POST', '/api/me/password', {
      token: here,
      body: { currentPassword: DEMO_PASSWORD, newPassword: GOOD },
    });
    expect(changed.status).toBe(204);
    expect((await s.call('GET', '/api/me', { token: here })).status).toBe(200);
    expect((await s.call('GET', '/api/me', { token: elsewhere })).status).toBe(401);
    expect(
      (await s.call('POST', '/api/auth/login', { body: { username: 'b1.staff', password: DEMO_PASSWORD } })).status,
    ).toBe(401);
    expect((await s.call('POST', '/api/auth/login', { body: { username: 'b1.staff', password: GOOD } })).status).toBe(
      200,
    );
  });

  it('refuses a wrong current password and a weak new one at their fields, changing nothing', async () => {
    const token = await s.login('b1.staff');
    const wrong = await s.call('POST', '/api/me/password', {
      token,
      body: { currentPassword: 'not-it', newPassword: GOOD },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: '/currentPassword', code: 'wrongPassword' })]);
    const weak = await s.call('POST', '/api/me/password', {
      token,
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'password1234' },
    });
    expect(weak.status).toBe(422);
    expect(weak.body.errors).toEqual([expect.objectContaining({ path: '/newPassword', code: 'passwordCommon' })]);
    const missing = await s.call('POST', '/api/me/password', { token, body: { newPassword: GOOD } });
    expect(missing.body.errors).toContainEqual(expect.objectContaining({ path: '/currentPassword' }));
    expect(
      (await s.call('POST', '/api/auth/login', { body: { username: 'b1.staff', password: DEMO_PASSWORD } })).status,
    ).toBe(200);
    expect(
      (await s.call('POST', '/api/me/password', { body: { currentPassword: DEMO_PASSWORD, newPassword: GOOD } }))
        .status,
    ).toBe(401);
  });

  it('counts wrong current passwords against the login limits, so a borrowed session cannot guess it', async () => {
    const token = await s.login('b1.staff');
    for (let i = 0; i < 5; i++)
      expect(
        (
          await s.call('POST', '/api/me/password', {
            token,
            body: { currentPassword: `guess-${i}`, newPassword: GOOD },
          })
        ).status,
      ).toBe(422);
    const blocked = await s.call('POST', '/api/me/password', {
      token,
      body: { currentPassword: DEMO_PASSWORD, newPassword: GOOD },
    });
    expect(blocked.status).toBe(429);
  });
});

describe("an administrator's reset", () => {
  it('forces a change at the next login: the login says so, everything but /api/me, the change and logout answers 403 until then', async () => {
    const admin = await s.login('admin');
    const before = await s.login('b1.tech');
    expect(
      (await s.call('PATCH', '/api/users/b1.tech', { token: admin, body: { password: 'reset-by-admin-2026' } })).status,
    ).toBe(200);
    // the reset ends the user's sessions
    expect((await s.call('GET', '/api/me', { token: before })).status).toBe(401);
    const login = await s.call('POST', '/api/auth/login', {
      body: { username: 'b1.tech', password: 'reset-by-admin-2026' },
    });
    expect(login.status).toBe(200);
    expect(login.body.mustChangePassword).toBe(true);
    const token = login.body.token as string;
    expect((await s.call('GET', '/api/me', { token })).body.mustChangePassword).toBe(true);
    const gated = await s.call('GET', '/api/cases', { token });
    expect(gated.status).toBe(403);
    expect(gated.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await s.call('GET', '/api/directory', { token })).status).toBe(403);
    // when the user chooses their own
    expect(
      (
        await s.call('POST', '/api/me/password', {
          token,
          body: { currentPassword: 'reset-by-admin-2026', newPassword: GOOD },
        })
      ).status,
    ).toBe(204);
    // then the same session works and the next login says nothing more
    expect((await s.call('GET', '/api/cases', { token })).status).toBe(200);
    expect((await s.call('GET', '/api/me', { token })).body.mustChangePassword).toBe(false);
    expect(
      (await s.call('POST', '/api/auth/login', { body: { username: 'b1.tech', password: GOOD } })).body
        .mustChangePassword,
    ).toBeUndefined();
  });

  it('does not force an administrator who resets their own password', async () => {
    const admin = await s.login('admin');
    expect((await s.call('PATCH', '/api/users/admin', { token: admin, body: { password: GOOD } })).status).toBe(200);
    const login = await s.call('POST', '/api/auth/login', { body: { username: 'admin', password: GOOD } });
    expect(login.body.mustChangePassword).toBeUndefined();
    expect(ADMIN_PASSWORD).not.toBe(GOOD);
  });

  it('forces a change on first login when SERVICEFRAME_ADMIN_PASSWORD fails the policy (the server still starts)', async () => {
    const weak = await testServer({ adminPassword: 'admin' });
    try {
      const login = await weak.call('POST', '/api/auth/login', { body: { username: 'admin', password: 'admin' } });
      expect(login.body.mustChangePassword).toBe(true);
    } finally {
      await weak.close();
    }
  });
});
