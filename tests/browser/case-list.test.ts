import '../../ui/components/sf-case-list.ts';
import type { SfCaseList } from '../../ui/components/sf-case-list.ts';
import { ApiClient } from '../../ui/api/client.ts';
import type { CaseSummary } from '../../ui/api/types.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { caseSummary, deadline, iso, me } from './answers.ts';
import { fakeApi, until } from './fake-api.ts';

const HOUR = 3_600_000;
const user = me({ username: 'li', unit: 'hq-mdd', actingUnit: 'hq', roles: ['agent'] });

function cases(now: number): CaseSummary[] {
  return [
    caseSummary({
      id: 'c-later',
      workflow: 'repair',
      unit: 'hq',
      owner: 'li',
      assignee: 'li',
      state: ['dispatched', 'billing.open'],
      updatedAt: iso(now - HOUR),
      deadlines: [deadline({ name: 'arrive', deadline: iso(now + 5 * HOUR) })],
    }),
    caseSummary({
      id: 'c-other',
      workflow: 'repair',
      unit: 'hq',
      owner: 'wang',
      assignee: 'wang',
      state: ['registered'],
      updatedAt: iso(now),
    }),
    caseSummary({
      id: 'c-soon',
      workflow: 'complaint',
      unit: 'hq',
      owner: 'zhao',
      assignee: 'li',
      state: ['handling.hq'],
      updatedAt: iso(now - 2 * HOUR),
      deadlines: [deadline({ name: 'reply', deadline: iso(now + HOUR) })],
    }),
    caseSummary({
      id: 'c-late',
      workflow: 'repair',
      unit: 'hq',
      owner: 'li',
      assignee: null,
      state: ['registered'],
      updatedAt: iso(now - 3 * HOUR),
      deadlines: [deadline({ name: 'respond', deadline: iso(now - 2 * HOUR), breached: true })],
    }),
  ];
}

async function mountList(api: ReturnType<typeof fakeApi>, props: Partial<SfCaseList> = {}) {
  const el = document.createElement('sf-case-list');
  Object.assign(el, { client: new ApiClient({ token: 'T', fetch: api.fetch }), user, ...props });
  document.body.append(el);
  await until(
    () => el.shadowRoot?.querySelector('tr[data-id]') || el.shadowRoot?.querySelector('[part="empty"]'),
    'rows',
  );
  await el.updateComplete;
  return el;
}

/** Definitions as the server serves them: state titles, and summary fields with their labels. */
const repair = {
  name: 'repair',
  title: '售后报修',
  states: [
    { path: 'registered', title: '已登记' },
    { path: 'dispatched', title: '已派工' },
    { path: 'billing', title: '结算' },
    { path: 'billing.open', title: '待结算' },
  ],
  summary: [
    { path: 'customerName', title: '客户姓名' },
    { path: 'productModel', title: '产品型号' },
    { path: 'dispatch.technician', title: '维修人员' },
  ],
};
const complaint = {
  name: 'complaint',
  title: '投诉',
  states: [
    { path: 'handling', title: '处理中' },
    { path: 'handling.hq', title: '集团处理' },
    { path: 'closed', title: '已结案' },
  ],
  summary: [
    { path: 'customerName', title: '客户姓名' },
    { path: 'bid', title: '报价' },
    { path: 'level', title: '级别', options: [{ value: 'urgent', label: '紧急' }] },
  ],
};

const ids = (el: SfCaseList) =>
  [...el.shadowRoot!.querySelectorAll('tr[data-id]')].map((r) => r.getAttribute('data-id'));

