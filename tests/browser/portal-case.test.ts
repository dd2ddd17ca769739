import { setViewport } from '@web/test-runner-commands';
import '../../ui/components/sf-portal-case.ts';
import '../../ui/components/sf-inbox.ts';
import type { SfInbox } from '../../ui/components/sf-inbox.ts';
import type { SfForm } from '../../ui/components/sf-form.ts';
import type { PortalCase } from '../../ui/api/types.ts';
import { ApiClient } from '../../ui/api/client.ts';
import { compileForm } from '../../engine/forms/index.ts';
import type { Definition } from '../../engine/definitions/kind.ts';
import type { FormSpec } from '../../engine/forms/form-model.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { fakeApi, problem, until } from './fake-api.ts';
import { formDefinition } from './helpers.ts';

// The customer's case page (NORM-5, NORM-8) and the inbox bell, against a fake of the API that
// answers as server/cases/customer-view.ts and server/routes/inbox-routes.ts do.
const ratingForm = compileForm(
  formDefinition(
    [
      {
        name: 'rating',
        type: 'enum',
        label: { zh: '总体评价', en: 'Overall rating' },
        required: true,
        options: [
          { value: '5', label: { zh: '非常满意', en: 'Very satisfied' } },
          { value: '2', label: { zh: '不满意', en: 'Dissatisfied' } },
        ],
      },
      { name: 'comment', type: 'textarea', label: { zh: '意见和建议', en: 'Comments' } },
    ],
    'service-rating',
  ) as unknown as Definition<FormSpec>,
).toJSON().schema;

function portalCase(id: string, extra: Partial<PortalCase> = {}): PortalCase {
  return {
    id,
    number: null,
    workflow: 'repair',
    workflowTitle: '售后报修',
    definitionVersion: 'v1',
    unit: null,
    owner: null,
    assignee: null,
    customerUser: 'cust.zhang',
    state: ['scheduled'],
    stateValue: 'scheduled',
    stateTitle: '已预约待上门',
    deadlines: [],
    history: [],
    links: [],
    records: {},
    watchers: [],
    done: false,
    version: 4,
    createdAt: '2026-09-14T01:00:00.000Z',
    updatedAt: '2026-09-14T02:00:00.000Z',
    data: { customerName: '张三', phone: '13800138000', kind: 'on-site' },
    fields: [
      { path: 'customerName', title: '客户姓名', type: 'text' },
      { path: 'phone', title: '联系电话', type: 'phone' },
      { path: 'kind', title: '服务方式', type: 'enum', options: [{ value: 'on-site', label: '上门服务' }] },
      { path: 'fault', title: '故障问题', type: 'textarea' },
    ],
    progress: [
      { step: 'reported', title: '已受理', status: 'done' },
      { step: 'manufacturer', title: '厂家处理', status: 'skipped' },
      { step: 'scheduled', title: '已预约待上门', status: 'current' },
      { step: 'closed', title: '已结案', status: 'todo' },
    ],
    technician: { name: '谢师傅', phone: '13800011004' },
    appointment: '2026-09-14T07:00:00.000Z',
    replies: [
      { at: '2026-09-14T01:30:00.000Z', title: '备注', by: '戚客服', text: '已安排师傅' },
      { at: '2026-09-14T01:40:00.000Z', title: '告知客户进程', by: null, text: '师傅下午到' },
    ],
    availableEvents: [],
    rating: null,
    ...extra,
  };
}

/** Picks an option of a choice field by its label, rendered as a select or as radios. */
async function choose(form: SfForm, pointer: string, label: string) {
  const field = form.shadowRoot!.querySelector(`.field[data-pointer="${pointer}"]`)!;
  const select = field.querySelector<HTMLSelectElement>('select');
  if (select) {
    select.value = [...select.options].find((o) => o.textContent === label)!.value;
    select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  } else {
    [...field.querySelectorAll<HTMLLabelElement>('label.choice')]
      .find((l) => l.textContent?.trim() === label)!
      .querySelector('input')!
      .click();
  }
  await form.updateComplete;
}

