import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realServer, type RealServer } from '../helpers/real-server.ts';

// Issue 13 item 3: GET /api/ledger took any date range (1900-2999 answered 45.7 MB). A request
// covers at most 366 days; JSON comes in pages, CSV is streamed and still has every row.
describe('GET /api/ledger limits its date range and pages large answers', () => {
  let s: RealServer;
  let admin: string;
  const march = Date.parse('2026-03-01T00:00:00+08:00');
  beforeAll(async () => {
    s = await realServer();
    admin = await s.login('admin');
    // 2,500 projected rows in March 2026 (1,500 of b1, 1,000 of b2), written as the projector writes them
    const entries = Array.from({ length: 2500 }, (_, i) => {
      const unit = i < 1500 ? 'b1' : 'b2';
      const caseId = `c${String(i).padStart(5, '0')}`;
      return {
        caseId,
        version: 1,
        report: null,
        records: [],
        ledger: [
          {
            ledger: 'service-ledger',
            caseId,
            unit,
            at: march + (i % 700) * 3_600_000,
            values: { customerName: `Customer ${i}`, phone: '13800000009' },
          },
        ],
      };
    });
    await s.server.services.storage.projections.put(entries);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('refuses a period longer than 366 days with the field to change', async () => {
    const res = await s.api('GET', '/api/ledger?from=1900-01-01&to=2999-12-31', { token: admin });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_QUERY', errors: [{ path: 'to' }] });
    expect((await s.api('GET', '/api/ledger?from=2026-01-01', { token: admin })).status).toBe(400);
    expect((await s.api('GET', '/api/ledger?month=2026', { token: admin })).status).toBe(200);
    expect((await s.api('GET', '/api/ledger?from=2026-01-01&to=2026-12-31', { token: admin })).status).toBe(200);
  });

  it('answers JSON in pages of 1,000 rows with next, numbering each unit across pages', async () => {
    const rows: { seq: number; unit: string; caseId: string }[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: any; text: string } = await s.api(
        'GET',
        `/api/ledger?month=2026-03${next ? `&cursor=${next}` : ''}`,
        { token: admin },
      );
      expect(res.status).toBe(200);
      expect(res.body.rows.length).toBeLessThanOrEqual(1000);
      rows.push(...res.body.rows);
      next = res.body.next;
      pages++;
    } while (next);
    expect(pages).toBe(3);
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((r) => r.caseId)).size).toBe(2500);
    expect(rows.filter((r) => r.unit === 'b1').map((r) => r.seq)).toEqual(
      Array.from({ length: 1500 }, (_, i) => i + 1),
    );
    expect(rows.filter((r) => r.unit === 'b2').map((r) => r.seq)).toEqual(
      Array.from({ length: 1000 }, (_, i) => i + 1),
    );
    const small = await s.api('GET', '/api/ledger?month=2026-03&limit=10', { token: admin });
    expect(small.body.rows).toHaveLength(10);
    expect((await s.api('GET', '/api/ledger?month=2026-03&limit=50000', { token: admin })).status).toBe(400);
    expect((await s.api('GET', '/api/ledger?month=2026-03&cursor=nonsense', { token: admin })).status).toBe(400);
  });

  it('streams every row of the period as CSV', async () => {
    const res = await fetch(`${s.server.url}/api/ledger?month=2026-03`, {
      headers: { authorization: `Bearer ${admin}`, accept: 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(2501);
    expect(lines[1]).toMatch(/^"1",/);
    expect(lines.filter((l) => l.includes('"Customer 1499"'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^"1000",/);
  });
});
