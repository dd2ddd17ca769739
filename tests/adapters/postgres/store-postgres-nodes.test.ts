// covers: P-7
// Several nodes on one PostgreSQL database, at the store (issue 17 item 2): each test opens two
// stores on one schema, as two server processes would. Versions conflict across them, a due timer
// is claimed by one node at a time and fired once, an outbox entry is delivered by one node at a
// time, a node that dies gives its claims up at once, and a database that goes away answers
// STORE_UNAVAILABLE and is used again once it is back.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPostgres, type PostgresConnection } from '../../../adapters/postgres/connection.ts';
import { openPostgresStore, type PostgresStore } from '../../../adapters/postgres/store/postgres-store.ts';
import { auditStore } from '../../../engine/store/audit-store.ts';
import { StaleVersionError } from '../../../engine/store/store.ts';
import { StoreUnavailableError, TimerAlreadyFiredError } from '../../../engine/store/store-errors.ts';
import { caseRecord, outboxEntry, step, T0, timer } from '../../fixtures/store/builders.ts';
import { createDatabase, dropDatabase, startPostgresCluster } from '../../helpers/postgres-cluster.ts';
import { schemaUrl } from '../../helpers/postgres-schema.ts';

let url: string;
let admin: PostgresConnection;
let schemas = 0;
const stores: PostgresStore[] = [];
beforeAll(async () => {
  url = await createDatabase(inject('postgresUrl'));
  admin = await openPostgres(url, { max: 2 });
});
afterAll(async () => {
  for (const store of stores) await store.close().catch(() => {});
  await admin?.close();
  if (url) await dropDatabase(url);
});

/** Two stores (nodes) on a fresh schema; `names` become their application_name, to find their connections. */
async function nodes(...names: string[]): Promise<PostgresStore[]> {
  const shared = await schemaUrl(admin, url, `nodes_${++schemas}`);
  const opened = [];
  for (const name of names)
    opened.push(await openPostgresStore(shared, { max: 4, applicationName: `${name}_${schemas}` }));
  stores.push(...opened);
  return opened;
}

const settled = (promises: Promise<unknown>[]) => Promise.allSettled(promises);