/** The label of the chosen option. */
function chosen(form: SfForm, pointer: string): string | undefined {
  const field = form.shadowRoot!.querySelector(`.field[data-pointer="${pointer}"]`)!;
  const select = field.querySelector<HTMLSelectElement>('select');
  if (select) return select.selectedOptions[0]?.textContent ?? undefined;
  return field.querySelector<HTMLInputElement>('input:checked')?.closest('label')?.textContent?.trim();
}

async function mountPortal(api: ReturnType<typeof fakeApi>, caseId: string, live = false) {
  const el = document.createElement('sf-portal-case');
  Object.assign(el, {
    client: new ApiClient({ token: 'T', fetch: api.fetch }),
    caseId,
    live,
    timeZone: 'Asia/Shanghai',
  });
  document.body.append(el);
  await until(() => el.shadowRoot?.querySelector('header'), 'the case to show');
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

describe('sf-portal-case', () => {
  afterEach(() => document.querySelectorAll('sf-portal-case, sf-inbox').forEach((e) => e.remove()));

  it('shows the progress, the technician with a call link, the appointment, the replies and what the customer told, formatted', async () => {
    const id = `c-${crypto.randomUUID()}`;
    const api = fakeApi({ [`GET /api/cases/${id}`]: () => portalCase(id) });
    const el = await mountPortal(api, id);
    equal($(el, '[part~="status"]')!.textContent, '已预约待上门');
    // the step another branch took is not shown; the current one is marked for assistive technology
    deepEqual(
      $$(el, 'ol.progress li').map((li) => [li.dataset['step'], li.className]),
      [
        ['reported', 'done'],
        ['scheduled', 'current'],
        ['closed', 'todo'],
      ],
    );
    equal($(el, 'ol.progress li[aria-current="step"]')!.dataset['step'], 'scheduled');
    equal($(el, '[part~="technician"] a')!.getAttribute('href'), 'tel:13800011004');
    match($(el, '[part~="appointment"]')!.textContent, /2026\/09\/14 15:00/, "in the calendar's time zone");
    deepEqual(
      $$(el, '[part~="reply"] p').map((p) => p.textContent),
      ['师傅下午到', '已安排师傅'],
      'newest first',
    );
    const facts = Object.fromEntries($$(el, 'dl.facts dd').map((dd) => [dd.dataset['field'], dd]));
    equal(facts['kind']!.textContent, '上门服务', 'an option by its label');
    equal(facts['phone']!.querySelector('a')!.getAttribute('href'), 'tel:13800138000');
    ok(!('fault' in facts), 'an empty field is left out');
    // it asked for nothing but the case (and the names a customer may read): no definitions or scripts
    deepEqual(
      api.requests.map((r) => r.path).filter((p) => p !== '/api/directory'),
      [`/api/cases/${id}`],
    );
  });

  it('asks for the rating on the finished case, keeps the choice on a refusal, and sends it to the linked case', async () => {
    const id = `c-${crypto.randomUUID()}`;
    let rated = false;
    const api = fakeApi({
      [`GET /api/cases/${id}`]: () =>
        portalCase(id, {
          done: true,
          stateTitle: '已结案',
          rating: rated
            ? {
                case: 'rv-1',
                given: {
                  at: '2026-09-15T01:00:00.000Z',
                  data: { rating: '5', comment: '很好' },
                  fields: [
                    { path: 'rating', title: '总体评价', type: 'enum', options: [{ value: '5', label: '非常满意' }] },
                    { path: 'comment', title: '意见和建议', type: 'textarea' },
                  ],
                },
              }
            : {
                case: 'rv-1',
                version: 2,
                event: { type: 'rate', title: '评价服务', formName: 'service-rating', form: ratingForm },
              },
        }),
      'POST /api/cases/rv-1/events': (r) => {
        const body = r.body as { data: { rating: string; comment?: string } };
        if (body.data.rating === '2' && !body.data.comment)
          return problem(422, 'invalid data', [{ path: '/comment', message: '请填写意见和建议' }]);
        rated = true;
        return {};
      },
    });
    const el = await mountPortal(api, id);
    equal($(el, '[part~="status"]')!.textContent, '已办结');
    $<HTMLButtonElement>(el, '[part~="rating"] button[data-event="rate"]')!.click();
    await el.updateComplete;
    const form = await until(() => $<SfForm>(el, '[part~="rating"] sf-form'), 'the rating form');
    await form.updateComplete;
    await choose(form, '/rating', '不满意');
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="submit"]')!.click();
    // the server's field error shows at the field, and the choice stays
    await until(
      () =>
        /请填写意见和建议/.test(form.shadowRoot!.querySelector('.field[data-pointer="/comment"]')?.textContent ?? ''),
      'the error at the comment',
    );
    equal(chosen(form, '/rating'), '不满意');
    const post = api.calls('/api/cases/rv-1/events', 'POST')[0]!;
    deepEqual(post.body, { type: 'rate', data: { rating: '2' }, expectedVersion: 2 });
    ok(post.headers.get('idempotency-key'), 'sent once, whatever the network does');
    await choose(form, '/rating', '非常满意');
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="submit"]')!.click();
    await until(() => $(el, '[part~="rating"][data-rated]'), 'the rating given');
    match($(el, '[part~="rating"]')!.textContent, /感谢您的评价.*非常满意.*很好/s);
  });

  it('opens a form on its defaults from the case: moving the visit starts from the agreed time', async () => {
    const id = `c-${crypto.randomUUID()}`;
    const rescheduleForm = compileForm(
      formDefinition(
        [
          {
            name: 'appointmentAt',
            type: 'datetime',
            label: { zh: '新的上门时间', en: 'New visit time' },
            required: true,
          },
          { name: 'rescheduleReason', type: 'textarea', label: { zh: '改约原因', en: 'Why' } },
        ],
        'reschedule',
      ) as unknown as Definition<FormSpec>,
    ).toJSON().schema;
    const api = fakeApi({
      [`GET /api/cases/${id}`]: () =>
        portalCase(id, {
          availableEvents: [
            {
              type: 'reschedule',
              title: '客户改约',
              formName: 'reschedule',
              form: rescheduleForm,
              prefill: { appointmentAt: '2026-09-14T07:00:00.000Z' },
            },
          ],
        }),
      [`POST /api/cases/${id}/events`]: () => ({}),
    });
    const el = await mountPortal(api, id);
    $<HTMLButtonElement>(el, 'button[data-event="reschedule"]')!.click();
    await el.updateComplete;
    const form = await until(() => $<SfForm>(el, '[part~="actions"] sf-form'), 'the reschedule form');
    await form.updateComplete;
    const input = await until(
      () => form.shadowRoot!.querySelector<HTMLInputElement>('.field[data-pointer="/appointmentAt"] input'),
      'the time field',
    );
    await until(() => input.value !== '', 'the agreed time in the field');
    // a datetime input shows the browser's local time
    equal(new Date(input.value).getTime(), Date.parse('2026-09-14T07:00:00.000Z'), 'the agreed time');
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="submit"]')!.click();
    await until(() => api.calls(`/api/cases/${id}/events`, 'POST').length, 'the move sent');
    const sent = api.calls(`/api/cases/${id}/events`, 'POST')[0]!.body as {
      type: string;
      data: { appointmentAt: string };
    };
    equal(sent.type, 'reschedule');
    equal(Date.parse(sent.data.appointmentAt), Date.parse('2026-09-14T07:00:00.000Z'));
  });

  it('reloads when the stream says this case changed', async () => {
    const id = `c-${crypto.randomUUID()}`;
    let version = 4;
    const api = fakeApi({
      [`GET /api/cases/${id}`]: () =>
        portalCase(id, { version, stateTitle: version > 4 ? '现场维修' : '已预约待上门' }),
    });
    const el = await mountPortal(api, id, true);
    await until(() => api.calls('/api/stream').length, 'the stream to open');
    version = 5;
    api.emit('case', { id, workflow: 'repair', version: 5, state: [], done: false });
    await until(() => $(el, '[part~="status"]')?.textContent === '现场维修', 'the new step');
  });
});

