// covers: FORM-2, INFO-1, PROC-3
import { setViewport } from '@web/test-runner-commands';
import '../../ui/components/sf-case.ts';
import type { SfCase } from '../../ui/components/sf-case.ts';
import type { SfForm } from '../../ui/components/sf-form.ts';
import { ApiClient } from '../../ui/api/client.ts';
import type { CaseView } from '../../ui/api/types.ts';
import { compileForm } from '../../engine/forms/index.ts';
import type { Definition } from '../../engine/definitions/kind.ts';
import type { FormSpec } from '../../engine/forms/form-model.ts';
import type { WorkflowSpec } from '../../engine/workflows/workflow-model.ts';
import { caseViewJson } from '../../server/definitions/case-view-json.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import type { CompiledWorkflow } from '../../engine/workflows/compile-workflow.ts';
import { drafts } from '../../ui/offline/drafts.ts';
import { equal, match, ok } from './assert.ts';
import { caseView as view, historyEntry } from './answers.ts';
import { fakeApi, until } from './fake-api.ts';
import { controlOf, type } from './helpers.ts';

/**
 * The case page shows the case: the start form's data and each saved form at the top, formatted
 * for the reader (the workflow view's `view`, built here by the server's own code from the forms),
 * the same values in the history, nothing wider than a phone, and event forms prefilled from the case.
 */
const form = (name: string, title: string, fields: unknown[], sections?: unknown[]) =>
  ({
    apiVersion: 'serviceframe/v1',
    kind: 'Form',
    metadata: { name, title },
    spec: { fields, ...(sections ? { sections } : {}) },
  }) as unknown as Definition<FormSpec>;

const report = form('repair-report', '报修登记', [
  { name: 'customerName', type: 'text', label: { zh: '客户姓名', en: 'Customer name' }, required: true },
  { name: 'address', type: 'address', label: { zh: '地址', en: 'Address' }, required: true },
  { name: 'phone', type: 'phone', label: { zh: '联系电话', en: 'Phone' }, required: true },
  { name: 'fault', type: 'textarea', label: { zh: '故障问题', en: 'Fault' } },
  { name: 'preferredAt', type: 'datetime', label: { zh: '希望上门时间', en: 'Preferred visit' } },
  {
    name: 'channel',
    type: 'enum',
    label: { zh: '来源', en: 'Channel' },
    options: [
      { value: 'phone', label: { zh: '电话（800服务电话）', en: 'Phone' } },
      { value: 'online', label: { zh: '网上报修', en: 'Online' } },
    ],
  },
]);
const workOrder = form(
  'work-order',
  '客户服务工作单',
  [
    { name: 'customerName', type: 'text', label: { zh: '客户名称', en: 'Customer' }, required: true },
    { name: 'address', type: 'address', label: { zh: '地址', en: 'Address' } },
    {
      name: 'serviceForm',
      type: 'enum',
      label: { zh: '服务形式', en: 'Service form' },
      options: [
        { value: 'on-site', label: { zh: '上门服务', en: 'On site' } },
        { value: 'phone', label: { zh: '电话服务', en: 'Phone' } },
      ],
    },
    { name: 'onSiteDate', type: 'date', label: { zh: '上门日期', en: 'On-site date' } },
    {
      name: 'history',
      type: 'rows',
      label: { zh: '历次业务', en: 'Previous business' },
      fields: [
        { name: 'detail', type: 'text', label: { zh: '业务内容', en: 'Business' } },
        { name: 'amount', type: 'money', label: { zh: '金额', en: 'Amount' } },
      ],
    },
    { name: 'total', type: 'money', label: { zh: '合计', en: 'Total' } },
    { name: 'siteCleaned', type: 'yesno', label: { zh: '现场已清理', en: 'Site cleaned' } },
    { name: 'signature', type: 'signature', label: { zh: '署名', en: 'Signature' } },
    { name: 'unitSeal', type: 'attachment', label: { zh: '单位盖章', en: 'Unit seal' } },
  ],
  [
    { title: { zh: '客户信息', en: 'Customer' }, fields: ['customerName', 'address'] },
    { title: { zh: '本次服务', en: 'This service' }, fields: ['serviceForm', 'onSiteDate', 'history'] },
    { title: { zh: '费用结算', en: 'Settlement' }, fields: ['total'] },
    { title: { zh: '用户意见', en: 'Customer opinion' }, fields: ['siteCleaned', 'signature', 'unitSeal'] },
  ],
);
const forms = new Map([report, workOrder].map((f) => [f.metadata.name, f]));
const workflowSpec = {
  startForm: 'repair-report',
  start: { allow: [] },
  initial: 'on-site',
  states: {
    'on-site': {
      on: {
        complete: {
          title: { zh: '填写工作单', en: 'Work order' },
          form: 'work-order',
          saveAs: 'workOrder',
          target: 'done',
        },
      },
    },
    done: { type: 'final' },
  },
} as unknown as WorkflowSpec;
const fakeSet = {
  definition: (kind: string, name: string) => (kind === 'Form' ? forms.get(name) : undefined),
} as unknown as CompiledSet;
const viewOf = (locale: 'zh-CN' | 'en') => caseViewJson(fakeSet, { spec: workflowSpec } as CompiledWorkflow, locale);
const schemaOf = (f: Definition<FormSpec>) => compileForm(f).toJSON().schema as Record<string, unknown>;

