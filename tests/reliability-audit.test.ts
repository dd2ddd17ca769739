// covers: P-7, INFO-5
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../engine/cli/main.ts';
import { createDirectory } from '../engine/runtime/actor.ts';
import { VirtualClock } from '../engine/runtime/clock.ts';
import { createEngine } from '../engine/runtime/engine.ts';
import { counterIds } from '../engine/runtime/ids.ts';
import type { OrganizationSpec } from '../engine/org/organization.ts';
import { GENESIS_HASH, hashEvent, openSqliteStore } from '../engine/store/index.ts';
import { at, engineFixtureSet } from './helpers/engine-fixture.ts';

const set = engineFixtureSet();
const org = set.docs.find((d) => d.kind === 'Organization')!.spec as OrganizationSpec;
const directory = createDirectory(org.users!.map((u) => ({ username: u.username, unit: u.unit, roles: u.roles })));
const actor = (name: string) => {
  const u = directory.user(name)!;
  return { username: u.username, unit: u.unit, roles: u.roles };
};
const root = mkdtempSync(join(tmpdir(), 'sf-audit-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dataDir = '';
let dbFile = '';
let caseIds: string[] = [];

/** Three cases over two days: 2, 3 and 4 events. */
async function buildDatabase(): Promise<void> {
  dataDir = mkdtempSync(join(root, 'data-'));
  dbFile = join(dataDir, 'serviceframe.sqlite');
  const clock = new VirtualClock(at('2026-11-02T09:00:00+08:00'));
  const store = openSqliteStore(dbFile);
  const engine = createEngine({ store, clock, ids: counterIds('t'), directory: () => directory, current: () => set, version: (v) => (v === set.version ? set : undefined) });
  caseIds = [];
  for (let i = 0; i < 3; i++) {
    const c = await engine.createCase(actor('b1.staff'), 'ticket', { customerName: `Customer ${i}`, phone: '13900139000' });
    caseIds.push(c.id);
    for (let n = 0; n < i + 1; n++) {
      clock.set(clock.now() + 9 * 3600_000);
      const current = (await store.getCase(c.id))!;
      await engine.sendEvent(c.id, { type: 'note', actor: actor('b1.staff'), expectedVersion: current.version });
    }
  }
  await store.close();
}

async function audit(): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['audit', 'verify', '--data', dataDir], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** As an attacker with write access to the file would: drop the append-only triggers first. */
function tamper(sql: string, ...params: unknown[]): void {
  const db = new Database(dbFile);
  db.exec('DROP TRIGGER IF EXISTS events_are_never_updated; DROP TRIGGER IF EXISTS events_are_never_deleted;');
  db.prepare(sql).run(...params);
  db.close();
}

describe('serviceframe audit verify', () => {
  beforeEach(buildDatabase);

  it('passes an untouched database and counts what it checked', async () => {
    const result = await audit();
    expect(result).toMatchObject({ code: 0, err: [] });
    expect(result.out).toEqual([expect.stringMatching(/^ok: 9 events, 3 cases, [2-9] days$/)]);
  });

  it('refuses to touch an event while the triggers stand', () => {
    const db = new Database(dbFile);
    expect(() => db.prepare("UPDATE events SET data = '{}' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events WHERE seq = 1').run()).toThrow(/append-only/);
    db.close();
  });

  it('names an event whose data was altered in the file', async () => {
    // given the second event of the second case rewritten
    tamper(`UPDATE events SET data = '{"noted":false}' WHERE case_id = ? AND seq = 2`, caseIds[1]);
    // then
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err[0]).toBe(`FAIL: first problem at case ${caseIds[1]}, seq 2 (HASH): ${result.err[0]!.split('(HASH): ')[1]}`);
    // the stored hash (which the day anchor folds) is unchanged, so only the chain names it
  });

  it('names an altered actor or time as well as altered data', async () => {
    tamper(`UPDATE events SET actor = 'hq.mgr' WHERE case_id = ? AND seq = 3`, caseIds[2]);
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err[0]).toContain(`case ${caseIds[2]}, seq 3 (HASH)`);
  });

  it('names an event deleted from the middle of a history', async () => {
    tamper('DELETE FROM events WHERE case_id = ? AND seq = 2', caseIds[2]);
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err[0]).toContain(`case ${caseIds[2]}, seq 2 (MISSING_EVENT)`);
  });

  it('names an event deleted from the end of a history, where the chain alone still holds', async () => {
    tamper('DELETE FROM events WHERE case_id = ? AND seq = 4', caseIds[2]);
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err[0]).toContain(`case ${caseIds[2]}, seq 4 (MISSING_EVENT)`);
  });

  it('names reordered events of a case', async () => {
    // swap seq 2 and 3 of the third case
    tamper('UPDATE events SET seq = -1 WHERE case_id = ? AND seq = 2', caseIds[2]);
    tamper('UPDATE events SET seq = 2 WHERE case_id = ? AND seq = 3', caseIds[2]);
    tamper('UPDATE events SET seq = 3 WHERE case_id = ? AND seq = -1', caseIds[2]);
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(new RegExp(`case ${caseIds[2]}, seq 2 \\((HASH|PREV_HASH)\\)`));
  });

  it('names a day whose events were reordered in the append order', async () => {
    // the day anchors fold events in append order (pos); swap the first two appended events
    tamper('UPDATE events SET pos = -1 WHERE pos = 1');
    tamper('UPDATE events SET pos = 1 WHERE pos = 2');
    tamper('UPDATE events SET pos = 2 WHERE pos = -1');
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/^FAIL: first problem at day 2026-11-0\d \(ANCHOR\)/);
  });

  /** As an attacker who knows the hash format would: rewrites a case's data at `seq` and recomputes its whole chain. */
  function rewriteChain(caseId: string, seq: number): void {
    const db = new Database(dbFile);
    db.exec('DROP TRIGGER events_are_never_updated');
    const rows = db.prepare('SELECT * FROM events WHERE case_id = ? ORDER BY seq').all(caseId) as Record<string, unknown>[];
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const data = row.seq === seq ? { noted: 'rewritten' } : JSON.parse(row.data as string);
      const event = {
        caseId: row.case_id as string, seq: row.seq as number, type: row.type as string, actor: row.actor as string,
        actorUnit: row.actor_unit as string | null, at: row.at as number, definitionVersion: row.definition_version as string,
        data, from: JSON.parse(row.from_states as string), to: JSON.parse(row.to_states as string), effects: JSON.parse(row.effects as string),
      };
      const hash = hashEvent(event, prev);
      db.prepare('UPDATE events SET data = ?, hash = ?, prev_hash = ? WHERE case_id = ? AND seq = ?').run(JSON.stringify(data), hash, prev, row.case_id, row.seq);
      prev = hash;
    }
    db.close();
  }

  it('catches a history rewritten with freshly computed hashes through the day anchor', async () => {
    // given the whole chain of the first case rewritten (its days are over: their anchors are in day_anchors)
    rewriteChain(caseIds[0]!, 2);
    // then the chains hold but the day anchor does not
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/\(ANCHOR\)/);
  });

  it('catches a rewrite of the newest day through the anchor carried by the newest event', async () => {
    // given the last case's chain rewritten from its last event, the newest of all and alone on its day
    rewriteChain(caseIds[2]!, 4);
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/^FAIL: first problem at day 2026-11-04 \(ANCHOR\)/);
  });

  it('passes when the clock crosses midnight and steps back across it', async () => {
    // given events on one UTC day, the next, the first again (a clock set back) and the next again
    dataDir = mkdtempSync(join(root, 'midnight-'));
    dbFile = join(dataDir, 'serviceframe.sqlite');
    // (a system clock, which may be set back; a virtual one only moves forward)
    let now = at('2026-11-03T07:59:58+08:00');
    const clock = { now: () => now };
    const store = openSqliteStore(dbFile);
    const engine = createEngine({ store, clock, ids: counterIds('m'), directory: () => directory, current: () => set, version: (v) => (v === set.version ? set : undefined) });
    const c = await engine.createCase(actor('b1.staff'), 'ticket', { customerName: 'Midnight', phone: '13900139000' });
    for (const time of ['2026-11-03T08:00:01+08:00', '2026-11-03T07:59:59+08:00', '2026-11-03T08:00:02+08:00']) {
      now = at(time);
      await engine.sendEvent(c.id, { type: 'note', actor: actor('b1.staff'), expectedVersion: (await store.getCase(c.id))!.version });
    }
    expect((await store.dayAnchors()).map((a) => [a.day, a.events])).toEqual([['2026-11-02', 2], ['2026-11-03', 2]]);
    await store.close();
    // then each day's anchor is the refold of its events
    expect(await audit()).toMatchObject({ code: 0, out: ['ok: 4 events, 1 cases, 2 days'] });
  });

  it('names a case whose current state no longer matches its history', async () => {
    const db = new Database(dbFile);
    db.prepare(`UPDATE cases SET version = version + 1, record = json_set(record, '$.version', version + 1) WHERE id = ?`).run(caseIds[0]);
    db.prepare(`UPDATE cases SET record = json_set(record, '$.activeStates', json('["closed"]')) WHERE id = ?`).run(caseIds[1]);
    db.close();
    const result = await audit();
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toContain(`case ${caseIds[0]}, seq 3 (MISSING_EVENT)`);
    expect(result.err.join('\n')).toContain(`case ${caseIds[1]}, seq 3 (STATE_MISMATCH)`);
  });

  it('says so when there is no database', async () => {
    const empty = join(root, 'nothing-here');
    mkdirSync(empty, { recursive: true });
    const err: string[] = [];
    const code = await main(['audit', 'verify', '--data', empty], { out: () => {}, err: (l) => err.push(l) });
    expect(code).toBe(1);
    expect(err[0]).toMatch(/no such database/);
  });
});
