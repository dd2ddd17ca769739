// The worklist's tools (issue 15, item 8): sorting by its columns, searching as one types (one
// request once typing pauses), each person's filters remembered, and one event sent to several
// cases through each case's own POST, failures listed per case.
import '../../ui/components/sf-case-list.ts';
import '../../ui/components/sf-bulk-events.ts';
import type { SfCaseList } from '../../ui/components/sf-case-list.ts';
import { ApiClient } from '../../ui/api/client.ts';
import type { AvailableEvent, CaseSummary } from '../../ui/api/types.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { availableEvent, caseSummary, caseView, iso, me } from './answers.ts';
import { fakeApi, problem, until } from './fake-api.ts';

const HOUR = 3_600_000;
const lead = me({ username: 'br1.lead', unit: 'br1', roles: ['service-lead'] });

function cases(now: number): CaseSummary[] {
  return [
    caseSummary({
      id: 'R-3',
      workflow: 'repair',
      unit: 'br1',
      owner: 'br1.lead',
      assignee: 'br1.lead',
      state: ['reported'],
      updatedAt: iso(now - 3 * HOUR),
      data: { customerName: '赵六', phone: '13800000003' },
    }),
    caseSummary({
      id: 'R-1',
      workflow: 'repair',
      unit: 'br1',
      owner: 'br1.lead',
      assignee: 'br1.lead',
      state: ['reported'],
      updatedAt: iso(now - HOUR),
      data: { customerName: '阿强', phone: '010-62345678' },
    }),
    caseSummary({
      id: 'R-2',
      workflow: 'repair',
      unit: 'br1',
      owner: 'br1.lead',
      assignee: 'br1.lead',
      state: ['reported'],
      updatedAt: iso(now - 2 * HOUR),
      data: { customerName: '王五' },
    }),
  ];
}

const repair = {
  name: 'repair',
  title: '售后报修',
  states: [{ path: 'reported', title: '已受理待派工' }],
  summary: [
    { path: 'customerName', title: '客户姓名', type: 'text' },
    { path: 'phone', title: '联系电话', type: 'phone' },
  ],
};

const ids = (el: SfCaseList) =>
  [...el.shadowRoot!.querySelectorAll('tr[data-id]')].map((r) => r.getAttribute('data-id'));

async function mount(api: ReturnType<typeof fakeApi>, props: Partial<SfCaseList> = {}) {
  const el = document.createElement('sf-case-list');
  Object.assign(el, { client: new ApiClient({ token: 'T', fetch: api.fetch }), user: lead, live: false, ...props });
  document.body.append(el);
  await until(
    () => el.shadowRoot?.querySelector('tr[data-id]') || el.shadowRoot?.querySelector('[part="empty"]'),
    'rows',
  );
  await el.updateComplete;
  return el;
}

