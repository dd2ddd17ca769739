import { setViewport } from '@web/test-runner-commands';
import '../../ui/components/sf-ledger.ts';
import '../../ui/components/sf-scorecard.ts';
import type { SfLedger } from '../../ui/components/sf-ledger.ts';
import type { SfScorecard } from '../../ui/components/sf-scorecard.ts';
import { ApiClient } from '../../ui/api/client.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { fakeApi, until } from './fake-api.ts';

const ledger = {
  ledger: 'service-ledger',
  title: '服务信息台帐',
  from: '2026-09-01T00:00:00.000Z',
  to: '2026-10-01T00:00:00.000Z',
  columns: [
    { name: 'unit', title: '单位、部门', format: 'text' },
    { name: 'caseId', title: '序号', format: 'text' },
    { name: 'customerName', title: '客户名称', format: 'text' },
    { name: 'purchaseDate', title: '购买日期', format: 'date' },
    { name: 'fee', title: '费用', format: 'money' },
    { name: 'paid', title: '已付', format: 'yesno' },
  ],
  rows: [
    {
      seq: 1,
      unit: 'hq',
      caseId: 'c1',
      at: '2026-09-03T02:00:00.000Z',
      values: {
        unit: '总部',
        caseId: 'c1',
        customerName: '华北电力',
        purchaseDate: '2025-05-06',
        fee: 120.5,
        paid: true,
      },
    },
    {
      seq: 2,
      unit: 'hq',
      caseId: 'c2',
      at: '2026-09-04T02:00:00.000Z',
      values: { unit: '总部', caseId: 'c2', customerName: '东方机电', purchaseDate: null, fee: 0, paid: false },
    },
  ],
};

