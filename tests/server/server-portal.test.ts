import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDefinitionFiles } from '../../engine/definitions/index.ts';
import { openSqliteStore } from '../../adapters/sqlite/store/sqlite-store.ts';
import { createApp } from '../../server/app.ts';
import { createServices, type Services } from '../../server/services.ts';
import { openServerStorage } from '../../adapters/sqlite/server/open-sqlite-server-storage.ts';
import { DEMO_PASSWORD, TestClock } from './server-support.ts';

/**
 * The customer's portal over a real listening server on the seed definitions (NORM-5, NORM-8):
 * every answer a customer can get — the case, the list, the stream, the definitions — carries what
 * the workflow's `portal` section shows and nothing of the inside of the company: no history, staff
 * comments, notification lines, scripts, diagrams, usernames or staff-only fields. Another
 * customer's case and internal definitions answer 404. When the work is done the customer rates it
 * on the case itself, and the rating lands on the return visit where staff record theirs.
 */
let services: Services;
let server: ServerType;
let base: string;
const clock = new TestClock(Date.parse('2026-09-14T09:00:00+08:00'));
const tokens = new Map<string, string>();

async function call(
  method: string,
  path: string,
  as: string,
  body?: unknown,
  language = 'zh-CN',
): Promise<{ status: number; body: any; text: string }> {
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
      'accept-language': language,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined };
}

async function send(id: string, type: string, as: string, data: Record<string, unknown>) {
  const res = await call('POST', `/api/cases/${id}/events`, as, { type, data });
  expect(res.status, `${type} as ${as}: ${res.text}`).toBe(200);
  return res.body;
}

/** What must never reach a customer, whatever the answer. */
const INTERNAL = [
  'INTERNAL-NOTE-7f3', // a staff comment left internal
  'br1.tech',
  'br1.lead',
  'br1.staff',
  'br1.visit', // usernames
  'phone-opening',
  'hotline-repair',
  'on-site-procedure', // scripts
  '<svg',
  'mermaid',
  'flowchart', // diagrams
  'repair-assigned',
  'repair-new',
  'case-progress',
  'inapp', // notification lines
  '"history":[{',
  '"effects"',
  '"explanation"',
  '"deadlines":[{', // the staff's case record
  '"channel"',
  '来源', // the staff-only field of the request form
  '更换合闸线圈', // the repair plan (staff's working notes)
];
const expectClean = (text: string, where: string) => {
  for (const needle of INTERNAL)
    expect(
      text.includes(needle),
      `${where} contains ${needle}: ${text.slice(Math.max(0, text.indexOf(needle) - 200), text.indexOf(needle) + 200)}`,
    ).toBe(false);
};

beforeAll(async () => {
  const store = openSqliteStore(':memory:');
  const storage = openServerStorage(':memory:');
  services = await createServices({
    store,
    storage,
    clock,
    initialFiles: () => readDefinitionFiles('definitions'),
    adminPassword: 'admin-password-1',
    demoPassword: DEMO_PASSWORD,
  });
  const app = createApp(services);
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await services?.projector.flush();
});

