import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testServer, ticketData, type TestServer } from './server-support.ts';

let s: TestServer;
let tokens: Record<string, string>;
beforeEach(async () => {
  s = await testServer();
  tokens = {};
  for (const u of ['admin', 'hq.mgr', 'hq.dir', 'b1.staff', 'b1.lead', 'b1.tech', 'b2.lead', 'cust.a'])
    tokens[u] = await s.login(u);
});
afterEach(async () => s.close());

const create = async (as: string, data = ticketData(), headers: Record<string, string> = {}) =>
  s.call('POST', '/api/cases', { token: tokens[as], body: { workflow: 'ticket', data }, headers });
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((c) => c.id);

describe('starting cases', () => {
  it('answers 201 with the case, its history and what the user may do next', async () => {
    const res = await create('b1.staff');
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/cases/${res.body.id}`);
    expect(res.body).toEqual(
      expect.objectContaining({
        workflow: 'ticket',
        unit: 'b1',
        owner: 'b1.staff',
        state: ['open'],
        version: 1,
        definitionVersion: expect.any(String),
      }),
    );
    expect(typeof res.body.id).toBe('string');
    expect(res.body.history).toHaveLength(1);
    expect(res.body.availableEvents.map((e: { type: string }) => e.type)).toEqual(['note']);
  });

  it('answers 422 with field paths for invalid data and an unknown workflow, 403 for a role that may not start', async () => {
    const bad = await create('b1.staff', { customerName: '', phone: '123', extra: 1 } as never);
    expect(bad.status).toBe(422);
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/phone', '/extra']));
    const unknown = await s.call('POST', '/api/cases', {
      token: tokens['b1.staff'],
      body: { workflow: 'nope', data: {} },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toContainEqual(expect.objectContaining({ path: '/workflow' }));
    expect((await create('b1.lead')).status).toBe(403);
    // in English, as a program reads it (the field's words are the catalogue's; zh-CN is the default)
    const extraTop = await s.call('POST', '/api/cases', {
      token: tokens['b1.staff'],
      body: { workflow: 'ticket', data: ticketData(), unit: 'b2' },
      headers: { 'accept-language': 'en' },
    });
    expect(extraTop.status).toBe(422);
    expect(extraTop.body.errors).toContainEqual(
      expect.objectContaining({ path: '/unit', message: 'unknown field "unit"' }),
    );
  });

  it('stores text with markup or SQL verbatim', async () => {
    const name = `<script>alert(1)</script>'; DROP TABLE cases; --`;
    const res = await create('b1.staff', ticketData(name));
    const read = await s.call('GET', `/api/cases/${res.body.id}`, { token: tokens['b1.staff'] });
    expect(read.body.data.customerName).toBe(name);
  });

  it('refuses malformed JSON (400), other media types (415) and oversized bodies (413)', async () => {
    expect(
      (
        await s.call('POST', '/api/cases', {
          token: tokens['b1.staff'],
          raw: '{"workflow": "ticket",',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await s.call('POST', '/api/cases', {
          token: tokens['b1.staff'],
          raw: 'workflow=ticket',
          headers: { 'content-type': 'text/plain' },
        })
      ).status,
    ).toBe(415);
    const big = await s.call('POST', '/api/cases', {
      token: tokens['b1.staff'],
      body: { workflow: 'ticket', data: ticketData('x'.repeat(1_100_000)) },
    });
    expect(big.status).toBe(413);
    expect(big.body.title).toBe('Content Too Large');
  });
});

describe('scope (ORG-3, NORM-5)', () => {
  it('a branch sees its own cases; another branch gets 404 exactly like a missing case; headquarters sees all', async () => {
    const c = (await create('b1.staff')).body;
    const mine = await s.call('GET', `/api/cases/${c.id}`, { token: tokens['b1.lead'] });
    expect(mine.status).toBe(200);
    const other = await s.call('GET', `/api/cases/${c.id}`, { token: tokens['b2.lead'] });
    const missing = await s.call('GET', '/api/cases/c-does-not-exist', { token: tokens['b2.lead'] });
    expect(other.status).toBe(404);
    expect({ ...other.body, instance: null }).toEqual({ ...missing.body, instance: null });
    expect((await s.call('GET', `/api/cases/${c.id}`, { token: tokens['hq.mgr'] })).status).toBe(200);
    expect((await s.call('GET', `/api/cases/${c.id}`, { token: tokens['hq.dir'] })).status).toBe(200);
    expect(ids(await s.call('GET', '/api/cases', { token: tokens['b2.lead'] }))).toEqual([]);
    expect(ids(await s.call('GET', '/api/cases', { token: tokens['b1.tech'] }))).toEqual([c.id]);
    expect(ids(await s.call('GET', '/api/cases', { token: tokens['hq.mgr'] }))).toEqual([c.id]);
  });

  it('a customer sees only their own cases', async () => {
    const staffCase = (await create('b1.staff')).body;
    const own = await create('cust.a', ticketData('Customer A'));
    expect(own.status).toBe(201);
    expect(own.body.customerUser).toBe('cust.a');
    expect(ids(await s.call('GET', '/api/cases', { token: tokens['cust.a'] }))).toEqual([own.body.id]);
    expect((await s.call('GET', `/api/cases/${staffCase.id}`, { token: tokens['cust.a'] })).status).toBe(404);
    expect(
      (await s.call('POST', `/api/cases/${staffCase.id}/events`, { token: tokens['cust.a'], body: { type: 'note' } }))
        .status,
    ).toBe(404);
    expect(
      (await s.call('GET', `/api/cases/${own.body.id}`, { token: tokens['cust.a'] })).body.availableEvents,
    ).toEqual([]);
  });

  it('filters by unit only inside the scope', async () => {
    const c = (await create('b1.staff')).body;
    expect(ids(await s.call('GET', '/api/cases?unit=b1', { token: tokens['hq.mgr'] }))).toEqual([c.id]);
    expect(ids(await s.call('GET', '/api/cases?unit=b2', { token: tokens['hq.mgr'] }))).toEqual([]);
    expect(ids(await s.call('GET', '/api/cases?unit=b1', { token: tokens['b2.lead'] }))).toEqual([]);
    // a unit filter means that unit and the units below it, always cut to the user's own scope
    expect(ids(await s.call('GET', '/api/cases?unit=hq', { token: tokens['b1.lead'] }))).toEqual([c.id]);
    expect(ids(await s.call('GET', '/api/cases?unit=hq-ops', { token: tokens['b1.lead'] }))).toEqual([]);
  });
});

describe('events', () => {
  it('lists only the events this user may send, each with its form schema', async () => {
    const c = (await create('b1.staff')).body;
    const lead = await s.call('GET', `/api/cases/${c.id}`, { token: tokens['b1.lead'] });
    const events = Object.fromEntries(
      lead.body.availableEvents.map((e: { type: string; form: unknown }) => [e.type, e]),
    );
    expect(Object.keys(events).sort()).toEqual(['dispatch', 'escalate-hq', 'note']);
    expect(events.dispatch.form).toEqual(expect.objectContaining({ type: 'object', required: ['technician'] }));
    expect(events.dispatch.title).toBe('dispatch');
    expect((await s.call('GET', `/api/cases/${c.id}`, { token: tokens['b1.tech'] })).body.availableEvents).toEqual([]);
  });

  it('applies an event (200), then 409 for a stale expectedVersion, 403 for a user who may not, 422 when not possible now', async () => {
    const c = (await create('b1.staff')).body;
    const ok = await s.call('POST', `/api/cases/${c.id}/events`, {
      token: tokens['b1.lead'],
      body: { type: 'dispatch', data: { technician: 'b1.tech' }, expectedVersion: 1 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(expect.objectContaining({ state: ['work.travelling'], assignee: 'b1.tech', version: 2 }));
    const stale = await s.call('POST', `/api/cases/${c.id}/events`, {
      token: tokens['b1.lead'],
      body: { type: 'note', expectedVersion: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const forbidden = await s.call('POST', `/api/cases/${c.id}/events`, {
      token: tokens['b1.staff'],
      body: { type: 'arrive' },
    });
    expect(forbidden.status).toBe(403);
    const impossible = await s.call('POST', `/api/cases/${c.id}/events`, {
      token: tokens['b1.tech'],
      body: { type: 'finish', data: { visitFee: 1 } },
    });
    expect(impossible.status).toBe(422);
    expect(impossible.body.errors).toContainEqual(expect.objectContaining({ path: '/type' }));
    const arrived = await s.call('POST', `/api/cases/${c.id}/events`, {
      token: tokens['b1.tech'],
      body: { type: 'arrive', expectedVersion: 2 },
    });
    expect(arrived.body.state).toEqual(['work.fixing']);
    const history = (await s.call('GET', `/api/cases/${c.id}`, { token: tokens['b1.staff'] })).body.history;
    expect(history.map((e: { seq: number; type: string }) => `${e.seq}:${e.type}`)).toEqual([
      '1:create',
      '2:dispatch',
      '3:arrive',
    ]);
  });

  it('answers 422 with the field path for invalid event data, and 404 for another branch', async () => {
    const c = (await create('b1.staff')).body;
    const invalid = await s.call('POST', `/api/cases/${c.id}/events`, {
      token: tokens['b1.lead'],
      body: { type: 'dispatch', data: {} },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toContainEqual(expect.objectContaining({ path: '/technician' }));
    const otherBranch = await s.call('POST', `/api/cases/${c.id}/events`, {
      token: tokens['b2.lead'],
      body: { type: 'dispatch', data: { technician: 'x' } },
    });
    expect(otherBranch.status).toBe(404);
    const wrongType = await s.call('POST', `/api/cases/${c.id}/events`, {
      token: tokens['b1.lead'],
      body: { type: 'dispatch', expectedVersion: 'one' },
    });
    expect(wrongType.body.errors).toContainEqual(expect.objectContaining({ path: '/expectedVersion' }));
    expect((await s.call('GET', `/api/cases/${c.id}`, { token: tokens['b1.lead'] })).body.version).toBe(1);
  });
});

describe('idempotency keys', () => {
  it('replays the first answer for a repeated key and creates nothing more', async () => {
    const first = await create('b1.staff', ticketData(), { 'idempotency-key': 'k-1' });
    const again = await create('b1.staff', ticketData(), { 'idempotency-key': 'k-1' });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(ids(await s.call('GET', '/api/cases', { token: tokens['b1.staff'] }))).toEqual([first.body.id]);
  });

  it('refuses the same key with another body, and keeps keys apart per user', async () => {
    await create('b1.staff', ticketData('A'), { 'idempotency-key': 'k-2' });
    const other = await create('b1.staff', ticketData('B'), { 'idempotency-key': 'k-2' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const customer = await create('cust.a', ticketData('A'), { 'idempotency-key': 'k-2' });
    expect(customer.status).toBe(201);
  });

  it('replays a refused event too, so a retried request does not act twice', async () => {
    const c = (await create('b1.staff')).body;
    const body = { type: 'dispatch', data: { technician: 'b1.tech' }, expectedVersion: 1 };
    const a = await s.call('POST', `/api/cases/${c.id}/events`, {
      token: tokens['b1.lead'],
      body,
      headers: { 'idempotency-key': 'e-1' },
    });
    const b = await s.call('POST', `/api/cases/${c.id}/events`, {
      token: tokens['b1.lead'],
      body,
      headers: { 'idempotency-key': 'e-1' },
    });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body.version).toBe(2);
  });
});

describe('listing', () => {
  it('filters by workflow, state and text, and pages with a cursor', async () => {
    const made = [];
    for (const name of ['Alpha', 'Beta', 'Gamma']) {
      made.push((await create('b1.staff', ticketData(name))).body.id);
      s.clock.advance(1000);
    }
    await s.call('POST', `/api/cases/${made[0]}/events`, {
      token: tokens['b1.lead'],
      body: { type: 'dispatch', data: { technician: 'b1.tech' } },
    });
    expect(ids(await s.call('GET', '/api/cases?state=work', { token: tokens['b1.lead'] }))).toEqual([made[0]]);
    expect(ids(await s.call('GET', '/api/cases?workflow=follow-up', { token: tokens['b1.lead'] }))).toEqual([]);
    expect(ids(await s.call('GET', '/api/cases?q=beta', { token: tokens['b1.lead'] }))).toEqual([made[1]]);
    const page1 = await s.call('GET', '/api/cases?limit=2', { token: tokens['b1.lead'] });
    expect(page1.body.items).toHaveLength(2);
    const page2 = await s.call('GET', `/api/cases?limit=2&cursor=${page1.body.next}`, { token: tokens['b1.lead'] });
    expect([...ids(page1), ...ids(page2)].sort()).toEqual([...made].sort());
    expect(page2.body.next).toBeNull();
    expect(ids(await s.call('GET', '/api/cases?overdue=true', { token: tokens['b1.lead'] }))).toEqual([]);
  });

  it('answers 400 for a bad limit, overdue value or cursor', async () => {
    expect((await s.call('GET', '/api/cases?limit=0', { token: tokens['b1.lead'] })).status).toBe(400);
    expect((await s.call('GET', '/api/cases?limit=abc', { token: tokens['b1.lead'] })).status).toBe(400);
    expect((await s.call('GET', '/api/cases?overdue=maybe', { token: tokens['b1.lead'] })).status).toBe(400);
    expect((await s.call('GET', '/api/cases?cursor=garbage', { token: tokens['b1.lead'] })).status).toBe(400);
  });
});