describe('sf-ledger', () => {
  afterEach(() => document.querySelectorAll('sf-ledger, sf-scorecard').forEach((e) => e.remove()));

  it('shows every page of a ledger the server answers in pages (issue 13 item 3)', async () => {
    const api = fakeApi({
      'GET /api/ledger': (r) =>
        r.query.get('cursor') === 'page-2'
          ? {
              ...ledger,
              rows: [{ ...ledger.rows[1]!, seq: 3, caseId: 'c3', values: { ...ledger.rows[1]!.values, caseId: 'c3' } }],
              next: null,
            }
          : { ...ledger, next: 'page-2' },
      'GET /api/directory': () => ({
        units: [{ name: 'hq', title: { zh: '集团总部', en: 'Headquarters' }, parent: null }],
        people: [],
      }),
    });
    const el = document.createElement('sf-ledger') as SfLedger;
    Object.assign(el, { client: new ApiClient({ token: 'T', fetch: api.fetch }), unit: 'hq' });
    document.body.append(el);
    await until(() => el.shadowRoot!.querySelectorAll('tr[part="row"]').length === 3, 'the rows of both pages');
    deepEqual(
      [...el.shadowRoot!.querySelectorAll('tr[part="row"]')].map((tr) => tr.querySelectorAll('td')[1]!.textContent),
      ['c1', 'c2', 'c3'],
    );
  });

  it('shows the rows with their columns, filters, downloads the CSV and prints on A4', async () => {
    const api = fakeApi({
      'GET /api/ledger': (r) =>
        r.headers.get('accept') === 'text/csv'
          ? new Response('\ufeff单位、部门,序号\r\n总部,c1\r\n', {
              headers: { 'content-type': 'text/csv; charset=utf-8' },
            })
          : ledger,
      'GET /api/directory': () => ({
        units: [{ name: 'hq', title: { zh: '集团总部', en: 'Headquarters' }, parent: null }],
        people: [],
      }),
    });
    const el = document.createElement('sf-ledger') as SfLedger;
    Object.assign(el, { client: new ApiClient({ token: 'T', fetch: api.fetch }), unit: 'hq' });
    document.body.append(el);
    await until(() => el.shadowRoot!.querySelectorAll('tr[part="row"]').length === 2, 'the rows');
    deepEqual(
      [...el.shadowRoot!.querySelectorAll('th')].map((th) => th.textContent),
      ['单位、部门', '序号', '客户名称', '购买日期', '费用', '已付'],
    );
    deepEqual(
      [...el.shadowRoot!.querySelectorAll('tr[part="row"]')[0]!.querySelectorAll('td')].map((td) => td.textContent),
      ['总部', 'c1', '华北电力', '2025-05-06', '120.50', '是'],
    );
    equal(api.calls('/api/ledger')[0]!.query.get('unit'), 'hq');
    await until(
      () => /· 集团总部/.test(el.shadowRoot!.querySelector('.print-title')?.textContent ?? ''),
      'the unit by its name in the printed title',
    );
    // the unit filter offers units by name, the one shown chosen (issue 15 item 5: no unit ids on the page)
    const unitSelect = el.shadowRoot!.querySelector<HTMLSelectElement>('select[name="unit"]')!;
    deepEqual(
      [...unitSelect.options].map((o) => [o.value, o.textContent]),
      [
        ['', '全部'],
        ['hq', '集团总部'],
      ],
    );
    equal(unitSelect.value, 'hq');
    // filters
    const form = el.shadowRoot!.querySelector<HTMLFormElement>('form[part="toolbar"]')!;
    form.querySelector<HTMLInputElement>('input[name="from"]')!.value = '2026-09-01';
    form.querySelector<HTMLInputElement>('input[name="to"]')!.value = '2026-09-30';
    form.requestSubmit();
    await until(() => api.calls('/api/ledger').length === 2, 'the filtered request');
    const q = api.calls('/api/ledger')[1]!.query;
    deepEqual([q.get('unit'), q.get('from'), q.get('to')], ['hq', '2026-09-01', '2026-09-30']);
    await until(() => !el.loading, 'the load');
    // CSV: fetched with the token and Accept: text/csv, then offered as a file
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part~="csv"]')!;
    link.click();
    await until(() => link.href.startsWith('blob:'), 'the CSV file');
    const csv = api.requests.find((r) => r.headers.get('accept') === 'text/csv')!;
    equal(csv.headers.get('authorization'), 'Bearer T');
    equal(link.getAttribute('download'), 'service-ledger-2026-09-01_2026-09-30.csv');
    const bytes = new Uint8Array(await (await fetch(link.href)).arrayBuffer());
    deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept, so Excel reads UTF-8');
    match(new TextDecoder().decode(bytes), /单位、部门,序号/);
    // A4 landscape print layout
    ok(
      document.getElementById('sf-a4-landscape-page')?.textContent?.includes('size: A4 landscape'),
      'the A4 page is declared',
    );
    let opened: unknown;
    el.addEventListener('sf-open-case', (e) => (opened = (e as CustomEvent).detail.id));
    el.shadowRoot!.querySelector<HTMLAnchorElement>('tr[data-case="c2"] a')!.click();
    equal(opened, 'c2');
  });
});

describe('sf-ledger period', () => {
  afterEach(() => document.querySelectorAll('sf-ledger').forEach((e) => e.remove()));

  it('shows the period on screen in its date inputs, never an empty yyyy/mm/dd (issue 15)', async () => {
    let answer: (value: unknown) => void = () => {};
    const api = fakeApi({
      'GET /api/ledger': () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    });
    const el = document.createElement('sf-ledger') as SfLedger;
    Object.assign(el, { client: new ApiClient({ fetch: api.fetch }), unit: 'hq', timeZone: 'Asia/Shanghai' });
    document.body.append(el);
    const from = await until(
      () => el.shadowRoot!.querySelector<HTMLInputElement>('input[name="from"]'),
      'the from input',
    );
    const to = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="to"]')!;
    equal(from.type, 'date');
    // before the answer: this month where the reader is (the server's default), its first and last day
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
      .format(Date.now())
      .slice(0, 7);
    equal(from.value, `${month}-01`);
    match(to.value, new RegExp(`^${month}-(28|29|30|31)$`));
    equal(api.calls('/api/ledger')[0]!.query.get('from'), null, "the server's default is asked for");
    // the answer's period, in the ledger's time zone; the server's `to` is the first instant after it
    answer({ ...ledger, from: '2026-08-31T16:00:00.000Z', to: '2026-09-30T16:00:00.000Z' });
    await until(() => from.value === '2026-09-01', 'the first day the server answered for');
    equal(to.value, '2026-09-30');
    // and the labels are the reader's words, whatever language the browser draws the date in
    deepEqual(
      [...el.shadowRoot!.querySelectorAll('form[part="toolbar"] label')].map((l) =>
        [...l.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent)
          .join('')
          .trim(),
      ),
      ['单位', '起始日期', '截止日期'],
    );
  });
});