describe('the customer portal (NORM-5, NORM-8)', () => {
  let id = '';

  it('files a request without the staff-only channel: the portal request is online', async () => {
    // given a logged-in customer who also sends the staff-only field
    const created = await call('POST', '/api/cases', 'cust.zhang', {
      workflow: 'repair',
      data: {
        customerName: '张三',
        address: '济南市历下区经十路100号',
        phone: '13800138000',
        productModel: 'ZW32-12',
        fault: '真空断路器无法合闸',
        channel: 'phone',
      },
    });
    expect(created.status, created.text).toBe(201);
    id = created.body.id;
    expectClean(created.text, 'the answer to the request');
    // then staff see the channel the form's portalValue gives, not what the customer sent
    const staff = await call('GET', `/api/cases/${id}`, 'br1.staff');
    expect(staff.body.data.channel).toBe('online');
  });

  it('shows the case without the inside of the company, with the technician, the appointment and public replies', async () => {
    await send(id, 'comment', 'br1.staff', { text: 'INTERNAL-NOTE-7f3 客户脾气急' });
    await send(id, 'comment', 'br1.staff', { text: '已安排师傅，请保持电话畅通', visibility: 'public' });
    await send(id, 'dispatch', 'br1.lead', { technician: 'br1.tech', inWarranty: false });
    await send(id, 'plan', 'br1.tech', { plan: '更换合闸线圈', appointmentAt: '2026-09-14T15:00:00+08:00' });

    const view = await call('GET', `/api/cases/${id}`, 'cust.zhang');
    expect(view.status).toBe(200);
    expectClean(view.text, 'the case view');
    expect(view.body.stateTitle).toBe('已预约待上门');
    expect(view.body.progress.map((s: { title: string; status: string }) => `${s.title}:${s.status}`)).toEqual([
      '已受理:done',
      '已预约待上门:current',
      '现场维修:todo',
      '已结案:todo',
    ]);
    expect(view.body.technician).toEqual({
      name: expect.stringContaining('谢'),
      phone: expect.stringMatching(/^1\d{10}$/),
    });
    expect(view.body.appointment).toBe('2026-09-14T15:00:00+08:00');
    expect(view.body.replies.map((r: { text: string }) => r.text)).toEqual(['已安排师傅，请保持电话畅通']);
    // headed as the portal's YAML names a reply, not by the staff's word for the event (备注)
    expect(view.body.replies.map((r: { title: string }) => r.title)).toEqual(['客服回复']);
    expect(view.body.data).toEqual({
      customerName: '张三',
      address: '济南市历下区经十路100号',
      phone: '13800138000',
      productModel: 'ZW32-12',
      fault: '真空断路器无法合闸',
    });
    // the customer may reschedule (the one event the workflow allows them here), with the form's fields
    expect(view.body.availableEvents.map((e: { type: string }) => e.type)).toEqual(['reschedule']);
    // moving the visit asks for the new time (opening on the agreed one) and why, not the technician's plan
    const [reschedule] = view.body.availableEvents;
    expect(Object.keys(reschedule.form.properties)).toEqual(['appointmentAt', 'rescheduleReason']);
    expect(reschedule.form.required).toEqual(['appointmentAt']);
    expect(reschedule.prefill).toEqual({ appointmentAt: '2026-09-14T15:00:00+08:00' });
  });

  it('lets the customer move the visit without touching the repair plan', async () => {
    const before = await call('GET', `/api/cases/${id}`, 'cust.zhang');
    const moved = await call('POST', `/api/cases/${id}/events`, 'cust.zhang', {
      type: 'reschedule',
      data: { appointmentAt: '2026-09-14T16:00:00+08:00', rescheduleReason: '下午三点不在家' },
      expectedVersion: before.body.version,
    });
    expect(moved.status, moved.text).toBe(200);
    expectClean(moved.text, 'the answer to the move');
    const after = await call('GET', `/api/cases/${id}`, 'cust.zhang');
    expect(after.body.appointment).toBe('2026-09-14T16:00:00+08:00');
    expect(after.body.availableEvents[0].prefill).toEqual({ appointmentAt: '2026-09-14T16:00:00+08:00' });
    const staff = await call('GET', `/api/cases/${id}`, 'br1.staff');
    expect(staff.body.data.plan).toBe('更换合闸线圈');
  });

  it('answers in the language the customer reads the portal in, not only the one saved with them', async () => {
    // given a customer whose saved language is Chinese, reading the portal switched to English
    const en = await call('GET', `/api/cases/${id}`, 'cust.zhang', undefined, 'en');
    expect(en.status).toBe(200);
    expect(en.body.workflowTitle).toBe('After-sales repair');
    expect(en.body.stateTitle).toBe('Appointment made');
    expect(en.body.progress.map((s: { title: string }) => s.title)).toEqual([
      'Received',
      'Appointment made',
      'Repairing on site',
      'Closed',
    ]);
    expect(en.body.fields.find((f: { path: string }) => f.path === 'phone').title).toBe('Phone');
    expect(en.body.availableEvents.map((e: { title: string }) => e.title)).toEqual(['Customer reschedules']);
    expectClean(en.text, 'the case in English');
    // and the list and the request form likewise
    const list = await call('GET', '/api/cases', 'cust.zhang', undefined, 'en');
    expect(list.body.items.find((c: { id: string }) => c.id === id).stateTitle).toBe('Appointment made');
    const repair = await call('GET', '/api/definitions/Workflow/repair', 'cust.zhang', undefined, 'en');
    expect(repair.body.title).toBe('After-sales repair');
    // the saved language is what GET /api/me still says
    expect((await call('GET', '/api/me', 'cust.zhang', undefined, 'en')).body.locale).toBe('zh-CN');
    expect((await call('GET', `/api/cases/${id}`, 'cust.zhang')).body.stateTitle).toBe('已预约待上门');
  });

  it('lists the case the same way', async () => {
    const list = await call('GET', '/api/cases', 'cust.zhang');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expectClean(list.text, 'the case list');
  });

  it('answers another customer, and a customer asking for internal definitions, with 404', async () => {
    expect((await call('GET', `/api/cases/${id}`, 'cust.li')).status).toBe(404);
    expect((await call('POST', `/api/cases/${id}/events`, 'cust.li', { type: 'reschedule', data: {} })).status).toBe(
      404,
    );
    for (const path of [
      '/api/definitions/Workflow/patrol',
      '/api/definitions/Workflow/tender',
      '/api/definitions/Script/phone-opening',
      '/api/definitions/Form/dispatch',
      '/api/definitions/SlaPolicy/repair-on-site',
      '/api/definitions/NotificationTemplate/repair-new',
    ]) {
      expect((await call('GET', path, 'cust.zhang')).status, path).toBe(404);
    }
  });

  it('lists only the workflows a customer may start or has cases in, each without scripts, diagram or staff-only fields', async () => {
    const list = await call('GET', '/api/definitions', 'cust.zhang');
    const names = list.body
      .filter((d: { kind: string }) => d.kind === 'Workflow')
      .map((d: { name: string }) => d.name)
      .sort();
    expect(names).toEqual(['complaint', 'consulting', 'exhibition', 'import-export', 'inquiry', 'repair']);
    // besides the workflows, only the business calendar (the time zone the portal shows times in)
    expect([...new Set(list.body.map((d: { kind: string }) => d.kind))].sort()).toEqual(['Calendar', 'Workflow']);
    const repair = await call('GET', '/api/definitions/Workflow/repair', 'cust.zhang');
    expectClean(repair.text, 'the repair workflow');
    expect(Object.keys(repair.body.startForm.properties)).not.toContain('channel');
    expect(repair.body.states.map((s: { path: string }) => s.path)).toEqual([
      'reported',
      'scheduled',
      'on-site',
      'closed',
    ]);
    expect(repair.body.events.map((e: { type: string }) => e.type)).toEqual(['reschedule']);
    // a new request takes name, phone and address from the customer (profile, then their latest request)
    expect(repair.body.prefill).toEqual({
      customerName: expect.any(String),
      phone: '13800138000',
      address: '济南市历下区经十路100号',
    });
    // the request form itself, read as a form: neither its schema nor its layout names the staff-only field
    const form = await call('GET', '/api/definitions/Form/repair-report', 'cust.zhang');
    expect(form.status).toBe(200);
    expectClean(form.text, 'the repair request form');
    const laid = form.body.layout.sections.flatMap((s: { fields: { name: string }[] }) => s.fields.map((f) => f.name));
    expect(laid).toEqual(Object.keys(form.body.schema.properties));
    // staff still read the whole workflow
    const staff = await call('GET', '/api/definitions/Workflow/repair', 'br1.staff');
    const staffForm = await call('GET', '/api/definitions/Form/repair-report', 'br1.staff');
    expect(JSON.stringify(staffForm.body.layout)).toContain('"channel"');
    expect(staff.body.diagram.svg).toContain('<svg');
    expect(Object.keys(staff.body.startForm.properties)).toContain('channel');
  });

  it('streams a change of the case to the customer without its internal state', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/stream`, {
      headers: { authorization: `Bearer ${tokens.get('cust.zhang')}` },
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pred: () => boolean) => {
      while (!pred()) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    };
    await until(() => text.includes('event: ready'));
    clock.time = Date.parse('2026-09-14T14:50:00+08:00');
    await send(id, 'arrive', 'br1.tech', { idShown: true, apologyLetter: true, safetySigns: true });
    await until(() => text.includes('event: case'));
    controller.abort();
    const message = JSON.parse(text.slice(text.indexOf('event: case')).split('\n')[1]!.slice('data: '.length));
    expect(message).toEqual({ id, workflow: 'repair', version: expect.any(Number), state: [], done: false });
    expectClean(text, 'the stream');
  });

  it('asks the customer to rate the finished case, and the rating lands on the return visit', async () => {
    await send(id, 'complete', 'br1.tech', WORK_ORDER);
    await send(id, 'settle', 'br1.staff', { amountReceived: 250.5, workOrderReturned: true });
    const done = await call('GET', `/api/cases/${id}`, 'cust.zhang');
    expectClean(done.text, 'the finished case');
    expect(done.body.progress.every((s: { status: string }) => s.status === 'done')).toBe(true);
    expect(done.body.rating.event.type).toBe('rate');
    expect(Object.keys(done.body.rating.event.form.properties)).toEqual(['rating', 'comment']);

    // a bad rating is refused with its field, and changes nothing
    const bad = await call('POST', `/api/cases/${done.body.rating.case}/events`, 'cust.zhang', {
      type: 'rate',
      data: { rating: '1' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('/comment');
    const rated = await call('POST', `/api/cases/${done.body.rating.case}/events`, 'cust.zhang', {
      type: 'rate',
      data: { rating: '5', comment: '师傅很专业' },
      expectedVersion: done.body.rating.version,
    });
    expect(rated.status, rated.text).toBe(200);
    expectClean(rated.text, 'the answer to the rating');

    const after = await call('GET', `/api/cases/${id}`, 'cust.zhang');
    expect(after.body.rating.given.data).toEqual({ rating: '5', comment: '师傅很专业' });
    // staff find it on the return visit, where their own visit will be recorded
    const visit = await call('GET', `/api/cases/${done.body.rating.case}`, 'br1.visit');
    expect(visit.body.data.rating).toEqual({ rating: '5', comment: '师傅很专业' });
    expect(visit.body.availableEvents.map((e: { type: string }) => e.type)).toContain('visit');
  });
});

const WORK_ORDER = {
  customerName: '张三',
  address: '济南市历下区经十路100号',
  phone: '13800138000',
  equipmentName: '真空断路器',
  productModel: 'ZW32-12',
  serviceTime: '2026-09-14T15:00:00+08:00',
  onSiteDate: '2026-09-14',
  serviceForm: 'on-site',
  serviceContent: '试合闸正常',
  serviceStaff: '谢师傅',
  paymentMethod: 'self-paid',
  visitFee: 50,
  transportFee: 20.5,
  travelFee: 0,
  customerPaid: 180,
  onSiteIn24h: true,
  serviceComplete: true,
  feeScheduleShown: true,
  serviceQuality: 'satisfied',
  signature: { image: 'data:image/png;base64,iVBORw0KGgo=', signedAt: '2026-09-14T16:30:00+08:00', signer: '张三' },
};
