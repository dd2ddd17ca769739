import '../../ui/components/sf-case.ts';
import type { SfCase } from '../../ui/components/sf-case.ts';
import type { SfForm } from '../../ui/components/sf-form.ts';
import { ApiClient } from '../../ui/api/client.ts';
import type { CaseView } from '../../ui/api/types.ts';
import { compileForm } from '../../engine/forms/index.ts';
import { createOutbox } from '../../ui/offline/outbox.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { availableEvent, caseView as view, deadline, historyEntry, iso } from './answers.ts';
import { fakeApi, json, problem, until } from './fake-api.ts';
import { controlOf, formDefinition, root, type } from './helpers.ts';
import type { Definition } from '../../engine/definitions/kind.ts';
import type { FormSpec } from '../../engine/forms/form-model.ts';

const HOUR = 3_600_000;
const dispatchForm = compileForm(
  formDefinition(
    [
      { name: 'engineer', type: 'text', label: { zh: '维修工程师', en: 'Engineer' }, required: true },
      { name: 'mobile', type: 'mobile', label: { zh: '工程师手机', en: 'Mobile' } },
      { name: 'urgent', type: 'yesno', label: { zh: '加急', en: 'Urgent' } },
    ],
    'dispatch',
  ) as unknown as Definition<FormSpec>,
);

function caseView(id: string, version = 2, extra: Partial<CaseView> = {}): CaseView {
  const now = Date.now();
  return view({
    id,
    workflow: 'repair',
    definitionVersion: 'v1',
    unit: 'hq',
    owner: 'li',
    assignee: 'li',
    state: ['registered'],
    data: { customerName: '华北电力' },
    version,
    deadlines: [
      deadline({
        name: 'respond',
        title: { zh: '响应时限', en: 'Response' },
        counts: 'working',
        deadline: iso(now + 2 * HOUR + 5 * 60_000),
        explanation: ['started 2026-11-26 09:00 (event registered)', 'target 4h working time'],
      }),
      deadline({ name: 'arrive', deadline: iso(now - 30 * 60_000), breached: true }),
    ],
    history: [
      historyEntry({
        seq: 1,
        type: 'register',
        actor: 'li',
        actorUnit: 'hq',
        at: iso(now - 3 * HOUR),
        from: [],
        to: ['registered'],
        data: { customerName: '华北电力' },
      }),
      historyEntry({
        seq: 2,
        type: 'note',
        actor: 'wang',
        at: iso(now - HOUR),
        from: ['registered'],
        to: ['registered'],
        effects: ['notified li'],
      }),
    ],
    availableEvents: [
      availableEvent({ type: 'dispatch', title: '派工', formName: 'dispatch', form: dispatchForm.toJSON().schema }),
      availableEvent({ type: 'cancel', title: '撤销' }),
    ],
    links: [{ direction: 'child', caseId: 'rv-1', workflow: 'return-visit', name: 'return-visit' }],
    ...extra,
  });
}

/** The repair workflow as the server serves it to the case page: its states by their titles. */
const REPAIR = {
  kind: 'Workflow',
  name: 'repair',
  title: '报修',
  states: [
    { path: 'registered', title: '已登记' },
    { path: 'dispatched', title: '已派工' },
    { path: 'closed', title: '已关闭' },
  ],
  events: [],
};