describe('sf-scorecard', () => {
  it('shows the total, band, and each point with its explanation', async () => {
    const api = fakeApi({
      'GET /api/scorecards': (r) => ({
        unit: r.query.get('unit'),
        period: r.query.get('period'),
        scorecards: [
          {
            scorecard: 'service-kpi',
            unit: 'hq-equipment',
            period: '2026-09',
            from: '',
            to: '',
            max: 100,
            total: 93,
            band: { name: 'good', title: { zh: '良好', en: 'Good' }, outcome: 'reward' },
            categories: [
              {
                name: 'timeliness',
                title: { zh: '及时性', en: 'Timeliness' },
                max: 60,
                floor: 0,
                cap: 60,
                raw: 55,
                score: 55,
                limit: null,
                changes: [
                  {
                    category: 'timeliness',
                    rule: 'late',
                    points: -5,
                    factId: 'f1',
                    fact: 'sla-breach',
                    caseId: 'c7',
                    caseNumber: 'BX-2026-00007',
                    at: '2026-09-05T03:00:00.000Z',
                    ruleTitle: { zh: '响应超时', en: 'Late response' },
                    reason: 'response deadline missed',
                    reasonTitle: { zh: '未在时限内响应', en: 'response deadline missed' },
                    text: '-5 timeliness: rule late (Late response) for fact sla-breach f1 on case c7 at 2026-09-05 11:00: response deadline missed',
                  },
                ],
              },
              {
                name: 'praise',
                title: '表扬',
                max: 40,
                floor: 0,
                cap: 40,
                raw: 42,
                score: 38,
                limit: 'capped at 40 minus 2 deducted elsewhere',
                changes: [],
              },
            ],
            explanation: ['timeliness starts at 60', '  -5 timeliness: rule late', 'total 93 of 100', 'band good'],
          },
        ],
      }),
    });
    const el = document.createElement('sf-scorecard') as SfScorecard;
    Object.assign(el, { client: new ApiClient({ fetch: api.fetch }), unit: 'hq-equipment', period: '2026-09' });
    document.body.append(el);
    await until(() => el.shadowRoot!.querySelector('[part="scorecard"]'), 'the scorecard');
    await el.updateComplete;
    match(el.shadowRoot!.querySelector('[part="total"]')!.textContent, /总分 93 \/ 100/);
    match(el.shadowRoot!.querySelector('[part~="band"]')!.textContent, /良好/);
    const timeliness = el.shadowRoot!.querySelector('[data-category="timeliness"]')!;
    match(timeliness.textContent, /-5 分/);
    // the rule's title and the reason as the definition wrote them, the case by its number (KPI-5, issue 15)
    equal(timeliness.querySelector('[part="rule-title"]')!.textContent, '响应超时');
    equal(timeliness.querySelector('[part="reason"]')!.textContent, '未在时限内响应');
    equal(/response|deadline|c7/.test(timeliness.textContent!), false);
    equal(timeliness.querySelector('a')!.textContent, 'BX-2026-00007');
    equal(timeliness.querySelector('a')!.getAttribute('href'), '#/cases/BX-2026-00007');
    match(
      el.shadowRoot!.querySelector('[data-category="praise"]')!.textContent,
      /本期无加减分.*封顶 40 分：超出的 2 分加分不计/s,
    ); // said from cap and raw in the reader's language, not the engine's English limit
    match(el.shadowRoot!.querySelector('[part="explanation"]')!.textContent, /总分 93 \/ 100/);
    equal(api.calls('/api/scorecards')[0]!.query.get('period'), '2026-09');
    el.locale = 'en';
    await el.updateComplete;
    await until(
      () => /Total 93 \/ 100/.test(el.shadowRoot!.querySelector('[part="total"]')?.textContent ?? ''),
      'English',
    );
    match(el.shadowRoot!.querySelector('[data-category="timeliness"] th')!.textContent, /Timeliness/);
    equal(
      el.shadowRoot!.querySelector('[data-category="timeliness"] [part="rule-title"]')!.textContent,
      'Late response',
    );
    equal(
      el.shadowRoot!.querySelector('[data-category="timeliness"] [part="reason"]')!.textContent,
      'response deadline missed',
    );
  });
});

