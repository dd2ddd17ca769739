/**
 * Losing PostgreSQL while serving (issue 17, "Bad input and faults"): while the database is away
 * the server answers 503 problem documents (never 500, never a hang), readiness fails while
 * liveness holds, nothing acknowledged is lost, and when the database returns the server goes on
 * by itself: requests succeed again and the projections of cases written around the outage catch up.
 * The database here is a private cluster, stopped and started again under load.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDatabase, startPostgresCluster, type PostgresCluster } from '../../helpers/postgres-cluster.ts';
import { realServer, type RealServer } from '../../helpers/real-server.ts';
import { ticketData } from '../../server/server-support.ts';

let cluster: PostgresCluster;
let s: RealServer;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  s = await realServer({}, { database: 'postgres', databaseUrl: await createDatabase(cluster.url, 'sf_outage') });
});
afterAll(async () => {
  await s?.close();
  await cluster?.destroy();
});

describe('the database goes away mid-load and comes back', () => {
  it('answers 503 meanwhile, loses nothing acknowledged, and resumes by itself', async () => {
    const staff = await s.login('b1.staff');
    const lead = await s.login('b1.lead');
    const created = new Set<string>();
    const dispatched = new Set<string>();
    const statuses: number[] = [];
    const refusals: { status: number; contentType: string | null; code: unknown }[] = [];
    let running = true;
    let n = 0;
    const client = async () => {
      while (running) {
        const made = await s.api('POST', '/api/cases', {
          token: staff,
          body: { workflow: 'ticket', data: ticketData(`Load ${++n}`) },
        });
        statuses.push(made.status);
        if (made.status !== 201) {
          refusals.push({ status: made.status, contentType: made.headers.get('content-type'), code: made.body?.code });
          continue;
        }
        created.add(made.body.id);
        const sent = await s.api('POST', `/api/cases/${made.body.id}/events`, {
          token: lead,
          body: { type: 'dispatch', data: { technician: 'b1.tech' }, expectedVersion: 1 },
        });
        statuses.push(sent.status);
        if (sent.status === 200) dispatched.add(made.body.id);
        else
          refusals.push({ status: sent.status, contentType: sent.headers.get('content-type'), code: sent.body?.code });
      }
    };
    const clients = [client(), client(), client()];
    try {
      // given a server under load
      await vi.waitFor(() => expect(dispatched.size).toBeGreaterThanOrEqual(10), { timeout: 30_000, interval: 50 });
      // when the database stops
      await cluster.stop();
      const acknowledgedBefore = created.size;
      // then requests answer 503 problem documents, readiness fails and liveness holds
      await vi.waitFor(() => expect(refusals.length).toBeGreaterThanOrEqual(5), { timeout: 30_000, interval: 50 });
      const ready = await s.api('GET', '/api/ready');
      expect(ready.status).toBe(503);
      expect(ready.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await s.api('GET', '/api/health')).status).toBe(200);
      // when it comes back
      await cluster.start();
      // then the server is ready again and takes new cases without a restart
      await vi.waitFor(async () => expect((await s.api('GET', '/api/ready')).status).toBe(200), {
        timeout: 30_000,
        interval: 100,
      });
      await vi.waitFor(() => expect(created.size).toBeGreaterThan(acknowledgedBefore + 5), {
        timeout: 30_000,
        interval: 50,
      });
    } finally {
      running = false;
      await Promise.all(clients);
    }
    // every refusal was a 503 problem document saying the database is away
    expect(refusals.length).toBeGreaterThan(0);
    for (const r of refusals)
      expect(r).toEqual({
        status: 503,
        contentType: expect.stringMatching(/application\/problem\+json/),
        code: 'STORE_UNAVAILABLE',
      });
    expect(statuses.every((x) => x === 200 || x === 201 || x === 503)).toBe(true);
    // nothing acknowledged is lost
    for (const id of created) {
      const read = await s.api('GET', `/api/cases/${id}`, { token: lead });
      expect(read.status, id).toBe(200);
      if (dispatched.has(id)) expect(read.body, id).toMatchObject({ version: 2, assignee: 'b1.tech' });
    }
    // and every case's projection catches up with it, those written around the outage too
    await vi.waitFor(
      async () =>
        expect(
          await s.rows(
            'SELECT c.id FROM cases c LEFT JOIN sf_projected p ON p.case_id = c.id WHERE p.version IS DISTINCT FROM c.version',
          ),
        ).toEqual([]),
      { timeout: 30_000, interval: 200 },
    );
  });
});
