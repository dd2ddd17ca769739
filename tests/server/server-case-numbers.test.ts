// covers: INFO-1, NORM-1
// Human case numbers over HTTP (issue 15 item 6): every answer that shows a case carries its
// number; GET /api/cases/{id-or-number} and its events take the number beside the id, with the
// same 404 for a case outside one's scope; the worklist's search finds a case by its number; the
// inbox and the customer's portal name it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDefinitionFiles } from '../../engine/definitions/index.ts';
import { testServer, type TestServer } from './server-support.ts';

describe('case numbers over HTTP', () => {
  let s: TestServer;
  const tokens = new Map<string, string>();
  const token = async (user: string) => {
    if (!tokens.has(user)) tokens.set(user, await s.login(user));
    return tokens.get(user)!;
  };
  const registration = (name: string) => ({
    customerName: name,
    address: '济南市历下区经十路100号',
    phone: '13800138000',
    productModel: 'ZW32-12',
    serialNumber: 'SN-1',
    fault: '无法合闸',
    channel: 'phone',
  });
  const create = async (as: string, name: string) => {
    const res = await s.call('POST', '/api/cases', {
      token: await token(as),
      body: { workflow: 'repair', data: registration(name) },
    });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; number: string; version: number };
  };

  beforeAll(async () => {
    s = await testServer({ initialFiles: () => readDefinitionFiles('definitions') });
    s.clock.time = Date.parse('2026-09-14T09:00:00+08:00');
  }, 60_000);
  afterAll(async () => s.close());

  it('numbers a new repair and answers it by number as by id; events may name it by number too', async () => {
    const first = await create('br1.staff', '张三');
    const second = await create('br1.staff', '李四');
    expect([first.number, second.number]).toEqual(['BX-2026-00001', 'BX-2026-00002']);
    // GET by number is the same case as by id
    const byNumber = await s.call('GET', `/api/cases/${first.number}`, { token: await token('br1.lead') });
    expect(byNumber.status, byNumber.text).toBe(200);
    expect(byNumber.body).toMatchObject({ id: first.id, number: 'BX-2026-00001', data: { customerName: '张三' } });
    expect((await s.call('GET', `/api/cases/${first.id}`, { token: await token('br1.lead') })).body.number).toBe(
      'BX-2026-00001',
    );
    // an event sent to the number moves the case
    const dispatched = await s.call('POST', `/api/cases/${first.number}/events`, {
      token: await token('br1.lead'),
      body: {
        type: 'dispatch',
        data: { technician: 'br1.tech', inWarranty: false },
        expectedVersion: byNumber.body.version,
      },
    });
    expect(dispatched.status, dispatched.text).toBe(200);
    expect(dispatched.body).toMatchObject({ id: first.id, number: 'BX-2026-00001', assignee: 'br1.tech' });
    // a number nobody has, and one outside the reader's scope, are both a plain 404
    expect((await s.call('GET', '/api/cases/BX-2026-09999', { token: await token('br1.lead') })).status).toBe(404);
    expect((await s.call('GET', `/api/cases/${first.number}`, { token: await token('br2.lead') })).status).toBe(404);
  });

  it('finds a case in the worklist by its number, whole or in part, and lists each case with its number', async () => {
    const c = await create('br1.staff', '王五');
    const found = await s.call('GET', `/api/cases?q=${encodeURIComponent(c.number.toLowerCase())}`, {
      token: await token('br1.lead'),
    });
    expect(found.status).toBe(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    expect(found.body.items[0].number).toBe(c.number);
    const all = await s.call('GET', '/api/cases?q=BX-2026', { token: await token('br1.lead') });
    expect(all.body.items.length).toBeGreaterThanOrEqual(3);
    expect(all.body.items.every((i: { number: string }) => /^BX-2026-\d{5}$/.test(i.number))).toBe(true);
  });

  it('names the number in the inbox and in what the customer sees', async () => {
    // the lead is told of the new repair: the entry carries the number, and so does its subject
    const c = await create('br1.staff', '赵六');
    const inbox = await s.call('GET', '/api/inbox', { token: await token('br1.lead') });
    const entry = inbox.body.items.find((i: { caseId: string }) => i.caseId === c.id);
    expect(entry).toMatchObject({ caseNumber: c.number });
    expect(entry.subject).toContain(c.number);
    // a customer's own request: its number in the portal's list and view
    const own = await s.call('POST', '/api/cases', {
      token: await token('cust.zhang'),
      body: {
        workflow: 'repair',
        data: {
          customerName: '张先生',
          phone: '13800138000',
          address: '济南市历下区经十路100号',
          productModel: 'ZW32-12',
          fault: '跳闸',
        },
      },
    });
    expect(own.status, own.text).toBe(201);
    expect(own.body.number).toMatch(/^BX-2026-\d{5}$/);
    const list = await s.call('GET', '/api/cases', { token: await token('cust.zhang') });
    expect(list.body.items.map((i: { number: string }) => i.number)).toEqual([own.body.number]);
    const view = await s.call('GET', `/api/cases/${own.body.number}`, { token: await token('cust.zhang') });
    expect(view.status, view.text).toBe(200);
    expect(view.body).toMatchObject({ id: own.body.id, number: own.body.number });
    // another customer does not find it by its number
    expect((await s.call('GET', `/api/cases/${own.body.number}`, { token: await token('cust.li') })).status).toBe(404);
  });
});
