// covers: P-3, P-7
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureFiles, testServer, ticketData, type TestServer } from '../server/server-support.ts';

let s: TestServer;
beforeEach(async () => {
  s = await testServer();
});
afterEach(async () => s.close());

describe('many clients at once', () => {
  it('lets exactly one of many events with the same expectedVersion through, round after round', async () => {
    // given a case and 40 clients (two users) who all read the same version
    const tokens = [await s.login('b1.staff'), await s.login('b1.lead')];
    const created = await s.call('POST', '/api/cases', {
      token: tokens[0],
      body: { workflow: 'ticket', data: ticketData() },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    let version = created.body.version as number;
    for (let round = 0; round < 10; round++) {
      // when they all send a note at once
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          s.call('POST', `/api/cases/${id}/events`, {
            token: tokens[i % 2],
            body: { type: 'note', expectedVersion: version },
          }),
        ),
      );
      // then one is accepted and the rest are told the version is stale, as problem documents
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((x) => x === 200)).toHaveLength(1);
      expect(statuses.filter((x) => x === 409)).toHaveLength(39);
      for (const a of answers.filter((a) => a.status === 409)) {
        expect(a.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(a.body).toMatchObject({ status: 409, title: expect.any(String), detail: expect.any(String) });
      }
      version = answers.find((a) => a.status === 200)!.body.version;
    }
    // and the history has one event per version, no gaps, no repeats, and verifies
    const history = await s.services.store.history(id);
    expect(history.map((e) => e.seq)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    expect(history.filter((e) => e.type === 'note')).toHaveLength(10);
    const { auditStore } = await import('../../engine/store/audit-store.ts');
    expect((await auditStore(s.services.store)).problems).toEqual([]);
  });

  it('keeps each of many cases consistent when clients write to all of them at once', async () => {
    const token = await s.login('b1.staff');
    const ids = await Promise.all(
      Array.from(
        { length: 20 },
        async (_, i) =>
          (await s.call('POST', '/api/cases', { token, body: { workflow: 'ticket', data: ticketData(`C${i}`) } })).body
            .id as string,
      ),
    );
    expect(new Set(ids).size).toBe(20);
    const answers = await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        s.call('POST', `/api/cases/${ids[i % 20]}/events`, { token, body: { type: 'note', expectedVersion: 1 } }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(20);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 409)).toBe(true);
    for (const id of ids) expect((await s.services.store.history(id)).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('publishes two different definition sets sent at once as two versions, nothing lost or repeated', async () => {
    const admin = await s.login('admin');
    const base = fixtureFiles();
    const variant = (title: string) =>
      base.map((f) =>
        f.path.endsWith('workflows.yaml')
          ? {
              path: f.path,
              text: f.text.replace('metadata: { name: ticket }', `metadata: { name: ticket, title: ${title} }`),
            }
          : { path: f.path, text: f.text },
      );
    const [a, b] = await Promise.all([
      s.call('POST', '/api/definitions', { token: admin, body: { files: variant('Tab-A') } }),
      s.call('POST', '/api/definitions', { token: admin, body: { files: variant('Tab-B') } }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.seq).not.toBe(b.body.seq);
    const versions = (await s.call('GET', '/api/definitions/versions', { token: admin })).body as {
      seq: number;
      version: string;
      current: boolean;
    }[];
    const seqs = versions.map((v) => v.seq).sort((x, y) => x - y);
    expect(seqs).toEqual([1, 2, 3]);
    const latest = versions.find((v) => v.seq === 3)!;
    expect(latest.current).toBe(true);
    expect(s.services.registry.currentRow().version).toBe(latest.version);
  });

  it('lets one of two tabs that started from the same version publish; the other gets 409', async () => {
    const admin = await s.login('admin');
    const base = fixtureFiles();
    const variant = (title: string) =>
      base.map((f) =>
        f.path.endsWith('workflows.yaml')
          ? {
              path: f.path,
              text: f.text.replace('metadata: { name: ticket }', `metadata: { name: ticket, title: ${title} }`),
            }
          : { path: f.path, text: f.text },
      );
    const startedFrom = s.services.registry.currentRow().seq;
    const answers = await Promise.all(
      ['Tab-A', 'Tab-B', 'Tab-C'].map((t) =>
        s.call('POST', '/api/definitions', { token: admin, body: { files: variant(t), expectedSeq: startedFrom } }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    for (const a of answers.filter((a) => a.status === 409))
      expect(a.body).toMatchObject({ status: 409, code: 'STALE_VERSION' });
    const versions = (await s.call('GET', '/api/definitions/versions', { token: admin })).body as unknown[];
    expect(versions).toHaveLength(2);
  });

  it('publishes the same set sent twice at once only once', async () => {
    const admin = await s.login('admin');
    const files = fixtureFiles().map((f) => ({
      path: f.path,
      text: f.text.replace('metadata: { name: ticket }', 'metadata: { name: ticket, title: Same }'),
    }));
    const answers = await Promise.all(
      [1, 2, 3].map(() => s.call('POST', '/api/definitions', { token: admin, body: { files } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    const versions = (await s.call('GET', '/api/definitions/versions', { token: admin })).body as unknown[];
    expect(versions).toHaveLength(2);
  });

  it('answers a key whose first request was cut off by a crash with "outcome unknown", not "retry shortly"', async () => {
    const { createHash } = await import('node:crypto');
    const token = await s.login('b1.staff');
    const body = JSON.stringify({ workflow: 'ticket', data: ticketData('Cut off') });
    const fingerprint = createHash('sha256').update('POST /api/cases\n').update(body).digest('base64url');
    // given a claim left at status 0 by a process that died before this one started, and one still running here
    await s.services.storage.idempotency.claim('b1.staff', 'before-the-crash', fingerprint, s.clock.now() - 60_000);
    await s.services.storage.idempotency.claim('b1.staff', 'running-now', fingerprint, s.clock.now());
    const send = (key: string) =>
      s.call('POST', '/api/cases', {
        token,
        raw: body,
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
      });
    expect((await send('before-the-crash')).body).toMatchObject({ status: 409, code: 'IDEMPOTENCY_OUTCOME_UNKNOWN' });
    expect((await send('running-now')).body).toMatchObject({ status: 409, code: 'IDEMPOTENCY_IN_PROGRESS' });
    expect(await s.services.store.countCases()).toBe(0);
  });
});
