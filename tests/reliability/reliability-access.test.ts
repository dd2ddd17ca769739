// covers: ORG-3, NORM-5, TND-7
// The access-control matrix (issue 7): every endpoint that reads or writes a scoped object ×
// every kind of user × the object's relation to them (own unit, parent unit, sibling unit, child
// unit, the customer's own, another customer's). Denied reads and writes of existing objects
// answer exactly as missing ones do.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, testServer, ticketData, type TestServer } from '../server/server-support.ts';

let s: TestServer;
const tokens = new Map<string, string>();
const cells = { count: 0 };
const EXTRA_PASSWORD = 'matrix-password-1';

/** Who is asked, and what they may do (from the Organization in tests/fixtures/engine/org.yaml). */
const USERS = {
  admin: { sees: 'all', notes: false, staff: true },
  'hq.dir': { sees: 'all', notes: false, staff: true }, // root unit
  'hq.mgr': { sees: 'all', notes: false, staff: true }, // department acting for the root
  'b1.staff': { sees: 'b1', notes: true, staff: true },
  'b1.lead': { sees: 'b1', notes: true, staff: true },
  'b1.tech': { sees: 'b1', notes: false, staff: true },
  'b2.staff': { sees: 'b2', notes: true, staff: true },
  'b2.lead': { sees: 'b2', notes: true, staff: true },
  'cust.a': { sees: 'customer:cust.a', notes: false, staff: false },
  'cust.b': { sees: 'customer:cust.b', notes: false, staff: false },
} as const;
type Username = keyof typeof USERS;

/** The objects, each with the unit it belongs to and the customer it is for. */
const cases: Record<string, { id: string; unit: string; customer: string | null; workflow: string }> = {};
const records: Record<string, { id: string; unit: string }> = {};

function sees(user: Username, object: { unit: string; customer?: string | null }): boolean {
  const scope = USERS[user].sees;
  if (scope === 'all') return true;
  if (scope.startsWith('customer:')) return object.customer === scope.slice('customer:'.length);
  return object.unit === scope;
}

beforeAll(async () => {
  s = await testServer();
  const admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [username, unit, roles] of [
    ['b2.staff', 'b2', ['staff']],
    ['cust.b', 'b1', ['customer']],
  ] as const) {
    const res = await s.call('POST', '/api/users', {
      token: admin,
      body: { username, password: EXTRA_PASSWORD, unit, roles: [...roles] },
    });
    expect(res.status).toBe(201);
  }
  for (const u of Object.keys(USERS) as Username[]) {
    tokens.set(
      u,
      await s.login(
        u,
        u === 'admin' ? ADMIN_PASSWORD : ['b2.staff', 'cust.b'].includes(u) ? EXTRA_PASSWORD : DEMO_PASSWORD,
      ),
    );
  }
  const create = async (name: string, user: Username, workflow: string, data: Record<string, unknown>) => {
    const res = await s.call('POST', '/api/cases', { token: tokens.get(user)!, body: { workflow, data } });
    expect(res.status, res.text).toBe(201);
    // From the store: a customer's answer names no unit (the portal's view).
    const stored = (await s.services.store.getCase(res.body.id))!;
    cases[name] = { id: res.body.id, unit: stored.unit, customer: stored.customerUser, workflow };
  };
  await create('b1', 'b1.staff', 'ticket', ticketData('Own unit'));
  await create('b2', 'b2.staff', 'ticket', ticketData('Sibling unit'));
  await create('hq', 'hq.mgr', 'hq-review', {});
  await create('custA', 'cust.a', 'ticket', ticketData('Customer A'));
  expect(cases.b1!.unit).toBe('b1');
  expect(cases.b2!.unit).toBe('b2');
  expect(cases.custA!.customer).toBe('cust.a');
  for (const [name, user, phone] of [
    ['b1', 'b1.staff', '13800000101'],
    ['b2', 'b2.staff', '13800000102'],
  ] as const) {
    const res = await s.call('POST', '/api/records/customer', {
      token: tokens.get(user)!,
      body: { data: { name: `Record ${name}`, phone } },
    });
    expect(res.status, res.text).toBe(201);
    records[name] = { id: res.body.id, unit: res.body.unit };
  }
});
afterAll(async () => {
  console.log(`access matrix: ${cells.count} cells (endpoint × user × relation)`);
  await s.close();
});

