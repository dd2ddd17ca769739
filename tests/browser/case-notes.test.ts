import '../../ui/components/sf-case.ts';
import type { SfCase } from '../../ui/components/sf-case.ts';
import { ApiClient } from '../../ui/api/client.ts';
import type { CaseView, EffectNote } from '../../ui/api/types.ts';
import { deepEqual, match } from './assert.ts';
import { caseView as view, historyEntry, iso } from './answers.ts';
import { fakeApi, until } from './fake-api.ts';

const DEADLINE = Date.parse('2026-12-01T10:00:00Z'); // 18:00 in Shanghai

/** Effects as the engine stores them: structured notes, an old English line, and a code this app does not know. */
const effects: EffectNote[] = [
  { code: 'assigned', args: { person: 'b1.tech' }, text: 'assigned to b1.tech' },
  {
    code: 'notified',
    args: {
      template: 'repair-new',
      templateTitle: { zh: '新报修', en: 'New repair' },
      people: ['b1.lead', 'b1.staff'],
      addresses: [],
    },
    text: 'notify repair-new → b1.lead, b1.staff',
  },
  {
    code: 'notified',
    args: { template: 'repair-received', people: [], addresses: ['sms:13800138000'] },
    text: 'notify repair-received → sms:13800138000',
  },
  {
    code: 'notified',
    args: { template: 'repair-received', people: [], addresses: [] },
    text: 'notify repair-received → nobody',
  },
  {
    code: 'clockStarted',
    args: {
      clock: 'repair-on-site',
      clockTitle: { zh: '24小时上门服务', en: 'On site within 24 hours' },
      deadline: DEADLINE,
      timeZone: 'Asia/Shanghai',
    },
    text: 'clock repair-on-site started, deadline 2026-12-01 18:00',
  },
  'signal close → no linked case',
  { code: 'fromTheFuture', args: {}, text: 'something the engine learnt later' },
];

function caseView(id: string): CaseView {
  return view({
    id,
    workflow: 'repair',
    definitionVersion: 'v1',
    unit: 'b1',
    owner: 'b1.staff',
    assignee: 'b1.tech',
    state: ['dispatched'],
    data: {},
    version: 2,
    history: [historyEntry({ seq: 2, type: 'dispatch', actor: 'b1.lead', at: iso(DEADLINE - 86_400_000), effects })],
  });
}

async function mountCase(id: string) {
  const api = fakeApi({
    [`GET /api/cases/${id}`]: () => caseView(id),
    'GET /api/directory': () => ({
      units: [{ name: 'b1', title: { zh: '济南分公司', en: 'Jinan branch' }, parent: null }],
      people: [
        { username: 'b1.tech', name: '王师傅', unit: 'b1' },
        { username: 'b1.lead', name: '姜主管', unit: 'b1' },
        { username: 'b1.staff', name: '戚客服', unit: 'b1' },
      ],
    }),
  });
  const el = document.createElement('sf-case');
  Object.assign(el, {
    client: new ApiClient({ token: 'T', fetch: api.fetch }),
    caseId: id,
    live: false,
    timeZone: 'Asia/Shanghai',
  });
  document.body.append(el);
  await until(() => /王师傅/.test(lines(el).join('\n')), 'the effects with names from the directory');
  return el;
}

const lines = (el: SfCase) =>
  [...(el.shadowRoot?.querySelectorAll('[part="history-entry"] ul li') ?? [])].map((li) => li.textContent!.trim());

