// covers: P-7
// A node's store tells the other nodes of a commit inside the commit's own transaction (issue 17,
// "Several nodes, one truth"): PostgreSQL delivers the notification exactly when the transaction
// commits, so a listener on another connection hears of every committed change, finds it already
// readable when it hears, and never hears of a commit that was rolled back (here: refused at
// COMMIT by a deferred constraint trigger), nor of the first attempt of a batch that failed and
// was written again commit by commit.
import pgDriver from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { openPostgres, type PostgresConnection } from '../../../adapters/postgres/connection.ts';
import { CLUSTER_CHANNEL, clusterNode } from '../../../adapters/postgres/server/pg-cluster-bus.ts';
import { openPostgresStore, type PostgresStore } from '../../../adapters/postgres/store/postgres-store.ts';
import type { ClusterMessage } from '../../../ports/cluster-bus.ts';
import { caseRecord, step } from '../../fixtures/store/builders.ts';
import { createDatabase, dropDatabase } from '../../helpers/postgres-cluster.ts';
import { schemaUrl } from '../../helpers/postgres-schema.ts';

let url: string;
let admin: PostgresConnection;
let shared: string;
let store: PostgresStore;
const node = clusterNode();
let listener: pgDriver.Client;
/** What the listener heard, in order, each with the case's version as stored when it was heard. */
const heard: { node: string; message: ClusterMessage; stored: Map<string, number> }[] = [];

beforeAll(async () => {
  url = await createDatabase(inject('postgresUrl'), 'sf_notify');
  admin = await openPostgres(url, { max: 2 });
  shared = await schemaUrl(admin, url, 'notify');
  store = await openPostgresStore(shared, { max: 3, announce: node.announcer });
  // A case named "boom" cannot commit: refused at COMMIT, after the write statement (and its
  // notifications) ran.
  await admin.query(`
    CREATE FUNCTION notify.refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.case_id LIKE 'boom%' THEN RAISE EXCEPTION 'refused at commit'; END IF; RETURN NEW; END $$;
    CREATE CONSTRAINT TRIGGER refuse_boom AFTER INSERT ON notify.events DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION notify.refuse_boom();`);
  listener = new pgDriver.Client({ connectionString: shared });
  await listener.connect();
  const reader = new pgDriver.Client({ connectionString: shared });
  await reader.connect();
  // Notifications are handled one at a time, each after reading what it names from the database.
  let reading = Promise.resolve();
  listener.on('notification', (n) => {
    reading = reading.then(async () => {
      const parsed = JSON.parse(n.payload!) as { node: string; message: ClusterMessage };
      const ids = parsed.message.kind === 'cases' ? parsed.message.cases.map((c) => c.id) : [];
      const { rows } = await reader.query<{ id: string; version: number }>(
        'SELECT id, version FROM cases WHERE id = ANY($1::text[])',
        [ids],
      );
      heard.push({ ...parsed, stored: new Map(rows.map((r) => [r.id, r.version])) });
    });
  });
  listener.on('end', () => void reader.end());
  await listener.query(`LISTEN ${CLUSTER_CHANNEL}`);
});
afterAll(async () => {
  await listener?.end();
  await store?.close();
  await admin?.close();
  if (url) await dropDatabase(url);
});

/** Every case change heard so far, as "id@version". */
const heardCases = () =>
  heard.flatMap((h) => (h.message.kind === 'cases' ? h.message.cases.map((c) => `${c.id}@${c.version}`) : []));

describe('a commit told to the other nodes in its own transaction', () => {
  it('is heard by a listener on another connection once committed, and is already readable then', async () => {
    await store.commit(step(0, caseRecord('c1', { unit: 'branch-b', customerUser: 'carol' })));
    await store.commit(step(1, caseRecord('c1'), {}, { type: 'dispatch' }));
    await vi.waitFor(() => expect(heardCases()).toEqual(['c1@1', 'c1@2']), { timeout: 10_000 });
    expect(heard.every((h) => h.node === node.id)).toBe(true);
    // when the listener heard of each version, the database already held it (or a later one)
    for (const h of heard)
      if (h.message.kind === 'cases')
        for (const c of h.message.cases) expect(h.stored.get(c.id)).toBeGreaterThanOrEqual(c.version);
    // what a stream needs to tell who may see the case, not its data
    expect(heard[0]!.message).toEqual({
      kind: 'cases',
      cases: [
        {
          id: 'c1',
          workflow: 'repair',
          version: 1,
          activeStates: ['reported'],
          done: false,
          unit: 'branch-b',
          customerUser: 'carol',
        },
      ],
      inbox: [],
    });
  });

  it('sends nothing for a transaction that rolls back', async () => {
    const before = heard.length;
    await expect(store.commit(step(0, caseRecord('boom1')))).rejects.toThrow(/refused at commit/);
    // a later commit is heard; notifications arrive in commit order, so the refused one was never sent
    await store.commit(step(0, caseRecord('after1')));
    await vi.waitFor(() => expect(heardCases()).toContain('after1@1'), { timeout: 10_000 });
    expect(heardCases()).not.toContain('boom1@1');
    expect(heard.length).toBe(before + 1);
    expect(
      (await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM notify.cases WHERE id = 'boom1'")).rows[0]!.n,
    ).toBe(0);
  });

  it('tells of each commit of a failed batch once, when it is written again alone', async () => {
    // a commit in flight, so that the next three queue up and are written as one batch
    const first = store.commit(step(0, caseRecord('lead')));
    const batch = [
      store.commit(step(0, caseRecord('ok1'))),
      store.commit(step(0, caseRecord('boom2'))),
      store.commit(step(0, caseRecord('ok2'))),
    ];
    await first;
    const outcomes = await Promise.allSettled(batch);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await vi.waitFor(() => expect(heardCases()).toEqual(expect.arrayContaining(['lead@1', 'ok1@1', 'ok2@1'])), {
      timeout: 10_000,
    });
    await store.commit(step(0, caseRecord('after2')));
    await vi.waitFor(() => expect(heardCases()).toContain('after2@1'), { timeout: 10_000 });
    const told = heardCases();
    expect(told.filter((c) => c === 'ok1@1')).toHaveLength(1);
    expect(told.filter((c) => c === 'ok2@1')).toHaveLength(1);
    expect(told).not.toContain('boom2@1');
  });

  it('tells whose in-app inbox a commit filled, in the same notification as the case', async () => {
    const inapp = {
      id: 'n-inbox-1',
      caseId: 'inbox1',
      channel: 'inapp',
      recipient: 'dave',
      template: 't',
      subject: 's',
      body: 'b',
      urgent: false,
      createdAt: 0,
      notBefore: 0,
      status: 'queued' as const,
      attempts: 0,
      lastError: null,
      sentAt: null,
    };
    await store.commit(step(0, caseRecord('inbox1'), { outbox: [inapp] }));
    await vi.waitFor(() => expect(heardCases()).toContain('inbox1@1'), { timeout: 10_000 });
    const message = heard.find((h) => h.message.kind === 'cases' && h.message.cases.some((c) => c.id === 'inbox1'));
    expect(message!.message).toMatchObject({ kind: 'cases', inbox: ['dave'] });
  });
});