/** A problem document without `instance` (which names the path asked for). */
const shape = (body: any) => {
  const { instance: _instance, ...rest } = body ?? {};
  return rest;
};

describe('the access-control matrix', () => {
  it('reads and writes cases exactly as far as each user sees them', async () => {
    const missing = 'C999999';
    for (const user of Object.keys(USERS) as Username[]) {
      const token = tokens.get(user)!;
      const missingRead = await s.call('GET', `/api/cases/${missing}`, { token });
      const missingWrite = await s.call('POST', `/api/cases/${missing}/events`, { token, body: { type: 'note' } });
      expect([missingRead.status, missingWrite.status]).toEqual([404, 404]);
      for (const [name, c] of Object.entries(cases)) {
        const visible = sees(user, c);
        const read = await s.call('GET', `/api/cases/${c.id}`, { token });
        cells.count++;
        if (visible) expect(read.status, `${user} reads case ${name}`).toBe(200);
        else {
          expect(read.status, `${user} reads case ${name}`).toBe(404);
          expect(shape(read.body), `${user}: a case out of scope reads like a missing one`).toEqual(
            shape(missingRead.body),
          );
        }
        if (c.workflow !== 'ticket' && visible) continue; // hq-review has no note event
        const write = await s.call('POST', `/api/cases/${c.id}/events`, { token, body: { type: 'note' } });
        cells.count++;
        const expected = !visible ? 404 : USERS[user].notes ? 200 : 403;
        expect(write.status, `${user} sends a note to case ${name}: ${write.text}`).toBe(expected);
        if (!visible) expect(shape(write.body)).toEqual(shape(missingWrite.body));
      }
    }
  });

  it('lists and searches only the cases each user sees, whatever unit filter is asked for', async () => {
    for (const user of Object.keys(USERS) as Username[]) {
      const token = tokens.get(user)!;
      for (const query of [
        '',
        '?unit=b1',
        '?unit=b2',
        '?unit=hq',
        '?q=unit',
        '?q=customer',
        '?workflow=ticket',
        '?unit=nowhere',
      ]) {
        const res = await s.call('GET', `/api/cases${query}`, { token });
        cells.count++;
        expect(res.status, `${user} GET /api/cases${query}`).toBe(200);
        const listed = new Set((res.body.items as { id: string }[]).map((c) => c.id));
        for (const [name, c] of Object.entries(cases)) {
          if (!sees(user, c)) expect(listed.has(c.id), `${user} GET /api/cases${query} lists case ${name}`).toBe(false);
        }
      }
      const all = await s.call('GET', '/api/cases', { token });
      const listed = new Set((all.body.items as { id: string }[]).map((c) => c.id));
      for (const [name, c] of Object.entries(cases))
        expect(listed.has(c.id), `${user} lists case ${name}`).toBe(sees(user, c));
    }
  });

  it('reads and changes archive records only in scope; customers see none', async () => {
    for (const user of Object.keys(USERS) as Username[]) {
      const token = tokens.get(user)!;
      const missing = await s.call('GET', '/api/records/customer/r00000000000000000000', { token });
      expect(missing.status).toBe(404);
      for (const [name, r] of Object.entries(records)) {
        const visible = USERS[user].staff && sees(user, r);
        for (const path of [`/api/records/customer/${r.id}`, `/api/records/customer/${r.id}/cases`]) {
          const res = await s.call('GET', path, { token });
          cells.count++;
          expect(res.status, `${user} GET ${path} (${name})`).toBe(visible ? 200 : 404);
          if (!visible) expect(shape(res.body)).toEqual(shape(missing.body));
        }
        const current = (await s.services.storage.records.get('customer', r.id))!;
        const patch = await s.call('PATCH', `/api/records/customer/${r.id}`, {
          token,
          body: { data: { ...current.data }, expectedVersion: current.version },
        });
        cells.count++;
        expect(patch.status, `${user} PATCH record ${name}: ${patch.text}`).toBe(visible ? 200 : 404);
      }
      const list = await s.call('GET', '/api/records/customer', { token });
      cells.count++;
      const ids = new Set((list.body.items as { id: string }[]).map((r) => r.id));
      for (const [name, r] of Object.entries(records))
        expect(ids.has(r.id), `${user} lists record ${name}`).toBe(USERS[user].staff && sees(user, r));
    }
  });

  it('shows reports and scorecards of units in scope; 404 for other units, 403 for customers', async () => {
    for (const user of Object.keys(USERS) as Username[]) {
      const token = tokens.get(user)!;
      for (const unit of ['hq', 'hq-ops', 'b1', 'b2']) {
        const inScope = USERS[user].sees === 'all' || USERS[user].sees === unit;
        for (const path of [
          `/api/reports/monthly?unit=${unit}&month=2026-03`,
          `/api/scorecards?unit=${unit}&period=2026-03`,
        ]) {
          const res = await s.call('GET', path, { token });
          cells.count++;
          expect(res.status, `${user} GET ${path}`).toBe(!USERS[user].staff ? 403 : inScope ? 200 : 404);
        }
        const ledger = await s.call('GET', `/api/ledger?unit=${unit}&month=2026-03`, { token });
        cells.count++;
        if (!USERS[user].staff) expect(ledger.status).toBe(403);
        else {
          expect(ledger.status).toBe(200);
          const text = JSON.stringify(ledger.body);
          for (const [name, c] of Object.entries(cases))
            if (!sees(user, c))
              expect(text.includes(c.id), `${user} ledger unit=${unit} shows case ${name}`).toBe(false);
          for (const [name, label] of [
            ['b1', 'Own unit'],
            ['b2', 'Sibling unit'],
            ['custA', 'Customer A'],
          ] as const) {
            if (!sees(user, cases[name]!))
              expect(text.includes(label), `${user} ledger unit=${unit} shows ${label}`).toBe(false);
          }
        }
      }
    }
  });

  it('keeps administration to administrators (403 for everyone else)', async () => {
    const adminOnly: [string, string, unknown?][] = [
      ['GET', '/api/users'],
      [
        'POST',
        '/api/users',
        { username: 'intruder', password: 'intruder-pass-1', unit: 'b1', roles: ['staff'], admin: true },
      ],
      ['PATCH', '/api/users/b1.staff', { admin: true }],
      ['POST', '/api/definitions', { files: [{ path: 'x.yaml', text: 'a: 1' }] }],
      ['GET', '/api/definitions/files'],
      ['POST', '/api/definitions/rollback', { seq: 1 }],
    ];
    for (const user of Object.keys(USERS) as Username[]) {
      if (user === 'admin') continue;
      for (const [method, path, body] of adminOnly) {
        const res = await s.call(method, path, { token: tokens.get(user)!, ...(body !== undefined ? { body } : {}) });
        cells.count++;
        expect(res.status, `${user} ${method} ${path}`).toBe(403);
      }
    }
    expect(await s.services.storage.users.get('intruder')).toBeUndefined();
    expect((await s.services.storage.users.get('b1.staff'))!.admin).toBe(false);
  });

  it("shows the Organization's contacts and the definition files to administrators only, and other staff only the people of their scope (issue 13 item 4)", async () => {
    for (const user of Object.keys(USERS) as Username[]) {
      const token = tokens.get(user)!;
      const org = await s.call('GET', '/api/definitions/Organization/acme', { token });
      const older = await s.call(
        'GET',
        `/api/definitions/Organization/acme?version=${s.services.registry.current().version}`,
        { token },
      );
      const raw = await Promise.all(
        ['/api/definitions/diff?from=1&to=1', '/api/definitions/files', '/api/definitions/versions'].map((path) =>
          s.call('GET', path, { token }),
        ),
      );
      cells.count += 5;
      expect(org.status).toBe(200);
      expect(older.body, user).toEqual(org.body);
      const people = (org.body.spec.users as { username: string }[]).map((u) => u.username).sort();
      if (user === 'admin') {
        expect(org.body.spec.users, user).toContainEqual(
          expect.objectContaining({ username: 'b1.lead', email: 'lead1@example.com', mobile: '13800000001' }),
        );
        expect(
          raw.map((r) => r.status),
          user,
        ).toEqual([200, 200, 200]);
        continue;
      }
      expect(JSON.stringify(org.body), user).not.toMatch(/@example\.com|13800000001/);
      expect(
        raw.map((r) => r.status),
        user,
      ).toEqual([403, 403, 403]);
      const scope = USERS[user].sees;
      if (!USERS[user].staff) expect(people, user).toEqual([]);
      else if (scope === 'all')
        expect(people, user).toEqual(['b1.lead', 'b1.staff', 'b1.tech', 'b2.lead', 'cust.a', 'hq.dir', 'hq.mgr']);
      else expect(people, user).toEqual(scope === 'b1' ? ['b1.lead', 'b1.staff', 'b1.tech', 'cust.a'] : ['b2.lead']);
    }
  });

  it('answers 401 on every endpoint but the public ones without a valid login', async () => {
    const { ROUTES: API } = await import('../../contract/routes.ts');
    for (const e of API.filter((e) => !e.public)) {
      const path = e.path.replace(/\{[^}]+\}/g, 'x');
      for (const token of [undefined, 'not-a-token']) {
        const res = await s.call(e.method.toUpperCase(), path, {
          ...(token ? { token } : {}),
          ...(e.method !== 'get' ? { body: {} } : {}),
        });
        cells.count++;
        expect(res.status, `${e.method} ${path} with ${token ?? 'no token'}`).toBe(401);
      }
    }
  });
});

