import '../../ui/components/sf-records.ts';
import type { SfRecords } from '../../ui/components/sf-records.ts';
import type { SfForm } from '../../ui/components/sf-form.ts';
import { ApiClient } from '../../ui/api/client.ts';
import { compileForm } from '../../engine/forms/index.ts';
import type { Definition } from '../../engine/definitions/kind.ts';
import type { FormSpec } from '../../engine/forms/form-model.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { caseSummary } from './answers.ts';
import { fakeApi, json, problem, until } from './fake-api.ts';
import { controlOf, formDefinition, root, type } from './helpers.ts';

const customerCard = compileForm(
  formDefinition(
    [
      { name: 'customerName', type: 'text', label: { zh: '客户名称', en: 'Customer' }, required: true },
      { name: 'phone', type: 'phone', label: { zh: '电话', en: 'Phone' } },
    ],
    'customer-card',
  ) as unknown as Definition<FormSpec>,
).toJSON();

describe('sf-records', () => {
  afterEach(() => document.querySelectorAll('sf-records').forEach((e) => e.remove()));

  it('searches an archive, shows a record through its form with its cases and versions, and creates one', async () => {
    const api = fakeApi({
      'GET /api/records': () => [
        {
          type: 'customer',
          title: { zh: '客户档案', en: 'Customers' },
          form: 'customer-card',
          titleField: 'customerName',
        },
        { type: 'product', title: '产品档案', form: 'product-archive' },
      ],
      'GET /api/definitions/Form/customer-card': () => ({ kind: 'Form', ...customerCard }),
      'GET /api/records/customer': (r) => ({
        items: [
          {
            type: 'customer',
            id: 'cus-1',
            unit: 'hq',
            data: { customerName: '华北电力', phone: '010-66666666' },
            version: 2,
            updatedAt: '2026-09-01T02:00:00.000Z',
          },
        ].filter((x) => !r.query.get('q') || x.data.customerName.includes(r.query.get('q')!)),
        next: null,
      }),
      'GET /api/records/customer/cus-1': () => ({
        type: 'customer',
        id: 'cus-1',
        unit: 'hq',
        data: { customerName: '华北电力', phone: '010-66666666' },
        version: 2,
        history: [
          { version: 1, at: '2026-08-01T02:00:00.000Z', by: 'li' },
          { version: 2, at: '2026-09-01T02:00:00.000Z', by: 'wang' },
        ],
      }),
      'GET /api/records/customer/cus-1/cases': () => ({
        items: [
          caseSummary({
            id: 'c-7',
            owner: 'li',
            state: ['closed'],
            done: true,
            updatedAt: '2026-09-02T02:00:00.000Z',
          }),
        ],
      }),
      'POST /api/records/customer': (r) =>
        json({ type: 'customer', id: 'cus-2', data: (r.body as { data: unknown }).data, version: 1 }, 201),
      'GET /api/records/customer/cus-2': () => ({
        type: 'customer',
        id: 'cus-2',
        unit: 'hq',
        data: { customerName: '东方机电' },
        version: 1,
        createdAt: '2026-09-03T02:00:00.000Z',
        updatedAt: '2026-09-03T02:00:00.000Z',
        createdBy: 'li',
        updatedBy: 'li',
        history: [
          { version: 1, data: { customerName: '东方机电' }, at: '2026-09-03T02:00:00.000Z', by: 'li', note: null },
        ],
      }),
      'GET /api/records/customer/cus-2/cases': () => ({ items: [] }),
      'GET /api/directory': () => ({
        units: [{ name: 'hq', title: '集团总部', parent: null }],
        people: [{ username: 'wang', name: '王经理', unit: 'hq' }],
      }),
    });
    const el = document.createElement('sf-records') as SfRecords;
    el.client = new ApiClient({ fetch: api.fetch });
    document.body.append(el);
    const row = await until(() => el.shadowRoot!.querySelector<HTMLElement>('tr[data-id="cus-1"]'), 'the record row');
    match(row.textContent, /华北电力 · 010-66666666/);
    await until(() => row.textContent!.includes('集团总部'), 'the unit by its name');
    // the record is named by its title field, never by its id
    equal(row.querySelector('a')!.textContent, '华北电力');
    ok(!el.shadowRoot!.textContent!.includes('cus-1'), 'no record id on the page');
    deepEqual(
      [...el.shadowRoot!.querySelectorAll('select[name="type"] option')].map((o) => o.textContent),
      ['客户档案', '产品档案'],
    );
    row.click();
    const shown = await until(
      () => el.shadowRoot!.querySelector('[part="record"] sf-form') as SfForm | null,
      'the record through its form',
    );
    await shown.updateComplete;
    equal(controlOf(shown, '/customerName')!.value, '华北电力');
    match(el.shadowRoot!.querySelector('[part="record"] h3')!.textContent, /^华北电力/);
    ok(controlOf(shown, '/customerName')!.disabled, 'read-only');
    await until(() => el.shadowRoot!.querySelector('[part="cases"] a[data-case="c-7"]'), 'the linked case');
    let opened: unknown;
    el.addEventListener('sf-open-case', (e) => (opened = (e as CustomEvent).detail.id));
    el.shadowRoot!.querySelector<HTMLAnchorElement>('a[data-case="c-7"]')!.click();
    equal(opened, 'c-7');
    match(
      el.shadowRoot!.querySelector('[part="versions"]')!.textContent,
      /版本 1.*li.*版本 2.*王经理/s,
      'who changed each version, by name where known',
    );
    // a new record
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="new-record"]')!.click();
    await el.updateComplete;
    const form = el.shadowRoot!.querySelector('[part="new"] sf-form') as SfForm;
    await form.updateComplete;
    await type(form, '/customerName', '东方机电');
    root(form).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => el.shadowRoot!.querySelector('[part="record"][data-id="cus-2"]'), 'the new record');
    deepEqual(api.calls('/api/records/customer', 'POST')[0]!.body, { data: { customerName: '东方机电' } });
  });
});

