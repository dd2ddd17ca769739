// covers: INFO-2, INFO-5
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/sqlite/store/sqlite-store.ts';
import { compileSet } from '../../engine/runtime/compile-set.ts';
import { validateDefinitions } from '../../engine/definitions/index.ts';
import { createCaseRecordWriter } from '../../server/records/case-record-writer.ts';
import { createServices } from '../../server/services.ts';
import { openServerStorage } from '../../adapters/sqlite/server/open-sqlite-server-storage.ts';
import { DEMO_PASSWORD, fixtureFiles, TestClock, testServer, ticketData, type TestServer } from './server-support.ts';

const HOTLINE = `
apiVersion: serviceframe/v1
kind: Workflow
metadata: { name: hotline }
spec:
  startForm: ticket
  start: { allow: [ { role: staff } ] }
  records:
    customer: { type: customer, match: { phone: '=data.phone' }, fill: { name: '=data.customerName' } }
  initial: open
  states: { open: { on: { close: { allow: [ { role: staff } ], target: closed } } }, closed: { type: final } }
`;
const files = () => [...fixtureFiles(), { path: 'hotline.yaml', text: HOTLINE }];

describe('archive records of cases through the API', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await testServer({ initialFiles: files });
  });
  afterEach(async () => {
    await s.close();
  });

  it('lists both cases of one phone under the customer record the first one created', async () => {
    // given a staff member and no customer records
    const staff = await s.login('b1.staff');
    // when the same caller phones twice
    const first = await s.call('POST', '/api/cases', {
      token: staff,
      body: { workflow: 'hotline', data: ticketData('Zhang') },
    });
    const second = await s.call('POST', '/api/cases', {
      token: staff,
      body: { workflow: 'hotline', data: ticketData('Zhang') },
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    // then the first created the customer's archive, the second found it
    const id = `${first.body.id}-customer`;
    expect(first.body.records).toEqual({ customer: id });
    expect(second.body.records).toEqual({ customer: id });
    const record = await s.call('GET', `/api/records/customer/${id}`, { token: staff });
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({
      unit: 'b1',
      version: 1,
      data: { name: 'Zhang', phone: '13800000009' },
      createdBy: 'b1.staff',
    });
    expect(record.body.history).toEqual([
      expect.objectContaining({ version: 1, by: 'b1.staff', note: `created by case ${first.body.id} (customer)` }),
    ]);
    const cases = await s.call('GET', `/api/records/customer/${id}/cases`, { token: staff });
    expect(cases.body.items.map((c: { id: string }) => c.id).sort()).toEqual([first.body.id, second.body.id].sort());
  });

  it('links a case to a customer record kept through the API, and writes no other', async () => {
    const staff = await s.login('b1.staff');
    const kept = await s.call('POST', '/api/records/customer', {
      token: staff,
      body: { data: { name: 'Wang', phone: '13900000001' } },
    });
    const c = await s.call('POST', '/api/cases', {
      token: staff,
      body: { workflow: 'hotline', data: ticketData('Wang', { phone: '13900000001' }) },
    });
    expect(c.body.records).toEqual({ customer: kept.body.id });
    expect(
      (await s.call('GET', '/api/records/customer', { token: staff })).body.items.map((r: { id: string }) => r.id),
    ).toEqual([kept.body.id]);
    expect(
      (await s.call('GET', `/api/records/customer/${kept.body.id}/cases`, { token: staff })).body.items.map(
        (x: { id: string }) => x.id,
      ),
    ).toEqual([c.body.id]);
  });
});

describe('writing archive records after the case commit', () => {
  it('restores on start a record whose write a crash cut off, and lists the case under it', async () => {
    // given a server whose record write fails right after the case was committed
    const clock = new TestClock();
    const store = openSqliteStore(':memory:');
    const storage = openServerStorage(':memory:');
    const broken = {
      ...storage,
      records: {
        ...storage.records,
        put: async () => {
          throw new Error('disk gone');
        },
      },
    };
    const options = { store, clock, initialFiles: files, demoPassword: DEMO_PASSWORD };
    const first = await createServices({ ...options, storage: broken });
    const actor = await first.users.actorOf({
      username: 'b1.staff',
      unit: 'b1',
      roles: ['staff'],
      locale: 'en',
    } as never);
    await expect(first.engine.createCase(actor, 'hotline', ticketData('Zhang'))).rejects.toThrow('disk gone');
    const [stored] = (await store.listCases({ limit: 10 })).items;
    const id = `${stored!.id}-customer`;
    expect(stored!.records).toEqual({ customer: id });
    expect(await storage.records.get('customer', id)).toBeUndefined();
    // when the server starts again
    const again = await createServices({ ...options, storage });
    // then the record is there, from the case, and the case is found from it
    expect(await storage.records.get('customer', id)).toMatchObject({
      data: { name: 'Zhang', phone: '13800000009' },
      createdBy: 'system',
    });
    expect((await storage.records.history('customer', id))[0]!.note).toBe(
      `restored from case ${stored!.id} (customer) after an interrupted write`,
    );
    await again.projector.flush();
    expect(await storage.records.casesOf('customer', id)).toEqual([stored!.id]);
    await storage.close();
    await store.close();
  });

  it('writes a record once however often it is written, and keeps one whose key another holds without the key', async () => {
    const storage = openServerStorage(':memory:');
    const set = compileSet(validateDefinitions(files()).docs.map((d) => d.def));
    const warnings: string[] = [];
    const writer = createCaseRecordWriter(
      storage.records,
      () => set,
      () => set,
      (_level, message) => warnings.push(message),
    );
    const write = (id: string, name: string) => ({
      type: 'customer',
      id,
      unit: 'b1',
      data: { name, phone: '13800000009' },
      caseId: id.split('-')[0]!,
      link: 'customer',
      at: 1,
      by: 'b1.staff',
    });
    await writer.write([write('c1-customer', 'Zhang')]);
    await writer.write([write('c1-customer', 'Zhang again')]);
    expect((await storage.records.history('customer', 'c1-customer')).map((h) => h.data.name)).toEqual(['Zhang']);
    // two first calls from one new phone at the same moment: both records kept, the case links hold
    await writer.write([write('c2-customer', 'Zhang')]);
    expect(await storage.records.get('customer', 'c2-customer')).toMatchObject({ data: { name: 'Zhang' } });
    expect((await storage.records.history('customer', 'c2-customer'))[0]!.note).toMatch(
      /same phone as customer record c1-customer/,
    );
    expect(warnings).toEqual(['archive record duplicates another record']);
    await storage.close();
  });
});
