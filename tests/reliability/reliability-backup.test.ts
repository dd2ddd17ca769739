// covers: INFO-5
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { createDirectory } from '../../engine/runtime/actor.ts';
import { VirtualClock } from '../../engine/runtime/clock.ts';
import { createEngine } from '../../engine/runtime/engine.ts';
import { counterIds } from '../../engine/runtime/ids.ts';
import type { OrganizationSpec } from '../../engine/org/organization.ts';
import { type Store } from '../../engine/store/index.ts';
import { openSqliteStore } from '../../adapters/sqlite/store/sqlite-store.ts';
import { at, engineFixtureSet } from '../helpers/engine-fixture.ts';

const set = engineFixtureSet();
const org = set.docs.find((d) => d.kind === 'Organization')!.spec as OrganizationSpec;
const directory = createDirectory(org.users!.map((u) => ({ username: u.username, unit: u.unit, roles: u.roles })));
const staff = { username: 'b1.staff', unit: 'b1', roles: ['staff'] };
const root = mkdtempSync(join(tmpdir(), 'sf-backup-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

function engineOn(file: string, prefix: string) {
  const store = openSqliteStore(file);
  const clock = new VirtualClock(at('2026-11-02T09:00:00+08:00'));
  const engine = createEngine({
    store,
    clock,
    ids: counterIds(prefix),
    directory: () => directory,
    current: () => set,
    version: (v) => (v === set.version ? set : undefined),
  });
  return { store, engine, clock };
}

async function snapshot(store: Store) {
  const cases = new Map<string, { version: number; history: string[] }>();
  for (let cursor: string | undefined; ;) {
    const page = await store.listCases({ limit: 200, ...(cursor ? { cursor } : {}) });
    for (const c of page.items)
      cases.set(c.id, { version: c.version, history: (await store.history(c.id)).map((e) => e.hash) });
    if (!page.next) return cases;
    cursor = page.next;
  }
}

describe('serviceframe backup and restore', () => {
  it('takes a backup that verifies and holds every case while writes continue', async () => {
    // given a database with 300 cases, and a writer that keeps adding notes during the backup
    const data = mkdtempSync(join(root, 'live-'));
    const { store, engine, clock } = engineOn(join(data, 'serviceframe.sqlite'), 'b');
    const ids: string[] = [];
    for (let i = 0; i < 300; i++)
      ids.push(
        (await engine.createCase(staff, 'ticket', { customerName: `C${i} ${'x'.repeat(480)}`, phone: '13900139000' }))
          .id,
      );
    const before = await snapshot(store);
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        const id = ids[written % ids.length]!;
        clock.set(clock.now() + 60_000);
        await engine.sendEvent(id, { type: 'note', actor: staff, expectedVersion: (await store.getCase(id))!.version });
        written++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    // when
    const file = join(root, 'backups', 'one.sqlite');
    const result = await run('backup', file, '--data', data);
    writing = false;
    await writer;
    // then the copy verifies, and every case is there with a prefix of its live history
    expect(result.err).toEqual([]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.out[1]).toMatch(/^ok: \d+ events, 300 cases, \d+ days$/);
    expect(written).toBeGreaterThan(0);
    const copy = openSqliteStore(file);
    const backedUp = await snapshot(copy);
    const live = await snapshot(store);
    expect([...backedUp.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [id, c] of backedUp) {
      expect(c.version).toBe(c.history.length);
      expect(live.get(id)!.history.slice(0, c.history.length)).toEqual(c.history);
      expect(c.version).toBeGreaterThanOrEqual(before.get(id)!.version);
    }
    await copy.close();
    await store.close();
    expect(await run('backup', file, '--data', data)).toMatchObject({
      code: 1,
      err: [expect.stringMatching(/exists; pass --force/)],
    });
  });

  it('restores an audited backup, keeps the database it replaces, and serves the same cases', async () => {
    // given a backup of a database with 5 cases, and a live database that has moved on since
    const data = mkdtempSync(join(root, 'restore-'));
    const file = join(data, 'serviceframe.sqlite');
    let { store, engine } = engineOn(file, 'r');
    for (let i = 0; i < 5; i++)
      await engine.createCase(staff, 'ticket', { customerName: `R${i}`, phone: '13900139000' });
    const atBackup = await snapshot(store);
    await store.close();
    const backup = join(root, 'restore-backup.sqlite');
    expect(await run('backup', backup, '--data', data)).toMatchObject({ code: 0 });
    ({ store, engine } = engineOn(file, 's'));
    await engine.createCase(staff, 'ticket', { customerName: 'after the backup', phone: '13900139000' });

    // then it will not replace a database without --force, nor one that is open
    expect(await run('restore', backup, '--data', data)).toMatchObject({
      code: 1,
      err: [expect.stringMatching(/exists; pass --force/)],
    });
    expect(await run('restore', backup, '--data', data, '--force')).toMatchObject({
      code: 1,
      err: [expect.stringMatching(/in use/)],
    });
    await store.close();

    // when
    const restored = await run('restore', backup, '--data', data, '--force');
    // then
    expect(restored.err).toEqual([]);
    expect(restored).toMatchObject({ code: 0 });
    expect(restored.out.at(-1)).toMatch(/ok: 5 events, 5 cases/);
    expect(readdirSync(data).some((f) => f.startsWith('serviceframe.sqlite.before-restore-'))).toBe(true);
    expect(await run('audit', 'verify', '--data', data)).toMatchObject({ code: 0 });
    ({ store, engine } = engineOn(file, 't'));
    expect(await snapshot(store)).toEqual(atBackup);
    // and the restored database takes new events
    const next = await engine.createCase(staff, 'ticket', { customerName: 'after the restore', phone: '13900139000' });
    expect(next.version).toBe(1);
    await store.close();
  });

  it('refuses a backup that does not verify, and changes nothing', async () => {
    const data = mkdtempSync(join(root, 'bad-'));
    const { store, engine } = engineOn(join(data, 'serviceframe.sqlite'), 'x');
    await engine.createCase(staff, 'ticket', { customerName: 'Good', phone: '13900139000' });
    await store.close();
    const backup = join(root, 'bad-backup.sqlite');
    expect(await run('backup', backup, '--data', data)).toMatchObject({ code: 0 });
    const db = new Database(backup);
    db.exec("DROP TRIGGER events_are_never_updated; UPDATE events SET actor = 'someone else'");
    db.close();
    const target = mkdtempSync(join(root, 'empty-'));
    const result = await run('restore', backup, '--data', target);
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/does not verify; nothing was restored/);
    expect(result.err[1]).toMatch(/\(HASH\)/);
    expect(existsSync(join(target, 'serviceframe.sqlite'))).toBe(false);
    expect(readdirSync(target)).toEqual([]);
  });
});

describe('durability setting', () => {
  it('takes SERVICEFRAME_SYNC=full from the environment, normal otherwise', async () => {
    const { optionsFromEnv } = await import('../../server/start.ts');
    expect(optionsFromEnv({ SERVICEFRAME_SYNC: 'full' }).synchronous).toBe('full');
    expect(optionsFromEnv({}).synchronous).toBeUndefined();
  });
});