describe('sf-scorecard rules', () => {
  afterEach(() => document.querySelectorAll('sf-scorecard').forEach((e) => e.remove()));

  it("names a rule once with its cases under it, and leaves out a reason that only repeats the rule's title (issue 15)", async () => {
    const late = (n: number) => ({
      category: 'service-management',
      rule: 'late-work-order',
      points: -2,
      factId: `f${n}`,
      fact: 'late-work-order',
      caseId: `c${n}`,
      caseNumber: `BX-2026-0000${n}`,
      at: `2026-12-08T02:3${n}:00.000Z`,
      ruleTitle: { zh: '《客户服务工作单》未在规定期间返回 −2分/次', en: 'Work order returned late −2 each' },
      reasonTitle: { zh: '《客户服务工作单》未按时返回总部', en: 'work order not returned to headquarters in time' },
      text: '',
    });
    const el = document.createElement('sf-scorecard') as SfScorecard;
    Object.assign(el, {
      hideFilters: true,
      timeZone: 'Asia/Shanghai',
      scorecards: [
        {
          scorecard: 'kpi',
          unit: 'br1',
          period: '2026-12',
          max: 100,
          total: 96,
          categories: [
            {
              name: 'service-management',
              title: { zh: '客户服务的管理', en: 'Service management' },
              max: 30,
              score: 26,
              limit: null,
              changes: [late(1), late(3)],
            },
          ],
        },
      ],
    });
    document.body.append(el);
    const rule = await until(() => el.shadowRoot!.querySelector('[part="rule"]'), 'the rule');
    equal(el.shadowRoot!.querySelectorAll('[part="rule"]').length, 1);
    equal(rule.querySelector('[part="rule-title"]')!.textContent, '《客户服务工作单》未在规定期间返回 −2分/次');
    equal(rule.querySelector('[part="rule-total"]')!.textContent, '共 -4 分（2 次）');
    equal(rule.querySelector('[part="reason"]'), null, 'the reason says the title again');
    equal((rule.textContent!.match(/客户服务工作单/g) ?? []).length, 1, 'the rule is read once');
    deepEqual(
      [...rule.querySelectorAll('[part="change"]')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim()),
      ['-2 分 BX-2026-00001 2026/12/08 10:31', '-2 分 BX-2026-00003 2026/12/08 10:33'],
    );
    equal(rule.querySelector('[part="change"] a')!.getAttribute('href'), '#/cases/BX-2026-00001');
  });
});

describe('sf-scorecard chart', () => {
  afterEach(() => document.querySelectorAll('sf-scorecard').forEach((e) => e.remove()));

  it("draws the compared units' monthly totals from their annual scorecards", async () => {
    const annual = (unit: string, totals: number[]) => ({
      unit,
      period: '2026',
      scorecards: [
        {
          scorecard: 'kpi',
          unit,
          period: '2026',
          total: 90,
          max: 100,
          categories: [],
          months: totals.map((total, i) => ({
            scorecard: 'kpi',
            unit,
            period: `2026-${String(i + 1).padStart(2, '0')}`,
            total,
            categories: [],
          })),
        },
      ],
    });
    const api = fakeApi({
      'GET /api/scorecards': (r) =>
        r.query.get('period') === '2026'
          ? annual(r.query.get('unit')!, r.query.get('unit') === 'b1' ? [80, 85, 90] : [95, 92])
          : { unit: r.query.get('unit'), period: r.query.get('period'), scorecards: [] },
    });
    const el = document.createElement('sf-scorecard') as SfScorecard;
    Object.assign(el, {
      client: new ApiClient({ fetch: api.fetch }),
      unit: 'hq',
      period: '2026-03',
      compareUnits: ['hq', 'b1'],
    });
    document.body.append(el);
    await until(() => el.shadowRoot!.querySelectorAll('[part="chart"] g[data-unit]').length === 2, 'two series');
    equal(el.shadowRoot!.querySelectorAll('g[data-unit="b1"] circle').length, 3);
    match(el.shadowRoot!.querySelector('[part="chart"] table')!.textContent, /b1.*80.*85.*90/s);
  });
});

