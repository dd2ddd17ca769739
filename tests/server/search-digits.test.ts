// covers: INFO-2
// A phone is typed as digits: the archive lookup and the worklist search find "0531-86123456" by
// "05318612" (issue 15 item 2, the registration looking the customer up as the phone is typed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchVariants } from '../../engine/store/search-variants.ts';
import { recordSearchText } from '../../server/records/record-keys.ts';
import { realServer, type RealServer } from '../helpers/real-server.ts';

describe('search variants', () => {
  it('adds the digits of a number written with separators, and leaves other text alone', () => {
    expect(searchVariants('0531-86123456')).toEqual(['0531-86123456', '053186123456']);
    expect(searchVariants('(0531) 8612 3456')).toEqual(['(0531) 8612 3456', '053186123456']);
    expect(searchVariants('+86 138 0013 8000')).toEqual(['+86 138 0013 8000', '8613800138000']);
    expect(searchVariants('13800138000')).toEqual(['13800138000']);
    expect(searchVariants('济南市经十路 100 号')).toEqual(['济南市经十路 100 号']);
    expect(searchVariants('ZW32-12')).toEqual(['ZW32-12']);
  });

  it('wants at least three digits and a separator between them', () => {
    expect(searchVariants('12 34')).toEqual(['12 34', '1234']);
    expect(searchVariants('1-2')).toEqual(['1-2']);
    expect(searchVariants('---')).toEqual(['---']);
    expect(searchVariants('')).toEqual(['']);
    expect(searchVariants('138\n0013')).toEqual(['138\n0013', '1380013']);
    expect(searchVariants('138 0013 x')).toEqual(['138 0013 x']);
  });

  it("puts them in a record's search text", () => {
    const text = recordSearchText({ searchFields: ['phone'] }, 'r1', { phone: '0531-86123456' });
    expect(text.split('\n')).toEqual(['r1', '0531-86123456', '053186123456']);
  });
});

describe('searching by the digits of a phone, on a real server with the seed definitions', () => {
  let s: RealServer;
  beforeAll(async () => {
    s = await realServer({}, { definitionsDir: 'definitions' });
  }, 60_000);
  afterAll(() => s?.close());

  it('finds the customer in the archive and the case in the worklist', async () => {
    const token = await s.login('br1.staff');
    const created = await s.api('POST', '/api/cases', {
      token,
      body: {
        workflow: 'repair',
        data: {
          customerName: '王建国',
          address: '济南市历下区经十路 100 号',
          phone: '0531-86123456',
          productModel: 'VS1-12',
          fault: '柜门无法关闭',
          channel: 'phone',
        },
      },
    });
    expect(created.status, created.text).toBe(201);
    const records = await s.api('GET', '/api/records/customer?q=05318612&limit=5', { token });
    expect(records.status, records.text).toBe(200);
    expect(records.body.items.map((r: { data: { customerName: string } }) => r.data.customerName)).toEqual(['王建国']);
    // as written, too
    const written = await s.api('GET', `/api/records/customer?q=${encodeURIComponent('0531-8612')}`, { token });
    expect(written.body.items).toHaveLength(1);
    const cases = await s.api('GET', '/api/cases?q=05318612', { token });
    expect(cases.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
  });
});
