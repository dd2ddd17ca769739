import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDefinitionFiles } from '../../engine/definitions/index.ts';
import { createApp } from '../../server/app.ts';
import { DEMO_PASSWORD, TestClock, testServer, type TestServer } from './server-support.ts';

/**
 * The inbox over a real listening server on the seed definitions: what the engine notified a
 * person of in the app (here the branch's service lead told of a new repair, then the technician
 * of the job) is listed with its kind's title and case, counted unread, announced live on the event
 * stream, and marked read by its owner only. 我的案件 holds what waits for the user: the lead's
 * undispatched repair is flagged for the lead, not for the hotline staff.
 */
let t: TestServer;
let server: ServerType;
let base: string;
// A Monday evening: the lead's SMS and mail wait for working time, the in-app entry does not.
const clock = new TestClock(Date.parse('2026-09-14T20:00:00+08:00'));
const tokens = new Map<string, string>();

async function call(method: string, path: string, as: string, body?: unknown) {
  if (!tokens.has(as)) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: as, password: DEMO_PASSWORD }),
    });
    tokens.set(as, ((await res.json()) as { token: string }).token);
  }
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens.get(as)}`,
      'accept-language': 'zh-CN',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  // On the database of the test project (SQLite in memory, or PostgreSQL).
  t = await testServer({ clock, initialFiles: () => readDefinitionFiles('definitions') });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: createApp(t.services).fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await t?.close();
});

describe('the inbox (in-app notifications)', () => {
  let id = '';

  it('announces a new notification live, lists it with its title and case, and counts it unread', async () => {
    expect((await call('GET', '/api/inbox', 'br1.lead')).body).toEqual({ items: [], unread: 0 });
    // given the lead's event stream is open
    const controller = new AbortController();
    const res = await fetch(`${base}/api/stream`, {
      headers: { authorization: `Bearer ${tokens.get('br1.lead')}` },
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    let text = '';
    const until = async (pred: () => boolean) => {
      while (!pred()) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    };
    await until(() => text.includes('event: ready'));
    // when the hotline registers a repair of the lead's branch
    const created = await call('POST', '/api/cases', 'br1.staff', {
      workflow: 'repair',
      data: {
        customerName: '张三',
        address: '济南市经十路100号',
        phone: '13800138000',
        productModel: 'ZW32-12',
        fault: '无法合闸',
      },
    });
    expect(created.status, created.text).toBe(201);
    id = created.body.id;
    // then the stream says the inbox changed, and the inbox has the notice
    await until(() => text.includes('event: inbox'));
    controller.abort();
    const inbox = await call('GET', '/api/inbox', 'br1.lead');
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items).toEqual([
      expect.objectContaining({
        caseId: id,
        title: '新报修待派工',
        read: false,
        body: expect.stringContaining('张三'),
      }),
    ]);
    // and nobody else's inbox has it
    expect((await call('GET', '/api/inbox', 'br2.lead')).body.unread).toBe(0);
  });

  it("puts the undispatched repair under the lead's cases, and under the technician's once dispatched", async () => {
    const lead = await call('GET', '/api/cases', 'br1.lead');
    expect(lead.body.items.find((c: { id: string }) => c.id === id).waitingForMe).toBe(true);
    const tech = await call('GET', '/api/cases', 'br1.tech');
    expect(tech.body.items.find((c: { id: string }) => c.id === id)?.waitingForMe ?? false).toBe(false);
    // once dispatched, the job waits for the technician, and the technician's inbox has the assignment
    const dispatched = await call('POST', `/api/cases/${id}/events`, 'br1.lead', {
      type: 'dispatch',
      data: { technician: 'br1.tech', inWarranty: false },
    });
    expect(dispatched.status, dispatched.text).toBe(200);
    expect(
      (await call('GET', '/api/cases', 'br1.lead')).body.items.find((c: { id: string }) => c.id === id).waitingForMe,
    ).toBe(false);
    expect(
      (await call('GET', '/api/cases', 'br1.tech')).body.items.find((c: { id: string }) => c.id === id).waitingForMe,
    ).toBe(true);
    const tech2 = await call('GET', '/api/inbox', 'br1.tech');
    expect(tech2.body.items.map((e: { title: string; caseId: string }) => [e.title, e.caseId])).toEqual([
      ['维修任务', id],
    ]);
  });

  it("marks read only the owner's own entries; bad input is refused with its field and changes nothing", async () => {
    const [entry] = (await call('GET', '/api/inbox', 'br1.lead')).body.items;
    // another person naming the lead's entry marks nothing
    expect((await call('POST', '/api/inbox/read', 'br1.tech', { ids: [entry.id] })).status).toBe(200);
    expect((await call('GET', '/api/inbox', 'br1.lead')).body.unread).toBe(1);
    const bad = await call('POST', '/api/inbox/read', 'br1.lead', { ids: 'all' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toMatch(/ids/);
    expect((await call('GET', '/api/inbox?limit=0', 'br1.lead')).status).toBe(400);
    expect((await call('GET', '/api/inbox', 'br1.lead')).body.unread).toBe(1);
    // the owner marks it
    expect((await call('POST', '/api/inbox/read', 'br1.lead', { ids: [entry.id] })).body).toEqual({ unread: 0 });
    expect((await call('GET', '/api/inbox', 'br1.lead')).body.items[0].read).toBe(true);
  });
});
