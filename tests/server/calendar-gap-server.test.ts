// covers: NORM-4, NORM-5
// The official holiday data ends with 2026. A working-time deadline counted from 30 December into
// 2027 treats New Year's Day as a working day; the case says so beside the deadline, and the
// administrators are told on their own page of the API (and in the server log at start), not only
// by `validate`. Once the year is added to the Calendar definition and published, both go quiet.
import type { AddressInfo } from 'node:net';
import { clockLineText } from '../../engine/sla/clock-lines.ts';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/sqlite/store/sqlite-store.ts';
import { createApp } from '../../server/app.ts';
import { createServices } from '../../server/services.ts';
import { openServerStorage } from '../../adapters/sqlite/server/open-sqlite-server-storage.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD, fixtureFiles, TestClock, ticketData } from './server-support.ts';

const POLICY = {
  path: 'tests/first-response.yaml',
  text: `apiVersion: serviceframe/v1
kind: SlaPolicy
metadata: { name: first-response, title: { zh: 首次响应, en: First response } }
spec:
  workflows: [ticket]
  start: { on: create }
  stop: [ { event: dispatch } ]
  target: { duration: 16h, calendar: work }
`,
};

const clock = new TestClock(Date.parse('2026-12-30T10:00:00+08:00')); // a Wednesday
const store = openSqliteStore(':memory:');
const storage = openServerStorage(':memory:');
let url = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  const services = await createServices({
    store,
    storage,
    clock,
    initialFiles: () => [...fixtureFiles(), POLICY],
    adminPassword: ADMIN_PASSWORD,
    demoPassword: DEMO_PASSWORD,
  });
  const server = serve({ fetch: createApp(services).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await services.projector.flush();
    await storage.close();
    await store.close();
  };
});
afterAll(() => close());

async function api(method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(url + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
}
const login = async (username: string, password = DEMO_PASSWORD) =>
  (await api('POST', '/api/auth/login', undefined, { username, password })).body.token as string;

describe('a deadline counted past the end of the calendar data', () => {
  let flagged = '';

  it('is flagged on the case, with the calendar and the year, beside the explanation', async () => {
    const staff = await login('b1.staff');
    const created = await api('POST', '/api/cases', staff, { workflow: 'ticket', data: ticketData('Gao') });
    expect(created.status, created.text).toBe(201);
    flagged = created.body.id;
    const view = (await api('GET', `/api/cases/${created.body.id}`, staff)).body;
    const clockView = view.deadlines.find((d: { name: string }) => d.name === 'first-response');
    // 16 working hours (08:30-12:00, 13:30-18:00) from Wednesday 10:00: 6.5 h on 30 December, 8 h on
    // the 31st, then New Year's Day, unknown to the data, counts as a working day: 1 January 10:00.
    expect(clockView.deadline).toBe(new Date(Date.parse('2027-01-01T10:00:00+08:00')).toISOString());
    expect(clockView.calendarGap).toEqual({ calendar: 'work', years: [2027] });
    expect(clockView.explanation.map(clockLineText).join('\n')).toContain(
      "calendar 'work' has no holiday schedule for 2027",
    );
  });

  it('is not flagged when the deadline stays inside the known years', async () => {
    clock.time = Date.parse('2026-12-01T10:00:00+08:00');
    try {
      const staff = await login('b1.staff');
      const created = await api('POST', '/api/cases', staff, { workflow: 'ticket', data: ticketData('Qin') });
      const view = (await api('GET', `/api/cases/${created.body.id}`, staff)).body;
      const clockView = view.deadlines.find((d: { name: string }) => d.name === 'first-response');
      expect(clockView.deadline).toBe(new Date(Date.parse('2026-12-03T10:00:00+08:00')).toISOString());
      expect(clockView).not.toHaveProperty('calendarGap');
    } finally {
      clock.time = Date.parse('2026-12-30T10:00:00+08:00');
    }
  });

  it('is told to administrators, and only to them', async () => {
    const admin = await login('admin', ADMIN_PASSWORD);
    const notices = await api('GET', '/api/definitions/notices', admin);
    expect(notices.status).toBe(200);
    expect(notices.body).toEqual([
      expect.objectContaining({
        code: 'CALENDAR_NO_SCHEDULE',
        calendar: 'work',
        year: 2027,
        message: expect.stringContaining('has no data for 2027'),
      }),
    ]);
    const staff = await api('GET', '/api/definitions/notices', await login('b1.staff'));
    expect(staff.status).toBe(403);
    expect(staff.body.title ?? staff.body.detail).toBeTruthy();
  });

  it('goes quiet once the year is added to the calendar and published; a case counted before keeps its flag', async () => {
    const admin = await login('admin', ADMIN_PASSWORD);
    const files = [...fixtureFiles(), POLICY].map((f) =>
      f.path.endsWith('calendar.yaml')
        ? {
            ...f,
            text: f.text.replace(
              'official: cn',
              'official: cn\n  years: [2027]\n  days: [ { date: "2027-01-01", type: holiday, name: { en: New Year\'s Day } } ]',
            ),
          }
        : f,
    );
    const published = await api('POST', '/api/definitions', admin, { files, note: "2027's holidays" });
    expect(published.status, published.text).toBe(201);
    expect(published.body.notices).toEqual([]);
    expect((await api('GET', '/api/definitions/notices', admin)).body).toEqual([]);
    // A case started now counts New Year's Day as the holiday it is.
    const staff = await login('b1.staff');
    const created = await api('POST', '/api/cases', staff, { workflow: 'ticket', data: ticketData('Lu') });
    const clockView = (await api('GET', `/api/cases/${created.body.id}`, staff)).body.deadlines.find(
      (d: { name: string }) => d.name === 'first-response',
    );
    // 14.5 h by the 31st; 1 January is the holiday, then the weekend: Monday 4 January 10:00.
    expect(clockView.deadline).toBe(new Date(Date.parse('2027-01-04T10:00:00+08:00')).toISOString());
    expect(clockView).not.toHaveProperty('calendarGap');
    // The case started before runs on its version, whose deadline was counted without the holiday.
    const before = (await api('GET', `/api/cases/${flagged}`, staff)).body.deadlines.find(
      (d: { name: string }) => d.name === 'first-response',
    );
    expect(before.calendarGap).toEqual({ calendar: 'work', years: [2027] });
  });
});