describe('sf-inbox', () => {
  afterEach(async () => {
    document.querySelectorAll('sf-inbox').forEach((e) => e.remove());
    await setViewport({ width: 1280, height: 900 });
  });

  it('reads an entry top to bottom on a phone, its visible words first in the bell name', async () => {
    await setViewport({ width: 390, height: 844 });
    const body =
      '张先生您好，维修方式和时间已确定：2026/12/20 15:00。对不起，给您添麻烦了，我们一定准时上门服务，请您放心。';
    const api = fakeApi({
      'GET /api/inbox': () => ({
        items: [
          {
            id: 'o1',
            caseId: 'c1',
            caseNumber: 'BX-2026-00008',
            title: '上门时间已确定',
            subject: 's',
            body,
            at: '2026-09-14T01:00:00.000Z',
            read: false,
          },
        ],
        unread: 1,
      }),
    });
    const el = document.createElement('sf-inbox') as SfInbox;
    Object.assign(el, { client: new ApiClient({ token: 'T', fetch: api.fetch }), live: false });
    document.body.append(el);
    await until(() => $(el, '[part~="count"]')?.textContent === '1', 'one unread');
    // the name begins with what the button shows (label-content-name-mismatch)
    ok($(el, 'button.bell')!.getAttribute('aria-label')!.startsWith('通知 1'), 'the bell says 通知 1 first');
    $<HTMLButtonElement>(el, 'button.bell')!.click();
    await el.updateComplete;
    const entry = await until(() => $(el, 'li[data-entry="o1"] a'), 'the entry');
    const [title, text, time] = [
      entry.querySelector('strong')!,
      entry.querySelector('p')!,
      entry.querySelector('.muted')!,
    ].map((e) => e.getBoundingClientRect());
    ok(title!.bottom <= text!.top + 1 && text!.bottom <= time!.top + 1, 'title, text and time one under another');
    ok(text!.width > 300, `the text takes the panel's width (${text!.width} px)`);
    ok(entry.getBoundingClientRect().height >= 44, 'a 44 px target');
  });

  it("counts unread notifications, follows the stream, and opens an entry's case as read", async () => {
    let items = [
      {
        id: 'o1',
        caseId: 'c1',
        title: '新报修待派工',
        subject: 's',
        body: '请立即派工',
        at: '2026-09-14T01:00:00.000Z',
        read: false,
      },
    ];
    const api = fakeApi({
      'GET /api/inbox': () => ({ items, unread: items.filter((i) => !i.read).length }),
      'POST /api/inbox/read': (r) => {
        const ids = (r.body as { ids: string[] }).ids;
        items = items.map((i) => (ids.includes(i.id) ? { ...i, read: true } : i));
        return { unread: items.filter((i) => !i.read).length };
      },
    });
    const el = document.createElement('sf-inbox') as SfInbox;
    Object.assign(el, { client: new ApiClient({ token: 'T', fetch: api.fetch }) });
    document.body.append(el);
    await until(() => $(el, '[part~="count"]')?.textContent === '1', 'one unread');
    match($(el, 'button.bell')!.getAttribute('aria-label')!, /1 条未读/);
    // a new notification arrives: the stream says so, the count follows
    items = [
      {
        id: 'o2',
        caseId: 'c2',
        title: '维修任务',
        subject: 's',
        body: '请前往',
        at: '2026-09-14T02:00:00.000Z',
        read: false,
      },
      ...items,
    ];
    await until(() => api.calls('/api/stream').length, 'the stream to open');
    api.emit('inbox', {});
    await until(() => $(el, '[part~="count"]')?.textContent === '2', 'two unread');
    $<HTMLButtonElement>(el, 'button.bell')!.click();
    await el.updateComplete;
    deepEqual(
      $$(el, 'li.unread strong').map((s) => s.textContent!.replace('未读', '').trim()),
      ['维修任务', '新报修待派工'],
    );
    let opened = '';
    el.addEventListener('sf-open-case', (e) => (opened = (e as CustomEvent<{ id: string }>).detail.id));
    $<HTMLAnchorElement>(el, 'li[data-entry="o2"] a')!.click();
    equal(opened, 'c2');
    await until(() => $(el, '[part~="count"]')?.textContent === '1', 'one unread left');
    deepEqual(
      api.calls('/api/inbox/read', 'POST').map((r) => r.body),
      [{ ids: ['o2'] }],
    );
  });
});