describe('two nodes on one PostgreSQL database', () => {
  it('lets one of two commits at the same expected version win; the other gets StaleVersionError and writes nothing', async () => {
    const [a, b] = await nodes('a', 'b');
    const record = caseRecord('c1');
    await a!.commit(step(0, record));
    const results = await settled([
      a!.commit(step(1, record, {}, { data: { by: 'a' } })),
      b!.commit(step(1, record, {}, { data: { by: 'b' } })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(StaleVersionError);
    expect((await b!.history('c1')).map((e) => e.seq)).toEqual([1, 2]);
    expect((await auditStore(b!)).problems).toEqual([]);
  });

  it('hands a due timer to one node at a time, and fires it once when both try', async () => {
    const [a, b] = await nodes('a', 'b');
    const timers = [timer('t1', 'c1', T0), timer('t2', 'c1', T0 + 1), timer('t3', 'c1', T0 + 2)];
    await a!.commit(step(0, caseRecord('c1'), { timers: { schedule: timers, cancel: [] } }));
    // a claims all three; b, asking after, is given none of them
    expect((await a!.dueTimers(T0 + 10, 10)).map((t) => t.id)).toEqual(['t1', 't2', 't3']);
    expect(await b!.dueTimers(T0 + 10, 10)).toEqual([]);
    // a node asking again gets its own claims back (the scheduler asks once the last batch is done)
    expect((await a!.dueTimers(T0 + 10, 10)).map((t) => t.id)).toEqual(['t1', 't2', 't3']);
    // both fire t1 at once: one commit applies it, the other is refused
    const fired = await settled([
      a!.commit(step(1, caseRecord('c1'), { firedTimer: 't1' })),
      b!.commit(step(1, caseRecord('c1'), { firedTimer: 't1' })),
    ]);
    expect(fired.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = (fired.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
    expect(refused instanceof TimerAlreadyFiredError || refused instanceof StaleVersionError).toBe(true);
    expect((await a!.history('c1')).map((e) => e.seq)).toEqual([1, 2]);
    expect((await b!.timersOf('c1')).map((t) => t.id)).toEqual(['t2', 't3']);
  });

  it('gives a dead node’s claims up at once: its connections end and the other node takes the timers', async () => {
    const [a, b] = await nodes('dying', 'alive');
    await a!.commit(
      step(0, caseRecord('c1'), { timers: { schedule: [timer('t1', 'c1', T0), timer('t2', 'c1', T0)], cancel: [] } }),
    );
    expect(await a!.dueTimers(T0, 10)).toHaveLength(2);
    expect(await b!.dueTimers(T0, 10)).toEqual([]);
    // the process dies: the database ends its sessions (as when its TCP connections drop)
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
      `dying_${schemas}`,
    ]);
    await expect.poll(async () => (await b!.dueTimers(T0, 10)).map((t) => t.id)).toEqual(['t1', 't2']);
  });

  it('fires each of many due timers exactly once while two nodes fire concurrently', async () => {
    const [a, b] = await nodes('a', 'b');
    const cases = Array.from({ length: 30 }, (_, i) => `c${String(i).padStart(2, '0')}`);
    for (const id of cases)
      await a!.commit(step(0, caseRecord(id), { timers: { schedule: [timer(`${id}:t`, id, T0)], cancel: [] } }));
    const fire = async (store: PostgresStore) => {
      let fired = 0;
      for (let round = 0; round < 50; round++) {
        const due = await store.dueTimers(T0, 4);
        if (due.length === 0) return fired;
        const results = await settled(
          due.map((t) => store.commit(step(1, caseRecord(t.caseId), { firedTimer: t.id }))),
        );
        for (const r of results) {
          if (r.status === 'fulfilled') fired++;
          else expect(r.reason instanceof TimerAlreadyFiredError || r.reason instanceof StaleVersionError).toBe(true);
        }
      }
      return fired;
    };
    const [byA, byB] = await Promise.all([fire(a!), fire(b!)]);
    expect(byA + byB).toBe(cases.length);
    for (const id of cases) expect((await a!.history(id)).length).toBe(2);
    expect(await a!.nextTimerDue()).toBeNull();
    expect((await auditStore(a!)).problems).toEqual([]);
  });

  it('hands an outbox entry to one node at a time until it is marked', async () => {
    const [a, b] = await nodes('a', 'b');
    await a!.commit(
      step(0, caseRecord('c1'), { outbox: [outboxEntry('o1', 'c1'), outboxEntry('o2', 'c1', { createdAt: T0 + 1 })] }),
    );
    expect((await a!.pendingOutbox(T0, 10)).map((o) => o.id)).toEqual(['o1', 'o2']);
    expect(await b!.pendingOutbox(T0, 10)).toEqual([]);
    await a!.updateOutbox('o1', { status: 'sent', attempts: 1, lastError: null, sentAt: T0, notBefore: T0 });
    await a!.close();
    // a's session has ended: o2, never marked, is b's now; o1 was sent and is nobody's. The server
    // lets go of a closed session's advisory locks a moment after the socket closes: wait for it.
    await expect.poll(async () => (await b!.pendingOutbox(T0, 10)).map((o) => o.id)).toEqual(['o2']);
  });

  it('orders listCases and scanCases by code point, whatever the database locale', async () => {
    const [a] = await nodes('a');
    const ids = ['c-Z', 'c-a', 'c-é', 'c-😀', 'c-ｚ'];
    for (const id of ids) await a!.commit(step(0, caseRecord(id)));
    expect((await a!.scanCases(undefined, 10)).map((c) => c.id)).toEqual(['c-Z', 'c-a', 'c-é', 'c-ｚ', 'c-😀']);
    expect((await a!.listCases({})).items.map((c) => c.id)).toEqual(['c-😀', 'c-ｚ', 'c-é', 'c-a', 'c-Z']);
  });
});

describe('the database going away', () => {
  it('answers STORE_UNAVAILABLE while PostgreSQL is down and works again, with nothing acknowledged lost, once it is back', async () => {
    const cluster = await startPostgresCluster({ fsync: false });
    try {
      const store = await openPostgresStore(cluster.url, { max: 2, connectTimeoutMs: 2000 });
      stores.push(store);
      await store.commit(step(0, caseRecord('c1')));
      await cluster.stop();
      await expect(store.commit(step(1, caseRecord('c1')))).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.getCase('c1')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(store.dueTimers(T0, 10)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await cluster.start();
      expect((await store.getCase('c1'))?.version).toBe(1);
      await store.commit(step(1, caseRecord('c1')));
      expect((await store.history('c1')).map((e) => e.seq)).toEqual([1, 2]);
      expect((await auditStore(store)).problems).toEqual([]);
    } finally {
      await cluster.destroy();
    }
  });
});