describe('sf-monthly-report', () => {
  afterEach(() => document.querySelectorAll('sf-monthly-report').forEach((e) => e.remove()));

  it('shows cases by workflow, deadlines met, every measure with its groups, and the scorecards', async () => {
    const api = fakeApi({
      'GET /api/reports/monthly': (r) => ({
        unit: r.query.get('unit'),
        month: r.query.get('month') ?? '2026-09',
        cases: 3,
        byWorkflow: [
          { workflow: 'repair', title: '售后报修', total: 2, done: 1, states: { closed: 1, reported: 1 } },
          { workflow: 'complaint', title: '客户投诉', total: 1, done: 0, states: { handling: 1 } },
        ],
        sla: { met: 3, breached: 1, metPercent: 75 },
        measures: [
          {
            name: 'repairsByModel',
            title: '按型号的报修数',
            kind: 'count',
            unit: 'cases',
            value: 2,
            numerator: 2,
            denominator: 2,
            groups: [
              { group: 'KX-200', value: 2 },
              { group: 'KX-300', value: 1 },
            ],
          },
          {
            name: 'complaintsByLevel',
            title: '投诉级别',
            kind: 'count',
            unit: 'cases',
            value: 3,
            numerator: 3,
            denominator: 3,
            groups: [
              { group: '', value: 1 },
              { group: 'group', title: '投诉至集团公司', value: 2 },
            ],
          },
          {
            name: 'returnVisitRate',
            title: '回访完成率',
            kind: 'ratio',
            unit: 'percent',
            value: 50,
            numerator: 1,
            denominator: 2,
          },
          {
            name: 'revenue',
            title: '营业额（服务收费）',
            kind: 'sum',
            unit: 'amount',
            value: 1234.5,
            numerator: 1234.5,
            denominator: 2,
          },
        ],
        scorecards: [
          {
            scorecard: 'kpi',
            title: { zh: '服务工作考核指标', en: 'Service scorecard' },
            unit: 'hq',
            period: '2026-09',
            total: 98,
            max: 100,
            categories: [
              {
                name: 'quality',
                title: '质量',
                max: 100,
                score: 98,
                changes: [
                  {
                    points: -2,
                    rule: 'late-work-order',
                    ruleTitle: { zh: '工作单返回不及时', en: 'Work order returned late' },
                    text: '-2 quality: late work order on case c-9',
                    caseId: 'c-9',
                  },
                ],
              },
            ],
          },
        ],
      }),
      'GET /api/directory': () => ({
        units: [{ name: 'hq', title: { zh: '集团总部', en: 'Headquarters' }, parent: null }],
        people: [],
      }),
    });
    const { SfMonthlyReport } = await import('../../ui/components/sf-monthly-report.ts');
    const el = new SfMonthlyReport();
    Object.assign(el, { client: new ApiClient({ fetch: api.fetch }), unit: 'hq', month: '2026-09' });
    document.body.append(el);
    await until(() => el.shadowRoot!.querySelector('[part="measures"]'), 'the report');
    await until(
      () => /集团总部 2026年9月 月度报告/.test(el.shadowRoot!.querySelector('[part="title"]')!.textContent ?? ''),
      'the unit by its name',
    );
    match(el.shadowRoot!.querySelector('[part="sla"]')!.textContent, /75%.*达成 3，超时 1/s);
    match(el.shadowRoot!.querySelector('tr[data-workflow="repair"]')!.textContent, /售后报修\s*2\s*1/);
    match(el.shadowRoot!.querySelector('tr[data-measure="repairsByModel"]')!.textContent, /KX-200\s*2.*KX-300\s*1/s);
    // groups by their option labels, a case without a value as 未填写, never an empty label or a stored value (issue 15)
    deepEqual(
      [...el.shadowRoot!.querySelectorAll('tr[data-measure="complaintsByLevel"] li > span:first-child')].map(
        (x) => x.textContent,
      ),
      ['未填写', '投诉至集团公司'],
    );
    match(el.shadowRoot!.querySelector('tr[data-measure="returnVisitRate"]')!.textContent, /50%.*1 \/ 2/s);
    match(el.shadowRoot!.querySelector('tr[data-measure="revenue"]')!.textContent, /1,234\.50 元/);
    const cards = el.shadowRoot!.querySelector('sf-scorecard')!;
    await (cards as SfScorecard).updateComplete;
    match(cards.shadowRoot!.textContent, /-2 分.*工作单返回不及时/s);
    const toolbar = cards.shadowRoot!.querySelector<HTMLFormElement>('form[part="toolbar"]')!;
    ok(toolbar.hidden && getComputedStyle(toolbar).display === 'none', 'no filters inside the report');
    // the embedded scorecards name the unit with the report's directory, and the scorecard by its title
    match(cards.shadowRoot!.querySelector('h2')!.textContent, /服务工作考核指标 · 集团总部 · 2026年9月/);
    equal(api.calls('/api/directory').length, 1, 'read once, by the report');
    equal(api.calls('/api/reports/monthly')[0]!.query.get('month'), '2026-09');
  });
});