async function mountCase(api: ReturnType<typeof fakeApi>, caseId: string, props: Partial<SfCase> = {}) {
  const el = document.createElement('sf-case');
  Object.assign(el, { client: new ApiClient({ token: 'T', fetch: api.fetch }), caseId, live: false, ...props });
  document.body.append(el);
  await until(() => el.shadowRoot?.querySelector('header'), 'the case to show');
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: SfCase, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const eventForm = (el: SfCase) => $<SfForm>(el, 'sf-form')!;

async function openEvent(el: SfCase, type: string) {
  $<HTMLButtonElement>(el, `button[data-event="${type}"]`)!.click();
  await el.updateComplete;
  const form = eventForm(el);
  if (form) await form.updateComplete;
  return form;
}

describe('sf-case', () => {
  afterEach(() => document.querySelectorAll('sf-case').forEach((e) => e.remove()));

  it('shows state, actions, SLA clocks with their explanation, script, links and history', async () => {
    const id = `c-${crypto.randomUUID()}`;
    const api = fakeApi({
      [`GET /api/cases/${id}`]: () => caseView(id),
      'GET /api/definitions/Workflow/repair': (r) => ({
        kind: 'Workflow',
        name: 'repair',
        title: '报修',
        states: [
          {
            path: 'registered',
            title: r.headers.get('accept-language') === 'en' ? 'Registered' : '已登记',
            script: ['phone-opening'],
          },
          { path: 'closed', title: '已关闭' },
        ],
        events: [
          { type: 'register', title: '登记' },
          { type: 'note', title: '备注' },
        ],
        diagram: {
          svg: '<svg xmlns="http://www.w3.org/2000/svg"><g data-state="registered"><rect width="80" height="30"/></g><g data-state="closed"><rect y="40" width="80" height="30"/></g></svg>',
        },
      }),
      'GET /api/definitions/Script/phone-opening': () => ({
        kind: 'Script',
        name: 'phone-opening',
        metadata: { name: 'phone-opening', title: { zh: '电话开场', en: 'Opening a call' } },
        spec: { lines: [{ zh: '您好，XX公司，请问有什么可以帮您？', en: 'Hello, XX company, how can I help?' }] },
      }),
    });
    const el = await mountCase(api, id);
    await until(() => $(el, '[part="diagram"] svg'), 'the diagram');
    await until(
      () => /电话开场.*请问有什么可以帮您/s.test($(el, '[part="script"]')?.textContent ?? ''),
      'the script of the current state',
    );
    equal($(el, '[part~="state"]')!.textContent, '已登记', 'the state title from the workflow');
    deepEqual(
      [...el.shadowRoot!.querySelectorAll('g.current')].map((g) => g.getAttribute('data-state')),
      ['registered'],
      'the current state is highlighted',
    );
    deepEqual(
      [...el.shadowRoot!.querySelectorAll('button[data-event]')].map((b) => b.textContent),
      ['派工', '撤销'],
    );
    const respond = $(el, '[data-clock="respond"]')!;
    match(respond.textContent, /响应时限/);
    match(respond.querySelector('[part="countdown"]')!.textContent, /^剩余 2 小时 [45] 分$/);
    match(respond.querySelector('details')!.textContent, /target 4h working time/);
    equal(
      respond.querySelector('[part="clock-counts"]')!.textContent,
      '按工作时间计',
      'which clock the promise counts',
    );
    match($(el, '[data-clock="arrive"]')!.textContent, /已超时/);
    equal($(el, '[data-clock="arrive"] [part="clock-counts"]'), null, 'nothing said when the server does not say');
    equal($(el, '[part="link"]')!.textContent, 'rv-1');
    const entries = [...el.shadowRoot!.querySelectorAll('[part="history-entry"]')];
    equal(entries.length, 2);
    match(entries[0]!.textContent, /wang.*备注/s);
    match(entries[1]!.textContent, /li.*\(hq\).*登记/s);
    match(entries[1]!.textContent, /— → 已登记/, 'states by their titles in the workflow');
    // a note leaves the case where it was: no 已登记 → 已登记 (issue 15)
    equal(entries[0]!.querySelector('[part="move"]'), null);
    // the header names the workflow, not the case's event count
    equal(/版本|Version/.test($(el, 'header')!.textContent!), false);
    // times in the business time zone when given
    el.timeZone = 'Asia/Shanghai';
    el.value = caseView(id, 2, {
      history: [historyEntry({ seq: 1, type: 'register', actor: 'li', at: '2026-09-30T09:50:00.000Z' })],
    });
    await el.updateComplete;
    match($(el, '[part="history-entry"] time')!.textContent, /2026\/09\/30 17:50/);
    el.timeZone = undefined;
    el.value = caseView(id);
    await el.updateComplete;
    // and in English
    el.locale = 'en';
    await until(() => $(el, '[part~="state"]')!.textContent === 'Registered', 'the English state title');
    match(respond.querySelector('[part="countdown"]')!.textContent, /^2 h [45] min left$/);
    let opened: unknown;
    el.addEventListener('sf-open-case', (e) => (opened = (e as CustomEvent).detail.id));
    $(el, '[part="link"]')!.click();
    equal(opened, 'rv-1');
  });

  it('shows units and people by their names from the directory, ids where it has none', async () => {
    const id = `c-${crypto.randomUUID()}`;
    const api = fakeApi({
      [`GET /api/cases/${id}`]: () =>
        caseView(id, 2, {
          owner: 'li',
          assignee: 'gone',
          history: [
            ...caseView(id).history!,
            historyEntry({ seq: 3, type: 'timeout', actor: 'system', at: new Date().toISOString() }),
          ],
        }),
      'GET /api/directory': () => ({
        units: [{ name: 'hq', title: { zh: '集团总部', en: 'Headquarters' }, parent: null }],
        people: [
          { username: 'li', name: '李经理', unit: 'hq' },
          { username: 'wang', name: null, unit: 'hq' },
        ],
        system: 'system',
      }),
    });
    const el = await mountCase(api, id);
    await until(
      () => /李经理/.test($(el, '[part="history"]')?.textContent ?? el.shadowRoot!.textContent ?? ''),
      'names from the directory',
    );
    const facts = [...el.shadowRoot!.querySelectorAll('dd')].map((d) => [
      d.textContent?.trim(),
      d.getAttribute('title'),
    ]);
    deepEqual(
      facts.slice(0, 3),
      [
        ['集团总部', 'hq'],
        ['李经理', 'li'],
        ['gone', 'gone'],
      ],
      'unit, owner, assignee (unknown: its id)',
    );
    const entries = [...el.shadowRoot!.querySelectorAll('[part="history-entry"]')].map((e) =>
      e.querySelector('.who')!.textContent!.replace(/\s+/g, ' ').trim(),
    );
    deepEqual(
      entries,
      ['系统', 'wang', '李经理 (集团总部)'],
      "a person without a name keeps the username; the engine's own actor is 系统",
    );
    equal(api.calls('/api/directory').length, 1);
    el.locale = 'en';
    await el.updateComplete;
    equal(el.shadowRoot!.querySelector('dd')!.textContent!.trim(), 'Headquarters');
  });

  it("gives an event form's user field the directory and the case's unit: only that unit's holders of the role, by name", async () => {
    const id = `c-${crypto.randomUUID()}`;
    const assign = compileForm(
      formDefinition(
        [
          {
            name: 'technician',
            type: 'user',
            label: { zh: '维修人员', en: 'Technician' },
            role: 'tech',
            required: true,
          },
        ],
        'assign',
      ) as unknown as Definition<FormSpec>,
    );
    const api = fakeApi({
      [`GET /api/cases/${id}`]: () =>
        caseView(id, 2, {
          unit: 'b1',
          availableEvents: [availableEvent({ type: 'assign', formName: 'assign', form: assign.toJSON().schema })],
        }),
      'GET /api/directory': () => ({
        units: [
          { name: 'hq', parent: null },
          { name: 'b1', parent: 'hq' },
          { name: 'b2', parent: 'hq' },
        ],
        people: [
          { username: 'b1.xie', name: '谢师傅', unit: 'b1', roles: ['tech'] },
          { username: 'b1.jiang', name: '姜主管', unit: 'b1', roles: ['lead'] },
          { username: 'b2.yun', name: '云师傅', unit: 'b2', roles: ['tech'] },
        ],
      }),
    });
    const el = await mountCase(api, id);
    await until(() => api.calls('/api/directory').length === 1, 'the directory');
    const form = await openEvent(el, 'assign');
    await until(() => form.shadowRoot!.querySelector('select'), 'a select of people');
    const offered = [...form.shadowRoot!.querySelectorAll('option')]
      .filter((o) => o.value)
      .map((o) => [o.textContent?.trim(), o.value]);
    deepEqual(offered, [['谢师傅', 'b1.xie']]);
  });

  it("opens an event's form from its JSON Schema and sends it with the expected version", async () => {
    const id = `c-${crypto.randomUUID()}`;
    let current = caseView(id);
    const api = fakeApi({
      [`GET /api/cases/${id}`]: () => current,
      [`POST /api/cases/${id}/events`]: () => {
        current = caseView(id, 3, { state: ['dispatched'], availableEvents: [] });
        return json(current);
      },
      'GET /api/definitions/Workflow/repair': () => REPAIR,
    });
    const el = await mountCase(api, id);
    const form = await openEvent(el, 'dispatch');
    ok(controlOf(form, '/engineer'), 'the engineer field is rendered');
    // an invalid value is refused in the browser, with the engine's message
    await type(form, '/mobile', '123');
    root(form).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await form.updateComplete;
    equal(api.calls(`/api/cases/${id}/events`, 'POST').length, 0, 'nothing sent while invalid');
    await type(form, '/engineer', '张工');
    await type(form, '/mobile', '13800138000');
    root(form).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => $(el, '[part~="state"]')?.textContent === '已派工', 'the new state');
    const sent = api.calls(`/api/cases/${id}/events`, 'POST')[0]!;
    deepEqual(sent.body, { type: 'dispatch', data: { engineer: '张工', mobile: '13800138000' }, expectedVersion: 2 });
    ok(sent.headers.get('idempotency-key'), 'an idempotency key');
    ok(!$(el, 'sf-form'), 'the form closes');
    match($(el, '[part="message"]')!.textContent, /已完成：派工/);
  });

  it("lays an event's form out in the sections of its definition, though only its JSON Schema is served", async () => {
    const id = `c-${crypto.randomUUID()}`;
    const sectioned = compileForm({
      apiVersion: 'serviceframe/v1',
      kind: 'Form',
      metadata: { name: 'finish' },
      spec: {
        sections: [
          { title: { zh: '客户信息', en: 'Customer' }, fields: ['customerName', 'phone'] },
          { title: { zh: '服务内容', en: 'Service' }, fields: ['content'] },
        ],
        fields: [
          { name: 'content', type: 'textarea', label: { zh: '服务内容', en: 'Content' } },
          { name: 'customerName', type: 'text', label: { zh: '客户名称', en: 'Customer' }, width: 6 },
          { name: 'phone', type: 'phone', label: { zh: '联系电话', en: 'Phone' }, width: 6 },
          { name: 'remark', type: 'text', label: { zh: '备注', en: 'Remark' } },
        ],
      },
    } as unknown as Definition<FormSpec>);
    const api = fakeApi({
      [`GET /api/cases/${id}`]: () =>
        caseView(id, 2, {
          availableEvents: [
            availableEvent({ type: 'finish', title: '完成', formName: 'finish', form: sectioned.toJSON().schema }),
          ],
        }),
    });
    const el = await mountCase(api, id);
    const form = await openEvent(el, 'finish');
    const sections = [...form.shadowRoot!.querySelectorAll('[part="section"]')].map((s) => ({
      title: s.querySelector('[part="section-title"]')?.textContent ?? null,
      fields: [...s.querySelectorAll('[name]')].map((f) => f.getAttribute('name')),
    }));
    deepEqual(sections, [
      { title: '客户信息', fields: ['/customerName', '/phone'] },
      { title: '服务内容', fields: ['/content'] },
      { title: null, fields: ['/remark'] },
    ]);
    // the widths of the definition too: two fields side by side
    const [name, phone] = ['customerName', 'phone'].map((n) =>
      form.shadowRoot!.querySelector(`[name="/${n}"]`)!.getBoundingClientRect(),
    );
    equal(Math.round(name!.top), Math.round(phone!.top), 'customer name and phone on one line');
  });

  it("shows the server's field errors at the field and keeps what was typed", async () => {
    const id = `c-${crypto.randomUUID()}`;
    const api = fakeApi({
      [`GET /api/cases/${id}`]: () => caseView(id),
      [`POST /api/cases/${id}/events`]: () =>
        problem(422, 'invalid data', [{ path: '/engineer', message: '该工程师今日已满工' }]),
    });
    const el = await mountCase(api, id);
    const form = await openEvent(el, 'dispatch');
    await type(form, '/engineer', '张工');
    root(form).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => api.calls(`/api/cases/${id}/events`, 'POST').length && !el.busy, 'the answer');
    await el.updateComplete;
    await form.updateComplete;
    match(
      root(form).querySelector('#' + controlOf(form, '/engineer')!.id + '-error')?.textContent,
      /该工程师今日已满工/,
    );
    equal(controlOf(form, '/engineer')!.value, '张工');
  });

  it('on a stale version (409) offers a reload and keeps the typed data for the next attempt', async () => {
    const id = `c-${crypto.randomUUID()}`;
    let version = 2;
    const api = fakeApi({
      [`GET /api/cases/${id}`]: () => caseView(id, version),
      [`POST /api/cases/${id}/events`]: (r) =>
        (r.body as { expectedVersion: number }).expectedVersion === version
          ? json(caseView(id, version + 1, { state: ['dispatched'], availableEvents: [] }))
          : problem(409, 'expectedVersion 2 is stale; the case is at version 3'),
    });
    const el = await mountCase(api, id);
    const form = await openEvent(el, 'dispatch');
    await type(form, '/engineer', '李工');
    version = 3; // someone else acted meanwhile
    root(form).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => $(el, '[part="stale"]'), 'the stale message');
    match($(el, '[part="stale"]')!.textContent, /已被他人更新.*已保留/);
    equal(controlOf(eventForm(el), '/engineer')!.value, '李工', 'typing is kept');
    $<HTMLButtonElement>(el, '[part="reload"]')!.click();
    await until(() => !$(el, '[part="stale"]') && !el.loading, 'the reload');
    await el.updateComplete;
    await eventForm(el).updateComplete;
    equal(controlOf(eventForm(el), '/engineer')!.value, '李工', 'typing survives the reload');
    equal($(el, 'header')!.dataset['version'], '3', 'the reloaded case');
    root(eventForm(el)).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => $(el, '[part~="state"]')?.textContent === 'dispatched', 'the event to go through');
    equal(
      (api.calls(`/api/cases/${id}/events`, 'POST').at(-1)!.body as { expectedVersion: number }).expectedVersion,
      3,
    );
  });

  it('confirms an event without data, and queues it in the outbox when offline', async () => {
    const id = `c-${crypto.randomUUID()}`;
    const api = fakeApi({ [`GET /api/cases/${id}`]: () => caseView(id) });
    const outbox = createOutbox({ dbName: `case-outbox-${crypto.randomUUID()}` });
    const el = await mountCase(api, id, { outbox });
    await openEvent(el, 'cancel');
    match($(el, '[part="event-form"]')!.textContent, /此操作无需填写内容/);
    api.setOffline(true);
    $<HTMLButtonElement>(el, '[part="confirm"]')!.click();
    await until(() => $(el, '[part="message"]'), 'the queued notice');
    match($(el, '[part="message"]')!.textContent, /离线待发送/);
    const [entry] = await until(async () => (await outbox.list()).length, 'the outbox entry').then(() => outbox.list());
    equal(entry!.url, `/api/cases/${id}/events`);
    deepEqual(entry!.body, { type: 'cancel', data: {}, expectedVersion: 2 });
    equal(entry!.headers?.['Authorization'], 'Bearer T');
  });

  it("prints a history entry through its event's form (the signed work order)", async () => {
    const id = `c-${crypto.randomUUID()}`;
    const api = fakeApi({
      [`GET /api/cases/${id}`]: () =>
        caseView(id, 3, {
          history: [
            historyEntry({
              seq: 3,
              type: 'dispatch',
              actor: 'mdm',
              actorUnit: 'hq',
              at: iso(Date.now()),
              data: { engineer: '张工', mobile: '13800138000' },
            }),
          ],
        }),
      'GET /api/definitions/Workflow/repair': () => ({
        name: 'repair',
        states: [],
        events: [{ type: 'dispatch', title: '派工', form: dispatchForm.toJSON().schema }],
      }),
    });
    const el = await mountCase(api, id);
    let printed = 0;
    el.printPage = () => printed++;
    const button = await until(
      () => $<HTMLButtonElement>(el, '[part="print-entry"][data-seq="3"]'),
      'the print button',
    );
    button.click();
    await until(() => printed === 1, 'the print dialog');
    ok(el.hasAttribute('printing'), 'the host says it is printing, so print CSS shows only the entry');
    const form = $<SfForm>(el, '[part="print-view"] sf-form')!;
    await form.updateComplete;
    equal(controlOf(form, '/engineer')!.value, '张工');
    ok(controlOf(form, '/engineer')!.disabled, 'printed read-only');
    match($(el, '[part="print-view"] header')!.textContent, /派工.*mdm \(hq\)/s);
    window.dispatchEvent(new Event('afterprint'));
    await el.updateComplete;
    ok(!$(el, '[part="print-view"]') && !el.hasAttribute('printing'), 'back to the case after printing');
  });

  it('reloads when the stream reports a change of this case', async () => {
    const id = `c-${crypto.randomUUID()}`;
    let version = 2;
    const api = fakeApi({
      [`GET /api/cases/${id}`]: () => caseView(id, version, version > 2 ? { state: ['closed'] } : {}),
      'GET /api/definitions/Workflow/repair': () => REPAIR,
    });
    const el = await mountCase(api, id, { live: true });
    await until(() => api.openStreams, 'the stream');
    version = 3;
    api.emit('case', { caseId: 'someone-else', version: 9 });
    api.emit('case', { caseId: id, version: 3 });
    await until(() => $(el, '[part~="state"]')?.textContent === '已关闭', 'the new state');
    equal(api.calls(`/api/cases/${id}`).length, 2);
  });
});