// A PNG of one pixel.
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const ADDRESS = '济南市历下区经十路100号';
const registration = {
  customerName: '张三',
  address: ADDRESS,
  phone: '0531-88886666',
  fault: '真空断路器无法合闸\n第二行',
  preferredAt: '2026-09-14T07:00:00.000Z',
  channel: 'phone',
};
const signedWorkOrder = {
  customerName: '张三',
  address: ADDRESS,
  serviceForm: 'on-site',
  onSiteDate: '2026-09-14',
  total: 70.5,
  siteCleaned: true,
  history: [{ detail: '采购真空断路器'.repeat(8), amount: 120000 }],
  signature: { image: PNG, signedAt: '2026-09-14T08:30:00.000Z', signer: '张三' },
  unitSeal: {
    id: 'f1',
    name: 'seal-photo-with-a-rather-long-file-name-that-must-wrap.png',
    size: 20480,
    contentType: 'image/png',
  },
};

function caseView(id: string, extra: Partial<CaseView> = {}): CaseView {
  return view({
    id,
    workflow: 'repair',
    definitionVersion: 'v1',
    unit: 'br1',
    owner: 'br1.staff',
    assignee: 'br1.tech',
    state: ['settlement'],
    data: { ...registration, workOrder: signedWorkOrder },
    version: 3,
    deadlines: [],
    history: [
      historyEntry({
        seq: 1,
        type: 'create',
        actor: 'br1.staff',
        at: '2026-09-14T01:00:00.000Z',
        from: [],
        to: ['on-site'],
        data: registration,
      }),
      historyEntry({
        seq: 2,
        type: 'complete',
        actor: 'br1.tech',
        at: '2026-09-14T08:31:00.000Z',
        from: ['on-site'],
        to: ['settlement'],
        data: signedWorkOrder,
      }),
    ],
    availableEvents: [],
    ...extra,
  });
}

function api(id: string, view: () => CaseView, settings: unknown = { mapUrl: null }) {
  return fakeApi({
    [`GET /api/cases/${id}`]: () => view(),
    'GET /api/definitions/Workflow/repair': (r) => ({
      kind: 'Workflow',
      name: 'repair',
      title: '售后报修',
      states: [
        { path: 'on-site', title: '现场维修' },
        { path: 'settlement', title: '结算' },
      ],
      events: [{ type: 'complete', title: '填写工作单', form: schemaOf(workOrder), saveAs: 'workOrder' }],
      startForm: schemaOf(report),
      view: viewOf(r.headers.get('accept-language') === 'en' ? 'en' : 'zh-CN'),
    }),
    'GET /api/settings': () => settings,
  });
}

async function mountCase(fake: ReturnType<typeof fakeApi>, caseId: string, props: Partial<SfCase> = {}) {
  const el = document.createElement('sf-case');
  Object.assign(el, {
    client: new ApiClient({ token: 'T', fetch: fake.fetch }),
    caseId,
    live: false,
    timeZone: 'Asia/Shanghai',
    ...props,
  });
  document.body.append(el);
  await until(
    () => el.shadowRoot?.querySelector('sf-case-summary')?.shadowRoot?.querySelector('[part~="summary"]'),
    'the summary to show',
  );
  return el;
}
const summaryRoot = (el: SfCase) => el.shadowRoot!.querySelector('sf-case-summary')!.shadowRoot!;
const valueAt = (el: SfCase, path: string) => summaryRoot(el).querySelector<HTMLElement>(`dd[data-path="${path}"]`);

/** Words a person must never read where a value belongs: keys, option values, JSON, base64. */
const RAW = /serviceForm|on-site|customerName|\btrue\b|\bfalse\b|[{}]|base64|T\d\d:\d\d:\d\d/;

