// covers: INFO-2
import '../../ui/components/sf-archive-lookup.ts';
import type { RecordLookup } from '../../ui/api/types.ts';
import type { SfArchiveLookup } from '../../ui/components/sf-archive-lookup.ts';
import { ApiClient } from '../../ui/api/client.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { caseSummary } from './answers.ts';
import { fakeApi, until } from './fake-api.ts';

/** Registering a request looks the customer up in the archive as the phone or name is typed (INFO-2). */
const customer: RecordLookup = {
  link: 'customer',
  type: 'customer',
  title: '客户档案',
  titleField: 'customerName',
  fields: { phone: 'phone', customerName: 'customerName', address: 'address' },
  searchBy: ['customerName', 'phone', 'address'],
};
const record = {
  id: 'rec-1',
  type: 'customer',
  data: { customerName: '华北电力', phone: '13800138000', address: '济南市历下区经十路100号', postcode: '250014' },
};

function api() {
  return fakeApi({
    'GET /api/records/customer': (r) => ({
      items: (r.query.get('q') ?? '').length >= 2 && '13800138000华北电力'.includes(r.query.get('q')!) ? [record] : [],
      next: null,
    }),
    'GET /api/records/customer/rec-1/cases': () => ({
      items: [
        caseSummary({
          id: 'c-1',
          state: ['closed'],
          done: true,
          data: { customerName: '华北电力', productModel: 'ZW32-12' },
        }),
        caseSummary({
          id: 'c-2',
          state: ['reported'],
          data: { customerName: '华北电力', productModel: 'VS1-12' },
        }),
      ],
    }),
    'GET /api/definitions/Workflow/repair': () => ({
      name: 'repair',
      title: '售后报修',
      states: [
        { path: 'closed', title: '已结案' },
        { path: 'reported', title: '已受理待派工' },
      ],
      summary: [
        { path: 'customerName', title: '客户姓名' },
        { path: 'productModel', title: '产品型号' },
      ],
    }),
  });
}

describe('sf-archive-lookup', () => {
  afterEach(() => document.querySelectorAll('sf-archive-lookup').forEach((e) => e.remove()));

  it('offers the customer whose phone is being typed, with earlier cases and products, and fills only what is empty', async () => {
    const fake = api();
    const el = document.createElement('sf-archive-lookup') as SfArchiveLookup;
    Object.assign(el, {
      client: new ApiClient({ token: 'T', fetch: fake.fetch }),
      lookups: [customer],
      labels: { customerName: { zh: '客户姓名', en: 'Customer' }, address: '地址', phone: '联系电话' },
      data: {},
    });
    document.body.append(el);
    // when the phone is typed, a digit at a time, with a name of the staff's own already there
    for (const phone of ['1', '13', '138001', '13800138000']) {
      el.data = { phone, address: '（现场）' };
      await el.updateComplete;
    }
    // then the archive is searched once typing pauses, not per keystroke
    const offered = await until(
      () => el.shadowRoot!.querySelector('[part~="archive-record"]'),
      'the customer to be offered',
    );
    equal(fake.calls('/api/records/customer').length, 1, 'one search after typing paused');
    equal(fake.calls('/api/records/customer')[0]!.query.get('q'), '13800138000');
    match(offered.textContent, /华北电力[\s\S]*13800138000/);
    // with the earlier cases (and their products) at hand, newest first
    const cases = await until(() => el.shadowRoot!.querySelector('[part~="archive-cases"]'), 'the earlier cases');
    deepEqual(
      [...cases.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim()),
      ['售后报修 · 华北电力 · VS1-12 已受理待派工', '售后报修 · 华北电力 · ZW32-12 已结案'],
    );
    // when the customer is chosen
    let filled: { data: Record<string, unknown> } | undefined;
    el.addEventListener('sf-archive-fill', (e) => (filled = (e as CustomEvent).detail));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="archive-fill"]')!.click();
    await el.updateComplete;
    // then the empty fields are filled, the typed address stays, and the page says what was filled
    ok(filled, 'sf-archive-fill was sent');
    deepEqual(filled!.data, { customerName: '华北电力' });
    match(el.shadowRoot!.querySelector('[part~="archive-filled"]')?.textContent, /已从档案填入：客户姓名/);
  });

  it('completes the value typed to search with (a part of the phone) from the chosen record, keeping what was typed elsewhere', async () => {
    const fake = api();
    const el = document.createElement('sf-archive-lookup') as SfArchiveLookup;
    Object.assign(el, {
      client: new ApiClient({ token: 'T', fetch: fake.fetch }),
      lookups: [customer],
      labels: { customerName: '客户姓名', address: '地址', phone: '联系电话' },
      data: {},
    });
    document.body.append(el);
    // when the clerk types only the last digits of the phone, with an address of their own already there
    el.data = { phone: '38000', address: '（现场）' };
    await el.updateComplete;
    const fill = await until(
      () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="archive-fill"]'),
      'the customer to be offered',
    );
    let filled: { data: Record<string, unknown>; fields: string[] } | undefined;
    el.addEventListener('sf-archive-fill', (e) => (filled = (e as CustomEvent).detail));
    fill.click();
    await el.updateComplete;
    // then the phone is the record's whole number (the digits typed were a search, not the value), the name is
    // filled and the typed address stays
    ok(filled, 'sf-archive-fill was sent');
    deepEqual(filled!.data, { phone: '13800138000', customerName: '华北电力' });
    match(el.shadowRoot!.querySelector('[part~="archive-filled"]')?.textContent, /联系电话/);
  });

  it('offers nothing for a value nobody in the archive has, and stays quiet when the archive cannot be read', async () => {
    const fake = api();
    const el = document.createElement('sf-archive-lookup') as SfArchiveLookup;
    Object.assign(el, { client: new ApiClient({ token: 'T', fetch: fake.fetch }), lookups: [customer], data: {} });
    document.body.append(el);
    el.data = { customerName: '无此客户' };
    await el.updateComplete;
    await el.searchDone;
    await el.updateComplete;
    equal(fake.calls('/api/records/customer').length, 1, 'searched');
    equal(el.shadowRoot!.querySelector('[part~="archive-lookup"]'), null);
    fake.setOffline(true);
    el.data = { customerName: '华北电力' };
    await el.updateComplete;
    await el.searchDone;
    await el.updateComplete;
    equal(fake.calls('/api/records/customer').length, 2, 'searched again');
    equal(el.shadowRoot!.querySelector('[part~="archive-lookup"]'), null);
  });
});