describe('the reports on a 390 px phone (issue 15 audit item 1)', () => {
  afterEach(async () => {
    document.querySelectorAll('sf-scorecard, sf-monthly-report').forEach((e) => e.remove());
    await setViewport({ width: 1280, height: 900 });
  });

  const deduction = (n: number) => ({
    category: 'management',
    rule: 'late-work-order',
    ruleTitle: { zh: '《客户服务工作单》未在规定期间返回 −2分/次', en: 'Work order returned late' },
    points: -2,
    factId: `f${n}`,
    fact: 'work-order-late',
    caseId: `c3d9439211917450db12b${n}`,
    at: '2026-12-08T07:43:00.000Z',
    reason: '',
    text: '',
  });
  const card = {
    scorecard: 'kpi',
    title: { zh: '服务工作考核指标', en: 'Service scorecard' },
    unit: 'br1',
    period: '2026-12',
    total: 96,
    max: 100,
    categories: [
      { name: 'service', title: '客户服务（“真诚服务”规范）', max: 25, score: 25, changes: [] },
      { name: 'management', title: '客户服务的管理', max: 30, score: 26, changes: [deduction(1), deduction(2)] },
    ],
  };
  /** How far the page reaches past the 390 px screen, and whether any table row does. */
  const widths = (el: Element) => ({
    page: document.documentElement.scrollWidth,
    rows: Math.max(
      ...[...el.shadowRoot!.querySelectorAll('tr')]
        .filter((tr) => !tr.closest('.visually-hidden'))
        .map((tr) => tr.getBoundingClientRect().right),
    ),
  });

  it("stacks a category's deductions under it: the scorecard and its chart fit the screen", async () => {
    await setViewport({ width: 390, height: 844 });
    const api = fakeApi({
      'GET /api/scorecards': (r) =>
        r.query.get('period') === '2026'
          ? {
              scorecards: [
                {
                  ...card,
                  period: '2026',
                  months: Array.from({ length: 12 }, (_, i) => ({
                    ...card,
                    period: `2026-${String(i + 1).padStart(2, '0')}`,
                  })),
                },
              ],
            }
          : { scorecards: [card] },
    });
    const el = document.createElement('sf-scorecard') as SfScorecard;
    Object.assign(el, { client: new ApiClient({ fetch: api.fetch }), unit: 'br1', period: '2026-12' });
    document.body.append(el);
    await until(() => el.shadowRoot!.querySelector('[part="chart"] g[data-unit]'), 'the chart');
    await until(() => el.shadowRoot!.querySelectorAll('[part="change"]').length === 2, 'the deductions');
    const { page, rows } = widths(el);
    ok(page <= 390, `the page is ${page} px wide`);
    ok(rows <= 390, `a table row reaches ${rows} px`);
    // the deductions read below their category's name, not in a column beside it
    const row = el.shadowRoot!.querySelector('[data-category="management"]')!;
    const name = row.querySelector('th')!.getBoundingClientRect();
    const change = row.querySelector('[part="change"]')!.getBoundingClientRect();
    ok(change.top >= name.bottom, 'the deduction under the category');
  });

  it("stacks the monthly report's measures: nothing wider than the screen", async () => {
    await setViewport({ width: 390, height: 844 });
    const api = fakeApi({
      'GET /api/reports/monthly': () => ({
        unit: 'br1',
        month: '2026-12',
        cases: 8,
        byWorkflow: [{ workflow: 'repair', title: '售后报修', total: 6, done: 2, states: { closed: 2 } }],
        measures: [
          {
            name: 'repairsByModel',
            title: '按型号的报修数',
            kind: 'count',
            unit: 'cases',
            value: 6,
            groups: [{ group: 'ZW32-12 真空断路器（户外高压）', value: 6 }],
          },
        ],
        scorecards: [card],
      }),
    });
    const { SfMonthlyReport } = await import('../../ui/components/sf-monthly-report.ts');
    const el = new SfMonthlyReport();
    Object.assign(el, { client: new ApiClient({ fetch: api.fetch }), unit: 'br1' });
    document.body.append(el);
    await until(() => el.shadowRoot!.querySelector('[part="measures"]'), 'the report');
    const cards = el.shadowRoot!.querySelector('sf-scorecard')!;
    await (cards as SfScorecard).updateComplete;
    const { page, rows } = widths(el);
    ok(page <= 390, `the page is ${page} px wide`);
    ok(rows <= 390, `a measure reaches ${rows} px`);
    ok(widths(cards).rows <= 390, 'the embedded scorecard fits');
  });
});