describe('worklist tools', () => {
  afterEach(() => {
    document.querySelectorAll('sf-case-list').forEach((e) => e.remove());
    for (const key of Object.keys(localStorage))
      if (key.startsWith('serviceframe-worklist:')) localStorage.removeItem(key);
  });

  it('sorts by a column: ascending, descending, then back to its own order; the header says which', async () => {
    const now = Date.now();
    const api = fakeApi({
      'GET /api/cases': () => ({ items: cases(now), next: null }),
      'GET /api/definitions/Workflow/repair': () => repair,
    });
    const el = await mount(api);
    const own = ids(el);
    const header = (column: string) => el.shadowRoot!.querySelector<HTMLElement>(`th[data-column="${column}"]`)!;
    const click = async (column: string) => {
      header(column).querySelector('button')!.click();
      await el.updateComplete;
    };
    await click('case');
    deepEqual(ids(el), ['R-1', 'R-2', 'R-3']);
    equal(header('case').getAttribute('aria-sort'), 'ascending');
    await click('case');
    deepEqual(ids(el), ['R-3', 'R-2', 'R-1']);
    equal(header('case').getAttribute('aria-sort'), 'descending');
    await click('case');
    deepEqual(ids(el), own);
    equal(header('case').hasAttribute('aria-sort'), false);
    // times sort as times, newest last when ascending
    await click('updated');
    deepEqual(ids(el), ['R-3', 'R-2', 'R-1']);
    // names by the reader's language: pinyin order in Chinese (a-qiang, wang-wu, zhao-liu)
    await until(() => el.shadowRoot!.textContent!.includes('赵六'), 'summaries');
    await click('summary');
    deepEqual(ids(el), ['R-1', 'R-2', 'R-3']);
  });

  it('searches as one types, asking the server once typing pauses', async () => {
    const api = fakeApi({ 'GET /api/cases': () => ({ items: [], next: null }) });
    const el = await mount(api);
    const before = api.calls('/api/cases').length;
    const search = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="q"]')!;
    for (const typed of ['1', '13', '138', '1380']) {
      search.value = typed;
      search.dispatchEvent(new Event('input'));
    }
    equal(api.calls('/api/cases').length, before, 'nothing asked while typing');
    await until(() => api.calls('/api/cases').length > before, 'the search to be sent');
    equal(api.calls('/api/cases').length, before + 1, 'one request for four keystrokes');
    equal(api.calls('/api/cases').at(-1)!.query.get('q'), '1380');
  });

  it("remembers each person's filters and sort, and gives the next person their own", async () => {
    const now = Date.now();
    const api = fakeApi({
      'GET /api/cases': () => ({ items: cases(now), next: null }),
      'GET /api/definitions/Workflow/repair': () => repair,
    });
    const first = await mount(api, { remember: true });
    first.shadowRoot!.querySelector<HTMLButtonElement>('button[data-scope="unit"]')!.click();
    const search = first.shadowRoot!.querySelector<HTMLInputElement>('input[name="q"]')!;
    search.value = '王';
    search.dispatchEvent(new Event('change'));
    first.shadowRoot!.querySelector<HTMLElement>('th[data-column="case"] button')!.click();
    await first.updateComplete;
    first.remove();
    // the same person, later
    const again = await mount(api, { remember: true });
    equal(again.scope, 'unit');
    equal(again.q, '王');
    deepEqual(again.sort, { column: 'case', direction: 'ascending' });
    equal(again.shadowRoot!.querySelector<HTMLInputElement>('input[name="q"]')!.value, '王');
    await until(
      () =>
        api.calls('/api/cases').at(-1)!.query.get('q') === '王' &&
        api.calls('/api/cases').at(-1)!.query.get('unit') === 'br1',
      'the remembered query',
    );
    again.remove();
    // someone else on the same computer starts from their own (none)
    const other = await mount(api, {
      remember: true,
      user: me({ username: 'br1.staff', unit: 'br1', roles: ['service-staff'] }),
    });
    equal(other.scope, 'mine');
    equal(other.q, '');
    equal(other.sort, undefined);
  });

  it('offers a tel: link for a phone in the summary, which does not open the case', async () => {
    const now = Date.now();
    const api = fakeApi({
      'GET /api/cases': () => ({ items: cases(now), next: null }),
      'GET /api/definitions/Workflow/repair': () => repair,
    });
    const el = await mount(api);
    const tel = await until(
      () => el.shadowRoot!.querySelector<HTMLAnchorElement>('tr[data-id="R-1"] a[href^="tel:"]'),
      'a tel link',
    );
    equal(tel.getAttribute('href'), 'tel:01062345678');
    equal(tel.getAttribute('aria-label'), '拨打 010-62345678');
    let opened = false;
    el.addEventListener('sf-open-case', () => (opened = true));
    tel.addEventListener('click', (e) => e.preventDefault(), { once: true });
    tel.click();
    equal(opened, false);
  });

  it('sends one event to several cases, each through its own POST with its version; a refusal is shown for that case only', async () => {
    const now = Date.now();
    const dispatch = availableEvent({ type: 'dispatch', title: '派工' });
    const views: Record<string, { version: number; events: AvailableEvent[] }> = {
      'R-1': { version: 3, events: [dispatch, availableEvent({ type: 'cancel', title: '撤销' })] },
      'R-2': { version: 5, events: [dispatch] },
      'R-3': { version: 1, events: [dispatch] },
    };
    const api = fakeApi({
      'GET /api/cases': () => ({ items: cases(now), next: null }),
      'GET /api/definitions/Workflow/repair': () => repair,
      ...Object.fromEntries(
        Object.entries(views).map(([id, v]) => [
          `GET /api/cases/${id}`,
          () => caseView({ ...cases(now).find((c) => c.id === id)!, version: v.version, availableEvents: v.events }),
        ]),
      ),
      'POST /api/cases/R-1/events': () => ({ id: 'R-1' }),
      'POST /api/cases/R-2/events': () => problem(409, 'the case changed meanwhile'),
      'POST /api/cases/R-3/events': () => ({ id: 'R-3' }),
    });
    const el = await mount(api);
    for (const id of ['R-1', 'R-2', 'R-3'])
      el.shadowRoot!.querySelector<HTMLInputElement>(`tr[data-id="${id}"] input[name="select"]`)!.click();
    const bulk = await until(() => el.shadowRoot!.querySelector('sf-bulk-events'), 'the bulk bar');
    const select = await until(() => {
      const s = bulk.shadowRoot?.querySelector<HTMLSelectElement>('select[name="bulk-event"]');
      return s && !s.disabled ? s : null;
    }, 'the events the cases share');
    // only what all three offer
    deepEqual(
      [...select.options].map((o) => o.value),
      ['', 'dispatch'],
    );
    select.value = 'dispatch';
    select.dispatchEvent(new Event('change'));
    await bulk.updateComplete;
    bulk.shadowRoot!.querySelector<HTMLButtonElement>('button[part="bulk-apply"]')!.click();
    await until(
      () => bulk.shadowRoot!.querySelectorAll('[part="bulk-outcomes"] li').length === 3,
      'one outcome per case',
    );
    const outcomes = [...bulk.shadowRoot!.querySelectorAll('[part="bulk-outcomes"] li')];
    const sent = api.requests.filter((r) => r.method === 'POST');
    // in the list's order, each with the version it was read at
    deepEqual(
      sent.map((r) => [
        r.path,
        (r.body as { type: string }).type,
        (r.body as { expectedVersion: number }).expectedVersion,
      ]),
      ids(el).map((id) => [`/api/cases/${id}/events`, 'dispatch', views[id!]!.version]),
    );
    ok(
      sent.every((r) => r.headers.get('Idempotency-Key')),
      'each POST with its own idempotency key',
    );
    const failed = outcomes.filter((li) => li.getAttribute('data-ok') === 'false');
    deepEqual(
      failed.map((li) => li.getAttribute('data-id')),
      ['R-2'],
    );
    match(failed[0]!.textContent, /R-2.*changed meanwhile/);
    match(bulk.shadowRoot!.querySelector('[part="bulk-summary"]')!.textContent, /2.*1/);
  });
});