describe('sf-records without raw keys (issue 15 audit item 7)', () => {
  afterEach(() => document.querySelectorAll('sf-records').forEach((e) => e.remove()));

  const card = compileForm(
    formDefinition(
      [
        { name: 'customerName', type: 'text', label: { zh: '客户名称', en: 'Customer' }, required: true },
        {
          name: 'ownership',
          type: 'enum',
          label: { zh: '所有制', en: 'Ownership' },
          options: [
            { value: 'state', label: { zh: '国有', en: 'State-owned' } },
            { value: 'private', label: { zh: '民营', en: 'Private' } },
          ],
        },
        { name: 'firstBusinessDate', type: 'date', label: { zh: '初次建立业务时间', en: 'First business' } },
      ],
      'customer-card',
    ) as unknown as Definition<FormSpec>,
  ).toJSON();
  const data = {
    customerName: '华北电力',
    ownership: 'private',
    firstBusinessDate: '2020-03-01',
    registeredCapital: 1000000,
  };
  const server = (form: () => unknown) =>
    fakeApi({
      'GET /api/records': () => [{ type: 'customer', title: '客户档案', form: 'customer-card' }],
      'GET /api/definitions/Form/customer-card': form,
      'GET /api/records/customer': () => ({
        items: [{ type: 'customer', id: 'cus-1', unit: 'hq', data, version: 1, updatedAt: '2026-09-01T02:00:00.000Z' }],
        next: null,
      }),
      'GET /api/records/customer/cus-1': () => ({
        type: 'customer',
        id: 'cus-1',
        unit: 'hq',
        data,
        version: 1,
        history: [],
      }),
      'GET /api/records/customer/cus-1/cases': () => ({
        items: [caseSummary({ id: 'c-7', workflow: 'repair', state: ['closed'], done: true })],
      }),
      'GET /api/definitions/Workflow/repair': () => ({
        name: 'repair',
        title: { zh: '售后报修', en: 'Repair' },
        states: [{ path: 'closed', title: { zh: '已结案', en: 'Closed' } }],
      }),
    });
  const mountOn = (api: ReturnType<typeof fakeApi>) => {
    const el = document.createElement('sf-records') as SfRecords;
    Object.assign(el, { client: new ApiClient({ fetch: api.fetch }), type: 'customer', recordId: 'cus-1' });
    document.body.append(el);
    return el;
  };

  it("lists a record's values as its form says: an option by its title, a date in the reader's words", async () => {
    const el = mountOn(server(() => ({ kind: 'Form', ...card })));
    const row = await until(() => el.shadowRoot!.querySelector<HTMLElement>('tr[data-id="cus-1"]'), 'the row');
    await until(() => row.textContent!.includes('民营'), 'the option by its title');
    match(row.querySelector('td[data-label]')!.textContent, /^华北电力 · 民营 · 2020年3月1日$/);
    // the linked cases by their workflow's and state's titles, not their names
    const cases = await until(() => el.shadowRoot!.querySelector('[part="cases"]'), 'the linked cases');
    await until(() => cases.textContent!.includes('售后报修 · 已结案'), 'the titles');
    ok(!/repair|closed/.test(cases.textContent!), 'no workflow or state name');
  });

  it("shows a record whose type's form cannot be read under its fields' words, never the keys", async () => {
    const el = mountOn(server(() => problem(404, 'no such form')));
    const shown = await until(() => el.shadowRoot!.querySelector('[part="record-data"]'), 'the record without a form');
    const labels = [...shown.querySelectorAll('dt')].map((d) => d.textContent);
    deepEqual(labels, ['Customer name', 'Ownership', 'First business date', 'Registered capital']);
    match(shown.textContent, /1,000,000/);
    for (const key of Object.keys(data)) ok(!labels.includes(key), `no raw key ${key}`);
  });
});