describe('the case page shows the case', () => {
  afterEach(async () => {
    document.querySelectorAll('sf-case').forEach((e) => e.remove());
    await setViewport({ width: 1280, height: 900 });
  });

  it('summarises the registration and the signed work order at the top, formatted for the reader, on a desktop', async () => {
    await setViewport({ width: 1280, height: 900 });
    const id = `c-${crypto.randomUUID()}`;
    const el = await mountCase(
      api(id, () => caseView(id)),
      id,
    );
    // then, without expanding anything, the values are there with their labels
    const name = valueAt(el, 'customerName')!;
    ok(name.checkVisibility(), 'the customer name is visible');
    ok(name.getBoundingClientRect().top < 900, 'within the first screen');
    equal(name.previousElementSibling?.textContent, '客户姓名');
    equal(name.textContent?.trim(), '张三');
    equal(valueAt(el, 'phone')!.querySelector('a')!.getAttribute('href'), 'tel:0531-88886666'.replace(/-/g, ''));
    equal(valueAt(el, 'channel')!.textContent?.trim(), '电话（800服务电话）');
    equal(valueAt(el, 'preferredAt')!.textContent?.trim(), '2026/09/14 15:00', 'the instant in the calendar time zone');
    equal(valueAt(el, 'workOrder.serviceForm')!.textContent?.trim(), '上门服务');
    equal(valueAt(el, 'workOrder.onSiteDate')!.textContent?.trim(), '2026年9月14日');
    equal(valueAt(el, 'workOrder.total')!.textContent?.trim(), '¥70.50');
    equal(valueAt(el, 'workOrder.siteCleaned')!.textContent?.trim(), '是');
    const signature = valueAt(el, 'workOrder.signature')!.querySelector('img')!;
    equal(signature.getAttribute('src'), PNG);
    ok(
      signature.naturalWidth > 0 ||
        (await until(() => signature.complete && signature.naturalWidth > 0, 'the signature image to load')),
      'the signature is an image',
    );
    match(valueAt(el, 'workOrder.signature')!.textContent, /张三 签于 2026\/09\/14 16:30/);
    match(valueAt(el, 'workOrder.unitSeal')!.textContent, /seal-photo.*20 kB|seal-photo.*20 KB/i);
    match(valueAt(el, 'workOrder.history')!.textContent, /业务内容[\s\S]*采购真空断路器[\s\S]*¥120,000\.00/);
    // the forms' sections head their values
    const headings = [...summaryRoot(el).querySelectorAll('h3, h4')].map((h) => h.textContent?.trim());
    equal(headings.join('|'), '报修登记|客户服务工作单|客户信息|本次服务|费用结算|用户意见');
    // and nothing raw: no keys, option values, JSON or base64 text
    const text = summaryRoot(el).textContent ?? '';
    ok(!RAW.test(text), `raw data in the summary: ${text.match(RAW)?.[0]}`);
    // no map link unless the installation has a map
    equal(summaryRoot(el).querySelector('a[part~="map-link"]'), null);
  });

  it('links addresses to the installation map when it has one', async () => {
    const id = `c-${crypto.randomUUID()}`;
    const el = await mountCase(
      api(id, () => caseView(id), { mapUrl: 'https://maps.example/search?q={address}' }),
      id,
    );
    const link = await until(
      () => valueAt(el, 'address')!.querySelector<HTMLAnchorElement>('a[part~="map-link"]'),
      'the map link',
    );
    equal(link.href, `https://maps.example/search?q=${encodeURIComponent(ADDRESS)}`);
    equal(link.textContent, '在地图中查看');
  });

  it('shows history entries with the same formatted values, and no wider than a 390 px phone with every entry open', async () => {
    await setViewport({ width: 390, height: 844 });
    const id = `c-${crypto.randomUUID()}`;
    const el = await mountCase(
      api(id, () => caseView(id)),
      id,
    );
    await until(() => el.shadowRoot!.querySelectorAll('[part~="history-data"]').length === 2, 'both entries with data');
    for (const d of el.shadowRoot!.querySelectorAll('details')) d.open = true;
    await el.updateComplete;
    const entry = el.shadowRoot!.querySelector('li[data-seq="2"] [part~="history-data"]')!;
    match(entry.textContent, /服务形式\s*上门服务/);
    match(entry.textContent, /合计\s*¥70\.50/);
    ok(entry.querySelector('img[src^="data:image/png"]'), 'the signature is an image in the history too');
    const created = el.shadowRoot!.querySelector('li[data-seq="1"] [part~="history-data"]')!;
    match(created.textContent, /客户姓名\s*张三/);
    for (const d of el.shadowRoot!.querySelectorAll('[part~="history-data"]'))
      ok(!RAW.test(d.textContent ?? ''), `raw data in a history entry: ${d.textContent?.match(RAW)?.[0]}`);
    // the page is not wider than the screen
    ok(
      document.documentElement.scrollWidth <= 390,
      `page width ${document.documentElement.scrollWidth} px on a 390 px screen`,
    );
    ok(el.getBoundingClientRect().right <= 390, `case element ends at ${el.getBoundingClientRect().right} px`);
    for (const node of [...el.shadowRoot!.querySelectorAll('*'), ...summaryRoot(el).querySelectorAll('*')]) {
      const right = node.getBoundingClientRect().right;
      ok(right <= 391, `${node.tagName.toLowerCase()}.${(node as HTMLElement).className} reaches ${right} px`);
    }
  });
});

