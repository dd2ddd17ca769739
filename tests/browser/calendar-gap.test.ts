// covers: NORM-4
// The calendar data ends with 2026: a deadline counted into 2027 is flagged beside the clock (not
// only in the folded explanation), in the reader's language; administrators see a notice on every
// page until the year is added.
import '../../ui/components/sf-case.ts';
import '../../ui/components/sf-admin-notices.ts';
import type { SfAdminNotices } from '../../ui/components/sf-admin-notices.ts';
import type { SfCase } from '../../ui/components/sf-case.ts';
import { ApiClient } from '../../ui/api/client.ts';
import type { CaseView } from '../../ui/api/types.ts';
import { equal, match, ok } from './assert.ts';
import { caseView, deadline } from './answers.ts';
import { fakeApi, problem, until } from './fake-api.ts';

const DEADLINE = Date.parse('2027-01-01T10:00:00+08:00');

function view(id: string, gap: boolean): CaseView {
  return caseView({
    id,
    workflow: 'ticket',
    unit: 'b1',
    owner: 'li',
    state: ['open'],
    deadlines: [
      deadline({
        name: 'first-response',
        title: { zh: '首次响应', en: 'First response' },
        deadline: new Date(DEADLINE).toISOString(),
        explanation: ["calendar 'work' has no holiday schedule for 2027"],
        ...(gap
          ? {
              calendarGap: {
                calendar: 'work',
                calendarTitle: { zh: '标准工作日历', en: 'Standard calendar' },
                years: [2027],
              },
            }
          : {}),
      }),
    ],
  });
}

async function mountCase(id: string, gap: boolean): Promise<SfCase> {
  const api = fakeApi({
    [`GET /api/cases/${id}`]: () => view(id, gap),
    'GET /api/definitions/Workflow/ticket': () => ({ kind: 'Workflow', name: 'ticket', states: [], events: [] }),
  });
  const el = document.createElement('sf-case') as SfCase;
  Object.assign(el, { client: new ApiClient({ token: 'T', fetch: api.fetch }), caseId: id, live: false });
  document.body.append(el);
  await until(() => el.shadowRoot?.querySelector('[data-clock="first-response"]'), 'the clock');
  return el;
}

describe('a deadline past the end of the calendar data', () => {
  afterEach(() => document.querySelectorAll('sf-case, sf-admin-notices').forEach((e) => e.remove()));

  it('is flagged beside the clock, by the calendar title and year, in Chinese then English', async () => {
    const el = await mountCase(`c-${crypto.randomUUID()}`, true);
    const flag = el.shadowRoot!.querySelector('[data-clock="first-response"] [part="calendar-gap"]');
    ok(flag, 'a visible flag outside the folded explanation');
    ok(!flag.closest('details'), 'not hidden in the explanation');
    match(flag.textContent, /标准工作日历还没有2027年的法定节假日/);
    el.locale = 'en';
    await el.updateComplete;
    match(
      el.shadowRoot!.querySelector('[part="calendar-gap"]')!.textContent,
      /Standard calendar has no public holidays for 2027 yet/,
    );
  });

  it('is not flagged when the server says nothing about a gap', async () => {
    const el = await mountCase(`c-${crypto.randomUUID()}`, false);
    equal(el.shadowRoot!.querySelector('[part="calendar-gap"]'), null);
  });

  it('is told to administrators on a notice that names the calendar and the year', async () => {
    const api = fakeApi({
      'GET /api/definitions/notices': () => [
        {
          code: 'CALENDAR_NO_SCHEDULE',
          calendar: 'standard',
          calendarTitle: { zh: '标准工作日历', en: 'Standard calendar' },
          year: 2027,
          message: '…',
        },
      ],
    });
    const el = document.createElement('sf-admin-notices') as SfAdminNotices;
    el.client = new ApiClient({ token: 'T', fetch: api.fetch });
    document.body.append(el);
    const item = await until(() => el.shadowRoot?.querySelector('[data-code="CALENDAR_NO_SCHEDULE"]'), 'the notice');
    match(item.textContent, /标准工作日历还没有2027年的法定节假日/);
    equal(el.shadowRoot!.querySelector('[role="status"]') !== null, true);
  });

  it('shows nothing to a user the server does not count as an administrator', async () => {
    const api = fakeApi({ 'GET /api/definitions/notices': () => problem(403, 'only an administrator may do this') });
    const el = document.createElement('sf-admin-notices') as SfAdminNotices;
    el.client = new ApiClient({ token: 'T', fetch: api.fetch });
    document.body.append(el);
    await until(() => api.calls('/api/definitions/notices').length > 0, 'the request');
    await el.updateComplete;
    equal(el.shadowRoot!.querySelector('[part="notices"]'), null);
  });
});
