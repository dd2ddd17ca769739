import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseEvent } from '../../contract/schemas/cases.ts';
import { testServer, ticketData, type TestServer } from './server-support.ts';

let s: TestServer;
let t: Record<string, string>;
beforeEach(async () => {
  s = await testServer();
  t = {};
  for (const u of ['admin', 'hq.mgr', 'b1.staff', 'b1.lead', 'b1.tech', 'b2.lead', 'cust.a']) t[u] = await s.login(u);
});
afterEach(async () => s.close());

async function closedTicket(name = 'Zhang Wei') {
  const c = (
    await s.call('POST', '/api/cases', { token: t['b1.staff'], body: { workflow: 'ticket', data: ticketData(name) } })
  ).body;
  await s.call('POST', `/api/cases/${c.id}/events`, {
    token: t['b1.lead'],
    body: { type: 'dispatch', data: { technician: 'b1.tech' } },
  });
  s.clock.advance(3600_000);
  await s.call('POST', `/api/cases/${c.id}/events`, { token: t['b1.tech'], body: { type: 'arrive' } });
  const done = await s.call('POST', `/api/cases/${c.id}/events`, {
    token: t['b1.tech'],
    body: { type: 'finish', data: { visitFee: 100, partsFee: 50.5 } },
  });
  expect(done.body.done).toBe(true);
  return done.body;
}