describe('the report period inputs (issue 15 audit item 2)', () => {
  afterEach(() => document.querySelectorAll('sf-scorecard, sf-monthly-report').forEach((e) => e.remove()));

  const thisMonth = () => {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
    }).formatToParts(Date.now());
    return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
  };

  it('shows the month of the report on screen, this month before it comes, never an empty month input', async () => {
    let answer: (value: unknown) => void = () => {};
    const api = fakeApi({
      'GET /api/reports/monthly': () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    });
    const { SfMonthlyReport } = await import('../../ui/components/sf-monthly-report.ts');
    const el = new SfMonthlyReport();
    Object.assign(el, { client: new ApiClient({ fetch: api.fetch }), unit: 'br1', timeZone: 'Asia/Shanghai' });
    document.body.append(el);
    const input = await until(
      () => el.shadowRoot!.querySelector<HTMLInputElement>('input[name="month"]'),
      'the month input',
    );
    equal(input.type, 'month');
    // before the answer: this month where the reader is, which is what the server defaults to
    equal(input.value, thisMonth());
    equal(api.calls('/api/reports/monthly')[0]!.query.get('month'), null, "the server's default is asked for");
    answer({ unit: 'br1', month: '2026-11', cases: 0, byWorkflow: [], measures: [] });
    await until(() => input.value === '2026-11', 'the month the server answered for');
    // cleared and applied: the server's default again, shown as its month, not as dashes
    input.value = '';
    el.shadowRoot!.querySelector<HTMLButtonElement>('form[part="toolbar"] button[type="submit"]')!.click();
    await el.updateComplete;
    equal(el.month, undefined);
    equal(input.value, '2026-11');
  });

  it("shows the scorecards' period in the period input", async () => {
    const api = fakeApi({
      'GET /api/scorecards': () => ({
        scorecards: [{ scorecard: 'kpi', unit: 'br1', period: '2026-10', total: 100, max: 100, categories: [] }],
      }),
    });
    const el = document.createElement('sf-scorecard') as SfScorecard;
    Object.assign(el, { client: new ApiClient({ fetch: api.fetch }), unit: 'br1' });
    document.body.append(el);
    await until(() => el.shadowRoot!.querySelector('[part="scorecard"]'), 'the scorecard');
    await el.updateComplete;
    equal(el.shadowRoot!.querySelector<HTMLInputElement>('input[name="period"]')!.value, '2026-10');
  });
});