describe('sf-case-list', () => {
  afterEach(() => document.querySelectorAll('sf-case-list').forEach((e) => e.remove()));

  it('lists my cases, overdue first, then by the nearest deadline', async () => {
    const now = Date.now();
    const api = fakeApi({
      'GET /api/cases': () => ({ items: cases(now), next: null }),
      'GET /api/definitions/Workflow/repair': () => ({
        name: 'repair',
        title: '售后报修',
        states: [
          { path: 'registered', title: '已登记' },
          { path: 'dispatched', title: '已派工' },
        ],
      }),
    });
    const el = await mountList(api);
    deepEqual(ids(el), ['c-late', 'c-soon', 'c-later'], 'mine only (assignee or first contact), overdue first');
    const late = el.shadowRoot!.querySelector('tr[data-id="c-late"]')!;
    ok(late.classList.contains('overdue'));
    match(late.textContent, /已超时/);
    match(el.shadowRoot!.querySelector('tr[data-id="c-soon"]')!.textContent, /handling\.hq/);
    await until(
      () => /已派工, billing\.open/.test(el.shadowRoot!.querySelector('tr[data-id="c-later"]')!.textContent ?? ''),
      'state titles from the workflow definition',
    );
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

  it('shows units and assignees by name from the directory, ids where it has none', async () => {
    const now = Date.now();
    const api = fakeApi({
      'GET /api/cases': () => ({ items: cases(now), next: null }),
      'GET /api/directory': () => ({
        units: [{ name: 'hq', title: { zh: '集团总部', en: 'Headquarters' }, parent: null }],
        people: [{ username: 'li', name: '李经理', unit: 'hq' }],
      }),
    });
    const el = await mountList(api, { scope: 'unit' });
    await until(() => el.shadowRoot!.textContent!.includes('集团总部'), 'unit names');
    const cells = (id: string) =>
      [...el.shadowRoot!.querySelectorAll(`tr[data-id="${id}"] td`)].map((td) => td.textContent!.trim());
    const columns = [...el.shadowRoot!.querySelectorAll('th')].map((th) => th.textContent!.trim());
    const [unit, assignee] = [columns.indexOf('单位'), columns.indexOf('处理人')];
    deepEqual([cells('c-later')[unit], cells('c-later')[assignee]], ['集团总部', '李经理']);
    deepEqual(
      [cells('c-other')[assignee], cells('c-late')[assignee]],
      ['wang', ''],
      'no name: the username; nobody: empty',
    );
    equal(
      el.shadowRoot!.querySelector(`tr[data-id="c-later"] td[title="li"]`)?.textContent,
      '李经理',
      'the username stays as the tooltip',
    );
  });

  it("gives a customer their requests without the staff's columns (unit, assignee, deadline) or the overdue filter", async () => {
    const now = Date.now();
    const api = fakeApi({
      'GET /api/cases': () => ({ items: [{ ...cases(now)[0]!, customerUser: 'cust' }], next: null }),
    });
    const el = await mountList(api, {
      user: me({ username: 'cust', unit: 'hq', roles: ['customer'], customer: true }),
    });
    const columns = [...el.shadowRoot!.querySelectorAll('th')].map((th) => th.textContent!.trim());
    deepEqual(columns, ['编号', '概要', '流程', '状态', '更新时间']);
    equal(el.shadowRoot!.querySelectorAll('tr[data-id="c-later"] td').length, columns.length, 'a cell a column');
    ok(
      el.shadowRoot!.querySelector<HTMLElement>('input[name="overdue"]')!.closest('label')!.hidden,
      'no overdue filter',
    );
    ok(
      !el.shadowRoot!.querySelector('tr[data-id="c-later"] [title="li"], tr[data-id="c-later"] [title="hq"]'),
      'no ids',
    );
  });

  // covers: NORM-8 (the portal's first screen invites the customer in)
  it('invites a customer who has sent nothing yet to send a request; staff read that nothing matches', async () => {
    const api = fakeApi({ 'GET /api/cases': () => ({ items: [], next: null }) });
    const customer = await mountList(api, {
      user: me({ username: 'cust', unit: 'hq', roles: ['customer'], customer: true }),
    });
    await until(() => customer.shadowRoot!.querySelector('[part="empty"]'), 'the empty list');
    match(customer.shadowRoot!.querySelector('[part="empty"]')!.textContent!, /您还没有提交过服务申请/);
    equal(customer.shadowRoot!.querySelector('[part="empty-start"]')!.getAttribute('href'), '#/new');
    equal(customer.shadowRoot!.querySelector('[part="empty-start"]')!.textContent, '提交服务申请');
    customer.remove();
    const staff = await mountList(api);
    await until(() => staff.shadowRoot!.querySelector('[part="empty"]'), 'the empty worklist');
    equal(staff.shadowRoot!.querySelector('[part="empty"]')!.textContent!.trim(), '没有符合条件的案件');
    ok(!staff.shadowRoot!.querySelector('[part="empty-start"]'), 'staff are not invited to send a request');
  });

  it('reads the directory again, spaced out, when a case names someone it does not list', async () => {
    const { DirectoryNames } = await import('../../ui/components/directory-names.ts');
    const now = Date.now();
    let people = [{ username: 'li', name: '李经理', unit: 'hq' }];
    const api = fakeApi({
      'GET /api/cases': () => ({ items: cases(now), next: null }),
      'GET /api/directory': () => ({ units: [], people }),
    });
    const before = DirectoryNames.rereadAfterMs;
    DirectoryNames.rereadAfterMs = 60_000;
    try {
      const el = await mountList(api, { scope: 'unit' });
      await until(() => el.shadowRoot!.textContent!.includes('李经理'), 'the first read');
      // wang (assignee of c-other) is unknown, but the directory was just read: no second read yet
      await el.updateComplete;
      equal(api.calls('/api/directory').length, 1);
      // once it is old enough, the unknown assignee makes it be read again
      people = [...people, { username: 'wang', name: '王师傅', unit: 'hq' }];
      DirectoryNames.rereadAfterMs = 0;
      el.requestUpdate();
      await until(
        () => el.shadowRoot!.querySelector('tr[data-id="c-other"]')!.textContent!.includes('王师傅'),
        'the new name',
      );
      await el.updateComplete;
      equal(api.calls('/api/directory').length, 2, 'one more read, not one per render');
    } finally {
      DirectoryNames.rereadAfterMs = before;
    }
  });

  it('updates from the event stream', async () => {
    const now = Date.now();
    let items = cases(now);
    const api = fakeApi({ 'GET /api/cases': () => ({ items, next: null }) });
    const el = await mountList(api, { scope: 'unit' });
    await until(() => api.openStreams, 'the stream');
    items = [
      ...items,
      caseSummary({ id: 'c-new', workflow: 'repair', unit: 'hq', owner: 'li', assignee: 'li', updatedAt: iso(now) }),
    ];
    api.emit('case', { caseId: 'c-new', type: 'created' });
    await until(() => ids(el).includes('c-new'), 'the new case to show');
  });

  it("shows each case's summary from its data, leaving out what is absent or sealed, and links by the id", async () => {
    // given cases whose data holds some of their workflow's summary fields (a sealed bid is not sent)
    const now = Date.now();
    const items: CaseSummary[] = [
      caseSummary({
        id: 'c-full',
        workflow: 'repair',
        unit: 'hq',
        owner: 'li',
        assignee: 'li',
        state: ['dispatched'],
        updatedAt: iso(now),
        data: {
          customerName: '张三',
          phone: '13800138000',
          productModel: 'KX-200',
          dispatch: { technician: 'hq.tech' },
        },
      }),
      caseSummary({
        id: 'c-part',
        workflow: 'repair',
        unit: 'hq',
        owner: 'li',
        assignee: 'li',
        state: ['registered'],
        updatedAt: iso(now),
        data: { customerName: '王五', productModel: '' },
      }),
      caseSummary({
        id: 'c-choice',
        workflow: 'complaint',
        unit: 'hq',
        owner: 'li',
        assignee: 'li',
        state: ['closed'],
        updatedAt: iso(now),
        data: { customerName: '李四', level: 'urgent' },
      }),
    ];
    const api = fakeApi({
      'GET /api/cases': () => ({ items, next: null }),
      'GET /api/definitions/Workflow/repair': () => repair,
      'GET /api/definitions/Workflow/complaint': () => complaint,
    });
    const el = await mountList(api);
    const summary = (id: string) =>
      el.shadowRoot!.querySelector(`tr[data-id="${id}"] [part="summary"]`)?.textContent?.trim();
    // then the summary column shows the values joined by ' · ', in the workflow's order
    await until(() => summary('c-full') === '张三 · KX-200 · hq.tech', 'the summary of a repair case');
    equal(summary('c-part'), '王五', 'an empty or absent value is left out');
    await until(() => summary('c-choice') === '李四 · 紧急', 'a choice shows its label, the sealed bid nothing');
    match(el.shadowRoot!.querySelector('thead')!.textContent, /概要/);
    equal(
      el.shadowRoot!.querySelector('tr[data-id="c-full"] [part="summary"] span')!.getAttribute('title'),
      '客户姓名: 张三\n产品型号: KX-200\n维修人员: hq.tech',
    );
    equal(el.shadowRoot!.querySelector('tr[data-id="c-full"] a')!.textContent, 'c-full', 'the link text is the id');
  });

  it("filters by a state chosen among the chosen workflow's states", async () => {
    const now = Date.now();
    const api = fakeApi({
      'GET /api/cases': () => ({ items: cases(now), next: null }),
      'GET /api/definitions/Workflow/repair': () => repair,
      'GET /api/definitions/Workflow/complaint': () => complaint,
    });
    const el = await mountList(api, {
      workflows: [
        { name: 'repair', title: '售后报修' },
        { name: 'complaint', title: '投诉' },
      ],
    });
    const $ = <T extends Element>(selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
    const choose = (name: string, value: string) => {
      const select = $<HTMLSelectElement>(`select[name="${name}"]`);
      select.value = value;
      select.dispatchEvent(new Event('change'));
    };
    const optionTexts = () => [...$<HTMLSelectElement>('select[name="state"]').options].map((o) => o.textContent);
    // given no workflow chosen, the state select waits for one and says so
    ok($<HTMLSelectElement>('select[name="state"]').disabled, 'no states to choose without a workflow');
    match(optionTexts()[0], /先选择业务流程/);
    // when a workflow is chosen, its states are offered by title, "all" first, nested ones indented
    choose('workflow', 'repair');
    await until(() => optionTexts().includes('已派工'), "the repair workflow's states");
    deepEqual(optionTexts(), ['全部', '已登记', '已派工', '结算', '\u00a0\u00a0待结算']);
    // and choosing a state sends it with the workflow
    choose('state', 'dispatched');
    await until(
      () => api.calls('/api/cases').at(-1)!.query.get('state') === 'dispatched',
      'the state filter to be sent',
    );
    equal(api.calls('/api/cases').at(-1)!.query.get('workflow'), 'repair');
    equal($<HTMLSelectElement>('select[name="state"]').value, 'dispatched');
    // another workflow has other states: the state filter is cleared
    choose('workflow', 'complaint');
    await until(() => optionTexts().includes('已结案'), "the complaint workflow's states");
    const last = api.calls('/api/cases').at(-1)!.query;
    equal(last.get('workflow'), 'complaint');
    ok(!last.has('state'), 'no state of the repair workflow is sent for complaints');
    equal($<HTMLSelectElement>('select[name="state"]').value, '');
  });

  it('opens a case on click, pages with the cursor, and shows a lost connection', async () => {
    const now = Date.now();
    const api = fakeApi({
      'GET /api/cases': (r) =>
        r.query.get('cursor') === 'p2'
          ? {
              items: [caseSummary({ id: 'c-p2', owner: 'li', assignee: 'li', state: ['done'], done: true })],
              next: null,
            }
          : { items: cases(now), next: 'p2' },
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
