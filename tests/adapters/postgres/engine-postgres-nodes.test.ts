// covers: P-7
// The engine on two PostgreSQL stores (two nodes) firing the same due SLA timers at once (issue 17):
// each timer fires exactly once in all, each case gets one timer event, and nothing is reported as
// a failure when the other node was first.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPostgres, type PostgresConnection } from '../../../adapters/postgres/connection.ts';
import { openPostgresStore, type PostgresStore } from '../../../adapters/postgres/store/postgres-store.ts';
import type { OrganizationSpec } from '../../../engine/org/organization.ts';
import { createDirectory } from '../../../engine/runtime/actor.ts';
import { VirtualClock } from '../../../engine/runtime/clock.ts';
import { createEngine } from '../../../engine/runtime/engine.ts';
import { counterIds } from '../../../engine/runtime/ids.ts';
import { auditStore } from '../../../engine/store/audit-store.ts';
import { at, engineFixtureSet } from '../../helpers/engine-fixture.ts';
import { createDatabase, dropDatabase } from '../../helpers/postgres-cluster.ts';
import { schemaUrl } from '../../helpers/postgres-schema.ts';

const set = engineFixtureSet();
const org = set.docs.find((d) => d.kind === 'Organization')!.spec as OrganizationSpec;
const directory = createDirectory(org.users!.map((u) => ({ username: u.username, unit: u.unit, roles: u.roles })));
const staff = (() => {
  const u = directory.user('b1.staff')!;
  return { username: u.username, unit: u.unit, roles: u.roles };
})();

let url: string;
let admin: PostgresConnection;
const stores: PostgresStore[] = [];
beforeAll(async () => {
  url = await createDatabase(inject('postgresUrl'));
  admin = await openPostgres(url, { max: 1 });
});
afterAll(async () => {
  for (const store of stores) await store.close();
  await admin?.close();
  await dropDatabase(url);
});

describe('the engine on two PostgreSQL nodes', () => {
  it('fires each due timer once across both nodes firing at the same time', async () => {
    const shared = await schemaUrl(admin, url, 'engine_nodes');
    const clock = new VirtualClock(at('2026-11-02T16:00:00+08:00'));
    for (const name of ['a', 'b'])
      stores.push(await openPostgresStore(shared, { max: 4, applicationName: `node-${name}` }));
    const engines = stores.map((store, i) =>
      createEngine({
        store,
        clock,
        ids: counterIds(`n${i}`),
        directory: () => directory,
        current: () => set,
        version: () => set,
      }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 40; i++)
      ids.push((await engines[i % 2]!.createCase(staff, 'ticket', { customerName: `C${i}`, phone: '13900139000' })).id);
    clock.set(at('2026-11-03T12:00:00+08:00'));
    // when both nodes fire what is due, at once
    const fired = await Promise.all(engines.map((engine) => engine.fireDueTimers()));
    // then every timer fired once in all, neither node failed, and nothing is left
    expect(fired[0]! + fired[1]!).toBe(40);
    expect(await Promise.all(engines.map((engine) => engine.fireDueTimers()))).toEqual([0, 0]);
    for (const id of ids)
      expect((await stores[0]!.history(id)).map((e) => e.type)).toEqual(['create', 'sf.after:open:0']);
    expect((await auditStore(stores[1]!)).problems).toEqual([]);
  });
});