describe('sf-case effects', () => {
  afterEach(() => document.querySelectorAll('sf-case').forEach((e) => e.remove()));

  it('shows structured notes in Chinese with names, titles and local times; a plain line or an unknown code as its English text', async () => {
    // given a history entry with structured notes, an old English line and a code from a newer engine
    const el = await mountCase(`c-${crypto.randomUUID()}`);
    // then
    deepEqual(lines(el), [
      '已指派给 王师傅',
      '已通知 姜主管、戚客服（新报修）',
      '已通知 13800138000（repair-received）',
      '无人可通知（repair-received）',
      '时限「24小时上门服务」开始计时，截止 2026/12/01 18:00',
      'signal close → no linked case',
      'something the engine learnt later',
    ]);
  });

  it('shows them in English when the locale is en', async () => {
    const el = await mountCase(`c-${crypto.randomUUID()}`);
    // when the language changes
    el.locale = 'en';
    await el.updateComplete;
    // then titles, list separators and the catalogue are English (names are as the directory gives them); the plain line stays
    const [assigned, notified, sms, nobody, clock, plain, unknown] = lines(el);
    deepEqual(
      [assigned, notified, sms, nobody, plain, unknown],
      [
        'Assigned to 王师傅',
        'Notified 姜主管, 戚客服 (New repair)',
        'Notified 13800138000 (repair-received)',
        'Nobody to notify (repair-received)',
        'signal close → no linked case',
        'something the engine learnt later',
      ],
    );
    match(clock, /^Time limit "On site within 24 hours" started, due 12\/01\/2026,? 18:00$/);
  });
});

describe('sf-case notes that name other cases', () => {
  afterEach(() => document.querySelectorAll('sf-case').forEach((e) => e.remove()));

  it('names them by their numbers, as links that open them (issue 15)', async () => {
    // given a case linked to headquarters' case, whose history holds a signal to it written before notes carried
    // numbers (the id only), one written since (with its number), and the note of a case it started
    const id = `c-${crypto.randomUUID()}`;
    const notes: EffectNote[] = [
      { code: 'signalSent', args: { event: 'hq-resolved', cases: ['c-hq'] }, text: 'signal hq-resolved → c-hq' },
      {
        code: 'signalSent',
        args: { event: 'hq-resolved', cases: ['c-hq'], numbers: ['TS-2026-00009'] },
        text: 'signal hq-resolved → TS-2026-00009',
      },
      {
        code: 'caseStarted',
        args: { workflow: 'return-visit', workflowTitle: { zh: '回访', en: 'Return visit' }, case: 'HF-2026-00004' },
        text: 'started return-visit HF-2026-00004',
      },
    ];
    const api = fakeApi({
      [`GET /api/cases/${id}`]: () => ({
        ...caseView(id),
        links: [
          { direction: 'child', caseId: 'c-hq', number: 'TS-2026-00009', workflow: 'hq-complaint', name: 'hq-case' },
        ],
        history: [historyEntry({ seq: 3, type: 'dispatch', actor: 'b1.lead', at: iso(DEADLINE), effects: notes })],
      }),
      'GET /api/directory': () => ({ units: [], people: [] }),
    });
    const el = document.createElement('sf-case') as SfCase;
    Object.assign(el, { client: new ApiClient({ token: 'T', fetch: api.fetch }), caseId: id, live: false });
    document.body.append(el);
    await until(() => lines(el).length === 3, 'the notes');
    // then each names the other case by its number, never its id
    const [old, since, started] = lines(el);
    match(old!, /^已(向|通知)关联案件 TS-2026-00009/);
    match(since!, /^已(向|通知)关联案件 TS-2026-00009/);
    deepEqual(started, '已发起回访 HF-2026-00004');
    const anchors = [
      ...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part="history-entry"] ul li a[part="note-case"]'),
    ];
    deepEqual(
      anchors.map((a) => [a.textContent, a.getAttribute('href')]),
      [
        ['TS-2026-00009', '#/cases/TS-2026-00009'],
        ['TS-2026-00009', '#/cases/TS-2026-00009'],
        ['HF-2026-00004', '#/cases/HF-2026-00004'],
      ],
    );
    // and a click opens the case by its number
    const opened: string[] = [];
    el.addEventListener('sf-open-case', (e) => opened.push((e as CustomEvent<{ id: string }>).detail.id));
    anchors[2]!.click();
    deepEqual(opened, ['HF-2026-00004']);
  });
});