describe('sealed bids (TND-7)', () => {
  it('keeps a bid unreadable on every path until the bids are opened', async () => {
    const manager = tokens.get('hq.mgr')!;
    const staff = tokens.get('b1.staff')!;
    const started = await s.call('POST', '/api/cases', { token: staff, body: { workflow: 'bidding', data: {} } });
    expect(started.status, started.text).toBe(201);
    const id = started.body.id as string;
    const bid = await s.call('POST', `/api/cases/${id}/events`, {
      token: staff,
      body: { type: 'submit-bid', data: { price: 987654, bidder: 'Sealedcorp' } },
    });
    expect(bid.status, bid.text).toBe(200);
    const leaks = (text: string) => text.includes('Sealedcorp') || text.includes('987654');
    const paths = [
      `/api/cases/${id}`,
      '/api/cases',
      '/api/cases?workflow=bidding',
      '/api/cases?q=sealedcorp',
      '/api/cases?q=987654',
      '/api/ledger?month=2026-03',
      '/api/reports/monthly?unit=b1&month=2026-03',
    ];
    expect(leaks(bid.text), 'the answer to the bidder itself').toBe(false);
    for (const user of ['admin', 'hq.mgr', 'hq.dir', 'b1.staff', 'b1.lead'] as Username[]) {
      for (const path of paths) {
        const res = await s.call('GET', path, { token: tokens.get(user)! });
        cells.count++;
        expect(leaks(res.text), `${user} GET ${path} before opening`).toBe(false);
      }
    }
    const search = await s.call('GET', '/api/cases?q=sealedcorp', { token: manager });
    expect(search.body.items).toEqual([]);
    const opened = await s.call('POST', `/api/cases/${id}/events`, { token: manager, body: { type: 'open-bids' } });
    expect(opened.status, opened.text).toBe(200);
    const after = await s.call('GET', `/api/cases/${id}`, { token: manager });
    expect(leaks(after.text)).toBe(true);
  });
});

