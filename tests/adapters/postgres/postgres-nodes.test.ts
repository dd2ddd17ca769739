/**
 * Two server nodes on one PostgreSQL database are one system (issue 17, "Several nodes, one
 * truth"): a change made on one reaches the other's event streams, a publication on one is in
 * force on the other at once while each case keeps running on its own version (P-3), two
 * publications from the same version cannot both stand, and a user disabled on one is refused on
 * the other at the next request (no node answers from a login cache), and failed logins count on
 * every node.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPostgres } from '../../../adapters/postgres/connection.ts';
import { postgresServerStorage } from '../../../adapters/postgres/server/open-postgres-server-storage.ts';
import { openPostgresStore } from '../../../adapters/postgres/store/postgres-store.ts';
import type { ClusterBus } from '../../../ports/cluster-bus.ts';
import { createServices } from '../../../server/services.ts';
import { realServer, type RealServer } from '../../helpers/real-server.ts';
import { freshPostgresDatabase } from '../../helpers/test-database.ts';
import { fixtureFiles, ticketData } from '../../server/server-support.ts';

let db: { url: string; drop(): Promise<void> };
let a: RealServer;
let b: RealServer;

beforeAll(async () => {
  db = await freshPostgresDatabase('sf_nodes');
  // One after the other: the first migrates and publishes version 1, the second finds both done.
  a = await realServer({}, { database: 'postgres', databaseUrl: db.url });
  b = await realServer({}, { database: 'postgres', databaseUrl: db.url });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await db?.drop();
});

/** An open GET /api/stream on `node`: everything it has received so far, and how to close it. */
async function openStream(node: RealServer, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${node.server.url}/api/stream`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  let text = '';
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // aborted at close
    }
  })();
  await vi.waitFor(() => expect(text).toContain('event: ready'));
  return { received: () => text, close: () => controller.abort() };
}

const relabelled = () =>
  fixtureFiles().map((f) =>
    f.path.endsWith('forms.yaml') ? { ...f, text: f.text.replace('label: Customer,', 'label: Customer name,') } : f,
  );

describe('two nodes on one PostgreSQL database', () => {
  it('tells a stream on node A of a case created and changed on node B', async () => {
    const stream = await openStream(a, await a.login('b1.lead'));
    try {
      const staff = await b.login('b1.staff');
      const created = await b.api('POST', '/api/cases', {
        token: staff,
        body: { workflow: 'ticket', data: ticketData('Node B') },
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      await vi.waitFor(
        () => expect(stream.received()).toMatch(new RegExp(`"id":"${id}","workflow":"ticket","version":1`)),
        { timeout: 10_000 },
      );
      const dispatched = await b.api('POST', `/api/cases/${id}/events`, {
        token: await b.login('b1.lead'),
        body: { type: 'dispatch', data: { technician: 'b1.tech' }, expectedVersion: 1 },
      });
      expect(dispatched.status).toBe(200);
      await vi.waitFor(
        () => expect(stream.received()).toMatch(new RegExp(`"id":"${id}","workflow":"ticket","version":2`)),
        { timeout: 10_000 },
      );
      // and node A reads what node B wrote, at once
      expect((await a.api('GET', `/api/cases/${id}`, { token: await a.login('b1.lead') })).body).toMatchObject({
        version: 2,
        assignee: 'b1.tech',
      });
    } finally {
      stream.close();
    }
  });

  it("tells a stream on node A that its user's inbox changed on node B", async () => {
    const staffA = await a.login('b1.staff');
    const stream = await openStream(a, staffA);
    try {
      const staffB = await b.login('b1.staff');
      const created = await b.api('POST', '/api/cases', {
        token: staffB,
        body: { workflow: 'logbook', data: ticketData('Inbox') },
      });
      expect(created.status, created.text).toBe(201);
      expect(stream.received()).not.toContain('event: inbox');
      // a remark notifies the case's owner in the app
      const remarked = await b.api('POST', `/api/cases/${created.body.id}/events`, {
        token: staffB,
        body: { type: 'remark', data: { answer: 'called back' }, expectedVersion: 1 },
      });
      expect(remarked.status, remarked.text).toBe(200);
      await vi.waitFor(() => expect(stream.received()).toContain('event: inbox'), { timeout: 10_000 });
      expect((await a.api('GET', '/api/inbox', { token: staffA })).body.unread).toBeGreaterThanOrEqual(1);
    } finally {
      stream.close();
    }
  });

  it('puts a publication on node A in force on node B at once, each case on its own version (P-3)', async () => {
    const staffB = await b.login('b1.staff');
    const before = await b.api('POST', '/api/cases', {
      token: staffB,
      body: { workflow: 'ticket', data: ticketData('Before') },
    });
    const oldVersion = before.body.definitionVersion as string;
    const adminA = await a.login('admin');
    const seq = (await a.api('GET', '/api/definitions/versions', { token: adminA })).body.at(-1).seq as number;
    const published = await a.api('POST', '/api/definitions', {
      token: adminA,
      body: { files: relabelled(), note: 'relabel', expectedSeq: seq },
    });
    expect(published.status, published.text).toBe(201);
    // node B shows the new form and starts new cases on the new version
    const adminB = await b.login('admin');
    await vi.waitFor(
      async () =>
        expect((await b.api('GET', '/api/definitions/Form/ticket', { token: adminB })).text).toContain('Customer name'),
      { timeout: 10_000 },
    );
    const after = await b.api('POST', '/api/cases', {
      token: staffB,
      body: { workflow: 'ticket', data: ticketData('After') },
    });
    expect(after.status).toBe(201);
    expect(after.body.definitionVersion).not.toBe(oldVersion);
    expect((await b.api('GET', '/api/definitions/versions', { token: adminB })).body.at(-1).seq).toBe(seq + 1);
    // the case started before keeps its version on both nodes, and moves on node A
    expect((await b.api('GET', `/api/cases/${before.body.id}`, { token: staffB })).body.definitionVersion).toBe(
      oldVersion,
    );
    const lead = await a.login('b1.lead');
    const moved = await a.api('POST', `/api/cases/${before.body.id}/events`, {
      token: lead,
      body: { type: 'dispatch', data: { technician: 'b1.tech' }, expectedVersion: 1 },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.definitionVersion).toBe(oldVersion);
  });

  it('lets one of two publications started from the same version stand; the other answers 409', async () => {
    const adminA = await a.login('admin');
    const adminB = await b.login('admin');
    const seq = (await a.api('GET', '/api/definitions/versions', { token: adminA })).body.at(-1).seq as number;
    const files = (label: string) =>
      fixtureFiles().map((f) =>
        f.path.endsWith('forms.yaml') ? { ...f, text: f.text.replace('label: Customer,', `label: ${label},`) } : f,
      );
    const [fromA, fromB] = await Promise.all([
      a.api('POST', '/api/definitions', { token: adminA, body: { files: files('Client A'), expectedSeq: seq } }),
      b.api('POST', '/api/definitions', { token: adminB, body: { files: files('Client B'), expectedSeq: seq } }),
    ]);
    expect([fromA.status, fromB.status].sort()).toEqual([201, 409]);
    const versions = (await b.api('GET', '/api/definitions/versions', { token: adminB })).body as { seq: number }[];
    expect(versions.at(-1)!.seq).toBe(seq + 1);
  });

  it('counts failed logins of every node: guesses spread over both are limited as on one', async () => {
    const guess = (node: RealServer) =>
      node.api('POST', '/api/auth/login', { body: { username: 'b1.tech', password: 'a wrong guess' } });
    // five failures for one username from one address, spread over the nodes (the limit is five)
    const statuses = [];
    for (const node of [a, b, a, b, a]) statuses.push((await guess(node)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    // the next attempt is refused on either node, though each saw fewer than five
    await vi.waitFor(async () => expect((await guess(b)).status).toBe(429), { timeout: 10_000 });
    expect((await guess(a)).status).toBe(429);
  });

  it('refuses a user disabled on node A at the next request on node B', async () => {
    const token = await b.login('b2.lead');
    expect((await b.api('GET', '/api/me', { token })).status).toBe(200);
    const disabled = await a.api('PATCH', '/api/users/b2.lead', {
      token: await a.login('admin'),
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect((await b.api('GET', '/api/me', { token })).status).toBe(401);
  });
});

describe('a node that has not yet heard of a publication', () => {
  it('reads the published versions when a case runs on one it does not know, instead of refusing the event', async () => {
    // given node C on the same database, deaf to the others (its bus delivers nothing)
    const conn = await openPostgres(db.url, { max: 3 });
    const store = await openPostgresStore(conn);
    const deaf: ClusterBus = { publish() {}, subscribe() {}, async close() {} };
    const c = await createServices({
      store,
      storage: postgresServerStorage(conn),
      bus: deaf,
      initialFiles: fixtureFiles,
    });
    try {
      // when node A publishes a version and starts a case on it
      const adminA = await a.login('admin');
      const seq = (await a.api('GET', '/api/definitions/versions', { token: adminA })).body.at(-1).seq as number;
      const files = fixtureFiles().map((f) =>
        f.path.endsWith('forms.yaml') ? { ...f, text: f.text.replace('label: Customer,', 'label: Unheard of,') } : f,
      );
      expect(
        (await a.api('POST', '/api/definitions', { token: adminA, body: { files, expectedSeq: seq } })).status,
      ).toBe(201);
      const created = await a.api('POST', '/api/cases', {
        token: await a.login('b1.staff'),
        body: { workflow: 'ticket', data: ticketData('Unheard') },
      });
      expect(c.registry.version(created.body.definitionVersion)).toBeUndefined();
      // then an event for it on node C is decided on that version
      const lead = c.users.directory().user('b1.lead')!;
      const moved = await c.engine.sendEvent(created.body.id, {
        type: 'dispatch',
        data: { technician: 'b1.tech' },
        actor: { username: lead.username, unit: lead.unit, roles: lead.roles, facts: {} },
        expectedVersion: 1,
      });
      expect(moved).toMatchObject({
        version: 2,
        definitionVersion: created.body.definitionVersion,
        assignee: 'b1.tech',
      });
      expect(c.registry.currentRow().seq).toBe(seq + 1);
    } finally {
      await c.projector.flush();
      await store.close();
      await conn.close();
    }
  });
});