describe('event forms prefilled from the case', () => {
  afterEach(() => document.querySelectorAll('sf-case').forEach((e) => e.remove()));
  const prefilled = (id: string, customerName: string, address = ADDRESS) =>
    caseView(id, {
      state: ['on-site'],
      data: { ...registration, customerName, address },
      availableEvents: [
        {
          type: 'complete',
          title: '填写工作单',
          formName: 'work-order',
          form: schemaOf(workOrder),
          prefill: { customerName, address },
        },
      ],
    });

  async function openComplete(el: SfCase) {
    await until(() => el.shadowRoot!.querySelector('button[data-event="complete"]'), 'the complete button');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-event="complete"]')!.click();
    await el.updateComplete;
    const f = await until(() => el.shadowRoot!.querySelector<SfForm>('sf-form'), 'the work order');
    await f.updateComplete;
    return f;
  }

  it('opens the work order with what was registered, and moves untouched values to the current ones when the registration changes', async () => {
    const id = `c-${crypto.randomUUID()}`;
    let name = '张三';
    const el = await mountCase(
      api(id, () => prefilled(id, name)),
      id,
    );
    const f = await openComplete(el);
    equal(controlOf(f, '/customerName')!.value, '张三');
    equal(controlOf(f, '/address')!.value, ADDRESS);
    // a form opened and not touched leaves nothing behind (logging out would count it as a draft)
    equal(await drafts.load(`case-${id}/complete#prefill`), undefined);
    // when the technician corrects the address, and meanwhile the registration's name is corrected
    await type(f, '/address', '济南市历下区经十路200号');
    await until(() => drafts.load(`case-${id}/complete#prefill`), 'the prefill recorded beside the draft');
    name = '张三丰';
    await el.reload();
    await el.updateComplete;
    const after = el.shadowRoot!.querySelector<SfForm>('sf-form')!;
    await after.updateComplete;
    // then the name shows the current value, the technician's own typing stays, and the form says so
    equal(controlOf(after, '/customerName')!.value, '张三丰');
    equal(controlOf(after, '/address')!.value, '济南市历下区经十路200号');
    match(el.shadowRoot!.querySelector('[part~="prefill-notice"]')?.textContent, /客户名称/);
  });

  it('a draft typed over an older registration shows the current value where it was left as prefilled', async () => {
    const id = `c-${crypto.randomUUID()}`;
    // given a draft saved when the customer was 张三, with the technician's own service form chosen
    await drafts.save(`case-${id}/complete`, { customerName: '张三', address: ADDRESS, serviceForm: 'phone' });
    await drafts.save(`case-${id}/complete#prefill`, { customerName: '张三', address: ADDRESS });
    // when the form is opened after the registration became 张三丰
    const el = await mountCase(
      api(id, () => prefilled(id, '张三丰')),
      id,
    );
    await openComplete(el);
    await until(() => el.shadowRoot!.querySelector('[part~="prefill-notice"]'), 'the notice that values moved');
    const f = el.shadowRoot!.querySelector<SfForm>('sf-form')!;
    await f.updateComplete;
    equal(controlOf(f, '/customerName')!.value, '张三丰');
    // the second option (电话服务, the technician's own choice) stays chosen
    const phoneChoice = [...f.shadowRoot!.querySelectorAll<HTMLLabelElement>('label.choice')].find(
      (l) => l.textContent?.trim() === '电话服务',
    )!;
    ok(phoneChoice.querySelector('input')!.checked, "the technician's own choice stays");
    await drafts.clear(`case-${id}/complete`);
    await drafts.clear(`case-${id}/complete#prefill`);
  });
});