describe('logins', () => {
  it('rate-limits failed logins per username, whatever its case, and lets other users in', async () => {
    const t = await testServer({ loginLimits: { maxFailures: 5, windowMs: 60_000 } });
    try {
      for (let i = 0; i < 5; i++) {
        const res = await t.call('POST', '/api/auth/login', {
          body: { username: i % 2 ? 'B1.LEAD' : 'b1.lead', password: `wrong-${i}` },
        });
        expect(res.status).toBe(401);
      }
      const right = await t.call('POST', '/api/auth/login', { body: { username: 'b1.lead', password: DEMO_PASSWORD } });
      expect(right.status).toBe(429);
      expect(right.headers.get('content-type')).toMatch(/problem\+json/);
      expect(
        (await t.call('POST', '/api/auth/login', { body: { username: 'b1.staff', password: DEMO_PASSWORD } })).status,
      ).toBe(200);
      t.clock.advance(60_001);
      expect(
        (await t.call('POST', '/api/auth/login', { body: { username: 'b1.lead', password: DEMO_PASSWORD } })).status,
      ).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('refuses a disabled user at once, on the next request, and at login like a wrong password', async () => {
    const t = await testServer();
    try {
      const admin = await t.login('admin');
      const token = await t.login('b1.lead');
      expect((await t.call('GET', '/api/cases', { token })).status).toBe(200);
      expect((await t.call('PATCH', '/api/users/b1.lead', { token: admin, body: { disabled: true } })).status).toBe(
        200,
      );
      expect((await t.call('GET', '/api/cases', { token })).status).toBe(401);
      const login = await t.call('POST', '/api/auth/login', { body: { username: 'b1.lead', password: DEMO_PASSWORD } });
      const wrong = await t.call('POST', '/api/auth/login', {
        body: { username: 'b1.staff', password: 'wrong-password' },
      });
      expect(login.status).toBe(401);
      expect(shape(login.body)).toEqual(shape(wrong.body));
    } finally {
      await t.close();
    }
  });

  it('closes an open event stream as soon as its user is disabled or logs out', async () => {
    const t = await testServer();
    try {
      const admin = await t.login('admin');
      const staff = await t.login('b1.staff');
      const open = async (token: string) => {
        const res = await t.app.request('/api/stream', { headers: { authorization: `Bearer ${token}` } });
        const reader = res.body!.getReader();
        const decoder = new TextDecoder();
        const seen = { text: '', closed: false };
        void (async () => {
          for (;;) {
            const r = await reader.read().catch(() => ({ done: true as const, value: undefined }));
            if (r.done) return void (seen.closed = true);
            seen.text += decoder.decode(r.value);
          }
        })();
        return { seen, cancel: () => reader.cancel().catch(() => {}) };
      };
      // Conditions with a deadline, never fixed waits: a stream is followed once the hub counts its subscriber.
      // vi.waitFor fails at its deadline instead of going on to the assertions.
      const until = (what: () => boolean) =>
        vi.waitFor(
          () => {
            if (!what()) throw new Error(`still waiting for ${what.toString()}`);
          },
          { timeout: 20_000, interval: 20 },
        );
      const lead = await open(await t.login('b1.lead'));
      const other = await open(await t.login('b1.lead'));
      await until(() => t.services.hub.size >= 2);
      await t.call('POST', '/api/cases', { token: staff, body: { workflow: 'ticket', data: ticketData('Before') } });
      await until(() => /event: case/.test(lead.seen.text) && /event: case/.test(other.seen.text));
      expect(lead.seen.text).toMatch(/event: case/);
      // when the user is disabled, then a case of their unit changes
      expect((await t.call('PATCH', '/api/users/b1.lead', { token: admin, body: { disabled: true } })).status).toBe(
        200,
      );
      lead.seen.text = '';
      other.seen.text = '';
      await t.call('POST', '/api/cases', { token: staff, body: { workflow: 'ticket', data: ticketData('After') } });
      await until(() => lead.seen.closed && other.seen.closed);
      // then neither of their streams shows it, and both are closed
      expect(lead.seen.text).not.toMatch(/event: case/);
      expect(other.seen.text).not.toMatch(/event: case/);
      expect([lead.seen.closed, other.seen.closed]).toEqual([true, true]);
      // and a stream whose login ends by logout closes too
      const following = t.services.hub.size;
      const mine = await open(staff);
      await until(() => t.services.hub.size > following);
      await t.call('POST', '/api/auth/logout', { token: staff });
      await t.call('POST', '/api/cases', {
        token: await t.login('b1.staff'),
        body: { workflow: 'ticket', data: ticketData('Later') },
      });
      await until(() => mine.seen.closed);
      expect(mine.seen.text).not.toMatch(/event: case/);
      expect(mine.seen.closed).toBe(true);
      await Promise.all([lead.cancel(), other.cancel(), mine.cancel()]);
    } finally {
      await t.close();
    }
  });

  it('expires tokens after their lifetime', async () => {
    const t = await testServer({ sessionTtlMs: 3_600_000 });
    try {
      const token = await t.login('b1.staff');
      t.clock.advance(3_599_000);
      expect((await t.call('GET', '/api/me', { token })).status).toBe(200);
      t.clock.advance(1_001);
      const expired = await t.call('GET', '/api/me', { token });
      expect(expired.status).toBe(401);
      expect(expired.headers.get('content-type')).toMatch(/problem\+json/);
    } finally {
      await t.close();
    }
  });
});
