import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureFiles, testServer, type TestServer } from './server-support.ts';

// A case started in b1 by b1.staff, handed over to a lead chosen in a user field; the fixture
// organization has b1.lead and b2.lead (lead), b1.tech (tech), b1.staff (staff) and, at
// headquarters' department hq-ops, hq.mgr (manager).
const DEFS = `
apiVersion: serviceframe/v1
kind: Form
metadata: { name: relay-start }
spec:
  fields:
    - { name: customerName, type: text, label: Customer, required: true }
    - { name: lead, type: user, label: Lead, role: lead }
---
apiVersion: serviceframe/v1
kind: Form
metadata: { name: handover }
spec:
  fields:
    - { name: lead, type: user, label: Lead, role: lead, required: true }
    - { name: manager, type: user, label: Manager, role: manager, upward: true }
    - { name: deputy, type: user, label: Deputy, role: lead, upward: true }
---
apiVersion: serviceframe/v1
kind: Form
metadata: { name: on-call }
spec:
  fields:
    - { name: date, type: date, label: Date, required: true }
    - { name: staff, type: user, label: On call, role: tech, required: true }
---
apiVersion: serviceframe/v1
kind: RecordType
metadata: { name: on-call }
spec: { form: on-call, key: [date] }
---
apiVersion: serviceframe/v1
kind: Workflow
metadata: { name: relay }
spec:
  startForm: relay-start
  start:
    allow: [ { role: staff } ]
    actions: [ { assign: { to: '=data.lead' } } ]
  initial: open
  states:
    open:
      on:
        hand-over: { form: handover, allow: [ { role: staff } ], stay: true, actions: [ { assign: { to: '=event.lead' } } ] }
`;

let s: TestServer;
let staff: string;
beforeEach(async () => {
  s = await testServer({ initialFiles: () => [...fixtureFiles(), { path: 'relay.yaml', text: DEFS }] });
  staff = await s.login('b1.staff');
});
afterEach(async () => {
  await s.close();
});

const start = (lead?: string) =>
  s.call('POST', '/api/cases', {
    token: staff,
    body: { workflow: 'relay', data: { customerName: 'Li', ...(lead ? { lead } : {}) } },
  });
const handOver = (id: string, lead: string, more: Record<string, string> = {}) =>
  s.call('POST', `/api/cases/${id}/events`, { token: staff, body: { type: 'hand-over', data: { lead, ...more } } });

describe('a user field in event data', () => {
  it('assigns the lead of the case unit it names', async () => {
    const c = (await start()).body;
    const ok = await handOver(c.id, 'b1.lead');
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.assignee).toBe('b1.lead');
  });

  it('answers 422 at /lead for an unknown person, one without the role, one of another branch and a disabled one, and changes nothing', async () => {
    const admin = await s.login('admin');
    await s.call('POST', '/api/users', {
      token: admin,
      body: { username: 'b1.gone', password: 'a-long-password-1', unit: 'b1', roles: ['lead'] },
    });
    await s.call('PATCH', '/api/users/b1.gone', { token: admin, body: { disabled: true } });
    const c = (await start()).body;
    for (const [lead, code] of [
      ['nobody', 'unknownUser'],
      ['b1.tech', 'userWithoutRole'],
      ['b2.lead', 'userOutsideCase'],
      ['b1.gone', 'unknownUser'],
    ]) {
      const refused = await handOver(c.id, lead!);
      expect(refused.status, lead).toBe(422);
      expect(refused.body.errors, lead).toEqual([expect.objectContaining({ path: '/lead', code })]);
    }
    const after = (await s.call('GET', `/api/cases/${c.id}`, { token: staff })).body;
    expect(after).toEqual(expect.objectContaining({ version: 1, assignee: null }));
    expect(after.history.map((e: { type: string }) => e.type)).toEqual(['create']);
  });
});

describe('a user field with upward', () => {
  it('looks above the case unit only when nobody there holds the role', async () => {
    const c = (await start()).body;
    // b1 has no manager: the nearest unit above with one is hq
    expect((await handOver(c.id, 'b1.lead', { manager: 'hq.mgr' })).status).toBe(200);
    // b1 has a lead: another branch's lead stays out of reach
    const refused = await handOver(c.id, 'b1.lead', { deputy: 'b2.lead' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/deputy', code: 'userOutsideCase' })]);
  });
});

describe('a user field in the data that starts a case', () => {
  it('is checked against the unit the case starts in', async () => {
    const refused = await start('b2.lead');
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/lead', code: 'userOutsideCase' })]);
    expect((await s.call('GET', '/api/cases', { token: staff })).body.items).toEqual([]);
    const ok = await start('b1.lead');
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.assignee).toBe('b1.lead');
  });
});

describe('a user field in an archive record', () => {
  it('names an enabled holder of its role, of any unit (a record belongs to no case)', async () => {
    const lead = await s.login('b2.lead');
    const refused = await s.call('POST', '/api/records/on-call', {
      token: lead,
      body: { data: { date: '2026-03-02', staff: 'b2.lead' } },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/data/staff', code: 'userWithoutRole' })]);
    const ok = await s.call('POST', '/api/records/on-call', {
      token: lead,
      body: { data: { date: '2026-03-02', staff: 'b1.tech' } },
    });
    expect(ok.status, ok.text).toBe(201);
  });
});
