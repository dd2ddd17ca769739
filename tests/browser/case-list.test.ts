import '../../ui/components/sf-case-list.ts';
import type { SfCaseList } from '../../ui/components/sf-case-list.ts';
import { ApiClient } from '../../ui/api/client.ts';
import type { CaseSummary } from '../../ui/api/types.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { fakeApi, until } from './fake-api.ts';

const HOUR = 3_600_000;
const user = { username: 'li', unit: 'hq-mdd', actingUnit: 'hq', roles: ['agent'] };

function cases(now: number): CaseSummary[] {
  return [
    { id: 'c-later', workflow: 'repair', unit: 'hq', owner: 'li', assignee: 'li', state: ['dispatched', 'billing.open'], updatedAt: now - HOUR, deadlines: [{ name: 'arrive', deadline: now + 5 * HOUR, status: 'running' }] },
    { id: 'c-other', workflow: 'repair', unit: 'hq', owner: 'wang', assignee: 'wang', state: 'registered', updatedAt: now },
    { id: 'c-soon', workflow: 'complaint', unit: 'hq', owner: 'zhao', assignee: 'li', state: { handling: 'hq' }, updatedAt: now - 2 * HOUR, deadlines: { reply: { deadline: now + HOUR, status: 'running' } } },
    { id: 'c-late', workflow: 'repair', unit: 'hq', owner: 'li', assignee: null, state: 'registered', updatedAt: now - 3 * HOUR, deadlines: [{ name: 'respond', deadline: now - 2 * HOUR, status: 'running', breached: true }] },
  ];
}

async function mountList(api: ReturnType<typeof fakeApi>, props: Partial<SfCaseList> = {}) {
  const el = document.createElement('sf-case-list');
  Object.assign(el, { client: new ApiClient({ token: 'T', fetch: api.fetch }), user, ...props });
  document.body.append(el);
  await until(() => el.shadowRoot?.querySelector('tr[data-id]') || el.shadowRoot?.querySelector('[part="empty"]'), 'rows');
  await el.updateComplete;
  return el;
}

const ids = (el: SfCaseList) => [...el.shadowRoot!.querySelectorAll('tr[data-id]')].map((r) => r.getAttribute('data-id'));

describe('sf-case-list', () => {
  afterEach(() => document.querySelectorAll('sf-case-list').forEach((e) => e.remove()));

  it('lists my cases, overdue first, then by the nearest deadline', async () => {
    const now = Date.now();
    const api = fakeApi({
      'GET /api/cases': () => ({ items: cases(now), next: null }),
      'GET /api/definitions/Workflow/repair': () => ({ name: 'repair', title: '售后报修', states: [{ path: 'registered', title: '已登记' }, { path: 'dispatched', title: '已派工' }] }),
    });
    const el = await mountList(api);
    deepEqual(ids(el), ['c-late', 'c-soon', 'c-later'], 'mine only (assignee or first contact), overdue first');
    const late = el.shadowRoot!.querySelector('tr[data-id="c-late"]')!;
    ok(late.classList.contains('overdue'));
    match(late.textContent, /已超时/);
    match(el.shadowRoot!.querySelector('tr[data-id="c-soon"]')!.textContent, /handling\.hq/);
    await until(() => /已派工, billing\.open/.test(el.shadowRoot!.querySelector('tr[data-id="c-later"]')!.textContent ?? ''), 'state titles from the workflow definition');
    match(el.shadowRoot!.querySelector('tr[data-id="c-later"]')!.textContent, /售后报修/);
    match(el.shadowRoot!.querySelector('tr[data-id="c-soon"]')!.textContent, /剩余 (59 分|1 小时)/);
  });

  it("shows the unit's cases with the unit in the query, and sends filters", async () => {
    const now = Date.now();
    const api = fakeApi({ 'GET /api/cases': () => ({ items: cases(now), next: null }) });
    const el = await mountList(api, { scope: 'unit' });
    equal(ids(el).length, 4);
    equal(api.calls('/api/cases').at(-1)!.query.get('unit'), 'hq');
    const overdue = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="overdue"]')!;
    overdue.click();
    const search = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="q"]')!;
    search.value = '张三';
    search.dispatchEvent(new Event('change'));
    await until(() => api.calls('/api/cases').at(-1)!.query.get('q') === '张三', 'the search to be sent');
    const last = api.calls('/api/cases').at(-1)!.query;
    equal(last.get('overdue'), 'true');
    equal(last.get('unit'), 'hq');
    // switching to my cases drops the unit
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-scope="mine"]')!.click();
    await until(() => !api.calls('/api/cases').at(-1)!.query.has('unit'), 'the unit to be dropped');
  });

  it('updates from the event stream', async () => {
    const now = Date.now();
    let items = cases(now);
    const api = fakeApi({ 'GET /api/cases': () => ({ items, next: null }) });
    const el = await mountList(api, { scope: 'unit' });
    await until(() => api.openStreams, 'the stream');
    items = [...items, { id: 'c-new', workflow: 'repair', unit: 'hq', owner: 'li', assignee: 'li', state: 'registered', updatedAt: now }];
    api.emit('case', { caseId: 'c-new', type: 'created' });
    await until(() => ids(el).includes('c-new'), 'the new case to show');
  });

  it('opens a case on click, pages with the cursor, and shows a lost connection', async () => {
    const now = Date.now();
    const api = fakeApi({
      'GET /api/cases': (r) => (r.query.get('cursor') === 'p2'
        ? { items: [{ id: 'c-p2', workflow: 'repair', unit: 'hq', owner: 'li', assignee: 'li', state: 'done' }], next: null }
        : { items: cases(now), next: 'p2' }),
    });
    const el = await mountList(api);
    let opened: unknown;
    el.addEventListener('sf-open-case', (e) => (opened = (e as CustomEvent).detail.id));
    el.shadowRoot!.querySelector<HTMLElement>('tr[data-id="c-soon"] td:nth-child(3)')!.click();
    equal(opened, 'c-soon');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="load-more"]')!.click();
    await until(() => ids(el).includes('c-p2'), 'the second page');
    api.setOffline(true);
    await el.reload();
    await el.updateComplete;
    match(el.shadowRoot!.querySelector('[role="alert"]')?.textContent, /无法连接服务器/);
    ok(ids(el).includes('c-p2'), 'the list stays visible');
  });
});