describe('ledger (FORM-1)', () => {
  it('has one row per case, filled from the case as the YAML maps it', async () => {
    const c = await closedTicket();
    const res = await s.call('GET', '/api/ledger?unit=b1&month=2026-03', { token: t['b1.lead'] });
    expect(res.status).toBe(200);
    expect(res.body.columns.map((col: { name: string }) => col.name)).toEqual([
      'seq',
      'unit',
      'customerName',
      'phone',
      'technician',
      'start',
      'end',
      'total',
      'followUp',
    ]);
    expect(res.body.rows).toHaveLength(1);
    expect(res.body.rows[0]).toEqual(expect.objectContaining({ caseId: c.id, unit: 'b1', seq: 1 }));
    expect(res.body.rows[0].values).toEqual(
      expect.objectContaining({
        seq: 1,
        unit: 'b1',
        customerName: 'Zhang Wei',
        technician: 'b1.tech',
        total: 150.5,
        followUp: 'due',
        end: expect.any(Number),
      }),
    );
  });

  it('exports CSV in UTF-8 with a byte-order mark, local times, and guarded formulas', async () => {
    await closedTicket('=HYPERLINK("x")');
    const res = await s.app.request('/api/ledger?month=2026-03', {
      headers: { authorization: `Bearer ${t['b1.lead']}`, accept: 'text/csv' },
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [header, row] = text.split('\r\n');
    expect(header).toBe('"No.","Unit","Customer name","Phone","Technician","Start","End","Total","Follow-up"');
    expect(row).toContain('"\'=HYPERLINK(""x"")"');
    expect(row).toContain('"2026-03-02 09:00"');
    expect(row).toContain('"150.50"');
  });

  it('shows each unit only its own rows; customers none', async () => {
    await closedTicket();
    expect((await s.call('GET', '/api/ledger?month=2026-03', { token: t['b2.lead'] })).body.rows).toEqual([]);
    expect((await s.call('GET', '/api/ledger?month=2026-03', { token: t['hq.mgr'] })).body.rows).toHaveLength(1);
    expect((await s.call('GET', '/api/ledger?month=2026-04', { token: t['hq.mgr'] })).body.rows).toEqual([]);
    expect(
      (await s.call('GET', '/api/ledger?from=2026-03-01&to=2026-03-02', { token: t['hq.mgr'] })).body.rows,
    ).toHaveLength(1);
    expect((await s.call('GET', '/api/ledger', { token: t['cust.a'] })).status).toBe(403);
    expect((await s.call('GET', '/api/ledger?month=2026-13', { token: t['hq.mgr'] })).status).toBe(400);
    expect((await s.call('GET', '/api/ledger?ledger=nope', { token: t['hq.mgr'] })).status).toBe(404);
  });
});

describe('monthly report and scorecards', () => {
  it('sums cases by workflow and state and the measures the YAML defines', async () => {
    await closedTicket();
    await s.call('POST', '/api/cases', {
      token: t['b1.staff'],
      body: { workflow: 'ticket', data: ticketData('Li', { inWarranty: true }) },
    });
    const res = await s.call('GET', '/api/reports/monthly?unit=b1&month=2026-03', { token: t['b1.lead'] });
    expect(res.status).toBe(200);
    expect(res.body.byWorkflow).toEqual([
      expect.objectContaining({ workflow: 'follow-up', total: 1, done: 0, states: { due: 1 } }),
      expect.objectContaining({ workflow: 'ticket', total: 2, done: 1, states: { closed: 1, open: 1 } }),
    ]);
    const m = Object.fromEntries(res.body.measures.map((x: { name: string }) => [x.name, x]));
    expect(m.followUpsDone).toEqual(
      expect.objectContaining({ value: 0, numerator: 0, denominator: 1, unit: 'percent' }),
    );
    expect(m.ticketCompleteness.value).toBe(100);
    expect(m.revenue.value).toBe(150.5);
    expect(m.ticketsByWarranty.groups).toEqual([
      expect.objectContaining({ group: '', value: 1 }),
      expect.objectContaining({ group: 'true', value: 1 }),
    ]);
    expect(res.body.scorecards).toEqual([]);
  });

  it('answers 404 for a unit outside the scope and 400 for a bad month', async () => {
    expect((await s.call('GET', '/api/reports/monthly?unit=b1', { token: t['b2.lead'] })).status).toBe(404);
    expect((await s.call('GET', '/api/reports/monthly?unit=b1&month=March', { token: t['b1.lead'] })).status).toBe(400);
    expect((await s.call('GET', '/api/reports/monthly', { token: t['cust.a'] })).status).toBe(403);
    const cards = await s.call('GET', '/api/scorecards?unit=b1&period=2026-03', { token: t['hq.mgr'] });
    expect(cards.body).toEqual({ unit: 'b1', period: '2026-03', scorecards: [] });
    expect((await s.call('GET', '/api/scorecards?unit=b2', { token: t['b1.lead'] })).status).toBe(404);
  });
});

describe('sealed bids (TND-7)', () => {
  it('hides a bid on every path until the bids are opened', async () => {
    const c = (await s.call('POST', '/api/cases', { token: t['hq.mgr'], body: { workflow: 'bidding', data: {} } }))
      .body;
    const bid = await s.call('POST', `/api/cases/${c.id}/events`, {
      token: t['hq.mgr'],
      body: { type: 'submit-bid', data: { price: 99.5, bidder: 'Secretbidder' } },
    });
    expect(bid.status).toBe(200);
    expect(bid.body.data).toEqual({});
    expect(bid.body.sealed).toEqual([
      expect.objectContaining({ event: 'submit-bid', until: 'open-bids', fields: ['bid'] }),
    ]);
    const view = await s.call('GET', `/api/cases/${c.id}`, { token: t['admin'] });
    expect(view.text).not.toContain('Secretbidder');
    expect(view.body.history[1]).toEqual(
      expect.objectContaining({ type: 'submit-bid', data: {}, sealed: { until: 'open-bids' } }),
    );
    const list = await s.call('GET', '/api/cases', { token: t['admin'] });
    expect(list.text).not.toContain('Secretbidder');
    expect((await s.call('GET', '/api/cases?q=secretbidder', { token: t['admin'] })).body.items).toEqual([]);
    const opened = await s.call('POST', `/api/cases/${c.id}/events`, {
      token: t['hq.mgr'],
      body: { type: 'open-bids' },
    });
    expect(opened.body.data.bid).toEqual({ price: 99.5, bidder: 'Secretbidder' });
    expect(opened.body.sealed).toEqual([]);
    expect(
      (await s.call('GET', '/api/cases?q=secretbidder', { token: t['admin'] })).body.items.map(
        (x: { id: string }) => x.id,
      ),
    ).toEqual([c.id]);
  });
});

describe('archives (INFO-2, INFO-5)', () => {
  it('creates, changes (keeping every version) and searches records within the scope', async () => {
    const created = await s.call('POST', '/api/records/customer', {
      token: t['b1.staff'],
      body: { data: { name: 'Wang', phone: '13900000001' } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ type: 'customer', unit: 'b1', version: 1 }));
    const id = created.body.id;
    const changed = await s.call('PATCH', `/api/records/customer/${id}`, {
      token: t['b1.lead'],
      body: { data: { name: 'Wang Fang', phone: '13900000001' }, expectedVersion: 1, note: 'full name' },
    });
    expect(changed.body.version).toBe(2);
    const read = await s.call('GET', `/api/records/customer/${id}`, { token: t['hq.mgr'] });
    expect(read.body.history.map((h: { version: number; data: { name: string } }) => [h.version, h.data.name])).toEqual(
      [
        [1, 'Wang'],
        [2, 'Wang Fang'],
      ],
    );
    expect(
      (
        await s.call('PATCH', `/api/records/customer/${id}`, {
          token: t['b1.lead'],
          body: { data: { name: 'X', phone: '13900000001' }, expectedVersion: 1 },
        })
      ).status,
    ).toBe(409);
    expect((await s.call('GET', `/api/records/customer/${id}`, { token: t['b2.lead'] })).status).toBe(404);
    expect(
      (await s.call('GET', '/api/records/customer?q=fang', { token: t['b1.staff'] })).body.items.map(
        (r: { id: string }) => r.id,
      ),
    ).toEqual([id]);
    expect((await s.call('GET', '/api/records/customer?q=fang', { token: t['b2.lead'] })).body.items).toEqual([]);
    expect((await s.call('GET', `/api/records/customer/${id}/cases`, { token: t['b1.staff'] })).body.items).toEqual([]);
  });

  it('refuses duplicates by key, invalid data with paths, unknown types, and customers writing', async () => {
    await s.call('POST', '/api/records/customer', {
      token: t['b1.staff'],
      body: { data: { name: 'Wang', phone: '13900000001' } },
    });
    const dup = await s.call('POST', '/api/records/customer', {
      token: t['b1.lead'],
      body: { data: { name: 'Other', phone: '13900000001' } },
    });
    expect(dup.status).toBe(409);
    const bad = await s.call('POST', '/api/records/customer', {
      token: t['b1.staff'],
      body: { data: { phone: 'abc' } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['/data/name', '/data/phone']),
    );
    expect((await s.call('POST', '/api/records/nope', { token: t['b1.staff'], body: { data: {} } })).status).toBe(404);
    expect(
      (
        await s.call('POST', '/api/records/customer', {
          token: t['cust.a'],
          body: { data: { name: 'Me', phone: '13900000002' } },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await s.call('POST', '/api/records/customer', {
          token: t['b1.staff'],
          body: { data: { name: 'Me', phone: '13900000002' }, unit: 'b2' },
        })
      ).status,
    ).toBe(422);
  });
});

describe('description and operations', () => {
  it('serves OpenAPI 3.1 built from the schemas bodies are validated with, and a readable page', async () => {
    const res = await s.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const p of [
      '/api/health',
      '/api/auth/login',
      '/api/me',
      '/api/users',
      '/api/definitions',
      '/api/definitions/{kind}/{name}',
      '/api/cases',
      '/api/cases/{id}',
      '/api/cases/{id}/events',
      '/api/ledger',
      '/api/scorecards',
      '/api/reports/monthly',
    ]) {
      expect(res.body.paths[p], p).toBeDefined();
    }
    expect(res.body.components.schemas.CaseEvent).toEqual(JSON.parse(JSON.stringify(CaseEvent)));
    const page = await s.app.request('/api/docs');
    expect(await page.text()).toContain('/api/cases/{id}/events');
  });

  it('reports health without a login and Prometheus metrics to an administrator', async () => {
    expect((await s.call('GET', '/api/health')).body).toEqual({ status: 'ok' });
    await closedTicket();
    const metrics = await s.call('GET', '/metrics', { token: await s.login('admin') });
    expect(metrics.text).toMatch(
      /serviceframe_http_requests_total\{method="POST",route="\/api\/cases",status="201"\} 1/,
    );
    expect(metrics.text).toMatch(/serviceframe_cases\{workflow="ticket",state="closed"\} 1/);
    expect(metrics.text).toMatch(/serviceframe_timers_due 0/);
    expect(metrics.text).toMatch(/serviceframe_http_request_duration_seconds_bucket/);
    // The process's own figures, from prom-client: CPU, memory and the event loop's delay.
    expect(metrics.text).toMatch(/^serviceframe_process_cpu_user_seconds_total \d/m);
    expect(metrics.text).toMatch(/^serviceframe_process_resident_memory_bytes \d/m);
    expect(metrics.text).toMatch(/^serviceframe_nodejs_eventloop_lag_p99_seconds \d/m);
    expect((await s.call('GET', '/api/nowhere', { token: t['b1.staff'] })).status).toBe(404);
  });
});
